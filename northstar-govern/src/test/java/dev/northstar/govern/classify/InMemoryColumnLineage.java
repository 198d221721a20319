package dev.northstar.govern.classify;

import dev.northstar.govern.lineage.ColumnLineage;
import dev.northstar.govern.lineage.ColumnRef;
import dev.northstar.govern.lineage.DatasetRef;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Column lineage held in memory, built edge by edge: a real, small implementation for tests. */
final class InMemoryColumnLineage implements ColumnLineage {
    static final String NAMESPACE = "northstar://test-host";

    private final Map<ColumnRef, Set<ColumnRef>> inputs = new HashMap<>();

    /** A lake column, {@code domain.table.column}. */
    static ColumnRef column(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return new ColumnRef(new DatasetRef(NAMESPACE, qualified.substring(0, dot)), qualified.substring(dot + 1));
    }

    /** {@code output} is computed from {@code input}. */
    InMemoryColumnLineage edge(String input, String output) {
        return edge(column(input), column(output));
    }

    InMemoryColumnLineage edge(ColumnRef input, ColumnRef output) {
        inputs.computeIfAbsent(output, key -> new LinkedHashSet<>()).add(input);
        return this;
    }

    @Override
    public Map<ColumnRef, Set<ColumnRef>> inputsByColumn() {
        Map<ColumnRef, Set<ColumnRef>> copy = new HashMap<>();
        inputs.forEach((output, from) -> copy.put(output, Set.copyOf(from)));
        return Map.copyOf(copy);
    }
}
