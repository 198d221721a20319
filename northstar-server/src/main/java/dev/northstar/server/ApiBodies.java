package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.QueryResult;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.TableInfo;
import dev.northstar.spi.schema.PartitionField;
import dev.northstar.spi.schema.SortField;
import dev.northstar.spi.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON bodies of the API. Each record is written by Jackson with snake_case names, and its JSON Schema in the
 * OpenAPI document is generated from the same record by {@link JsonSchemas}, so the two cannot drift apart.
 * {@code Optional} components may be {@code null}; all others are always present.
 */
final class ApiBodies {
    private ApiBodies() {}

    /** Who is calling. */
    record Me(String name, List<String> roles, Map<String, String> attributes) {
        static Me of(Principal principal) {
            return new Me(principal.name(), principal.roles().stream().sorted().toList(),
                    new TreeMap<>(principal.attributes()));
        }
    }

    /** Liveness: the process answers. */
    record Health(String status) {}

    /** Readiness: each dependency and whether it answered. */
    record Readiness(String status, Map<String, String> checks) {}

    /** A domain (an Iceberg namespace) and how many tables it holds. */
    record Domain(String name, int tables) {}

    record DomainList(List<Domain> domains) {}

    /** One line of the table list. */
    record TableSummary(
            String table,
            String domain,
            String name,
            long rows,
            long files,
            long bytes,
            Optional<Long> currentSnapshotId,
            Optional<Instant> lastCommitAt) {
        static TableSummary of(TableInfo info) {
            return new TableSummary(info.id().toString(), info.id().domain(), info.id().name(), info.totalRecords(),
                    info.totalDataFiles(), info.totalBytes(), info.currentSnapshot().map(SnapshotInfo::snapshotId),
                    info.currentSnapshot().map(SnapshotInfo::committedAt));
        }
    }

    record TableList(List<TableSummary> tables) {}

    /** A column with its Iceberg field id, stable across renames. */
    record TableColumn(int fieldId, String name, String type, boolean required, String doc) {
        static TableColumn of(TableInfo.ColumnInfo column) {
            return new TableColumn(column.fieldId(), column.name(), column.type(), column.required(), column.doc());
        }
    }

    /** One field of the partition spec. */
    record PartitionSpecField(String column, String transform) {
        static PartitionSpecField of(PartitionField field) {
            return new PartitionSpecField(field.column(), field.transform());
        }
    }

    /** One field of the sort order. */
    record SortOrderField(String column, String direction, String nulls) {
        static SortOrderField of(SortField field) {
            return new SortOrderField(field.column(), field.ascending() ? "asc" : "desc",
                    field.nullsFirst() ? "first" : "last");
        }
    }

    /** One Iceberg snapshot. */
    record Snapshot(
            long snapshotId,
            Optional<Long> parentId,
            Instant committedAt,
            String operation,
            boolean current,
            Optional<String> runId,
            long addedRecords,
            long totalRecords,
            Map<String, String> summary) {
        static Snapshot of(SnapshotInfo snapshot) {
            return new Snapshot(snapshot.snapshotId(), snapshot.parentId(), snapshot.committedAt(),
                    snapshot.operation(), snapshot.current(),
                    Optional.ofNullable(snapshot.summary().get(SnapshotInfo.RUN_ID)), snapshot.addedRecords(),
                    snapshot.totalRecords(), new TreeMap<>(snapshot.summary()));
        }
    }

    /** Everything about one table. */
    record TableDetail(
            String table,
            String domain,
            String name,
            String description,
            String location,
            List<TableColumn> columns,
            List<PartitionSpecField> partitioning,
            List<SortOrderField> sortOrder,
            Map<String, String> properties,
            Optional<Snapshot> currentSnapshot,
            long rows,
            long files,
            long bytes) {
        static TableDetail of(TableInfo info) {
            return new TableDetail(info.id().toString(), info.id().domain(), info.id().name(),
                    info.properties().getOrDefault("comment", ""), info.location(),
                    info.columns().stream().map(TableColumn::of).toList(),
                    info.partitioning().stream().map(PartitionSpecField::of).toList(),
                    info.sortOrder().stream().map(SortOrderField::of).toList(),
                    new TreeMap<>(info.properties()), info.currentSnapshot().map(Snapshot::of), info.totalRecords(),
                    info.totalDataFiles(), info.totalBytes());
        }
    }

    /** Snapshots of a table, oldest first. */
    record SnapshotHistory(String table, List<Snapshot> snapshots) {}

    /** A result column with its DuckDB type. */
    record ResultColumn(String name, String type) {}

    /**
     * Rows of a query or a preview. Values are JSON-friendly: numbers (decimals included) as numbers, times as ISO-8601
     * strings, binary as base64, NaN and infinities as strings.
     */
    record SqlResult(
            List<ResultColumn> columns,
            List<List<Object>> rows,
            int rowCount,
            boolean truncated,
            int scannedFiles,
            int totalFiles,
            Map<String, Long> snapshots,
            long millis) {
        static SqlResult of(QueryResult result) {
            return new SqlResult(
                    result.columns().stream().map(column -> new ResultColumn(column.name(), column.type())).toList(),
                    result.rows().stream().map(ResultValues::jsonRow).toList(),
                    result.rows().size(), result.truncated(), result.scannedFiles(), result.totalFiles(),
                    new TreeMap<>(result.snapshots()), result.millis());
        }
    }

    /**
     * A query to run.
     *
     * @param sql SQL naming tables {@code domain.table}
     * @param purpose the purpose the query declares; a table whose contract lists purposes needs one of them
     * @param snapshot tables pinned to a snapshot id, by {@code domain.table}
     * @param asOf read the other tables as they were at this instant
     * @param maxRows at most this many rows are returned
     */
    record SqlRequest(
            String sql,
            Optional<String> purpose,
            Optional<Map<String, Long>> snapshot,
            Optional<Instant> asOf,
            Optional<Integer> maxRows) {
        SqlRequest {
            purpose = purpose == null ? Optional.empty() : purpose;
            snapshot = snapshot == null ? Optional.empty() : snapshot;
            asOf = asOf == null ? Optional.empty() : asOf;
            maxRows = maxRows == null ? Optional.empty() : maxRows;
        }

        SqlRequest(String sql) {
            this(requireNonNull(sql, "sql is null"), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }
}
