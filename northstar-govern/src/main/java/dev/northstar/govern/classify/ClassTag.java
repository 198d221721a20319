package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.lineage.ColumnRef;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One class of a column's effective classification.
 *
 * @param classId e.g. {@code pii.email}; for the contract source, the contract's own word (e.g. {@code pii},
 *     {@code public})
 * @param source where it comes from
 * @param confidence the accepted suggestion's confidence (or the origin's, for a class propagated from one); empty
 *     for a contract's class
 * @param evidence the accepted suggestion's evidence (or the origin's); empty for a contract's class
 * @param suggestionId the accepted suggestion (or the origin's); empty for a contract's class
 * @param path for a propagated class, the columns it came through, from the origin to this column; empty otherwise
 */
public record ClassTag(String classId, ClassificationSource source, OptionalDouble confidence,
        Optional<Evidence> evidence, Optional<String> suggestionId, List<ColumnRef> path) {
    public ClassTag {
        requireNonNull(classId, "classId is null");
        requireNonNull(source, "source is null");
        requireNonNull(confidence, "confidence is null");
        requireNonNull(evidence, "evidence is null");
        requireNonNull(suggestionId, "suggestionId is null");
        path = List.copyOf(requireNonNull(path, "path is null"));
    }

    /** A class the contract declares. */
    static ClassTag contract(String classId) {
        return new ClassTag(classId, ClassificationSource.CONTRACT, OptionalDouble.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    /** The class of an accepted suggestion. */
    static ClassTag accepted(Suggestion suggestion) {
        return new ClassTag(suggestion.dataClass().id(), ClassificationSource.ACCEPTED,
                OptionalDouble.of(suggestion.confidence()), Optional.of(suggestion.evidence()),
                Optional.of(suggestion.id()), List.of());
    }

    /** {@code origin}'s class, propagated along {@code path}. */
    ClassTag propagated(List<ColumnRef> through) {
        return new ClassTag(classId, ClassificationSource.PROPAGATED, confidence, evidence, suggestionId, through);
    }
}
