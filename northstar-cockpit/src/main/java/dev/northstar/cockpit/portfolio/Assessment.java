package dev.northstar.cockpit.portfolio;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A use case in force, scored, placed and costed: what the portfolio lists.
 *
 * @param useCase the use case
 * @param version its version in force
 * @param appliedBy who applied that version
 * @param appliedAt when
 * @param rank its place in the portfolio, 1 first: by priority (impact × feasibility), then base-scenario ROI (none
 *     last), then id
 * @param businessCase its computed business case, if it declares one
 */
public record Assessment(UseCase useCase, long version, String appliedBy, Instant appliedAt, int rank,
        Optional<BusinessCaseResult> businessCase) {

    public Assessment {
        requireNonNull(useCase, "useCase is null");
        requireNonNull(appliedBy, "appliedBy is null");
        requireNonNull(appliedAt, "appliedAt is null");
        requireNonNull(businessCase, "businessCase is null");
    }

    /** The mean of the impact criteria. */
    public BigDecimal impactScore() {
        return useCase.impact().score();
    }

    /** The mean of the feasibility criteria. */
    public BigDecimal feasibilityScore() {
        return useCase.feasibility().score();
    }

    /** Its quadrant. */
    public Quadrant quadrant() {
        return useCase.quadrant();
    }

    /** The base scenario's ROI, if it has a business case with costs. */
    public Optional<BigDecimal> baseRoi() {
        return businessCase.flatMap(result -> result.base().roi());
    }

    Assessment ranked(int newRank) {
        return new Assessment(useCase, version, appliedBy, appliedAt, newRank, businessCase);
    }
}
