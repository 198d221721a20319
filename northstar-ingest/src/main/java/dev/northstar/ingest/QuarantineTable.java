package dev.northstar.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The quarantine table of a product: {@code domain.<table>__quarantine}, created on first use. Its rows are read
 * in one way only, {@link #read} (and {@link #runs} for counts per run), by the CLI, the server and the replay.
 */
public final class QuarantineTable {
    static final String SUFFIX = "__quarantine";

    /**
     * Raw values are one JSON text column rather than one column per source column, so the quarantine table never
     * needs evolving when sources or the product change, and rows of every source fit.
     */
    static final TableSchema SCHEMA = TableSchema.of(
            Column.parse("_raw_values:string"),
            Column.parse("_raw_line:string"),
            Column.parse("_source:string"),
            Column.parse("_line:long"),
            Column.parse("_record:long"),
            Column.parse("_reasons:string"),
            Column.parse("_run_id:string"),
            Column.parse("_ingested_at:timestamptz"),
            Column.parse("_status:string"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private QuarantineTable() {}

    /**
     * The quarantine table of a product.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} when {@code product} is itself a quarantine table
     */
    public static TableId of(TableId product) {
        if (product.name().endsWith(SUFFIX)) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    product + " is a quarantine table, not a product", "Name the product itself");
        }
        return new TableId(product.domain(), product.name() + SUFFIX);
    }

    static TableId ensure(Lakehouse lake, TableId product) {
        TableId quarantine = of(product);
        if (!lake.exists(quarantine)) {
            try {
                lake.createTable(quarantine, TableDefinition.of(SCHEMA));
            } catch (NorthstarException e) {
                if (e.code() != ErrorCode.TABLE_ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        return quarantine;
    }

    /**
     * Rows of a product's quarantine table matching the filter, in the order they were quarantined (time, run,
     * line, record); empty when the product has no quarantine table yet.
     *
     * @param limit most rows returned, at least 1 ({@link Integer#MAX_VALUE} for all)
     */
    public static List<QuarantinedRow> read(Lakehouse lake, TableId product, QuarantineFilter filter, int limit) {
        NorthstarException.checkArgument(limit >= 1, "limit must be at least 1, got %s", limit);
        TableId quarantine = of(product);
        if (!lake.exists(quarantine)) {
            return List.of();
        }
        List<List<Object>> rows = lake.query("SELECT _run_id, _status, _source, _line, _record, _raw_values,"
                        + " _raw_line, _reasons, _ingested_at FROM " + quarantine + where(filter)
                        + " ORDER BY _ingested_at, _run_id, _line NULLS LAST, _record"
                        + (limit == Integer.MAX_VALUE ? "" : " LIMIT " + limit),
                QueryOptions.defaults().withMaxRows(limit)).rows();
        List<QuarantinedRow> result = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            result.add(new QuarantinedRow(text(row.get(0)), QuarantineStatus.of(text(row.get(1))),
                    text(row.get(2)), number(row.get(3)), number(row.get(4)),
                    Optional.ofNullable(row.get(5)).map(Object::toString),
                    Optional.ofNullable(row.get(6)).map(Object::toString), reasons(text(row.get(7))),
                    Optional.ofNullable(row.get(8)).map(QuarantineTable::instant)));
        }
        return List.copyOf(result);
    }

    /**
     * How many rows each run left in each status, in the order the runs quarantined them; empty when the product
     * has no quarantine table yet.
     */
    public static List<QuarantineRun> runs(Lakehouse lake, TableId product) {
        TableId quarantine = of(product);
        if (!lake.exists(quarantine)) {
            return List.of();
        }
        return lake.query("SELECT _run_id, _status, count(*), min(_ingested_at), max(_ingested_at), min(_source)"
                        + " FROM " + quarantine + " GROUP BY _run_id, _status"
                        + " ORDER BY min(_ingested_at), _run_id, _status",
                QueryOptions.defaults().withMaxRows(Integer.MAX_VALUE)).rows().stream()
                .map(row -> new QuarantineRun(text(row.get(0)), QuarantineStatus.of(text(row.get(1))),
                        ((Number) row.get(2)).longValue(), Optional.ofNullable(row.get(3)).map(QuarantineTable::instant),
                        Optional.ofNullable(row.get(4)).map(QuarantineTable::instant), text(row.get(5))))
                .toList();
    }

    private static String where(QuarantineFilter filter) {
        List<String> conditions = new ArrayList<>();
        if (filter.statuses().size() < QuarantineStatus.values().length) {
            conditions.add("_status IN (" + String.join(", ", filter.statuses().stream().sorted()
                    .map(status -> "'" + status.text() + "'").toList()) + ")");
        }
        filter.runId().ifPresent(run -> conditions.add("_run_id = '" + run.replace("'", "''") + "'"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The stored reasons: a JSON array of {rule, column, message}; a text that is not JSON is kept whole. */
    static List<QuarantineReason> reasons(String json) {
        if (json.isEmpty()) {
            return List.of();
        }
        try {
            List<QuarantineReason> reasons = new ArrayList<>();
            for (JsonNode reason : JSON.readTree(json)) {
                reasons.add(new QuarantineReason(reason.path("rule").asText(""), reason.path("column").asText(""),
                        reason.path("message").asText("")));
            }
            return List.copyOf(reasons);
        } catch (IOException e) {
            return List.of(new QuarantineReason("", "", json));
        }
    }

    /** The stored form of reasons, as the validation plan writes them: {@code [{"rule":…,"column":…,"message":…}]}. */
    static String reasonsJson(List<QuarantineReason> reasons) {
        var array = JSON.createArrayNode();
        for (QuarantineReason reason : reasons) {
            array.addObject().put("rule", reason.rule()).put("column", reason.column()).put("message",
                    reason.message());
        }
        return array.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Optional<Long> number(Object value) {
        return value instanceof Number number ? Optional.of(number.longValue()) : Optional.empty();
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return OffsetDateTime.parse(value.toString().replace(' ', 'T')).toInstant();
    }
}
