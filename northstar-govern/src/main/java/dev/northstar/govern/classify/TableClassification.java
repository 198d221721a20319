package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.util.List;
import java.util.Optional;

/**
 * The effective classification of a table's columns.
 *
 * @param table the table
 * @param contract the active contract, as {@code id version}, if a contract governs the table
 * @param lastScan the latest scan, if the table was scanned
 * @param columns every column of the table, in table order
 */
public record TableClassification(TableId table, Optional<String> contract, Optional<TableScan> lastScan,
        List<ColumnClassification> columns) {
    public TableClassification {
        requireNonNull(table, "table is null");
        requireNonNull(contract, "contract is null");
        requireNonNull(lastScan, "lastScan is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }
}
