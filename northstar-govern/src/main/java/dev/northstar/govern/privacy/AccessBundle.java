package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * Every row about a subject, as exported for an access request.
 *
 * @param requestId the request
 * @param subject the subject key value
 * @param exportedAt ISO instant
 * @param tables the rows per table
 */
public record AccessBundle(String requestId, String subject, String exportedAt, List<TableRows> tables) {
    public AccessBundle {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(exportedAt, "exportedAt is null");
        tables = List.copyOf(tables);
    }

    /** Rows found in all tables. */
    public long rowCount() {
        return tables.stream().mapToLong(table -> table.rows().size()).sum();
    }

    /**
     * The subject's rows of one table.
     *
     * @param table {@code domain.table}
     * @param kind PRODUCT, QUARANTINE or DERIVED
     * @param column the column matched
     * @param rows each row as column name to value (texts, numbers, booleans; other types as text)
     */
    public record TableRows(String table, String kind, String column, List<Map<String, Object>> rows) {
        public TableRows {
            rows = List.copyOf(rows);
        }
    }
}
