package dev.northstar.cockpit.review;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A use case of the portfolio as the cockpit shows it: its scores and place in the impact × feasibility matrix, its
 * stage in the pipeline and the figures of its business case (base scenario).
 *
 * @param id the use case's id, as in {@code /api/v1/usecases/{id}}
 * @param title its title
 * @param domain business domain or sector
 * @param lever value lever: {@code innovation}, {@code competitiveness} or {@code optimisation}
 * @param sponsor executive sponsor, empty when none is named
 * @param stage stage in the pipeline
 * @param impact impact score, 1 to 5
 * @param feasibility feasibility score, 1 to 5
 * @param quadrant label of its quadrant, e.g. {@code quick-win}, {@code core-bet}, {@code exploration}
 * @param roi return on investment over the horizon, as a ratio (0.5 is 50 %), when computed
 * @param paybackMonths months until cumulated benefits cover the costs, when they ever do
 * @param npv net present value, when computed
 * @param annualBenefit annual benefit of the base scenario, when declared
 * @param currency currency of the amounts (ISO 4217)
 * @param northStarMetric name of the North Star metric, empty when none is defined
 * @param hasBusinessCase whether a business case is declared
 */
public record UseCaseTile(String id, String title, String domain, String lever, Optional<String> sponsor,
        PipelineStage stage, double impact, double feasibility, String quadrant, OptionalDouble roi,
        OptionalDouble paybackMonths, OptionalDouble npv, OptionalDouble annualBenefit, String currency,
        Optional<String> northStarMetric, boolean hasBusinessCase) {
    public UseCaseTile {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(lever, "lever is null");
        requireNonNull(sponsor, "sponsor is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(quadrant, "quadrant is null");
        requireNonNull(roi, "roi is null");
        requireNonNull(paybackMonths, "paybackMonths is null");
        requireNonNull(npv, "npv is null");
        requireNonNull(annualBenefit, "annualBenefit is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(northStarMetric, "northStarMetric is null");
        checkScore(id, "impact", impact);
        checkScore(id, "feasibility", feasibility);
    }

    private static void checkScore(String id, String name, double score) {
        if (!(score >= 1 && score <= 5)) {
            throw new IllegalArgumentException("Use case " + id + ": " + name + " score " + score
                    + " is outside 1 to 5");
        }
    }
}
