package dev.northstar.cockpit.review;

import static java.util.Objects.requireNonNull;

/**
 * A risk of a use case, on the seed's matrix: a category scored by likelihood × severity.
 *
 * @param useCaseId the use case
 * @param useCaseTitle its title
 * @param category {@code legal}, {@code ethical}, {@code security}, {@code operational}, {@code financial} or
 *     {@code reputational}
 * @param description what could happen
 * @param likelihood 1 (rare) to 5 (almost certain)
 * @param severity 1 (minor) to 5 (critical)
 * @param mitigation what is done about it, may be empty
 */
public record RiskLine(String useCaseId, String useCaseTitle, String category, String description, int likelihood,
        int severity, String mitigation) {
    public RiskLine {
        requireNonNull(useCaseId, "useCaseId is null");
        requireNonNull(useCaseTitle, "useCaseTitle is null");
        requireNonNull(category, "category is null");
        requireNonNull(description, "description is null");
        requireNonNull(mitigation, "mitigation is null");
        if (likelihood < 1 || likelihood > 5 || severity < 1 || severity > 5) {
            throw new IllegalArgumentException("Risk of " + useCaseId + ": likelihood " + likelihood
                    + " and severity " + severity + " must both be 1 to 5");
        }
    }

    /** Likelihood × severity, 1 to 25. */
    public int score() {
        return likelihood * severity;
    }
}
