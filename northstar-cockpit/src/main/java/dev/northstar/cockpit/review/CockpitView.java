package dev.northstar.cockpit.review;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * Everything the CDO cockpit and the monthly review show, for one month: the portfolio, the KPIs, the costs and
 * budgets, the risks and the readiness. A plain value: the console page, the review's HTML and its PDF all render the
 * same view.
 *
 * @param asOf when the figures were read
 * @param period the month reviewed
 * @param useCases the use-case portfolio
 * @param kpis platform and business KPIs
 * @param costs costs attributed over the period
 * @param budgets budgets with what was spent against them
 * @param risks risks of the use cases
 * @param readiness the readiness checklist, 100-day plan and maturity score
 */
public record CockpitView(Instant asOf, YearMonth period, List<UseCaseTile> useCases, List<KpiTile> kpis,
        List<CostLine> costs, List<BudgetLine> budgets, List<RiskLine> risks, Readiness readiness) {
    public CockpitView {
        requireNonNull(asOf, "asOf is null");
        requireNonNull(period, "period is null");
        useCases = List.copyOf(useCases);
        kpis = List.copyOf(kpis);
        costs = List.copyOf(costs);
        budgets = List.copyOf(budgets);
        risks = List.copyOf(risks);
        requireNonNull(readiness, "readiness is null");
    }

    /** A month with nothing in it yet: no portfolio, KPIs, costs or risks, and no readiness items. */
    public static CockpitView empty(Instant asOf, YearMonth period) {
        return new CockpitView(asOf, period, List.of(), List.of(), List.of(), List.of(), List.of(),
                Readiness.of(List.of()));
    }

    /** The same view with another readiness. */
    public CockpitView withReadiness(Readiness newReadiness) {
        return new CockpitView(asOf, period, useCases, kpis, costs, budgets, risks, newReadiness);
    }

    /** Use cases at one stage of the pipeline, in portfolio order. */
    public List<UseCaseTile> atStage(PipelineStage stage) {
        return useCases.stream().filter(useCase -> useCase.stage() == stage).toList();
    }

    /** Cost lines of one dimension, largest first. */
    public List<CostLine> costsBy(String dimension) {
        return costs.stream().filter(line -> line.dimension().equals(dimension))
                .sorted((left, right) -> Double.compare(right.amount(), left.amount())).toList();
    }

    /** The risks ranked by likelihood × severity, highest first, at most {@code limit}. */
    public List<RiskLine> topRisks(int limit) {
        return risks.stream().sorted((left, right) -> Integer.compare(right.score(), left.score()))
                .limit(limit).toList();
    }
}
