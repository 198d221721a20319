package dev.northstar.lake;

import java.util.List;
import java.util.Map;

/**
 * Rows of a query. Values are Java values: {@code Boolean}, {@code Integer}, {@code Long}, {@code Float},
 * {@code Double}, {@code BigDecimal}, {@code String}, {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime},
 * {@code OffsetDateTime}, {@code UUID}, {@code byte[]}, {@code List} and {@code Map} (structs), or null.
 *
 * @param columns result columns
 * @param rows rows, at most the requested limit
 * @param truncated whether the query produced more rows than returned
 * @param scannedFiles data files read, after pruning, over all referenced tables
 * @param totalFiles data files of the snapshots read, before pruning
 * @param snapshots snapshot read for each referenced table ({@code domain.table} → id; absent for empty tables)
 * @param millis wall time
 */
public record QueryResult(
        List<Column> columns,
        List<List<Object>> rows,
        boolean truncated,
        int scannedFiles,
        int totalFiles,
        Map<String, Long> snapshots,
        long millis) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        snapshots = Map.copyOf(snapshots);
    }

    /**
     * A result column.
     *
     * @param name column label
     * @param type DuckDB type name, e.g. {@code BIGINT}, {@code DECIMAL(12,2)}
     */
    public record Column(String name, String type) {}
}
