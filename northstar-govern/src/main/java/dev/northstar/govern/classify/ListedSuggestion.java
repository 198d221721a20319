package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A suggestion as the review queue lists it, beside the contract's say on its column.
 *
 * @param suggestion the suggestion
 * @param contractClassification the {@code classification} the active contract gives the column, if any
 * @param contradictsContract whether the contract's classification excludes the suggested class (e.g. the contract
 *     says {@code public} or {@code anonymised}, or names other classes): the contract wins, the suggestion is still
 *     listed so a steward can fix one or the other
 */
public record ListedSuggestion(Suggestion suggestion, Optional<String> contractClassification,
        boolean contradictsContract) {
    public ListedSuggestion {
        requireNonNull(suggestion, "suggestion is null");
        requireNonNull(contractClassification, "contractClassification is null");
    }
}
