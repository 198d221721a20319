package dev.northstar.lake;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.PartitionField;
import dev.northstar.spi.schema.SortField;
import dev.northstar.spi.schema.TableId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Lakehouse#describe} tells about a table.
 *
 * @param id the table
 * @param columns top-level columns with their Iceberg field ids
 * @param partitioning partition spec
 * @param sortOrder sort order
 * @param location table location in the warehouse
 * @param properties table properties (includes {@code comment} for the description)
 * @param currentSnapshot current snapshot, empty for a table never written
 * @param totalRecords rows in the current snapshot
 * @param totalDataFiles data files in the current snapshot
 * @param totalBytes bytes of data files in the current snapshot
 */
public record TableInfo(
        TableId id,
        List<ColumnInfo> columns,
        List<PartitionField> partitioning,
        List<SortField> sortOrder,
        String location,
        Map<String, String> properties,
        Optional<SnapshotInfo> currentSnapshot,
        long totalRecords,
        long totalDataFiles,
        long totalBytes) {
    public TableInfo {
        requireNonNull(id, "id is null");
        columns = List.copyOf(columns);
        partitioning = List.copyOf(partitioning);
        sortOrder = List.copyOf(sortOrder);
        requireNonNull(location, "location is null");
        properties = Map.copyOf(properties);
        requireNonNull(currentSnapshot, "currentSnapshot is null");
    }

    /**
     * A column as stored in Iceberg.
     *
     * @param fieldId Iceberg field id, stable across renames
     * @param name current name
     * @param type type text, as {@link dev.northstar.spi.schema.ColumnType#parse} reads it
     * @param required whether nulls are rejected
     * @param doc description
     */
    public record ColumnInfo(int fieldId, String name, String type, boolean required, String doc) {}
}
