package dev.northstar.govern.catalog;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.QueryResult;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Who read which table when ({@code ns_catalog_usage}, migration V5), written by the query paths (SQL API, console,
 * CLI) and the table preview, and aggregated per table for the catalog. Thread-safe.
 */
public final class UsageLog {
    /** The window usage is counted over. */
    public static final Duration WINDOW = Duration.ofDays(30);

    /** Where a read came from. */
    public enum Channel {
        API,
        CONSOLE,
        CLI,
        PREVIEW
    }

    private final MetadataDatabase database;
    private final Clock clock;

    public UsageLog(MetadataDatabase database) {
        this(database, Clock.systemUTC());
    }

    /** With the clock that stamps reads (tests). */
    public UsageLog(MetadataDatabase database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The tables a query read, from the snapshots it reports (the lake's own SQL analysis resolved them). A table
     * read at a past snapshot counts as a read of the table; an empty table (no snapshot) is not reported by the lake
     * and so is not counted.
     */
    public static Set<TableId> tablesRead(QueryResult result) {
        requireNonNull(result, "result is null");
        Set<TableId> tables = new LinkedHashSet<>();
        for (String key : result.snapshots().keySet()) {
            int timeTravel = key.indexOf("__at_");
            tables.add(TableId.parse(timeTravel < 0 ? key : key.substring(0, timeTravel)));
        }
        return tables;
    }

    /** Records that a principal read the tables of a query result. */
    public void recordQuery(String principal, Channel channel, QueryResult result) {
        record(principal, channel, tablesRead(result));
    }

    /** Records that a principal read these tables now. */
    public void record(String principal, Channel channel, Set<TableId> tables) {
        requireNonNull(principal, "principal is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(tables, "tables is null");
        NorthstarException.checkArgument(!principal.isBlank(), "Who read %s must be named", tables);
        if (tables.isEmpty()) {
            return;
        }
        long now = clock.millis();
        database.call("record reads of " + tables, handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO ns_catalog_usage (table_name, principal, channel,"
                    + " accessed_at) VALUES (:table, :principal, :channel, :at)");
            for (TableId table : tables) {
                batch.bind("table", table.toString())
                        .bind("principal", principal)
                        .bind("channel", channel.name())
                        .bind("at", now)
                        .add();
            }
            return batch.execute();
        });
    }

    /** Usage of one table over the last {@link #WINDOW}. */
    public TableUsage usage(TableId table) {
        requireNonNull(table, "table is null");
        return usageByTable().getOrDefault(table.toString(), TableUsage.NONE);
    }

    /** Usage of every table read over the last {@link #WINDOW}, by {@code domain.table}. */
    public Map<String, TableUsage> usageByTable() {
        long since = clock.instant().minus(WINDOW).toEpochMilli();
        return database.call("aggregate table usage", handle -> {
            Map<String, TableUsage> usage = new HashMap<>();
            for (Map.Entry<String, TableUsage> entry : handle.createQuery("SELECT table_name, count(*) AS reads, max(accessed_at) AS last_access,"
                            + " count(DISTINCT principal) AS users FROM ns_catalog_usage WHERE accessed_at >= :since"
                            + " GROUP BY table_name")
                    .bind("since", since)
                    .map((row, context) -> Map.entry(row.getString("table_name"), new TableUsage(
                            row.getLong("reads"), Optional.of(Instant.ofEpochMilli(row.getLong("last_access"))),
                            row.getLong("users"))))
                    .list()) {
                usage.put(entry.getKey(), entry.getValue());
            }
            return Map.copyOf(usage);
        });
    }

    /**
     * How much a table is read.
     *
     * @param queries reads over the window
     * @param lastAccess the latest read, empty when never read in the window
     * @param distinctUsers distinct principals who read it over the window
     */
    public record TableUsage(long queries, Optional<Instant> lastAccess, long distinctUsers) {
        /** Not read. */
        public static final TableUsage NONE = new TableUsage(0, Optional.empty(), 0);

        public TableUsage {
            requireNonNull(lastAccess, "lastAccess is null");
        }
    }
}
