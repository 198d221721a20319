package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one principal, for one purpose, may read of one table: whether at all, which columns are denied, which are
 * masked and how, which row filters apply (DuckDB SQL predicates over the table's columns, with the subject's
 * attributes already bound as literals), and why (the policies that decided, for denials and the simulator).
 *
 * @param table the table
 * @param allowed whether any of it may be read
 * @param deniedColumns columns that may not be read at all (lower case)
 * @param masks masked columns (lower case) and their masks
 * @param rowFilters predicates a row must satisfy, all of them
 * @param reasons human-readable decisions, e.g. {@code deny: no policy allows analysts to read banking.accounts}
 */
public record TableAccess(TableId table, boolean allowed, Set<String> deniedColumns, Map<String, ColumnMask> masks,
        List<String> rowFilters, List<String> reasons) {
    public TableAccess {
        requireNonNull(table, "table is null");
        deniedColumns = Set.copyOf(deniedColumns);
        masks = Map.copyOf(masks);
        rowFilters = List.copyOf(rowFilters);
        reasons = List.copyOf(reasons);
    }

    /** Everything readable, unmasked and unfiltered (for administrators and tests). */
    public static TableAccess unrestricted(TableId table, String reason) {
        return new TableAccess(table, true, Set.of(), Map.of(), List.of(), List.of(reason));
    }

    /** Nothing readable. */
    public static TableAccess denied(TableId table, String reason) {
        return new TableAccess(table, false, Set.of(), Map.of(), List.of(), List.of(reason));
    }
}
