package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.QueryResult;
import dev.northstar.spi.error.CloseMatches;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A feature view bound to its source table's columns: the DuckDB type of every source column and, for each feature,
 * the input it aggregates — its column or expression cast to DOUBLE (numbers, for sums, averages, and min/max/last of
 * numbers) or to VARCHAR (distinct counts, and min/max/last of anything else). Both the offline SQL and the online
 * event projection compute exactly these inputs, in DuckDB.
 *
 * @param view the view
 * @param sourceColumns the source table's columns and their DuckDB types, in table order
 * @param inputs the distinct inputs
 * @param featureInputs per feature, the index of its input in {@code inputs}, or -1 for a plain event count
 */
record ResolvedView(FeatureView view, Map<String, String> sourceColumns, List<Input> inputs, List<Integer> featureInputs) {

    /** A value aggregated by features: SQL over one source row, and whether it is a number or text. */
    record Input(String sql, boolean numeric) {
        /** The input as a typed SQL expression. */
        String castSql() {
            return "CAST(" + sql + " AS " + (numeric ? "DOUBLE" : "VARCHAR") + ")";
        }
    }

    ResolvedView {
        requireNonNull(view, "view is null");
        sourceColumns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sourceColumns));
        inputs = List.copyOf(inputs);
        featureInputs = List.copyOf(featureInputs);
    }

    /**
     * Binds a view to its source.
     *
     * @param columnsOf runs a query and returns its result columns (through the gateway when reading for a principal)
     * @throws NorthstarException {@code INVALID_CONFIGURATION} naming the view, the feature and the fix
     */
    static ResolvedView resolve(FeatureView view, Function<String, List<QueryResult.Column>> columnsOf) {
        String table = view.source().toString();
        Map<String, String> columns = new LinkedHashMap<>();
        for (QueryResult.Column column : columnsOf.apply("SELECT * FROM " + table + " LIMIT 0")) {
            columns.put(column.name(), column.type());
        }
        List<String> required = new ArrayList<>(view.entities());
        required.add(view.timestamp());
        view.features().forEach(feature -> feature.column().ifPresent(required::add));
        for (String name : required) {
            if (!columns.containsKey(name)) {
                throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "Feature view " + view.name()
                        + " reads column '" + name + "', which " + table + " does not have"
                        + didYouMean(name, columns.keySet()), "Use one of " + columns.keySet());
            }
        }
        String timeType = columns.get(view.timestamp()).toUpperCase(Locale.ROOT);
        if (!timeType.startsWith("TIMESTAMP")) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "Feature view " + view.name()
                    + ": timestamp column '" + view.timestamp() + "' of " + table + " is " + timeType
                    + ", not a timestamp", "Name a TIMESTAMP or TIMESTAMPTZ column as the view's timestamp");
        }
        List<Input> inputs = new ArrayList<>();
        List<Integer> featureInputs = new ArrayList<>();
        for (Feature feature : view.features()) {
            if (feature.valueSql().isEmpty()) {
                featureInputs.add(-1);
                continue;
            }
            String sql = feature.valueSql().get();
            String type;
            try {
                // Selecting a key column beside the value makes an aggregate in an expression a binder error.
                type = columnsOf.apply("SELECT " + FeatureSql.quote(view.entities().get(0)) + ", " + sql
                        + " AS value FROM " + table + " LIMIT 0").get(1).type();
            } catch (NorthstarException e) {
                throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "Feature " + view.name() + "."
                        + feature.name() + ": " + sql + " cannot be computed over " + table + ": " + e.getMessage(),
                        "Use the source's columns " + columns.keySet() + " in a per-row expression", e);
            }
            boolean numeric = numeric(type);
            if (feature.aggregation().numericOnly() && !numeric) {
                throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "Feature " + view.name() + "."
                        + feature.name() + ": " + feature.aggregation().yamlName() + " needs numbers, but " + sql
                        + " is " + type, "Aggregate a numeric column, or use count, count_distinct, min, max or last");
            }
            Input input = new Input(sql, switch (feature.aggregation()) {
                case SUM, AVG -> true;
                case COUNT, COUNT_DISTINCT -> false;
                case MIN, MAX, LAST -> numeric;
            });
            int index = inputs.indexOf(input);
            if (index < 0) {
                inputs.add(input);
                index = inputs.size() - 1;
            }
            featureInputs.add(index);
        }
        return new ResolvedView(view, columns, inputs, featureInputs);
    }

    private static String didYouMean(String name, java.util.Collection<String> columns) {
        List<String> close = CloseMatches.of(name, List.copyOf(columns));
        return close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)";
    }

    /** Whether a DuckDB type is a number (booleans count as 0 and 1). */
    static boolean numeric(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        return upper.startsWith("DECIMAL") || List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
                "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "BOOLEAN")
                .contains(upper);
    }

    /** The TTL and each feature's window, in microseconds. */
    long ttlMicros() {
        return view.ttl().toNanos() / 1000;
    }

    long windowMicros(int feature) {
        return view.features().get(feature).effectiveWindow(view.ttl()).toNanos() / 1000;
    }
}
