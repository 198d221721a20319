package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.TableInfo;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs a table's checks against the lake. Every metric check of the table (row count, null, missing, invalid and
 * duplicate values, minimum, maximum) and the timestamp of every freshness check with a column are computed by
 * <em>one</em> aggregate query over {@code domain.table}; each custom SQL check is one more query; freshness without
 * a column reads the table's commit history, not its rows.
 *
 * <p>Thread-safe. Failures are {@link NorthstarException}s: {@code INVALID_ARGUMENT} for checks naming unknown
 * columns or sharing an id, {@code TABLE_NOT_FOUND}, and {@code INVALID_SQL} for a custom query the lake refuses
 * (the message names the check).
 */
public final class QualityEngine {
    /** Metric name of the percentage of a row-count metric, e.g. {@code null_values_percent.email}. */
    static final String PERCENT_SUFFIX = "_percent";
    /** Snapshot summary keys the lake writes on copy-on-write deletes and reverted runs. */
    private static final String DELETE_PREDICATE = "northstar.delete-predicate";
    private static final String REVERTED_RUN = "northstar.reverted-run";

    private final Lakehouse lake;
    private final Clock clock;

    public QualityEngine(Lakehouse lake) {
        this(lake, Clock.systemUTC());
    }

    /** With the clock that stamps runs and decides freshness (tests). */
    public QualityEngine(Lakehouse lake, Clock clock) {
        this.lake = requireNonNull(lake, "lake is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Runs the checks on the table's current snapshot.
     *
     * @return one result per check, in order, and every raw metric measured
     */
    public CheckRun run(TableId table, List<Check> checks) {
        requireNonNull(table, "table is null");
        requireNonNull(checks, "checks is null");
        requireUniqueIds(table, checks);
        TableInfo info = lake.describe(table);
        Map<String, String> columns = new HashMap<>();
        for (TableInfo.ColumnInfo column : info.columns()) {
            columns.put(column.name().toLowerCase(Locale.ROOT), column.name());
        }
        Instant now = clock.instant();

        // One aggregate query: the row count first (percentages and anomaly detection need it), then every other
        // metric once, however many checks read it.
        Map<String, String> expressions = new LinkedHashMap<>();
        Map<String, Metric> metricsByKey = new HashMap<>();
        expressions.put(Metric.rowCount().key(), "count(*)");
        metricsByKey.put(Metric.rowCount().key(), Metric.rowCount());
        for (Check check : checks) {
            if (check instanceof Check.MetricCheck metricCheck) {
                Metric metric = metricCheck.metric();
                for (String column : metric.columns()) {
                    requireColumn(table, check, column, columns);
                }
                Metric known = metricsByKey.putIfAbsent(metric.key(), metric);
                if (known != null && !known.equals(metric)) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                            "Check '" + check.id() + "' defines metric " + metric.key() + " of " + table
                                    + " differently from another check",
                            "Give both checks the same valid values, pattern and range, or merge them");
                }
                expressions.putIfAbsent(metric.key(), expression(metric, columns));
            } else if (check instanceof Check.FreshnessCheck freshness && freshness.column().isPresent()) {
                String column = requireColumn(table, check, freshness.column().get(), columns);
                expressions.putIfAbsent(latestKey(column), "max(" + quote(column) + ")");
            }
        }
        String sql = expressions.entrySet().stream()
                .map(entry -> entry.getValue() + " AS " + quote(entry.getKey()))
                .collect(Collectors.joining(", ", "SELECT ", " FROM " + table));
        QueryResult aggregate = lake.query(sql, QueryOptions.defaults().withMaxRows(1));
        int queries = 1;
        List<Object> row = aggregate.rows().get(0);
        Map<String, Object> values = new HashMap<>();
        int index = 0;
        for (String key : expressions.keySet()) {
            values.put(key, row.get(index++));
        }

        Map<String, Double> metrics = new LinkedHashMap<>();
        double rowCount = number(values.get(Metric.rowCount().key())).orElse(0);
        for (Map.Entry<String, Metric> entry : metricsByKey.entrySet()) {
            OptionalDouble value = number(values.get(entry.getKey()));
            if (value.isEmpty()) {
                continue;
            }
            metrics.put(entry.getKey(), value.getAsDouble());
            Metric metric = entry.getValue();
            if (metric.isRowCount() && metric.kind() != Metric.Kind.ROW_COUNT) {
                metrics.put(percentKey(metric), percent(value.getAsDouble(), rowCount));
            }
        }

        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            CheckResult result;
            if (check instanceof Check.MetricCheck metricCheck) {
                result = evaluate(metricCheck, metrics);
            } else if (check instanceof Check.SqlCheck sqlCheck) {
                result = evaluate(table, sqlCheck, metrics);
                queries++;
            } else {
                Check.FreshnessCheck freshness = (Check.FreshnessCheck) check;
                Optional<Instant> latest = freshness.column().isPresent()
                        ? timestamp(table, freshness, values.get(latestKey(
                                columns.get(freshness.column().get().toLowerCase(Locale.ROOT)))))
                        : latestCommit(table);
                result = evaluate(freshness, latest, now, metrics);
            }
            results.add(result);
        }
        return new CheckRun(UUID.randomUUID().toString(), table, now,
                Optional.ofNullable(aggregate.snapshots().get(table.toString())), results, metrics, queries);
    }

    /** Metric name of the percentage of a row-count metric, e.g. {@code null_values_percent.email}. */
    public static String percentKey(Metric metric) {
        String key = metric.key();
        int dot = key.indexOf('.');
        return dot < 0 ? key + PERCENT_SUFFIX : key.substring(0, dot) + PERCENT_SUFFIX + key.substring(dot);
    }

    /** Replaces the table placeholders of an ODCS SQL rule by {@code domain.table}. */
    public static String resolvePlaceholders(String query, TableId table) {
        String name = table.toString();
        return query.replace("${object}", name).replace("${table}", name)
                .replace("{object}", name).replace("{table}", name);
    }

    private static void requireUniqueIds(TableId table, List<Check> checks) {
        Set<String> ids = new HashSet<>();
        for (Check check : checks) {
            if (!ids.add(check.id())) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                        "Two checks of " + table + " have the id '" + check.id() + "'",
                        "Give every check of a table its own id: incidents and history are keyed by it");
            }
        }
    }

    private static String requireColumn(TableId table, Check check, String column, Map<String, String> columns) {
        String actual = columns.get(column.toLowerCase(Locale.ROOT));
        if (actual == null) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "Check '" + check.id() + "' names column '" + column + "', which " + table + " does not have",
                    "Use one of the table's columns: " + columns.values().stream().sorted()
                            .collect(Collectors.joining(", ")));
        }
        return actual;
    }

    private static String expression(Metric metric, Map<String, String> columns) {
        List<String> quoted = metric.columns().stream()
                .map(column -> quote(columns.get(column.toLowerCase(Locale.ROOT))))
                .toList();
        String column = quoted.isEmpty() ? null : quoted.get(0);
        return switch (metric.kind()) {
            case ROW_COUNT -> "count(*)";
            case NULL_VALUES -> "count(*) FILTER (WHERE " + column + " IS NULL)";
            case MISSING_VALUES -> metric.values().isEmpty()
                    ? "count(*) FILTER (WHERE " + column + " IS NULL)"
                    : "count(*) FILTER (WHERE " + column + " IS NULL OR CAST(" + column + " AS VARCHAR) IN ("
                            + literals(metric.values()) + "))";
            case INVALID_VALUES, OUT_OF_RANGE -> "count(*) FILTER (WHERE " + column + " IS NOT NULL AND NOT coalesce("
                    + validity(metric, column) + ", false))";
            case DUPLICATE_VALUES -> {
                if (quoted.size() == 1) {
                    yield "count(" + column + ") - count(DISTINCT " + column + ")";
                }
                String allPresent = quoted.stream().map(name -> name + " IS NOT NULL")
                        .collect(Collectors.joining(" AND "));
                yield "count(*) FILTER (WHERE " + allPresent + ") - count(DISTINCT row(" + String.join(", ", quoted)
                        + ")) FILTER (WHERE " + allPresent + ")";
            }
            case MINIMUM -> "CAST(min(" + column + ") AS DOUBLE)";
            case MAXIMUM -> "CAST(max(" + column + ") AS DOUBLE)";
        };
    }

    private static String validity(Metric metric, String column) {
        List<String> conditions = new ArrayList<>();
        if (!metric.values().isEmpty()) {
            conditions.add("CAST(" + column + " AS VARCHAR) IN (" + literals(metric.values()) + ")");
        }
        metric.pattern().ifPresent(pattern ->
                conditions.add("regexp_full_match(CAST(" + column + " AS VARCHAR), " + literal(pattern) + ")"));
        metric.minimum().ifPresent(minimum -> conditions.add(column + " >= " + numberLiteral(minimum)));
        metric.maximum().ifPresent(maximum -> conditions.add(column + " <= " + numberLiteral(maximum)));
        return "(" + String.join(" AND ", conditions) + ")";
    }

    private CheckResult evaluate(Check.MetricCheck check, Map<String, Double> metrics) {
        Metric metric = check.metric();
        String key = check.unit() == MeasureUnit.PERCENT ? percentKey(metric) : metric.key();
        Double value = metrics.get(key);
        return result(check.id(), key, value == null ? OptionalDouble.empty() : OptionalDouble.of(value),
                check.unit(), check.comparison(), check.severity(),
                value == null ? "no non-null value to measure" : null);
    }

    private CheckResult evaluate(TableId table, Check.SqlCheck check, Map<String, Double> metrics) {
        String sql = resolvePlaceholders(check.query(), table);
        QueryResult result;
        try {
            result = lake.query(sql, QueryOptions.defaults().withMaxRows(1));
        } catch (NorthstarException e) {
            throw new NorthstarException(e.code(), "Custom SQL check '" + check.id() + "' of " + table + " failed: "
                    + e.getMessage(), e.hint() != null ? e.hint() : "Fix the query of the check in the contract", e);
        }
        Object first = result.rows().isEmpty() || result.columns().isEmpty() ? null : result.rows().get(0).get(0);
        if (first != null && !(first instanceof Number)) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "Custom SQL check '" + check.id() + "' of " + table + " returned '" + first + "' ("
                            + result.columns().get(0).type() + "), not a number",
                    "Make the query return one number, e.g. SELECT count(*) FROM {object} WHERE ...");
        }
        String key = "sql." + check.id();
        OptionalDouble measured = number(first);
        measured.ifPresent(value -> metrics.put(key, value));
        return result(check.id(), key, measured, MeasureUnit.ROWS, check.comparison(), check.severity(),
                measured.isEmpty() ? "the query returned no value" : null);
    }

    private CheckResult evaluate(Check.FreshnessCheck check, Optional<Instant> latest, Instant now,
            Map<String, Double> metrics) {
        String key = check.metricKey();
        Comparison limit = Comparison.mustBeLessOrEqualTo(check.maxAge().toMillis() / 1000.0);
        if (latest.isEmpty()) {
            return result(check.id(), key, OptionalDouble.empty(), MeasureUnit.ROWS, limit, check.severity(),
                    check.column().isPresent() ? "column " + check.column().get() + " has no value"
                            : "the table has no data commit");
        }
        // Whole seconds: sub-second precision means nothing against limits of minutes to days.
        double ageSeconds = Duration.between(latest.get(), now).toSeconds();
        metrics.put(key, ageSeconds);
        return result(check.id(), key, OptionalDouble.of(ageSeconds), MeasureUnit.ROWS, limit, check.severity(),
                null);
    }

    private static CheckResult result(String checkId, String metric, OptionalDouble measured, MeasureUnit unit,
            Comparison comparison, Severity severity, String missingReason) {
        boolean passed = measured.isPresent() && comparison.test(measured.getAsDouble());
        String unitText = metric.startsWith("freshness_seconds") ? " s" : unit == MeasureUnit.PERCENT ? " %" : "";
        String message = measured.isPresent()
                ? metric + " = " + Comparison.number(measured.getAsDouble()) + unitText + ", expected "
                        + comparison.text() + unitText
                : metric + ": " + missingReason + ", expected " + comparison.text() + unitText;
        return new CheckResult(checkId, metric, measured, unit, comparison.text(), passed, severity, message);
    }

    /** Time of the latest snapshot that brought rows (append or overwrite), not deletes or compactions. */
    private Optional<Instant> latestCommit(TableId table) {
        List<SnapshotInfo> history = lake.history(table);
        for (int i = history.size() - 1; i >= 0; i--) {
            SnapshotInfo snapshot = history.get(i);
            if (bringsData(snapshot)) {
                return Optional.of(snapshot.committedAt());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a snapshot loaded rows: an append, or an overwrite by a write. Copy-on-write deletes and reverted runs
     * are overwrites too, but the lake marks them in the summary; compactions are {@code replace}.
     */
    static boolean bringsData(SnapshotInfo snapshot) {
        return switch (snapshot.operation()) {
            case "append" -> true;
            case "overwrite" -> !snapshot.summary().containsKey(DELETE_PREDICATE)
                    && !snapshot.summary().containsKey(REVERTED_RUN);
            default -> false;
        };
    }

    private static Optional<Instant> timestamp(TableId table, Check.FreshnessCheck check, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        // Timestamps without a zone are UTC, as everywhere in the lake.
        if (value instanceof LocalDateTime local) {
            return Optional.of(local.toInstant(ZoneOffset.UTC));
        }
        if (value instanceof OffsetDateTime offset) {
            return Optional.of(offset.toInstant());
        }
        if (value instanceof ZonedDateTime zoned) {
            return Optional.of(zoned.toInstant());
        }
        if (value instanceof Instant instant) {
            return Optional.of(instant);
        }
        if (value instanceof LocalDate date) {
            return Optional.of(date.atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                "Freshness check '" + check.id() + "' reads column '" + check.column().orElse("") + "' of " + table
                        + ", which holds " + value.getClass().getSimpleName() + " values, not timestamps or dates",
                "Name a timestamp or date column as the SLA element, or none to use the latest commit time");
    }

    private static OptionalDouble number(Object value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        double number = ((Number) value).doubleValue();
        return Double.isNaN(number) ? OptionalDouble.empty() : OptionalDouble.of(number);
    }

    private static double percent(double count, double rows) {
        return rows == 0 ? 0 : count * 100.0 / rows;
    }

    private static String latestKey(String column) {
        return "latest." + column;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String literals(List<String> texts) {
        return texts.stream().map(QualityEngine::literal).collect(Collectors.joining(", "));
    }

    private static String numberLiteral(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }
}
