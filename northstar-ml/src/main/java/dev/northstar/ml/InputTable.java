package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.util.List;

/**
 * Lineage of a model version: a table it was trained from, the Iceberg snapshot read, and the columns used.
 *
 * @param table the table
 * @param snapshotId the snapshot read; time travel to it re-reads exactly the same rows
 * @param columns the columns read (features, label, timestamp, protected attributes)
 */
public record InputTable(TableId table, long snapshotId, List<String> columns) {
    public InputTable {
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
    }
}
