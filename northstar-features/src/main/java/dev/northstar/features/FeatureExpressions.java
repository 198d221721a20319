package dev.northstar.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.lake.SqlParseTree;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Checks feature expressions with DuckDB's own parser ({@code json_serialize_sql}), as the gateway checks row filters:
 * one scalar expression over one source row — no subqueries, window or aggregate functions, file, system or
 * non-deterministic functions (a value must be the same whenever and wherever it is computed).
 *
 * <p>Expressions are evaluated by DuckDB on both paths — over the source table offline and over each posted event
 * online — so they mean exactly the same thing in training and in serving.
 */
final class FeatureExpressions {
    private static final Set<String> FORBIDDEN = Set.of("getenv", "current_setting", "read_text", "read_blob",
            "read_csv", "read_csv_auto", "read_parquet", "read_json", "read_json_auto", "glob", "query",
            "query_table", "system", "random", "uuid", "gen_random_uuid", "uuidv4", "uuidv7", "setseed", "nextval",
            "currval", "now", "current_timestamp", "get_current_timestamp", "current_date", "current_time", "today",
            "transaction_timestamp", "get_current_time", "current_localtimestamp", "current_localtime");
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "mean", "min", "max", "first",
            "last", "list", "array_agg", "string_agg", "arg_max", "arg_min", "max_by", "min_by", "median", "quantile",
            "quantile_cont", "quantile_disc", "mode", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop",
            "var_samp", "bool_and", "bool_or", "any_value", "approx_count_distinct", "histogram", "product", "fsum",
            "kahan_sum", "sumkahan", "favg", "bit_and", "bit_or", "bit_xor", "group_concat", "listagg", "entropy",
            "kurtosis", "skewness", "corr", "covar_pop", "covar_samp", "regr_slope");
    private static final Set<String> CURRENT_KEYWORDS = Set.of("current_timestamp", "current_date", "current_time");

    private FeatureExpressions() {}

    /**
     * Checks an expression; returns the columns it references (lower case).
     *
     * @throws NorthstarException {@code INVALID_CONFIGURATION} naming what is wrong and the fix
     */
    static SortedSet<String> check(String expression) {
        if (expression.isBlank()) {
            throw invalid("The expression is empty", "Write a SQL expression over the source row's columns");
        }
        JsonNode root = parse("SELECT (" + expression + ") FROM source_row");
        if (root.path("error").asBoolean(false)) {
            throw invalid("'" + expression + "' is not a valid SQL expression: " + root.path("error_message").asText(),
                    "Write a DuckDB expression such as amount * 100 or CASE WHEN ... END");
        }
        JsonNode statements = root.path("statements");
        JsonNode node = statements.size() == 1 ? statements.get(0).path("node") : null;
        if (node == null || !"SELECT_NODE".equals(node.path("type").asText())
                || !node.path("cte_map").path("map").isEmpty() || !node.path("modifiers").isEmpty()
                || !"BASE_TABLE".equals(node.path("from_table").path("type").asText())
                || !"source_row".equals(node.path("from_table").path("table_name").asText())
                || node.path("select_list").size() != 1 || !node.path("group_expressions").isEmpty()
                || !isNull(node.path("where_clause")) || !isNull(node.path("having"))
                || !isNull(node.path("qualify"))) {
            throw invalid("'" + expression + "' is not a single expression",
                    "Write one expression over the source row's columns, without ')' tricks or extra clauses");
        }
        SortedSet<String> columns = new TreeSet<>();
        walk(node.path("select_list"), expression, columns);
        return columns;
    }

    private static boolean isNull(JsonNode node) {
        return node.isNull() || node.isMissingNode();
    }

    private static void walk(JsonNode node, String expression, Set<String> columns) {
        if (node.isObject()) {
            String kind = node.path("class").asText();
            if ("SUBQUERY".equals(kind)) {
                throw invalid("'" + expression + "' contains a subquery",
                        "A feature expression reads only its own source row");
            }
            if ("WINDOW".equals(kind)) {
                throw invalid("'" + expression + "' contains a window function",
                        "Windows are the feature's 'window' and 'aggregation'; the expression is per row");
            }
            if ("COLUMN_REF".equals(kind)) {
                JsonNode names = node.path("column_names");
                columns.add(names.get(names.size() - 1).asText().toLowerCase(Locale.ROOT));
            }
            String function = node.path("function_name").asText("").toLowerCase(Locale.ROOT);
            if ("FUNCTION".equals(kind) && FORBIDDEN.contains(function)
                    || "VALUE_FUNCTION".equals(node.path("type").asText()) && CURRENT_KEYWORDS.contains(function)) {
                throw invalid("'" + expression + "' calls " + function + ", a file, system or non-deterministic function",
                        "A feature must have the same value offline and online: use only the row's columns,"
                                + " constants and deterministic functions");
            }
            if ("FUNCTION".equals(kind) && AGGREGATES.contains(function)) {
                throw invalid("'" + expression + "' calls the aggregate " + function,
                        "Put the aggregation in 'aggregation:' and keep the expression per row");
            }
            node.fields().forEachRemaining(entry -> walk(entry.getValue(), expression, columns));
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, expression, columns));
        }
    }

    private static JsonNode parse(String sql) {
        try {
            return SqlParseTree.of(sql);
        } catch (SQLException e) {
            throw invalid("Cannot parse the expression: " + e.getMessage(), "Write a SQL expression");
        }
    }

    private static NorthstarException invalid(String message, String hint) {
        return new NorthstarException(ErrorCode.INVALID_CONFIGURATION, message, hint);
    }
}
