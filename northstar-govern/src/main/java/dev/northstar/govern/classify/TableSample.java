package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.TableInfo;
import dev.northstar.spi.schema.TableId;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Up to N rows of a table read through {@link Lakehouse#query} (never its files), as text per column. The rows are
 * the first N by a hash of their values, at a pinned snapshot: the same data always gives the same sample, and rows
 * come from all over the table rather than from the first file.
 *
 * @param table the table
 * @param snapshotId the snapshot read; empty for a table never written
 * @param rows rows read
 * @param values the non-null values of each column as text, columns in table order; nested values (lists, structs,
 *     bytes) are left out
 */
record TableSample(TableId table, Optional<Long> snapshotId, int rows, Map<String, List<String>> values) {
    TableSample {
        requireNonNull(table, "table is null");
        requireNonNull(snapshotId, "snapshotId is null");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Reads the sample; fails with {@code TABLE_NOT_FOUND} (naming close matches) for an unknown table. */
    static TableSample read(Lakehouse lake, TableId table, int maxRows) {
        TableInfo info = lake.describe(table);
        Map<String, List<String>> values = new LinkedHashMap<>();
        info.columns().forEach(column -> values.put(column.name(), new ArrayList<>()));
        Optional<Long> snapshot = info.currentSnapshot().map(SnapshotInfo::snapshotId);
        if (snapshot.isEmpty() || info.columns().isEmpty()) {
            return new TableSample(table, snapshot, 0, values);
        }
        String columns = info.columns().stream().map(column -> quote(column.name()))
                .collect(Collectors.joining(", "));
        String sql = "SELECT " + columns + " FROM " + table + " ORDER BY hash(" + columns + ") LIMIT " + maxRows;
        QueryResult result = lake.query(sql, QueryOptions.defaults().withSnapshot(table, snapshot.get())
                .withMaxRows(maxRows));
        List<String> names = info.columns().stream().map(TableInfo.ColumnInfo::name).toList();
        for (List<Object> row : result.rows()) {
            for (int i = 0; i < names.size(); i++) {
                String text = text(row.get(i));
                if (text != null) {
                    values.get(names.get(i)).add(text);
                }
            }
        }
        return new TableSample(table, snapshot, result.rows().size(), values);
    }

    private static String text(Object value) {
        if (value == null || value instanceof byte[] || value instanceof List || value instanceof Map) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof TemporalAccessor || value instanceof Number || value instanceof CharSequence
                || value instanceof Boolean || value instanceof UUID) {
            return value.toString();
        }
        return null;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
