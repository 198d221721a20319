package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The effective classification of one column: contract › accepted suggestions › propagated.
 *
 * @param column the column
 * @param classes the column's classes: the contract's alone when it classifies the column; otherwise the accepted
 *     suggestions and the classes propagated from upstream personal columns (a class both accepted and propagated
 *     is listed once, as accepted)
 * @param contractClassification the contract's {@code classification} of the column, if any
 * @param anonymised whether the contract declares the column anonymised (no class propagates into it)
 * @param suggestions every suggestion on the column, any status, marked when they contradict the contract
 */
public record ColumnClassification(String column, List<ClassTag> classes, Optional<String> contractClassification,
        boolean anonymised, List<ListedSuggestion> suggestions) {
    public ColumnClassification {
        requireNonNull(column, "column is null");
        classes = List.copyOf(requireNonNull(classes, "classes is null"));
        requireNonNull(contractClassification, "contractClassification is null");
        suggestions = List.copyOf(requireNonNull(suggestions, "suggestions is null"));
    }

    /** Whether any class is personal or health data. */
    public boolean personal() {
        return classes.stream().anyMatch(tag -> ContractClassification.isPersonal(tag.classId()));
    }
}
