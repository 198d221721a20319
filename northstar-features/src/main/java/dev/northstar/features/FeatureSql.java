package dev.northstar.features;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of the feature store, in one place so that every path computes the same thing.
 *
 * <p>Point-in-time values use a union-and-window formulation: the spine rows and the source events of a view are
 * unioned, ordered per entity by event time in microseconds ({@code __t}), and each feature is a window aggregate
 * over {@code RANGE BETWEEN <window µs> PRECEDING AND 1 PRECEDING} — exactly {@code t - window <= event_time < t},
 * so an event at or after {@code t} (including the spine row's own time) never counts. Spine rows carry NULL inputs
 * and are ignored by the aggregates; only spine rows are kept. One sort per view serves every windowed feature;
 * each {@code last} feature adds one sort (by time, then value, for ties).
 */
final class FeatureSql {
    /** Reserved column prefix of the generated SQL. */
    static final String RESERVED = "__";

    private FeatureSql() {}

    /** A quoted SQL identifier. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A SQL string literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * A query whose rows are the spine's rows with every view's features as of the spine row's time.
     *
     * @param spineSql the spine query (its columns include every view's entity columns and {@code spineTime})
     * @param spineTime the spine's timestamp column
     */
    static String trainingSet(String spineSql, String spineTime, List<ResolvedView> views) {
        StringBuilder sql = new StringBuilder("WITH spine_0 AS (").append(spineSql).append(")");
        for (int v = 0; v < views.size(); v++) {
            ResolvedView view = views.get(v);
            String previous = "spine_" + v;
            List<String> helpers = new ArrayList<>(List.of("__t", "__e"));
            for (int i = 0; i < view.inputs().size(); i++) {
                helpers.add("__i" + i);
            }
            StringBuilder spineSide = new StringBuilder("SELECT *, epoch_us(").append(quote(spineTime))
                    .append(") AS __t, CAST(NULL AS INTEGER) AS __e");
            for (int i = 0; i < view.inputs().size(); i++) {
                spineSide.append(", CAST(NULL AS ").append(view.inputs().get(i).numeric() ? "DOUBLE" : "VARCHAR")
                        .append(") AS __i").append(i);
            }
            spineSide.append(" FROM ").append(previous);
            StringBuilder eventSide = new StringBuilder("SELECT ");
            for (String entity : view.view().entities()) {
                eventSide.append(quote(entity)).append(", ");
            }
            eventSide.append("epoch_us(").append(quote(view.view().timestamp())).append(") AS __t, 1 AS __e");
            for (int i = 0; i < view.inputs().size(); i++) {
                eventSide.append(", ").append(view.inputs().get(i).castSql()).append(" AS __i").append(i);
            }
            eventSide.append(" FROM ").append(view.view().source()).append(" WHERE ").append(notNull(view.view()));
            String union = "union_" + (v + 1);
            sql.append(",\n").append(union).append(" AS (").append(spineSide).append("\n  UNION ALL BY NAME\n  ")
                    .append(eventSide).append(")");
            String partition = view.view().entities().stream().map(FeatureSql::quote)
                    .collect(Collectors.joining(", "));
            StringBuilder windowed = new StringBuilder("SELECT *");
            for (int f = 0; f < view.view().features().size(); f++) {
                windowed.append(", ").append(aggregate(view, f, partition)).append(" AS ")
                        .append(quote(view.view().features().get(f).name()));
            }
            windowed.append(" FROM ").append(union);
            sql.append(",\n").append("spine_").append(v + 1).append(" AS (SELECT * EXCLUDE (")
                    .append(String.join(", ", helpers)).append(") FROM (").append(windowed)
                    .append(") WHERE __e IS NULL)");
        }
        return sql.append("\nSELECT * FROM spine_").append(views.size()).toString();
    }

    private static String aggregate(ResolvedView view, int feature, String partition) {
        Feature definition = view.view().features().get(feature);
        String over = " OVER (PARTITION BY " + partition + " ORDER BY __t RANGE BETWEEN " + view.windowMicros(feature)
                + " PRECEDING AND 1 PRECEDING)";
        int index = view.featureInputs().get(feature);
        String input = index < 0 ? "__e" : "__i" + index;
        return switch (definition.aggregation()) {
            case COUNT -> "count(" + input + ")" + over;
            case SUM -> "coalesce(sum(" + input + ")" + over + ", 0)";
            case AVG -> "avg(" + input + ")" + over;
            case MIN -> "min(" + input + ")" + over;
            case MAX -> "max(" + input + ")" + over;
            case COUNT_DISTINCT -> "count(DISTINCT " + input + ")" + over;
            case LAST -> {
                // The latest non-null value before t: rows ordered by time, spine rows before the events of their
                // own time (so those never count), ties between events by value (the largest is last); then
                // dropped when older than the TTL. Cheaper than a max over (time, value) structs in a RANGE frame.
                String ordered = " OVER (PARTITION BY " + partition + " ORDER BY __t, __e NULLS FIRST, " + input
                        + " NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)";
                yield "CASE WHEN last_value(CASE WHEN " + input + " IS NOT NULL THEN __t END IGNORE NULLS)" + ordered
                        + " >= __t - " + view.windowMicros(feature) + " THEN last_value(" + input + " IGNORE NULLS)"
                        + ordered + " END";
            }
        };
    }

    /** Source rows that are events: entity keys and event time present. */
    static String notNull(FeatureView view) {
        List<String> conditions = new ArrayList<>();
        view.entities().forEach(entity -> conditions.add(quote(entity) + " IS NOT NULL"));
        conditions.add(quote(view.timestamp()) + " IS NOT NULL");
        return String.join(" AND ", conditions);
    }

    /**
     * The online projection of source rows: the entity key columns as text ({@code __k0...}), the event time in
     * microseconds ({@code __t}) and the inputs ({@code __i0...}).
     *
     * @param relation what the rows come from (the source table, or the posted events)
     * @param where an extra condition, or empty
     */
    static String onlineProjection(ResolvedView view, String relation, String where) {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> entities = view.view().entities();
        for (int k = 0; k < entities.size(); k++) {
            sql.append("CAST(").append(quote(entities.get(k))).append(" AS VARCHAR) AS __k").append(k).append(", ");
        }
        sql.append("epoch_us(").append(quote(view.view().timestamp())).append(") AS __t");
        for (int i = 0; i < view.inputs().size(); i++) {
            sql.append(", ").append(view.inputs().get(i).castSql()).append(" AS __i").append(i);
        }
        sql.append(" FROM ").append(relation).append(" WHERE ").append(notNull(view.view()));
        if (!where.isEmpty()) {
            sql.append(" AND (").append(where).append(")");
        }
        return sql.toString();
    }
}
