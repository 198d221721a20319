package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An ODCS relationship (v3.1.0), usually a foreign key. On a property, {@code from} is implicit (the property itself)
 * and is empty here; on a schema object both sides are listed, as {@code object.property} references.
 *
 * @param type {@code foreignKey} (the default) or another kind named by the contract
 * @param from referencing elements, {@code object.property}
 * @param to referenced elements, {@code object.property}
 * @param position where the relationship is
 */
public record Relationship(String type, List<String> from, List<String> to, Position position) {
    public Relationship {
        type = type == null || type.isEmpty() ? "foreignKey" : type;
        from = List.copyOf(requireNonNull(from, "from is null"));
        to = List.copyOf(requireNonNull(to, "to is null"));
        requireNonNull(position, "position is null");
    }
}
