package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.TableInfo;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.text.CheckDigits;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableId;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drafts a contract by profiling data: a CSV, JSON or Parquet file (read by an in-memory DuckDB), or a lake table
 * (through {@link Lakehouse#query}). The draft is ODCS v3.1.0 YAML, {@code status: draft}, version {@code 0.1.0},
 * that {@link ContractValidator} accepts; a human reviews it before applying it.
 *
 * <p>Per column: logical and physical type; {@code required} when no value is null (or the lake table's column is
 * required); {@code unique} when every value
 * is distinct (more than one row); {@code minimum}/{@code maximum} for numbers and dates; {@code minLength}/
 * {@code maxLength} and a {@code pattern} for strings when every value has the same short shape (e.g.
 * {@code ORD-0001} → {@code ^[A-Z]{3}-[0-9]{4}$}) or is a UUID; a {@code invalidValues} rule with
 * {@code validValues} for strings with at most 10 distinct values over at least 20 rows; up to 3 examples.
 *
 * <p>Candidate PII, by column name and by value shape: e-mail, phone (international format), IBAN, payment card
 * number, date of birth, national id, person name, postal address, IP address. A candidate gets
 * {@code classification: pii-candidate}, a {@code northstar.piiCandidate} custom property saying which kind and why,
 * and no examples (so the draft does not copy personal data).
 */
public final class ContractInference {
    private static final int MAX_VALID_VALUES = 10;
    private static final int MIN_ROWS_FOR_VALID_VALUES = 20;
    private static final int MAX_PATTERN_LENGTH = 40;

    static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}";
    static final String PHONE = "\\+[0-9][0-9 ().-]{6,18}[0-9]";
    static final String IBAN = "[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}";
    static final String CARD = "[0-9]{4}([ -]?[0-9]{4}){3}|[0-9]{13,19}";
    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String IP = "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}";

    private static final List<NameHint> NAME_HINTS = List.of(
            new NameHint("email", "e-?mail"),
            new NameHint("phone", "phone|mobile|tel(ephone)?|fax"),
            new NameHint("iban", "iban|bank_?account"),
            new NameHint("card number", "card_?(number|no|num)|credit_?card|\\bpan\\b|cc_?number"),
            new NameHint("date of birth", "birth|\\bdob\\b"),
            new NameHint("national id", "ssn|social_?security|passport|national_?id|tax_?id"),
            new NameHint("person name", "first_?name|last_?name|surname|full_?name|given_?name|family_?name"),
            new NameHint("postal address", "street|address|post_?code|zip_?code"),
            new NameHint("IP address", "\\bip\\b|ip_?address"));

    private ContractInference() {}

    /** What inference produced: the contract and its YAML text. */
    public record InferredContract(DataContract contract, String yaml) {
        public InferredContract {
            requireNonNull(contract, "contract is null");
            requireNonNull(yaml, "yaml is null");
        }
    }

    /**
     * Profiles a CSV, JSON or Parquet file.
     *
     * @throws NorthstarException {@code FILE_NOT_FOUND} for a missing file, {@code INVALID_ARGUMENT} for an unknown
     *     extension, {@code INVALID_DATA} when DuckDB cannot read it
     */
    public static InferredContract fromFile(Path file) {
        String relation = RowSource.file(file).relation();
        String stem = file.getFileName().toString().replaceAll("\\..*$", "");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            SqlRunner runner = sql -> {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                    List<List<Object>> result = new ArrayList<>();
                    int count = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int index = 1; index <= count; index++) {
                            row.add(rows.getObject(index));
                        }
                        result.add(row);
                    }
                    return result;
                }
            };
            List<SourceColumn> columns = new ArrayList<>();
            for (List<Object> row : runner.rows("DESCRIBE SELECT * FROM " + relation)) {
                columns.add(new SourceColumn(String.valueOf(row.get(0)), duckDbType(String.valueOf(row.get(1))),
                        false));
            }
            return infer(runner, relation, columns, "default", ContractTables.identifier(stem), file.toString());
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INVALID_DATA, "Cannot profile " + file + ": " + e.getMessage(),
                    "Check that the file is valid CSV (with a header), JSON or Parquet", e);
        }
    }

    /** Profiles a lake table. */
    public static InferredContract fromTable(Lakehouse lake, TableId table) {
        TableInfo info = lake.describe(table);
        List<SourceColumn> columns = info.columns().stream()
                .map(column -> new SourceColumn(column.name(), Optional.of(ColumnType.parse(column.type())),
                        column.required()))
                .toList();
        SqlRunner runner = sql -> lake.query(sql, QueryOptions.defaults()).rows();
        return infer(runner, table.toString(), columns, table.domain(), table.name(), "table " + table);
    }

    private interface SqlRunner {
        List<List<Object>> rows(String sql) throws SQLException;
    }

    /** A column to profile; {@code declaredRequired} when the table already rejects nulls in it. */
    private record SourceColumn(String name, Optional<ColumnType> type, boolean declaredRequired) {}

    private record NameHint(String kind, String regex) {
        boolean matches(String columnName) {
            // Both forms: "first_?name" needs the underscores, "\\bdob\\b" needs them as word breaks.
            String name = columnName.toLowerCase(Locale.ROOT);
            Pattern pattern = Pattern.compile(regex);
            return pattern.matcher(name).find() || pattern.matcher(name.replace('_', ' ')).find();
        }
    }

    private static InferredContract infer(SqlRunner runner, String relation, List<SourceColumn> columns,
            String domain, String tableName, String sourceDescription) {
        try {
            long rows = number(runner.rows("SELECT count(*) FROM " + relation).get(0).get(0)).longValue();
            List<Map<String, Object>> properties = new ArrayList<>();
            for (SourceColumn column : columns) {
                properties.add(property(runner, relation, column, rows));
            }
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("name", tableName);
            object.put("physicalType", "table");
            object.put("description", "Inferred from " + rows + " rows of " + sourceDescription);
            object.put("properties", properties);
            object.put("quality", List.of(map("type", "library", "metric", "rowCount", "mustBeGreaterThan", 0,
                    "description", "The table is not empty")));
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("apiVersion", "v3.1.0");
            document.put("kind", "DataContract");
            document.put("id", domain + "." + tableName);
            document.put("name", tableName);
            document.put("version", "0.1.0");
            document.put("status", "draft");
            document.put("domain", domain);
            document.put("description", map("purpose", "Draft inferred by 'northstar contract infer' from "
                    + sourceDescription + "; review every field before applying it"));
            document.put("schema", List.of(object));
            String yaml = yaml(document);
            return new InferredContract(ContractValidator.load(yaml, tableName + ".odcs.yaml"), yaml);
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INVALID_DATA, "Cannot profile " + sourceDescription + ": "
                    + e.getMessage(), "Check that DuckDB can read it", e);
        }
    }

    private static Map<String, Object> property(SqlRunner runner, String relation, SourceColumn column, long rows)
            throws SQLException {
        String quoted = "\"" + column.name().replace("\"", "\"\"") + "\"";
        ColumnType type = column.type().orElse(ColumnType.Primitive.STRING);
        boolean scalar = column.type().isPresent() && type instanceof ColumnType.Primitive
                || type instanceof ColumnType.Decimal;
        boolean text = type == ColumnType.Primitive.STRING;
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("name", column.name());
        property.put("logicalType", logicalType(type));
        property.put("physicalType", type.text());
        if (!scalar) {
            List<Object> counts = runner.rows("SELECT count(" + quoted + ") FROM " + relation).get(0);
            property.put("required", column.declaredRequired() || rows > 0 && number(counts.get(0)).longValue() == rows);
            return property;
        }
        String asText = quoted + "::VARCHAR";
        String shape = "regexp_replace(regexp_replace(regexp_replace(" + asText + ", '[A-Z]', 'A', 'g'), '[a-z]',"
                + " 'a', 'g'), '[0-9]', '9', 'g')";
        StringBuilder sql = new StringBuilder("SELECT count(" + quoted + "), count(DISTINCT " + quoted + ")");
        boolean ordered = type != ColumnType.Primitive.BOOLEAN && type != ColumnType.Primitive.BINARY
                && type != ColumnType.Primitive.UUID;
        sql.append(ordered ? ", min(" + quoted + ")::VARCHAR, max(" + quoted + ")::VARCHAR" : ", NULL, NULL");
        if (text) {
            sql.append(", min(length(").append(quoted).append(")), max(length(").append(quoted).append("))");
            for (String regex : List.of(EMAIL, PHONE, IBAN, CARD, UUID, IP)) {
                sql.append(", count(*) FILTER (WHERE regexp_full_match(").append(quoted).append(", '")
                        .append(regex.replace("'", "''")).append("'))");
            }
            sql.append(", count(DISTINCT ").append(shape).append("), min(").append(shape).append(")");
        }
        sql.append(" FROM ").append(relation);
        List<Object> stats = runner.rows(sql.toString()).get(0);
        long nonNull = number(stats.get(0)).longValue();
        long distinct = number(stats.get(1)).longValue();
        property.put("required", column.declaredRequired() || rows > 0 && nonNull == rows);
        if (rows > 1 && distinct == rows) {
            property.put("unique", true);
        }
        Map<String, Object> options = new LinkedHashMap<>();
        Optional<String> pii = Optional.empty();
        String piiReason = "";
        for (NameHint hint : NAME_HINTS) {
            if (hint.matches(column.name())) {
                pii = Optional.of(hint.kind());
                piiReason = "the column name suggests " + hint.kind();
                break;
            }
        }
        if (text && nonNull > 0) {
            options.put("minLength", number(stats.get(4)).longValue());
            options.put("maxLength", number(stats.get(5)).longValue());
            String[] kinds = {"email", "phone", "iban", "card number", "uuid", "IP address"};
            for (int index = 0; index < kinds.length; index++) {
                long matching = number(stats.get(6 + index)).longValue();
                boolean most = matching * 10 >= nonNull * 9;
                if (!most) {
                    continue;
                }
                if (kinds[index].equals("uuid")) {
                    if (matching == nonNull) {
                        options.put("pattern", "^" + UUID + "$");
                    }
                } else if (pii.isEmpty() || pii.get().equals(kinds[index])) {
                    boolean cardByShapeOnly = kinds[index].equals("card number") && pii.isEmpty();
                    if (!cardByShapeOnly || luhnLikely(runner, relation, quoted)) {
                        pii = Optional.of(kinds[index]);
                        piiReason = (piiReason.isEmpty() ? "" : piiReason + " and ")
                                + (matching * 100 / nonNull) + "% of the values look like " + kinds[index]
                                + (kinds[index].endsWith("s") ? "es" : "s");
                    }
                }
            }
            long shapes = number(stats.get(12)).longValue();
            Object onlyShape = stats.get(13);
            if (!options.containsKey("pattern") && shapes == 1 && onlyShape != null && pii.isEmpty()
                    && onlyShape.toString().length() <= MAX_PATTERN_LENGTH && nonNull > 1) {
                shapePattern(onlyShape.toString()).ifPresent(pattern -> options.put("pattern", pattern));
            }
        } else if (ordered && nonNull > 0 && stats.get(2) != null) {
            boolean numeric = type instanceof ColumnType.Decimal || type == ColumnType.Primitive.INT
                    || type == ColumnType.Primitive.LONG || type == ColumnType.Primitive.FLOAT
                    || type == ColumnType.Primitive.DOUBLE;
            options.put("minimum", numeric ? new BigDecimal(stats.get(2).toString()) : stats.get(2).toString());
            options.put("maximum", numeric ? new BigDecimal(stats.get(3).toString()) : stats.get(3).toString());
        }
        if (!options.isEmpty()) {
            property.put("logicalTypeOptions", options);
        }
        if (pii.isPresent()) {
            property.put("classification", "pii-candidate");
            property.put("customProperties", List.of(map("property", EnforcementPolicy.PII_CANDIDATE,
                    "value", pii.get() + ": " + piiReason)));
            return property;
        }
        if (text && nonNull > 0 && distinct <= MAX_VALID_VALUES && rows >= MIN_ROWS_FOR_VALID_VALUES
                && distinct < rows) {
            List<Object> values = new ArrayList<>();
            for (List<Object> row : runner.rows("SELECT DISTINCT " + quoted + " FROM " + relation + " WHERE "
                    + quoted + " IS NOT NULL ORDER BY 1")) {
                values.add(row.get(0).toString());
            }
            property.put("quality", List.of(map("type", "library", "metric", "invalidValues",
                    "arguments", map("validValues", values), "mustBe", 0,
                    "description", "Only the " + values.size() + " values seen when the draft was inferred")));
        }
        List<Object> examples = new ArrayList<>();
        for (List<Object> row : runner.rows("SELECT DISTINCT " + asText + " FROM " + relation + " WHERE " + quoted
                + " IS NOT NULL ORDER BY 1 LIMIT 3")) {
            examples.add(row.get(0).toString());
        }
        if (!examples.isEmpty()) {
            property.put("examples", examples);
        }
        return property;
    }

    /** Whether most 13-19 digit values pass the Luhn check, which payment card numbers do and random ids rarely. */
    private static boolean luhnLikely(SqlRunner runner, String relation, String quoted) throws SQLException {
        List<List<Object>> sample = runner.rows("SELECT " + quoted + " FROM " + relation + " WHERE " + quoted
                + " IS NOT NULL LIMIT 100");
        long passing = sample.stream().filter(row -> luhn(row.get(0).toString().replaceAll("[ -]", ""))).count();
        return !sample.isEmpty() && passing * 10 >= sample.size() * 9;
    }

    static boolean luhn(String digits) {
        return digits.matches("[0-9]{13,19}") && CheckDigits.luhn(digits);
    }

    /** {@code AAA-9999} → {@code ^[A-Z]{3}-[0-9]{4}$}; empty when the shape has no letters or digits. */
    static Optional<String> shapePattern(String shape) {
        StringBuilder pattern = new StringBuilder("^");
        Matcher runs = Pattern.compile("A+|a+|9+|[^Aa9]").matcher(shape);
        boolean classes = false;
        while (runs.find()) {
            String run = runs.group();
            String repeat = run.length() == 1 ? "" : "{" + run.length() + "}";
            switch (run.charAt(0)) {
                case 'A' -> {
                    pattern.append("[A-Z]").append(repeat);
                    classes = true;
                }
                case 'a' -> {
                    pattern.append("[a-z]").append(repeat);
                    classes = true;
                }
                case '9' -> {
                    pattern.append("[0-9]").append(repeat);
                    classes = true;
                }
                default -> pattern.append("\\^$.|?*+()[]{}".indexOf(run.charAt(0)) >= 0 ? "\\" + run : run);
            }
        }
        return classes ? Optional.of(pattern.append('$').toString()) : Optional.empty();
    }

    private static String logicalType(ColumnType type) {
        if (type instanceof ColumnType.Decimal) {
            return "number";
        }
        if (type instanceof ColumnType.ListOf) {
            return "array";
        }
        if (type instanceof ColumnType.Struct) {
            return "object";
        }
        return switch ((ColumnType.Primitive) type) {
            case BOOLEAN -> "boolean";
            case INT, LONG -> "integer";
            case FLOAT, DOUBLE -> "number";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP, TIMESTAMPTZ -> "timestamp";
            case STRING, UUID, BINARY -> "string";
        };
    }

    /** A DuckDB type name as a Northstar type; types Northstar has no equivalent for (MAP, UNION...) are empty. */
    static Optional<ColumnType> duckDbType(String duckDbType) {
        String type = duckDbType.trim().toUpperCase(Locale.ROOT);
        if (type.endsWith("[]")) {
            return duckDbType(type.substring(0, type.length() - 2)).map(ColumnType.ListOf::new);
        }
        Matcher decimal = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)").matcher(type);
        if (decimal.matches()) {
            return Optional.of(new ColumnType.Decimal(Integer.parseInt(decimal.group(1)),
                    Integer.parseInt(decimal.group(2))));
        }
        ColumnType.Primitive primitive = switch (type) {
            case "BOOLEAN" -> ColumnType.Primitive.BOOLEAN;
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> ColumnType.Primitive.INT;
            case "BIGINT", "UINTEGER", "HUGEINT" -> ColumnType.Primitive.LONG;
            case "FLOAT" -> ColumnType.Primitive.FLOAT;
            case "DOUBLE" -> ColumnType.Primitive.DOUBLE;
            case "DATE" -> ColumnType.Primitive.DATE;
            case "TIME" -> ColumnType.Primitive.TIME;
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> ColumnType.Primitive.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> ColumnType.Primitive.TIMESTAMPTZ;
            case "VARCHAR" -> ColumnType.Primitive.STRING;
            case "UUID" -> ColumnType.Primitive.UUID;
            case "BLOB" -> ColumnType.Primitive.BINARY;
            default -> null;
        };
        return Optional.ofNullable(primitive);
    }

    private static Number number(Object value) {
        if (value instanceof Number number) {
            return number;
        }
        return new BigDecimal(String.valueOf(value));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            map.put((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        return map;
    }

    private static String yaml(Map<String, Object> document) {
        ObjectMapper mapper = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build());
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the inferred contract as YAML", e);
        }
    }
}
