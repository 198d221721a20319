package dev.northstar.lake;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to run a query.
 *
 * @param snapshots tables pinned to a snapshot id (time travel by version)
 * @param asOf read every other table as it was at this instant (time travel by timestamp); empty for current
 * @param maxRows at most this many rows are returned; {@link QueryResult#truncated()} tells if more existed
 * @param guard what the query may see of each table it reads (the governed gateway's policies); empty for all of it
 */
public record QueryOptions(Map<TableId, Long> snapshots, Optional<Instant> asOf, int maxRows,
        Optional<TableGuard> guard) {
    /** Default row limit of interactive queries. */
    public static final int DEFAULT_MAX_ROWS = 10_000;

    public QueryOptions {
        snapshots = Map.copyOf(requireNonNull(snapshots, "snapshots is null"));
        requireNonNull(asOf, "asOf is null");
        requireNonNull(guard, "guard is null");
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows is negative");
        }
    }

    /** Current snapshots, at most {@link #DEFAULT_MAX_ROWS} rows. */
    public static QueryOptions defaults() {
        return new QueryOptions(Map.of(), Optional.empty(), DEFAULT_MAX_ROWS, Optional.empty());
    }

    public QueryOptions withSnapshot(TableId table, long snapshotId) {
        Map<TableId, Long> pinned = new HashMap<>(snapshots);
        pinned.put(table, snapshotId);
        return new QueryOptions(pinned, asOf, maxRows, guard);
    }

    public QueryOptions withAsOf(Instant instant) {
        return new QueryOptions(snapshots, Optional.of(instant), maxRows, guard);
    }

    /** {@code Integer.MAX_VALUE} for no limit. */
    public QueryOptions withMaxRows(int rows) {
        return new QueryOptions(snapshots, asOf, rows, guard);
    }

    /** Every table the query reads is seen through the guard's projection. */
    public QueryOptions withGuard(TableGuard tableGuard) {
        return new QueryOptions(snapshots, asOf, maxRows, Optional.of(tableGuard));
    }
}
