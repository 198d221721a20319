package dev.northstar.cockpit.finops;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * The audit log's reads rolled up by the hour ({@code ns_cockpit_table_reads}, {@code ns_cockpit_reader_hours}):
 * what cost attribution and the adoption and waste KPIs read, so that a cockpit view costs a few rows per hour and
 * table instead of parsing every audited read of its period. {@link #catchUp()} rolls up the entries appended since
 * the last call; each batch and the watermark move in one transaction, and a batch another process rolled up first is
 * rolled back and read again, so nothing is counted twice. Reads are counted in the hour they were recorded in: a
 * period that starts or ends inside an hour counts that hour's reads whole when the hour starts inside the period.
 */
public final class UsageRollup {
    /** An hour, in milliseconds. */
    public static final long HOUR = 3_600_000L;
    /** The channel of business KPI evaluations: their reads are not people using the platform. */
    public static final String KPI_CHANNEL = "kpi";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 5_000;
    private static final int ATTEMPTS = 20;

    private final MetadataDatabase database;

    public UsageRollup(MetadataDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * A table's reads.
     *
     * @param reads allowed data reads of it
     * @param computeMillis engine time of those reads, each shared equally by the tables it read
     */
    public record TableReads(long reads, double computeMillis) {}

    /**
     * A table's reads in one hour.
     *
     * @param hour the hour's start, epoch milliseconds
     * @param table {@code domain.table}
     * @param reads allowed data reads of it
     * @param computeMillis their engine time, each read's shared equally by the tables it read
     */
    public record HourReads(long hour, String table, long reads, double computeMillis) {}

    /** Rolls up what the audit log gained since the last call; how many entries it read. */
    public synchronized long catchUp() {
        long rolled = 0;
        for (int attempt = 1; ; ) {
            long head = database.call("read the head of the audit log", handle -> handle.createQuery(
                    "SELECT COALESCE(MAX(sequence), 0) FROM ns_audit_log").mapTo(Long.class).one());
            long watermark = watermark();
            if (watermark >= head) {
                return rolled;
            }
            try {
                rolled += database.call("roll up the audit log's reads", handle -> handle.inTransaction(
                        transaction -> rollUpBatch(transaction, watermark)));
            } catch (LostRace | NorthstarException e) {
                // Another process rolled up these entries first (a moved watermark, a duplicate hour row or a busy
                // database): read the new watermark and go on; a failure with the watermark where it was is real.
                if (e instanceof NorthstarException failure && watermark() == watermark) {
                    throw failure;
                }
                if (++attempt > ATTEMPTS) {
                    throw new NorthstarException(ErrorCode.UNAVAILABLE, "Could not roll up the audit log's reads: "
                            + ATTEMPTS + " attempts raced another process", "Retry; another process is rolling up");
                }
            }
        }
    }

    private long watermark() {
        return database.call("read the usage watermark", handle -> handle.createQuery(
                "SELECT last_sequence FROM ns_cockpit_usage_state WHERE id = 1").mapTo(Long.class).one());
    }

    private static long rollUpBatch(Handle transaction, long watermark) {
        Map<List<Object>, double[]> tables = new HashMap<>(); // (hour, table) -> reads, compute ms
        Map<List<Object>, long[]> readers = new HashMap<>(); // (hour, principal) -> reads, answered
        long[] last = {watermark};
        int[] count = {0};
        transaction.createQuery("SELECT sequence, recorded_at, principal, action, decision, resources, details"
                        + " FROM ns_audit_log WHERE sequence > :after ORDER BY sequence LIMIT " + BATCH)
                .bind("after", watermark)
                .map((row, context) -> {
                    last[0] = row.getLong("sequence");
                    count[0]++;
                    String action = row.getString("action");
                    boolean read = AuditEvent.DATA_READ.equals(action);
                    if (!read && !AuditEvent.DATA_DENIED.equals(action)) {
                        return null;
                    }
                    long hour = Math.floorDiv(row.getLong("recorded_at"), HOUR) * HOUR;
                    boolean allowed = read && "allowed".equals(row.getString("decision"));
                    JsonNode details = parse(row.getString("details"));
                    boolean kpi = KPI_CHANNEL.equals(details.path("channel").asText(""));
                    long[] reader = readers.computeIfAbsent(List.of(hour, row.getString("principal")),
                            ignored -> new long[2]);
                    reader[0] += kpi ? 0 : 1;
                    reader[1] += allowed ? 1 : 0;
                    if (allowed) {
                        List<String> tablesRead = new ArrayList<>();
                        for (JsonNode resource : parse(row.getString("resources"))) {
                            String text = resource.asText();
                            if (text.chars().filter(c -> c == '.').count() == 1) {
                                tablesRead.add(text);
                            }
                        }
                        double millis = millis(details.path(AuditEvent.DURATION_MS).asText("0"));
                        for (String table : tablesRead) {
                            double[] sums = tables.computeIfAbsent(List.of(hour, table), ignored -> new double[2]);
                            sums[0] += 1;
                            sums[1] += millis / tablesRead.size();
                        }
                    }
                    return null;
                })
                .forEach(ignored -> { });
        for (Map.Entry<List<Object>, double[]> entry : tables.entrySet()) {
            long hour = (Long) entry.getKey().get(0);
            String table = (String) entry.getKey().get(1);
            int updated = transaction.createUpdate("UPDATE ns_cockpit_table_reads SET reads = reads + :reads,"
                            + " compute_ms = compute_ms + :millis WHERE hour = :hour AND table_name = :table")
                    .bind("reads", (long) entry.getValue()[0]).bind("millis", entry.getValue()[1])
                    .bind("hour", hour).bind("table", table).execute();
            if (updated == 0) {
                transaction.createUpdate("INSERT INTO ns_cockpit_table_reads (hour, table_name, reads, compute_ms)"
                                + " VALUES (:hour, :table, :reads, :millis)")
                        .bind("reads", (long) entry.getValue()[0]).bind("millis", entry.getValue()[1])
                        .bind("hour", hour).bind("table", table).execute();
            }
        }
        for (Map.Entry<List<Object>, long[]> entry : readers.entrySet()) {
            long hour = (Long) entry.getKey().get(0);
            String principal = (String) entry.getKey().get(1);
            int updated = transaction.createUpdate("UPDATE ns_cockpit_reader_hours SET reads = reads + :reads,"
                            + " answered = answered + :answered WHERE hour = :hour AND principal = :principal")
                    .bind("reads", entry.getValue()[0]).bind("answered", entry.getValue()[1])
                    .bind("hour", hour).bind("principal", principal).execute();
            if (updated == 0) {
                transaction.createUpdate("INSERT INTO ns_cockpit_reader_hours (hour, principal, reads, answered)"
                                + " VALUES (:hour, :principal, :reads, :answered)")
                        .bind("reads", entry.getValue()[0]).bind("answered", entry.getValue()[1])
                        .bind("hour", hour).bind("principal", principal).execute();
            }
        }
        // Only the process that read this watermark may move it: another one that rolled up the same entries first
        // makes this update match nothing, and the whole batch is rolled back.
        int moved = transaction.createUpdate("UPDATE ns_cockpit_usage_state SET last_sequence = :last"
                        + " WHERE id = 1 AND last_sequence = :watermark")
                .bind("last", last[0]).bind("watermark", watermark).execute();
        if (moved != 1) {
            throw new LostRace();
        }
        return count[0];
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = json == null ? null : JSON.readTree(json);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            // An entry whose JSON does not parse counts as a read of nothing; audit verify reports it as edited.
            return JSON.createObjectNode();
        }
    }

    private static double millis(String text) {
        try {
            return text.isEmpty() ? 0 : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The tables' reads in each hour that starts in {@code [from, to)}. */
    public List<HourReads> hours(Instant from, Instant to) {
        catchUp();
        return database.call("read the tables' usage", handle -> handle.createQuery("SELECT hour, table_name, reads,"
                        + " compute_ms FROM ns_cockpit_table_reads WHERE hour >= :from AND hour < :to")
                .bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())
                .map((row, context) -> new HourReads(row.getLong("hour"), row.getString("table_name"),
                        row.getLong("reads"), row.getDouble("compute_ms")))
                .list());
    }

    /** Each table's reads in the hours that start in {@code [from, to)}. */
    public Map<String, TableReads> tables(Instant from, Instant to) {
        catchUp();
        Map<String, TableReads> reads = new TreeMap<>();
        database.call("read the tables' usage", handle -> handle.createQuery("SELECT table_name, SUM(reads) AS reads,"
                        + " SUM(compute_ms) AS compute_ms FROM ns_cockpit_table_reads WHERE hour >= :from"
                        + " AND hour < :to GROUP BY table_name")
                .bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())
                .map((row, context) -> Map.entry(row.getString("table_name"), new TableReads(row.getLong("reads"),
                        row.getDouble("compute_ms"))))
                .list())
                .forEach(entry -> reads.put(entry.getKey(), entry.getValue()));
        return reads;
    }

    /**
     * The end (last millisecond) of the last hour each table was read in, for tables read in an hour ending at or
     * after {@code since}.
     */
    public Map<String, Long> lastReads(Instant since) {
        catchUp();
        Map<String, Long> last = new TreeMap<>();
        database.call("read the tables' last reads", handle -> handle.createQuery("SELECT table_name, MAX(hour) AS hour"
                        + " FROM ns_cockpit_table_reads WHERE hour >= :since GROUP BY table_name")
                .bind("since", Math.floorDiv(since.toEpochMilli(), HOUR) * HOUR)
                .map((row, context) -> Map.entry(row.getString("table_name"), row.getLong("hour") + HOUR - 1))
                .list())
                .forEach(entry -> last.put(entry.getKey(), entry.getValue()));
        return last;
    }

    /** Audited reads, allowed or denied, outside the KPI channel, in the hours that start in {@code [from, to)}. */
    public long reads(Instant from, Instant to) {
        return readerSum("SUM(reads)", from, to);
    }

    /** Distinct principals with such a read in the hours that start in {@code [from, to)}. */
    public long readers(Instant from, Instant to) {
        return readerSum("COUNT(DISTINCT CASE WHEN reads > 0 THEN principal END)", from, to);
    }

    /** Allowed data reads on any channel (queries answered) in the hours that start in {@code [from, to)}. */
    public long answered(Instant from, Instant to) {
        return readerSum("SUM(answered)", from, to);
    }

    private long readerSum(String aggregate, Instant from, Instant to) {
        catchUp();
        return database.call("measure usage", handle -> handle.createQuery("SELECT COALESCE(" + aggregate + ", 0)"
                        + " FROM ns_cockpit_reader_hours WHERE hour >= :from AND hour < :to")
                .bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli()).mapTo(Long.class).one());
    }

    /** Another process moved the watermark first. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super("another process rolled up these entries first", null, false, false);
        }
    }
}
