package dev.northstar.cockpit.review;

import dev.northstar.lake.store.MetadataDatabase;
import java.time.Clock;
import java.time.YearMonth;

/** Builds the cockpit's view of a month from wherever the portfolio, KPIs and costs are kept. */
@FunctionalInterface
public interface CockpitViews {
    /**
     * The view of a month.
     *
     * @param period the month; the current one for the live cockpit
     * @return the view, with empty lists for what the platform does not hold yet
     */
    CockpitView view(YearMonth period);

    /**
     * What the platform measures by itself, without a portfolio: an empty portfolio, KPIs and costs, and the readiness
     * evaluated from the metadata database.
     *
     * @param database the metadata database
     * @param clock when figures are read
     */
    static CockpitViews platformOnly(MetadataDatabase database, Clock clock) {
        ReadinessEvaluator evaluator = new ReadinessEvaluator(database, clock);
        return period -> {
            CockpitView view = CockpitView.empty(clock.instant(), period);
            return view.withReadiness(evaluator.evaluate(view));
        };
    }
}
