package dev.northstar.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a query reads, from DuckDB's own parser ({@code json_serialize_sql}): the {@code domain.table} references,
 * and, for simple queries, the filters of its WHERE clause on each table, which Iceberg uses to prune files.
 *
 * <p>Pruning is conservative: only conjuncts of the top-level WHERE of a single SELECT whose FROM is a table or a
 * tree of inner joins are used; anything else simply reads all files (DuckDB still applies the full filter).
 */
final class SqlAnalysis {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A table reference: the table, the name columns are qualified with (its alias, or its name), whether it has an
     * alias, where its name starts in the SQL text (a character index), and its {@code AT (VERSION => id)} or
     * {@code AT (TIMESTAMP => ts)} clause, if any.
     */
    record TableReference(TableId table, String qualifier, boolean aliased, int location,
            Optional<TimeTravel> timeTravel) {}

    /** A time-travel clause: a snapshot id, or an instant. */
    record TimeTravel(Optional<Long> snapshotId, Optional<java.time.Instant> asOf) {}

    /** A simple comparison {@code column op constant(s)} usable for pruning. */
    record Filter(String qualifier, String column, String operator, List<Constant> constants) {}

    /** A constant with DuckDB's type id ({@code INTEGER}, {@code VARCHAR}, {@code DECIMAL}...) and cast target. */
    record Constant(String typeId, Object value, String castTo) {}

    private final List<TableReference> references;
    private final List<Filter> filters;

    private SqlAnalysis(List<TableReference> references, List<Filter> filters) {
        this.references = List.copyOf(references);
        this.filters = List.copyOf(filters);
    }

    List<TableReference> references() {
        return references;
    }

    Set<TableId> tables() {
        Set<TableId> tables = new LinkedHashSet<>();
        references.forEach(reference -> tables.add(reference.table()));
        return tables;
    }

    /** Filters that apply to one referenced table (qualified by its qualifier, or unqualified in a one-table query). */
    List<Filter> filtersFor(TableReference reference) {
        boolean single = references.size() == 1;
        return filters.stream()
                .filter(filter -> filter.qualifier() == null ? single
                        : filter.qualifier().equalsIgnoreCase(reference.qualifier()))
                .toList();
    }

    /** Parses one SELECT statement. */
    static SqlAnalysis analyse(Connection connection, String sql) {
        JsonNode root;
        try {
            Object json = DuckDbEngine.scalar(connection, "SELECT json_serialize_sql(" + TypeMapping.literal(sql) + ")");
            root = JSON.readTree(String.valueOf(json));
        } catch (SQLException e) {
            throw DuckDbEngine.translate(e, "Cannot parse SQL");
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot read DuckDB's parse tree: " + e.getMessage());
        }
        if (root.path("error").asBoolean(false)) {
            throw parseError(sql, root);
        }
        JsonNode statements = root.path("statements");
        if (statements.size() != 1) {
            throw new NorthstarException(ErrorCode.INVALID_SQL,
                    "Expected exactly one SQL statement, got " + statements.size(),
                    "Run one query at a time");
        }
        JsonNode node = statements.get(0).path("node");
        List<TableReference> references = new ArrayList<>();
        collectReferences(node, references, utf8Offsets(sql), Set.of());
        List<Filter> filters = new ArrayList<>();
        if ("SELECT_NODE".equals(node.path("type").asText()) && node.path("cte_map").path("map").isEmpty()
                && innerJoinsOnly(node.path("from_table"))) {
            collectFilters(node.path("where_clause"), filters);
        }
        return new SqlAnalysis(references, filters);
    }

    private static NorthstarException parseError(String sql, JsonNode root) {
        String type = root.path("error_type").asText("parser");
        String message = root.path("error_message").asText("invalid SQL");
        if (message.toLowerCase(Locale.ROOT).contains("only select")) {
            return new NorthstarException(ErrorCode.INVALID_SQL,
                    "Only queries can run here (SELECT, WITH ... SELECT): " + message,
                    "Write rows with 'northstar load' or the ingestion API, not with SQL");
        }
        StringBuilder text = new StringBuilder(capitalize(type)).append(" Error: ").append(message);
        if (root.has("position")) {
            int position = root.path("position").asInt();
            text.append(" (at position ").append(position + 1).append(")");
            int lineStart = sql.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
            int lineEnd = sql.indexOf('\n', position);
            String line = sql.substring(lineStart, lineEnd < 0 ? sql.length() : lineEnd);
            int lineNumber = (int) sql.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
            String prefix = "LINE " + lineNumber + ": ";
            text.append('\n').append(prefix).append(line).append('\n')
                    .append(" ".repeat(prefix.length() + Math.max(0, position - lineStart))).append('^');
        }
        return new NorthstarException(ErrorCode.INVALID_SQL, text.toString(),
                "Fix the SQL at the position shown; tables are named domain.table");
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** DuckDB reports positions as UTF-8 byte offsets; this maps each byte offset to a character index. */
    private static int[] utf8Offsets(String sql) {
        int[] characterAt = new int[sql.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1];
        int bytePosition = 0;
        for (int index = 0; index < sql.length(); ) {
            int codePoint = sql.codePointAt(index);
            int width = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            for (int i = 0; i < width; i++) {
                characterAt[bytePosition++] = index;
            }
            index += Character.charCount(codePoint);
        }
        characterAt[bytePosition] = sql.length();
        return characterAt;
    }

    /** Scalar functions that read the engine's configuration or the process environment. */
    private static final Set<String> DENIED_FUNCTIONS = Set.of("current_setting", "getenv", "current_schemas",
            "current_database", "current_catalog");

    /** Table functions a query may call: they generate rows and touch no file. */
    private static final Set<String> ALLOWED_TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest");

    /**
     * Walks the parse tree for table references. {@code scope} holds the WITH-query names visible at this point: an
     * unqualified name must be one of them, since anything else would resolve in DuckDB's own catalogs (system views
     * such as {@code duckdb_views} or {@code sqlite_master} show view definitions and settings).
     */
    private static void collectReferences(JsonNode node, List<TableReference> references, int[] characterAt,
            Set<String> scope) {
        if (node.isObject()) {
            Set<String> visible = scope;
            if ("RECURSIVE_CTE_NODE".equals(node.path("type").asText())) {
                visible = with(visible, node.path("cte_name").asText(""));
            }
            JsonNode withQueries = node.path("cte_map").path("map");
            if (withQueries.isArray() && !withQueries.isEmpty()) {
                // A WITH query sees the ones defined before it (and itself when recursive, see above).
                for (JsonNode entry : withQueries) {
                    collectReferences(entry.path("value"), references, characterAt, visible);
                    visible = with(visible, entry.path("key").asText(""));
                }
            }
            if ("FUNCTION".equals(node.path("type").asText())
                    && DENIED_FUNCTIONS.contains(node.path("function_name").asText("").toLowerCase(Locale.ROOT))) {
                throw new NorthstarException(ErrorCode.FORBIDDEN,
                        "Function " + node.path("function_name").asText() + "(...) is not allowed in queries",
                        "Queries may not read the engine's settings or the environment");
            }
            if ("SHOW_REF".equals(node.path("type").asText()) && !node.path("query").isObject()) {
                // SHOW TABLES, SHOW ALL TABLES, DESCRIBE <name>: they list the engine's catalogs, not the lake's.
                throw new NorthstarException(ErrorCode.FORBIDDEN, "SHOW and DESCRIBE of catalog objects are not "
                        + "allowed in queries", "List tables with 'northstar table list' or GET /api/v1/tables; "
                        + "DESCRIBE domain.table and SUMMARIZE domain.table work");
            }
            if ("TABLE_FUNCTION".equals(node.path("type").asText())) {
                String function = node.path("function").path("function_name").asText("");
                if (!ALLOWED_TABLE_FUNCTIONS.contains(function.toLowerCase(Locale.ROOT))) {
                    throw new NorthstarException(ErrorCode.FORBIDDEN,
                            "Table function " + function + "(...) is not allowed in queries",
                            "Query tables by name (domain.table); load files with 'northstar load'");
                }
            }
            if ("BASE_TABLE".equals(node.path("type").asText()) && node.has("table_name")) {
                String schema = node.path("schema_name").asText("");
                String catalog = node.path("catalog_name").asText("");
                String table = node.path("table_name").asText("");
                if (!catalog.isEmpty()) {
                    throw new NorthstarException(ErrorCode.FORBIDDEN,
                            "Catalog-qualified name " + catalog + "." + schema + "." + table + " is not allowed",
                            "Name tables domain.table");
                }
                if (schema.isEmpty() && (table.contains("/") || table.contains(".") || table.contains("\\"))) {
                    throw new NorthstarException(ErrorCode.FORBIDDEN,
                            "Reading the file '" + table + "' from SQL is not allowed",
                            "Query tables by name (domain.table); load files with 'northstar load'");
                }
                if (schema.isEmpty() && !visible.contains(table.toLowerCase(Locale.ROOT))) {
                    throw new NorthstarException(ErrorCode.TABLE_NOT_FOUND,
                            "Table " + table + " does not exist",
                            "Tables are named domain.table (list them with 'northstar table list'); an unqualified "
                                    + "name must be a WITH query defined before it");
                }
                if (!schema.isEmpty() && catalog.isEmpty()) {
                    String name = node.path("table_name").asText();
                    String alias = node.path("alias").asText("");
                    TableId id = toTableId(schema, name);
                    long location = node.path("query_location").asLong(-1);
                    int characterLocation = location >= 0 && location < characterAt.length
                            ? characterAt[(int) location] : -1;
                    references.add(new TableReference(id, alias.isEmpty() ? name : alias, !alias.isEmpty(),
                            characterLocation, timeTravel(id, node.path("at_clause"))));
                }
            }
            Set<String> inner = visible;
            node.fields().forEachRemaining(entry -> {
                if (!entry.getKey().equals("cte_map")) {
                    collectReferences(entry.getValue(), references, characterAt, inner);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, references, characterAt, scope));
        }
    }

    private static Set<String> with(Set<String> scope, String name) {
        Set<String> wider = new java.util.HashSet<>(scope);
        wider.add(name.toLowerCase(Locale.ROOT));
        return Set.copyOf(wider);
    }

    private static Optional<TimeTravel> timeTravel(TableId table, JsonNode clause) {
        if (clause.isNull() || clause.isMissingNode()) {
            return Optional.empty();
        }
        String unit = clause.path("unit").asText();
        Optional<Constant> constant = constant(clause.path("expr"));
        if (constant.isPresent() && unit.equalsIgnoreCase("VERSION") && constant.get().value() instanceof Long id) {
            return Optional.of(new TimeTravel(Optional.of(id), Optional.empty()));
        }
        if (constant.isPresent() && unit.equalsIgnoreCase("TIMESTAMP")
                && constant.get().value() instanceof String text) {
            try {
                return Optional.of(new TimeTravel(Optional.empty(), Optional.of(instant(text))));
            } catch (java.time.format.DateTimeParseException e) {
                // reported below
            }
        }
        throw new NorthstarException(ErrorCode.INVALID_SQL,
                "Time travel on " + table + " needs AT (VERSION => <snapshot id>) or AT (TIMESTAMP => '<timestamp>')",
                "e.g. SELECT * FROM " + table + " AT (TIMESTAMP => TIMESTAMP '2024-06-01 12:00:00'); "
                        + "timestamps without a zone are UTC");
    }

    /** A timestamp text, with or without offset; without one it is UTC. */
    static java.time.Instant instant(String text) {
        String normalized = text.trim().replace(' ', 'T');
        try {
            return java.time.OffsetDateTime.parse(normalized).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            if (normalized.length() == 10) {
                return java.time.LocalDate.parse(normalized).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
            }
            return java.time.LocalDateTime.parse(normalized).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    /**
     * The SQL with every time-travel reference rewritten to read from a view of its own: {@code d.t x AT (...)}
     * becomes {@code d."t__at_N" x}, and {@code d.t AT (...)} becomes {@code d."t__at_N" AS t}.
     *
     * @param viewNames view name for each reference with a time-travel clause
     */
    static String rewriteTimeTravel(String sql, Map<TableReference, String> viewNames) {
        List<Map.Entry<TableReference, String>> ordered = new ArrayList<>(viewNames.entrySet());
        ordered.sort((left, right) -> Integer.compare(right.getKey().location(), left.getKey().location()));
        String result = sql;
        for (Map.Entry<TableReference, String> entry : ordered) {
            TableReference reference = entry.getKey();
            int nameEnd = endOfQualifiedName(result, reference.location());
            java.util.regex.Matcher at = java.util.regex.Pattern.compile("(?i)\\bAT\\s*\\(")
                    .matcher(result);
            if (reference.location() < 0 || !at.find(nameEnd)) {
                throw new NorthstarException(ErrorCode.INVALID_SQL,
                        "Cannot locate the AT clause of " + reference.table() + " in the query",
                        "Write it right after the table name and alias: FROM d.t [alias] AT (VERSION => id)");
            }
            int clauseEnd = closingParenthesis(result, at.end() - 1) + 1;
            String replacement = TypeMapping.quote(reference.table().domain()) + "." + TypeMapping.quote(entry.getValue())
                    + (reference.aliased() ? "" : " AS " + TypeMapping.quote(reference.table().name()));
            result = result.substring(0, reference.location()) + replacement + result.substring(nameEnd, at.start())
                    + result.substring(clauseEnd);
        }
        return result;
    }

    private static int endOfQualifiedName(String sql, int start) {
        int position = start;
        while (position < sql.length()) {
            if (sql.charAt(position) == '"') {
                position = sql.indexOf('"', position + 1);
                while (position > 0 && position + 1 < sql.length() && sql.charAt(position + 1) == '"') {
                    position = sql.indexOf('"', position + 2);
                }
                position = position < 0 ? sql.length() : position + 1;
            } else {
                while (position < sql.length()
                        && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '_')) {
                    position++;
                }
            }
            if (position < sql.length() && sql.charAt(position) == '.') {
                position++;
            } else {
                return position;
            }
        }
        return position;
    }

    private static int closingParenthesis(String sql, int open) {
        int depth = 0;
        for (int position = open; position < sql.length(); position++) {
            char character = sql.charAt(position);
            if (character == '\'') {
                position = sql.indexOf('\'', position + 1);
                if (position < 0) {
                    break;
                }
            } else if (character == '(') {
                depth++;
            } else if (character == ')' && --depth == 0) {
                return position;
            }
        }
        throw new NorthstarException(ErrorCode.INVALID_SQL, "Unbalanced parentheses in the AT clause", null);
    }

    private static TableId toTableId(String schema, String name) {
        try {
            return new TableId(schema.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
        } catch (NorthstarException e) {
            throw new NorthstarException(ErrorCode.TABLE_NOT_FOUND, "Table " + schema + "." + name + " does not exist",
                    "Tables are named domain.table in lower case; list them with 'northstar table list'");
        }
    }

    private static boolean innerJoinsOnly(JsonNode from) {
        String type = from.path("type").asText();
        if ("BASE_TABLE".equals(type)) {
            return true;
        }
        if ("JOIN".equals(type)) {
            return "INNER".equals(from.path("join_type").asText()) && innerJoinsOnly(from.path("left"))
                    && innerJoinsOnly(from.path("right"));
        }
        return false;
    }

    private static void collectFilters(JsonNode expression, List<Filter> filters) {
        if (expression == null || expression.isNull() || expression.isMissingNode()) {
            return;
        }
        String type = expression.path("type").asText();
        switch (type) {
            case "CONJUNCTION_AND" -> expression.path("children").forEach(child -> collectFilters(child, filters));
            case "COMPARE_EQUAL", "COMPARE_NOTEQUAL", "COMPARE_LESSTHAN", "COMPARE_GREATERTHAN",
                    "COMPARE_LESSTHANOREQUALTO", "COMPARE_GREATERTHANOREQUALTO" -> {
                Optional<String[]> leftColumn = column(expression.path("left"));
                Optional<Constant> rightConstant = constant(expression.path("right"));
                if (leftColumn.isPresent() && rightConstant.isPresent()) {
                    filters.add(filter(leftColumn.get(), type, List.of(rightConstant.get())));
                    return;
                }
                Optional<String[]> rightColumn = column(expression.path("right"));
                Optional<Constant> leftConstant = constant(expression.path("left"));
                if (rightColumn.isPresent() && leftConstant.isPresent()) {
                    filters.add(filter(rightColumn.get(), flip(type), List.of(leftConstant.get())));
                }
            }
            case "COMPARE_IN" -> {
                JsonNode children = expression.path("children");
                Optional<String[]> column = column(children.path(0));
                List<Constant> constants = new ArrayList<>();
                for (int i = 1; i < children.size(); i++) {
                    Optional<Constant> constant = constant(children.get(i));
                    if (constant.isEmpty()) {
                        return;
                    }
                    constants.add(constant.get());
                }
                column.ifPresent(name -> filters.add(filter(name, type, constants)));
            }
            case "COMPARE_BETWEEN" -> {
                Optional<String[]> column = column(expression.path("input"));
                Optional<Constant> lower = constant(expression.path("lower"));
                Optional<Constant> upper = constant(expression.path("upper"));
                if (column.isPresent() && lower.isPresent() && upper.isPresent()) {
                    filters.add(filter(column.get(), "COMPARE_GREATERTHANOREQUALTO", List.of(lower.get())));
                    filters.add(filter(column.get(), "COMPARE_LESSTHANOREQUALTO", List.of(upper.get())));
                }
            }
            case "OPERATOR_IS_NULL", "OPERATOR_IS_NOT_NULL" ->
                    column(expression.path("children").path(0)).ifPresent(name ->
                            filters.add(filter(name, type, List.of())));
            default -> {
                // Not usable for pruning; DuckDB evaluates it.
            }
        }
    }

    private static Filter filter(String[] column, String operator, List<Constant> constants) {
        return new Filter(column[0], column[1], operator, constants);
    }

    private static String flip(String operator) {
        return switch (operator) {
            case "COMPARE_LESSTHAN" -> "COMPARE_GREATERTHAN";
            case "COMPARE_GREATERTHAN" -> "COMPARE_LESSTHAN";
            case "COMPARE_LESSTHANOREQUALTO" -> "COMPARE_GREATERTHANOREQUALTO";
            case "COMPARE_GREATERTHANOREQUALTO" -> "COMPARE_LESSTHANOREQUALTO";
            default -> operator;
        };
    }

    /** {qualifier or null, column} of a plain column reference. */
    private static Optional<String[]> column(JsonNode node) {
        if (!"COLUMN_REF".equals(node.path("type").asText())) {
            return Optional.empty();
        }
        JsonNode names = node.path("column_names");
        if (names.size() == 1) {
            return Optional.of(new String[] {null, names.get(0).asText()});
        }
        if (names.size() == 2) {
            return Optional.of(new String[] {names.get(0).asText(), names.get(1).asText()});
        }
        return Optional.empty();
    }

    private static Optional<Constant> constant(JsonNode node) {
        String castTo = null;
        JsonNode current = node;
        if ("OPERATOR_CAST".equals(current.path("type").asText())) {
            castTo = current.path("cast_type").path("id").asText();
            current = current.path("child");
        }
        if (!"VALUE_CONSTANT".equals(current.path("type").asText())) {
            return Optional.empty();
        }
        JsonNode value = current.path("value");
        if (value.path("is_null").asBoolean(false)) {
            return Optional.empty();
        }
        String typeId = value.path("type").path("id").asText();
        JsonNode raw = value.path("value");
        Object javaValue = switch (typeId) {
            case "BOOLEAN" -> raw.asBoolean();
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER" -> raw.asLong();
            case "DOUBLE", "FLOAT" -> raw.asDouble();
            case "VARCHAR" -> raw.asText();
            case "DECIMAL" -> decimal(value);
            default -> null;
        };
        return javaValue == null ? Optional.empty() : Optional.of(new Constant(typeId, javaValue, castTo));
    }

    /** DuckDB serialises a decimal constant as its unscaled integer plus the type's scale. */
    private static BigDecimal decimal(JsonNode value) {
        JsonNode info = value.path("type").path("type_info");
        int scale = info.path("scale").asInt(0);
        JsonNode raw = value.path("value");
        if (raw.isIntegralNumber()) {
            return new BigDecimal(raw.bigIntegerValue(), scale);
        }
        if (raw.isTextual()) {
            try {
                return new BigDecimal(raw.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** For tests and messages. */
    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("references", references);
        description.put("filters", filters);
        return description;
    }
}
