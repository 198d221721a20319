package dev.northstar.govern.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.lake.SqlParseTree;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Row-filter predicates: DuckDB boolean expressions over a table's columns with {@code ${subject.attribute}}
 * placeholders. {@link #check} parses one with DuckDB's own parser ({@code json_serialize_sql}) and refuses anything
 * but a plain predicate (no subqueries, no second statement, no file or system functions); {@link #bind} replaces
 * each placeholder with the subject's value as a quoted SQL string literal, never pasted raw.
 */
public final class RowFilter {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{subject\\.([A-Za-z_][A-Za-z0-9_.-]*)}");
    private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Set<String> FORBIDDEN_FUNCTIONS = Set.of("getenv", "current_setting", "read_text",
            "read_blob", "read_csv", "read_csv_auto", "read_parquet", "read_json", "read_json_auto", "glob",
            "query", "query_table", "system");

    /** Valid predicates and the columns they reference (invalid ones throw and are not kept). */
    private static final java.util.Map<String, Set<String>> CHECKED = new java.util.concurrent.ConcurrentHashMap<>();

    private RowFilter() {}

    /** The subject attributes a predicate uses, in order of appearance. */
    public static Set<String> attributes(String predicate) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(predicate);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * Checks a predicate; returns the columns it references (lower case).
     *
     * @param columns the table's columns when known: every referenced column must be one of them
     * @throws NorthstarException {@code INVALID_CONFIGURATION} naming what is wrong
     */
    public static Set<String> check(String predicate, Optional<Set<String>> columns) {
        Set<String> referenced = CHECKED.computeIfAbsent(predicate, RowFilter::parsePredicate);
        if (columns.isPresent()) {
            Set<String> known = columns.get();
            for (String column : referenced) {
                if (!known.contains(column)) {
                    throw invalid("Row filter '" + predicate + "' references column '" + column
                            + "', which the table does not have", "Use one of " + new TreeSet<>(known));
                }
            }
        }
        return referenced;
    }

    /** Parses a predicate once (DuckDB's parser costs milliseconds; decisions happen on every query). */
    private static Set<String> parsePredicate(String predicate) {
        if (CHECKED.size() > 10_000) {
            CHECKED.clear();
        }
        Matcher any = ANY_PLACEHOLDER.matcher(predicate);
        while (any.find()) {
            if (!PLACEHOLDER.matcher(any.group()).matches()) {
                throw invalid("Unknown placeholder " + any.group() + " in row filter '" + predicate + "'",
                        "Placeholders are ${subject.<attribute>}, e.g. ${subject.region}; 'name' and 'roles' too");
            }
        }
        String probe = PLACEHOLDER.matcher(predicate).replaceAll("'placeholder'");
        JsonNode root = parse("SELECT * FROM filtered_table WHERE (" + probe + ")");
        if (root.path("error").asBoolean(false)) {
            throw invalid("Row filter '" + predicate + "' is not a valid SQL predicate: "
                    + root.path("error_message").asText(), "Write a boolean expression such as region = 'EU'");
        }
        JsonNode statements = root.path("statements");
        JsonNode node = statements.size() == 1 ? statements.get(0).path("node") : null;
        if (node == null || !"SELECT_NODE".equals(node.path("type").asText())
                || !node.path("cte_map").path("map").isEmpty() || !node.path("modifiers").isEmpty()
                || !"BASE_TABLE".equals(node.path("from_table").path("type").asText())
                || !"filtered_table".equals(node.path("from_table").path("table_name").asText())
                || node.path("select_list").size() != 1 || !node.path("group_expressions").isEmpty()
                || !node.path("having").isNull() && !node.path("having").isMissingNode()) {
            throw invalid("Row filter '" + predicate + "' is not a single predicate",
                    "Write one boolean expression over the table's columns, without ')' tricks or extra clauses");
        }
        java.util.SortedSet<String> referenced = new TreeSet<>();
        walk(node.path("where_clause"), predicate, referenced);
        return java.util.Collections.unmodifiableSortedSet(referenced);
    }

    /**
     * The predicate with each placeholder replaced by the subject's value as a SQL string literal (quotes doubled).
     * {@code ${subject.name}} is the principal's name, {@code ${subject.roles}} its roles comma-separated.
     *
     * @return empty when the subject lacks an attribute the predicate uses (the caller denies)
     */
    public static Optional<String> bind(String predicate, Map<String, String> subject) {
        Matcher matcher = PLACEHOLDER.matcher(predicate);
        StringBuilder bound = new StringBuilder();
        while (matcher.find()) {
            String value = subject.get(matcher.group(1));
            if (value == null) {
                return Optional.empty();
            }
            matcher.appendReplacement(bound, Matcher.quoteReplacement(literal(value)));
        }
        matcher.appendTail(bound);
        return Optional.of(bound.toString());
    }

    /** A SQL string literal: quoted, quotes doubled, NUL refused. */
    static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "A subject attribute holds a NUL character",
                    "Remove control characters from the principal's attributes");
        }
        return "'" + value.replace("'", "''") + "'";
    }

    private static void walk(JsonNode node, String predicate, Set<String> columns) {
        if (node.isObject()) {
            String type = node.path("class").asText();
            if ("SUBQUERY".equals(type)) {
                throw invalid("Row filter '" + predicate + "' contains a subquery",
                        "A row filter reads only the row's own columns; compare them with constants or subject attributes");
            }
            if ("COLUMN_REF".equals(type)) {
                JsonNode names = node.path("column_names");
                columns.add(names.get(names.size() - 1).asText().toLowerCase(Locale.ROOT));
            }
            if ("FUNCTION".equals(type)
                    && FORBIDDEN_FUNCTIONS.contains(node.path("function_name").asText().toLowerCase(Locale.ROOT))) {
                throw invalid("Row filter '" + predicate + "' calls " + node.path("function_name").asText()
                        + ", a file or system function", "Use only the row's columns and ordinary functions");
            }
            node.fields().forEachRemaining(entry -> walk(entry.getValue(), predicate, columns));
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, predicate, columns));
        }
    }

    private static JsonNode parse(String sql) {
        try {
            return SqlParseTree.of(sql);
        } catch (SQLException e) {
            throw invalid("Cannot parse the row filter: " + e.getMessage(), "Write a boolean SQL expression");
        }
    }

    private static NorthstarException invalid(String message, String hint) {
        return new NorthstarException(ErrorCode.INVALID_CONFIGURATION, message, hint);
    }

    /** For reasons: the predicates joined. */
    static String describe(List<String> filters) {
        return String.join(" AND ", filters);
    }
}
