package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The online side of the feature store: feature values of one entity as of a time, computed at lookup from the
 * entity's recent events kept in an {@link OnlineStore}, with the same semantics as the offline training sets
 * (events with {@code t - window <= event_time < t}; windows slide with time even without new events; an entity with
 * no event within the TTL is absent and gets the empty-window defaults).
 *
 * <p>Events reach the store from two places: {@link #load} reads the source table's events of the last TTL (so a
 * restarted server serves the same values as before, provided posted events also land in the source table), and
 * {@link #events} takes events posted to a stream. Both compute the views' inputs — columns and expressions — in
 * DuckDB, with the very SQL the offline path uses, so an expression means the same thing in training and serving.
 *
 * <p>Thread-safe.
 */
public final class OnlineFeatures implements AutoCloseable {
    /** Separates the key columns of a multi-column entity key in the store. */
    public static final String KEY_SEPARATOR = "\u001f";
    private static final int BATCH = 256;

    private final Lakehouse lake;
    private final OnlineStore store;
    private final Clock clock;
    private final Duration lookback;
    private final Map<String, ResolvedView> views = new ConcurrentHashMap<>();
    private final Map<String, List<ResolvedView>> streams = new ConcurrentHashMap<>();
    private final Connection duckdb;

    /**
     * @param lake where the views' source tables are
     * @param store where events are kept (not closed by {@link #close})
     * @param clock the time of lookups without an explicit time, and of initial loads
     * @param lookback how far before an entity's latest event lookups must stay exact (0 when only serving now;
     *     longer to answer {@link #get(String, List, Instant)} in the past, e.g. to compare with training sets)
     */
    public OnlineFeatures(Lakehouse lake, OnlineStore store, Clock clock, Duration lookback) {
        this.lake = requireNonNull(lake, "lake is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lookback = requireNonNull(lookback, "lookback is null");
        try {
            duckdb = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = duckdb.createStatement()) {
                // Expressions were checked already; this connection never needs files, extensions or other settings.
                statement.execute("SET TimeZone = 'UTC'");
                statement.execute("SET enable_external_access = false");
                statement.execute("SET lock_configuration = true");
            }
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot open DuckDB for online features: "
                    + e.getMessage(), null, e);
        }
    }

    /** The embedded default: an in-process store, the system clock, lookups exact from each entity's latest event. */
    public static OnlineFeatures embedded(Lakehouse lake) {
        return new OnlineFeatures(lake, new InMemoryOnlineStore(), Clock.systemUTC(), Duration.ZERO);
    }

    /** The store this serves from. */
    public OnlineStore store() {
        return store;
    }

    /**
     * Registers (or replaces) a view, binding it to its source table's columns. Its online state is empty until
     * {@link #load} or {@link #events}.
     *
     * @throws NorthstarException {@code INVALID_CONFIGURATION} when the view does not fit its source,
     *     {@code TABLE_NOT_FOUND}
     */
    public void register(FeatureView view) {
        ResolvedView resolved = ResolvedView.resolve(view, sql -> lake.query(sql, QueryOptions.defaults()).columns());
        synchronized (streams) {
            ResolvedView previous = views.put(view.name(), resolved);
            if (previous != null) {
                previous.view().stream().ifPresent(stream -> streams.get(stream).remove(previous));
            }
            view.stream().ifPresent(stream -> streams.computeIfAbsent(stream, name -> new CopyOnWriteArrayList<>())
                    .add(resolved));
        }
    }

    /** The registered views, by name. */
    public List<FeatureView> views() {
        return views.values().stream().map(ResolvedView::view)
                .sorted(java.util.Comparator.comparing(FeatureView::name)).toList();
    }

    /**
     * Replaces a view's online state with the source table's events of the last TTL (plus the lookback) before now.
     *
     * @return the number of events loaded
     */
    public long load(String view) {
        ResolvedView resolved = resolved(view);
        long since = micros(clock.instant()) - resolved.ttlMicros() - lookback.toNanos() / 1000;
        String sql = FeatureSql.onlineProjection(resolved, resolved.view().source().toString(),
                "epoch_us(" + FeatureSql.quote(resolved.view().timestamp()) + ") >= " + since) + " ORDER BY __t";
        QueryResult result = lake.query(sql, QueryOptions.defaults().withMaxRows(Integer.MAX_VALUE));
        store.clear(view);
        List<OnlineEvent> events = new ArrayList<>(Math.min(result.rows().size(), 10_000));
        for (List<Object> row : result.rows()) {
            events.add(event(resolved, row));
            if (events.size() == 10_000) {
                store.append(view, events, keep(resolved));
                events.clear();
            }
        }
        store.append(view, events, keep(resolved));
        return result.rows().size();
    }

    /**
     * Applies events posted to a stream to every view reading it (the server's {@code POST /api/v1/events/{stream}}).
     * Each event maps source column names to values (numbers, text, booleans, ISO-8601 times or {@code Instant}s);
     * values are cast to the source table's column types.
     *
     * @return the number of view updates (events × views reading the stream)
     * @throws NorthstarException {@code INVALID_ARGUMENT} naming the event and field that lacks a key or time, or
     *     whose value does not fit its column
     */
    public int events(String stream, List<Map<String, Object>> events) {
        requireNonNull(stream, "stream is null");
        requireNonNull(events, "events is null");
        int applied = 0;
        for (ResolvedView view : streams.getOrDefault(stream, List.of())) {
            List<OnlineEvent> projected = project(stream, view, events);
            store.append(view.view().name(), projected, keep(view));
            applied += projected.size();
        }
        return applied;
    }

    /** The features of an entity now (the clock's time). */
    public FeatureValues get(String view, List<?> entity) {
        return get(view, entity, clock.instant());
    }

    /**
     * The features of an entity as of a time: its events with {@code asOf - window <= time < asOf}.
     *
     * @param entity the entity key values, in the view's entity order
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown view, {@code INVALID_ARGUMENT} for a key
     *     with the wrong number of values
     */
    public FeatureValues get(String view, List<?> entity, Instant asOf) {
        ResolvedView resolved = resolved(view);
        List<String> key = new ArrayList<>(entity.size());
        for (Object part : entity) {
            key.add(text(part));
        }
        if (key.size() != resolved.view().entities().size()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Feature view " + view + " is keyed by "
                    + resolved.view().entities() + ", got " + key.size() + " key value(s)",
                    "Pass one value per entity column, in that order");
        }
        long t = micros(asOf);
        List<OnlineEvent> events = store.events(view, String.join(KEY_SEPARATOR, key), t - resolved.ttlMicros(), t);
        Object[] values = new Object[resolved.view().features().size()];
        WindowAggregator.compute(resolved, events, t, values);
        Map<String, Object> byName = new LinkedHashMap<>();
        for (int f = 0; f < values.length; f++) {
            byName.put(resolved.view().features().get(f).name(), values[f]);
        }
        return new FeatureValues(view, key, asOf, !events.isEmpty(), byName);
    }

    @Override
    public void close() {
        try {
            duckdb.close();
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot close DuckDB: " + e.getMessage(), null, e);
        }
    }

    private ResolvedView resolved(String view) {
        ResolvedView resolved = views.get(view);
        if (resolved == null) {
            throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "Feature view '" + view + "' is not registered",
                    "Registered views: " + views.keySet());
        }
        return resolved;
    }

    private Duration keep(ResolvedView view) {
        return view.view().ttl().plus(lookback);
    }

    private static OnlineEvent event(ResolvedView view, List<Object> row) {
        int keys = view.view().entities().size();
        StringBuilder key = new StringBuilder();
        for (int k = 0; k < keys; k++) {
            if (k > 0) {
                key.append(KEY_SEPARATOR);
            }
            key.append(row.get(k));
        }
        return new OnlineEvent(key.toString(), ((Number) row.get(keys)).longValue(), row.subList(keys + 1, row.size()));
    }

    private List<OnlineEvent> project(String stream, ResolvedView view, List<Map<String, Object>> events) {
        List<String> columns = List.copyOf(view.sourceColumns().keySet());
        List<String> required = new ArrayList<>(view.view().entities());
        required.add(view.view().timestamp());
        for (int index = 0; index < events.size(); index++) {
            for (String column : required) {
                if (events.get(index).get(column) == null) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Event " + index + " posted to stream "
                            + stream + " has no '" + column + "', which feature view " + view.view().name()
                            + " needs", "Send every event with " + required);
                }
            }
        }
        List<OnlineEvent> projected = new ArrayList<>(events.size());
        for (int start = 0; start < events.size(); start += BATCH) {
            List<Map<String, Object>> batch = events.subList(start, Math.min(events.size(), start + BATCH));
            StringBuilder relation = new StringBuilder("(SELECT ");
            for (int c = 0; c < columns.size(); c++) {
                relation.append(c == 0 ? "" : ", ").append("CAST(c").append(c).append(" AS ")
                        .append(view.sourceColumns().get(columns.get(c))).append(") AS ")
                        .append(FeatureSql.quote(columns.get(c)));
            }
            relation.append(" FROM (VALUES ");
            String row = "(" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?::VARCHAR")) + ")";
            relation.append(String.join(", ", java.util.Collections.nCopies(batch.size(), row)));
            relation.append(") AS v(");
            for (int c = 0; c < columns.size(); c++) {
                relation.append(c == 0 ? "" : ", ").append('c').append(c);
            }
            relation.append(")) AS source_row");
            String sql = FeatureSql.onlineProjection(view, relation.toString(), "");
            synchronized (duckdb) {
                try (PreparedStatement statement = duckdb.prepareStatement(sql)) {
                    int parameter = 1;
                    for (Map<String, Object> event : batch) {
                        for (String column : columns) {
                            String value = text(event.get(column));
                            if (value == null) {
                                statement.setNull(parameter++, Types.VARCHAR);
                            } else {
                                statement.setString(parameter++, value);
                            }
                        }
                    }
                    try (ResultSet result = statement.executeQuery()) {
                        int width = result.getMetaData().getColumnCount();
                        while (result.next()) {
                            List<Object> values = new ArrayList<>(width);
                            for (int i = 1; i <= width; i++) {
                                values.add(result.getObject(i));
                            }
                            projected.add(event(view, values));
                        }
                    }
                } catch (SQLException e) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Events posted to stream " + stream
                            + " do not fit the columns of " + view.view().source() + " (feature view "
                            + view.view().name() + "): " + e.getMessage(),
                            "Send values of the source's column types " + view.sourceColumns(), e);
                }
            }
        }
        return projected;
    }

    /** A value as the text DuckDB casts to the column type (times as ISO-8601 UTC instants). */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant().toString();
        }
        return value.toString();
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }
}
