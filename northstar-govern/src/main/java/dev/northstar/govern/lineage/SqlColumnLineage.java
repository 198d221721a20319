package dev.northstar.govern.lineage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.lake.SqlParseTree;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Column lineage of a query, derived by parsing it with DuckDB's own parser ({@code json_serialize_sql}, in an
 * in-memory DuckDB that reads no file) and resolving each result column to the table columns it reads: through
 * aliases, joins, CTEs, subqueries, set operations and {@code *} expansion (with the tables' schemas).
 *
 * <p>The transformation of each output column is the one OpenLineage's {@code columnLineage} facet names:
 * {@code IDENTITY} for a bare column carried through, {@code AGGREGATION} when an aggregate function is applied on
 * the way, {@code TRANSFORMATION} for any other expression.
 */
public final class SqlColumnLineage {

    /** Aggregate functions: a column read through one of them is an AGGREGATION. */
    private static final Set<String> AGGREGATES = Set.of("sum", "count", "count_star", "avg", "mean", "min", "max",
            "any_value", "first", "last", "arg_min", "arg_max", "argmin", "argmax", "min_by", "max_by", "bit_and",
            "bit_or", "bit_xor", "bool_and", "bool_or", "string_agg", "group_concat", "listagg", "list", "array_agg",
            "median", "mode", "quantile", "quantile_cont", "quantile_disc", "stddev", "stddev_pop", "stddev_samp",
            "variance", "var_pop", "var_samp", "approx_count_distinct", "approx_quantile", "product", "fsum",
            "sumkahan", "kahan_sum", "histogram", "entropy", "kurtosis", "skewness", "corr", "covar_pop",
            "covar_samp", "regr_slope", "regr_intercept", "bit_count", "favg", "geomean", "geometric_mean");

    /** IDENTITY, TRANSFORMATION or AGGREGATION, in increasing order of how much they change the value. */
    public enum Transformation { IDENTITY, TRANSFORMATION, AGGREGATION }

    /**
     * An input column: a table and one of its columns.
     *
     * @param table the table
     * @param column the column
     */
    public record Source(TableId table, String column) {
        public Source {
            requireNonNull(table, "table is null");
            requireNonNull(column, "column is null");
        }

        @Override
        public String toString() {
            return table + "." + column;
        }
    }

    /**
     * A result column of the query.
     *
     * @param name its name when the SQL names it (alias or bare column), empty for an unnamed expression
     * @param transformation how its value is derived
     * @param sources the table columns its value is computed from (empty for constants)
     */
    public record OutputColumn(Optional<String> name, Transformation transformation, Set<Source> sources) {
        public OutputColumn {
            requireNonNull(name, "name is null");
            requireNonNull(transformation, "transformation is null");
            sources = Set.copyOf(sources);
        }
    }

    /** The lineage of one column of a relation during resolution. */
    private record Lineage(Transformation transformation, Set<Source> sources) {
        static final Lineage NONE = new Lineage(Transformation.TRANSFORMATION, Set.of());

        Lineage then(Transformation applied) {
            return new Lineage(max(transformation, applied), sources);
        }
    }

    /** A named column of a relation. */
    private record NamedColumn(String name, Lineage lineage) {}

    /** A relation in the FROM clause: its qualifier (alias or name) and its columns. */
    private record Relation(String qualifier, List<NamedColumn> columns) {
        Optional<NamedColumn> column(String name) {
            return columns.stream().filter(column -> column.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    private final Function<TableId, List<String>> tableColumns;

    private SqlColumnLineage(Function<TableId, List<String>> tableColumns) {
        this.tableColumns = tableColumns;
    }

    /**
     * The result columns of a query, in order, with their lineage.
     *
     * @param sql one SELECT statement; tables are named {@code domain.table}
     * @param tableColumns the columns of a table, in order (for {@code *}); throw when it does not exist
     * @throws NorthstarException {@code INVALID_SQL} when the SQL does not parse or is not one SELECT
     */
    public static List<OutputColumn> resolve(String sql, Function<TableId, List<String>> tableColumns) {
        requireNonNull(sql, "sql is null");
        requireNonNull(tableColumns, "tableColumns is null");
        JsonNode root = parse(sql);
        if (root.path("error").asBoolean(false)) {
            throw new NorthstarException(ErrorCode.INVALID_SQL, "Cannot parse the query: "
                    + root.path("error_message").asText("invalid SQL"), "Write one SELECT statement");
        }
        JsonNode statements = root.path("statements");
        if (statements.size() != 1) {
            throw new NorthstarException(ErrorCode.INVALID_SQL, "Expected exactly one SELECT statement, got "
                    + statements.size(), "Create one table from one query");
        }
        SqlColumnLineage resolver = new SqlColumnLineage(tableColumns);
        List<NamedColumn> columns = resolver.node(statements.get(0).path("node"), Map.of());
        List<OutputColumn> result = new ArrayList<>();
        for (NamedColumn column : columns) {
            result.add(new OutputColumn(Optional.ofNullable(column.name()), column.lineage().transformation(),
                    column.lineage().sources()));
        }
        return List.copyOf(result);
    }

    private static JsonNode parse(String sql) {
        try {
            return SqlParseTree.of(sql);
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INVALID_SQL, "Cannot parse the query: " + e.getMessage(),
                    "Write one SELECT statement", e);
        }
    }

    // ---- query nodes -----------------------------------------------------------------------------------------

    private List<NamedColumn> node(JsonNode node, Map<String, List<NamedColumn>> outerCtes) {
        Map<String, List<NamedColumn>> ctes = new HashMap<>(outerCtes);
        for (JsonNode entry : node.path("cte_map").path("map")) {
            String name = entry.path("key").asText().toLowerCase(Locale.ROOT);
            JsonNode query = entry.path("value").path("query").path("node");
            List<NamedColumn> columns = node(query, ctes);
            columns = renamed(columns, entry.path("value").path("aliases"));
            ctes.put(name, columns);
        }
        String type = node.path("type").asText();
        switch (type) {
            case "SELECT_NODE" -> {
                return select(node, ctes);
            }
            case "SET_OPERATION_NODE" -> {
                List<NamedColumn> left = node(node.path("left"), ctes);
                List<NamedColumn> right = node(node.path("right"), ctes);
                List<NamedColumn> combined = new ArrayList<>();
                for (int i = 0; i < left.size(); i++) {
                    Lineage lineage = left.get(i).lineage();
                    if (i < right.size()) {
                        lineage = union(List.of(lineage, right.get(i).lineage()));
                    }
                    combined.add(new NamedColumn(left.get(i).name(), lineage));
                }
                return combined;
            }
            case "RECURSIVE_CTE_NODE", "CTE_NODE" -> {
                return node(node.has("left") ? node.path("left") : node.path("child"), ctes);
            }
            default -> throw new NorthstarException(ErrorCode.INVALID_SQL, "Cannot derive column lineage from a "
                    + type + " query", "Create tables from SELECT queries");
        }
    }

    private List<NamedColumn> select(JsonNode node, Map<String, List<NamedColumn>> ctes) {
        List<Relation> scope = new ArrayList<>();
        from(node.path("from_table"), ctes, scope);
        List<NamedColumn> columns = new ArrayList<>();
        for (JsonNode expression : node.path("select_list")) {
            String alias = expression.path("alias").asText("");
            if ("STAR".equals(expression.path("class").asText()) && !expression.path("columns").asBoolean(false)) {
                columns.addAll(star(expression, scope));
                continue;
            }
            Lineage lineage = expression(expression, scope, ctes);
            String name = !alias.isEmpty() ? alias : columnName(expression);
            columns.add(new NamedColumn(name, lineage));
        }
        return columns;
    }

    private static String columnName(JsonNode expression) {
        if ("COLUMN_REF".equals(expression.path("class").asText())) {
            JsonNode names = expression.path("column_names");
            return names.get(names.size() - 1).asText();
        }
        return null;
    }

    private List<NamedColumn> star(JsonNode star, List<Relation> scope) {
        String relation = star.path("relation_name").asText("");
        Set<String> excluded = new java.util.HashSet<>();
        for (JsonNode exclude : star.path("exclude_list")) {
            if (exclude.isTextual()) {
                excluded.add(exclude.asText().toLowerCase(Locale.ROOT));
            } else {
                JsonNode names = exclude.has("column_names") ? exclude.path("column_names") : exclude.path("name");
                String last = names.isArray() ? names.get(names.size() - 1).asText() : names.asText();
                excluded.add(last.toLowerCase(Locale.ROOT));
            }
        }
        List<NamedColumn> columns = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Relation each : scope) {
            if (!relation.isEmpty() && !each.qualifier().equalsIgnoreCase(relation)) {
                continue;
            }
            for (NamedColumn column : each.columns()) {
                String key = column.name() == null ? null : column.name().toLowerCase(Locale.ROOT);
                if (key != null && excluded.contains(key)) {
                    continue;
                }
                // SELECT * over a join: DuckDB keeps both same-named columns (as name and name_1); lineage follows
                // each by position.
                columns.add(new NamedColumn(key == null || seen.add(key) ? column.name() : null, column.lineage()));
            }
        }
        if (!relation.isEmpty() && columns.isEmpty() && scope.stream().noneMatch(each ->
                each.qualifier().equalsIgnoreCase(relation))) {
            throw new NorthstarException(ErrorCode.INVALID_SQL, "The query selects " + relation
                    + ".* but nothing in its FROM clause is named " + relation, "Use a table name or alias of FROM");
        }
        return columns;
    }

    private void from(JsonNode table, Map<String, List<NamedColumn>> ctes, List<Relation> scope) {
        if (table.isMissingNode() || table.isNull()) {
            return;
        }
        String type = table.path("type").asText();
        String alias = table.path("alias").asText("");
        switch (type) {
            case "BASE_TABLE" -> {
                String schema = table.path("schema_name").asText("");
                String name = table.path("table_name").asText("");
                List<NamedColumn> columns;
                if (schema.isEmpty() && ctes.containsKey(name.toLowerCase(Locale.ROOT))) {
                    columns = ctes.get(name.toLowerCase(Locale.ROOT));
                } else if (!schema.isEmpty()) {
                    TableId id = new TableId(schema.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
                    columns = new ArrayList<>();
                    for (String column : tableColumns.apply(id)) {
                        columns.add(new NamedColumn(column, new Lineage(Transformation.IDENTITY,
                                Set.of(new Source(id, column)))));
                    }
                } else {
                    throw new NorthstarException(ErrorCode.TABLE_NOT_FOUND, "Table " + name
                            + " is neither a CTE of the query nor named domain.table", "Name tables domain.table");
                }
                scope.add(new Relation(alias.isEmpty() ? name : alias,
                        renamed(columns, table.path("column_name_alias"))));
            }
            case "JOIN" -> {
                from(table.path("left"), ctes, scope);
                from(table.path("right"), ctes, scope);
            }
            case "SUBQUERY" -> {
                List<NamedColumn> columns = node(table.path("subquery").path("node"), ctes);
                scope.add(new Relation(alias, renamed(columns, table.path("column_name_alias"))));
            }
            default -> scope.add(new Relation(alias, List.of())); // table functions (range...) read no table
        }
    }

    private static List<NamedColumn> renamed(List<NamedColumn> columns, JsonNode aliases) {
        if (!aliases.isArray() || aliases.isEmpty()) {
            return columns;
        }
        List<NamedColumn> result = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = i < aliases.size() ? aliases.get(i).asText() : columns.get(i).name();
            result.add(new NamedColumn(name, columns.get(i).lineage()));
        }
        return result;
    }

    // ---- expressions -----------------------------------------------------------------------------------------

    private Lineage expression(JsonNode expression, List<Relation> scope, Map<String, List<NamedColumn>> ctes) {
        String kind = expression.path("class").asText();
        switch (kind) {
            case "COLUMN_REF" -> {
                return column(expression.path("column_names"), scope);
            }
            case "CONSTANT" -> {
                return Lineage.NONE;
            }
            case "FUNCTION", "AGGREGATE" -> {
                String function = expression.path("function_name").asText("").toLowerCase(Locale.ROOT);
                Lineage inputs = union(children(expression, scope, ctes));
                return inputs.then(AGGREGATES.contains(function) ? Transformation.AGGREGATION
                        : Transformation.TRANSFORMATION);
            }
            case "WINDOW" -> {
                String function = expression.path("function_name").asText("").toLowerCase(Locale.ROOT);
                List<Lineage> inputs = new ArrayList<>();
                for (JsonNode child : expression.path("children")) {
                    inputs.add(expression(child, scope, ctes));
                }
                return union(inputs).then(AGGREGATES.contains(function) ? Transformation.AGGREGATION
                        : Transformation.TRANSFORMATION);
            }
            case "SUBQUERY" -> {
                List<NamedColumn> columns = node(expression.path("subquery").path("node"), ctes);
                List<Lineage> inputs = new ArrayList<>();
                columns.stream().findFirst().ifPresent(column -> inputs.add(column.lineage()));
                return union(inputs).then(Transformation.TRANSFORMATION);
            }
            default -> {
                return union(children(expression, scope, ctes)).then(Transformation.TRANSFORMATION);
            }
        }
    }

    /** The lineage of every expression nested in this one (children, operands, cases, casts...). */
    private List<Lineage> children(JsonNode expression, List<Relation> scope, Map<String, List<NamedColumn>> ctes) {
        List<Lineage> result = new ArrayList<>();
        expression.fields().forEachRemaining(entry -> {
            if (entry.getKey().equals("order_bys") || entry.getKey().equals("filter")) {
                return; // ordering and filtering pick rows; they are not the value
            }
            collect(entry.getValue(), scope, ctes, result);
        });
        return result;
    }

    private void collect(JsonNode value, List<Relation> scope, Map<String, List<NamedColumn>> ctes,
            List<Lineage> result) {
        if (value.isArray()) {
            value.forEach(child -> collect(child, scope, ctes, result));
        } else if (value.isObject()) {
            if (value.has("class") && value.has("type")) {
                result.add(expression(value, scope, ctes));
            } else {
                value.fields().forEachRemaining(entry -> collect(entry.getValue(), scope, ctes, result));
            }
        }
    }

    private static Lineage column(JsonNode names, List<Relation> scope) {
        List<String> parts = new ArrayList<>();
        names.forEach(name -> parts.add(name.asText()));
        String column = parts.get(parts.size() - 1);
        if (parts.size() >= 2) {
            String qualifier = parts.get(parts.size() - 2);
            for (Relation relation : scope) {
                if (relation.qualifier().equalsIgnoreCase(qualifier)) {
                    return relation.column(column).map(NamedColumn::lineage).orElseThrow(() -> unknown(
                            qualifier + "." + column, relation));
                }
            }
            // A struct field (s.field) of an unqualified column.
            for (Relation relation : scope) {
                Optional<NamedColumn> found = relation.column(qualifier);
                if (found.isPresent()) {
                    return found.get().lineage().then(Transformation.TRANSFORMATION);
                }
            }
            return Lineage.NONE;
        }
        for (Relation relation : scope) {
            Optional<NamedColumn> found = relation.column(column);
            if (found.isPresent()) {
                return found.get().lineage();
            }
        }
        return Lineage.NONE; // e.g. a lambda parameter or a select-list alias
    }

    private static NorthstarException unknown(String column, Relation relation) {
        List<String> names = relation.columns().stream().map(NamedColumn::name)
                .filter(java.util.Objects::nonNull).toList();
        return new NorthstarException(ErrorCode.INVALID_SQL, "Column " + column + " does not exist",
                "Columns of " + relation.qualifier() + ": " + String.join(", ", names));
    }

    private static Lineage union(List<Lineage> lineages) {
        Set<Source> sources = new LinkedHashSet<>();
        Transformation transformation = Transformation.IDENTITY;
        for (Lineage lineage : lineages) {
            sources.addAll(lineage.sources());
            transformation = max(transformation, lineage.transformation());
        }
        return new Lineage(transformation, sources);
    }

    private static Transformation max(Transformation left, Transformation right) {
        return left.ordinal() >= right.ordinal() ? left : right;
    }

    /** For messages: output columns as {@code name <- sources (transformation)}. */
    static Map<String, String> describe(List<OutputColumn> columns) {
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            OutputColumn column = columns.get(i);
            result.put(column.name().orElse("#" + i), column.sources().stream().map(Source::toString).sorted()
                    .toList() + " " + column.transformation());
        }
        return result;
    }
}
