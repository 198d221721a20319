package dev.northstar.ingest.plan;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A product's rules compiled into ONE DuckDB query over the raw text table of a source
 * ({@link dev.northstar.ingest.source.Source#RAW_TABLE}). It creates {@value #CHECKED_TABLE}: {@code _record},
 * {@code _line}, {@code _raw_values} (for rows with violations, the source record as a JSON object of column → raw
 * text; null for the others), one typed column per
 * product column ({@code TRY_CAST} to the table type) and {@code _violations}: the list of broken rules as structs
 * {@code {rule, column, message, blocking}}.
 *
 * <p>Rule ids are {@code <table>.<column>.<kind>}, e.g. {@code orders.amount.maximum}; kinds are {@code type},
 * {@code required}, {@code unique} (duplicates within the batch: every duplicate is quarantined, since nothing
 * says which one is right), {@code unique_existing} (the value is already in the product), {@code min_length},
 * {@code max_length}, {@code pattern}, {@code minimum}, {@code maximum}, {@code valid_values} and
 * {@code reference}. {@code type} and {@code required} violations are blocking: such a row cannot be written to the
 * product even under {@link OnViolation#WARN}.
 *
 * <p>Unique-against-the-product and references need values of lake tables: they are read into the temporary
 * tables of {@link #lookups()} (distinct values as text) before the query runs.
 */
public final class ValidationPlan {
    /** Temporary table the plan creates. */
    public static final String CHECKED_TABLE = "ns_checked";

    /** Rules per violation mask: bits 0..61 of a BIGINT, so every bit value is a positive literal. */
    private static final int MASK_BITS = 62;

    /**
     * One rule the plan checks, for the assertions of lineage events and listings.
     *
     * @param rule rule id, e.g. {@code orders.amount.maximum}
     * @param column product column
     * @param kind rule kind, e.g. {@code maximum}
     */
    public record Check(String rule, String column, String kind) {}

    /**
     * A temporary table {@code name (v VARCHAR)} to fill, before the plan runs, with the distinct non-null values
     * (cast to text by DuckDB) of {@code table.column}.
     */
    public record Lookup(String name, TableId table, String column) {}

    private final ProductRules rules;
    private final List<Check> checks;
    private final List<Lookup> lookups;
    private final List<String> prepare;
    private final String createChecked;

    private ValidationPlan(ProductRules rules, List<Check> checks, List<Lookup> lookups, List<String> prepare,
            String createChecked) {
        this.rules = rules;
        this.checks = List.copyOf(checks);
        this.lookups = List.copyOf(lookups);
        this.prepare = List.copyOf(prepare);
        this.createChecked = createChecked;
    }

    /**
     * Compiles the rules for a source with these columns (matched to product columns case-insensitively; a product
     * column missing from the source is null, source columns the product lacks are kept only in the raw values).
     */
    public static ValidationPlan compile(ProductRules rules, List<String> sourceColumns) {
        requireNonNull(rules, "rules is null");
        requireNonNull(sourceColumns, "sourceColumns is null");
        Map<String, String> sourceByName = new HashMap<>();
        for (String column : sourceColumns) {
            sourceByName.putIfAbsent(column.toLowerCase(Locale.ROOT), column);
        }
        List<Check> checks = new ArrayList<>();
        List<Lookup> lookups = new ArrayList<>();
        List<String> typedColumns = new ArrayList<>();
        List<String> joined = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        List<String> prepare = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String table = rules.product().name();
        for (int i = 0; i < rules.columns().size(); i++) {
            ColumnRules column = rules.columns().get(i);
            String raw = "r_" + i;
            String typed = "t_" + i;
            String source = sourceByName.get(column.name().toLowerCase(Locale.ROOT));
            boolean text = column.type() == ColumnType.Primitive.STRING;
            typedColumns.add((source == null ? "NULL::VARCHAR" : identifier(source)) + " AS " + raw);
            typedColumns.add((text ? raw : castOf(column.type(), raw)) + " AS " + typed);
            outputs.add(typed + " AS " + identifier(column.name()));
            // Presence and blankness without trim() on the common path: DuckDB short-circuits AND/OR inside the
            // CASE conditions of the masks, so trim only runs on the rare values that start with a space.
            String present = "(" + raw + " IS NOT NULL AND " + raw + " <> '' AND (NOT prefix(" + raw + ", ' ') OR trim("
                    + raw + ") <> ''))";
            String blank = "(" + raw + " IS NULL OR " + raw + " = '' OR (prefix(" + raw + ", ' ') AND trim(" + raw
                    + ") = ''))";
            String shown = "('''' || left(" + raw + ", 200) || '''')";
            Rule rule = new Rule(table, column.name(), checks, violations);
            if (!text) {
                // A typed value implies a present one: the presence test runs only where the cast gave NULL.
                rule.add("type", true, typed + " IS NULL AND " + present,
                        shown + " || " + literal(" is not a valid " + column.type().text()));
            }
            if (column.required()) {
                rule.add("required", true, text ? blank : typed + " IS NULL AND " + blank, "'a value is required'");
            }
            if (column.unique()) {
                // Duplicates within the batch: the repeated values are found first by one aggregate over the column
                // (ns_dups_<i>, few rows), then joined to the batch by value; no window over the wide rows.
                String count = "n_" + i;
                String duplicates = "ns_dups_" + i;
                prepare.add("CREATE OR REPLACE TEMP TABLE " + duplicates + " AS SELECT v, count(*) AS n FROM (SELECT "
                        + castOf(column.type(), source == null ? "NULL::VARCHAR" : identifier(source)) + " AS v FROM "
                        + dev.northstar.ingest.source.Source.RAW_TABLE + ") WHERE v IS NOT NULL GROUP BY v"
                        + " HAVING count(*) > 1");
                joins.add(" LEFT JOIN " + duplicates + " ON " + duplicates + ".v = typed." + typed);
                joined.add(duplicates + ".n AS " + count);
                rule.add("unique", false, count + " IS NOT NULL",
                        shown + " || ' appears ' || " + count + " || ' times in this batch'");
                String existing = "ns_lookup_" + i + "_existing";
                lookups.add(new Lookup(existing, rules.product(), column.name()));
                rule.add("unique_existing", false, typed + " IS NOT NULL AND CAST(" + typed + " AS VARCHAR) IN (SELECT v"
                        + " FROM " + existing + ")", shown + " || " + literal(" is already in " + rules.product()));
            }
            column.minLength().ifPresent(min -> rule.add("min_length", false,
                    raw + " IS NOT NULL AND length(" + raw + ") < " + min,
                    shown + " || " + literal(" is shorter than " + min + " characters")));
            column.maxLength().ifPresent(max -> rule.add("max_length", false,
                    raw + " IS NOT NULL AND length(" + raw + ") > " + max,
                    shown + " || " + literal(" is longer than " + max + " characters")));
            column.pattern().ifPresent(regex -> rule.add("pattern", false,
                    raw + " IS NOT NULL AND NOT regexp_full_match(" + raw + ", " + literal(regex) + ")",
                    shown + " || " + literal(" does not match the pattern " + regex)));
            String bound = text ? raw : typed;
            column.minimum().ifPresent(min -> rule.add("minimum", false,
                    bound + (column.exclusiveMinimum() ? " <= " : " < ") + "TRY_CAST(" + literal(min) + " AS "
                            + duckType(column.type()) + ")",
                    shown + " || " + literal(" is below the " + (column.exclusiveMinimum() ? "exclusive " : "")
                            + "minimum " + min)));
            column.maximum().ifPresent(max -> rule.add("maximum", false,
                    bound + (column.exclusiveMaximum() ? " >= " : " > ") + "TRY_CAST(" + literal(max) + " AS "
                            + duckType(column.type()) + ")",
                    shown + " || " + literal(" is above the " + (column.exclusiveMaximum() ? "exclusive " : "")
                            + "maximum " + max)));
            if (!column.validValues().isEmpty()) {
                String list = column.validValues().stream().map(ValidationPlan::literal)
                        .collect(Collectors.joining(", "));
                rule.add("valid_values", false, raw + " NOT IN (" + list + ") AND " + present + " AND trim(" + raw
                        + ") NOT IN (" + list + ")",
                        shown + " || " + literal(" is not one of " + String.join(", ", column.validValues())));
            }
            Optional<ColumnReference> reference = column.reference();
            if (reference.isPresent()) {
                String referenced = "ns_lookup_" + i + "_reference";
                lookups.add(new Lookup(referenced, reference.get().table(), reference.get().column()));
                rule.add("reference", false, typed + " IS NOT NULL AND CAST(" + typed + " AS VARCHAR) NOT IN (SELECT v"
                        + " FROM " + referenced + ")",
                        shown + " || " + literal(" is not in " + reference.get()));
            }
        }
        // The raw values (a JSON object per record) are only needed for rows with violations: the source columns are
        // carried as s_<i> and the JSON is built for those rows alone.
        List<String> carried = new ArrayList<>();
        List<String> rawPairs = new ArrayList<>();
        for (int i = 0; i < sourceColumns.size(); i++) {
            carried.add(identifier(sourceColumns.get(i)) + " AS s_" + i);
            rawPairs.add(literal(sourceColumns.get(i)) + ", s_" + i);
        }
        String rawValues = sourceColumns.isEmpty() ? "'{}'"
                : "json_object(" + String.join(", ", rawPairs) + ")::VARCHAR";
        // Every rule's condition is evaluated once, into bits of BIGINT masks (62 rules a mask); the list of violation
        // structs, with their messages, is built only for the rows with a bit set. Most rows break no rule and get
        // the empty list without building and filtering one struct per rule.
        String empty = "[]::STRUCT(rule VARCHAR, \"column\" VARCHAR, message VARCHAR, blocking BOOLEAN)[]";
        List<String> masks = new ArrayList<>();
        List<String> maskBits = new ArrayList<>();
        List<String> gated = new ArrayList<>();
        for (int k = 0; k < violations.size(); k++) {
            int mask = k / MASK_BITS;
            int bit = k % MASK_BITS;
            if (bit == 0) {
                maskBits.add("");
            }
            String term = "CASE WHEN " + violations.get(k).condition() + " THEN " + (1L << bit) + " ELSE 0 END";
            maskBits.set(mask, maskBits.get(mask).isEmpty() ? term : maskBits.get(mask) + " | " + term);
            gated.add("CASE WHEN (_m" + mask + " >> " + bit + ") & 1 = 1 THEN " + violations.get(k).struct() + " END");
        }
        for (int mask = 0; mask < maskBits.size(); mask++) {
            masks.add("(" + maskBits.get(mask) + ")::BIGINT AS _m" + mask);
        }
        String anyBroken = masks.isEmpty() ? "false" : java.util.stream.IntStream.range(0, masks.size())
                .mapToObj(mask -> "_m" + mask + " <> 0").collect(Collectors.joining(" OR "));
        String violationList = violations.isEmpty() ? empty
                : "CASE WHEN " + anyBroken + " THEN list_filter([" + String.join(", ", gated) + "], v -> v IS NOT NULL)"
                        + " ELSE " + empty + " END";
        String sql = "CREATE OR REPLACE TEMP TABLE " + CHECKED_TABLE + " AS"
                + " WITH typed AS (SELECT _record, _line" + (carried.isEmpty() ? "" : ", " + String.join(", ", carried))
                + ", " + String.join(", ", typedColumns) + " FROM " + dev.northstar.ingest.source.Source.RAW_TABLE
                + "),"
                + " counted AS (SELECT typed.*" + (joined.isEmpty() ? "" : ", " + String.join(", ", joined))
                + " FROM typed" + String.join("", joins) + "),"
                + " masked AS (SELECT *" + (masks.isEmpty() ? "" : ", " + String.join(", ", masks)) + " FROM counted),"
                + " violated AS (SELECT *, " + violationList + " AS _violations FROM masked)"
                + " SELECT _record, _line, CASE WHEN len(_violations) > 0 THEN " + rawValues
                + " END AS _raw_values, " + String.join(", ", outputs) + ", _violations FROM violated";
        return new ValidationPlan(rules, checks, lookups, prepare, sql);
    }

    /** Collects the checks and violation expressions of one column. */
    private record Rule(String table, String column, List<Check> checks, List<Violation> violations) {
        void add(String kind, boolean blocking, String condition, String message) {
            String id = table + "." + column + "." + kind;
            checks.add(new Check(id, column, kind));
            violations.add(new Violation(condition, "{'rule': " + literal(id) + ", 'column': " + literal(column)
                    + ", 'message': " + literal(column) + " || ': ' || " + message + ", 'blocking': " + blocking + "}"));
        }
    }

    /** One rule's condition (true when broken) and the struct describing its violation. */
    private record Violation(String condition, String struct) {}

    public ProductRules rules() {
        return rules;
    }

    /** Every rule checked, in column order. */
    public List<Check> checks() {
        return checks;
    }

    /** Temporary tables to fill before {@link #createCheckedSql()} runs. */
    public List<Lookup> lookups() {
        return lookups;
    }

    /**
     * Statements to run, in order, after the lookups are filled and before {@link #createCheckedSql()}: one aggregate
     * per unique column collecting the values repeated in the batch ({@code ns_dups_<i>}).
     */
    public List<String> prepareSql() {
        return prepare;
    }

    /** The one query: {@code CREATE OR REPLACE TEMP TABLE ns_checked AS ...}. */
    public String createCheckedSql() {
        return createChecked;
    }

    /** Rows for the product: without violations, or under WARN without blocking ones; typed columns only. */
    public String productSelect(OnViolation policy) {
        String columns = rules.columns().stream().map(column -> identifier(column.name()))
                .collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + CHECKED_TABLE + " WHERE " + validCondition(policy);
    }

    /** Condition on a row of {@value #CHECKED_TABLE} that it goes to the product under the policy. */
    public String validCondition(OnViolation policy) {
        return policy == OnViolation.WARN ? "len(list_filter(_violations, v -> v.blocking)) = 0"
                : "len(_violations) = 0";
    }

    /**
     * Rows for the quarantine table: checked rows with violations, and the malformed records of the source.
     * Under WARN, rows with only non-blocking violations get status {@code warned} (they are in the product too).
     */
    public String quarantineSelect(String source, String runId, Instant ingestedAt, OnViolation policy) {
        String common = literal(source) + " AS _source";
        String tail = literal(runId) + " AS _run_id, " + literal(ingestedAt.toString()) + "::TIMESTAMPTZ AS _ingested_at";
        String status = policy == OnViolation.WARN
                ? "CASE WHEN len(list_filter(_violations, v -> v.blocking)) = 0 THEN 'warned' ELSE 'quarantined' END"
                : "'quarantined'";
        return "SELECT _raw_values, NULL::VARCHAR AS _raw_line, " + common + ", _line, _record,"
                + " to_json(list_transform(_violations, v -> {'rule': v.rule, 'column': v.\"column\","
                + " 'message': v.message}))::VARCHAR AS _reasons, " + tail + ", " + status + " AS _status"
                + " FROM " + CHECKED_TABLE + " WHERE len(_violations) > 0"
                + " UNION ALL SELECT NULL::VARCHAR, _raw_line, " + common + ", _line, _record, _reasons, " + tail
                + ", 'quarantined' FROM " + dev.northstar.ingest.source.Source.MALFORMED_TABLE;
    }

    /**
     * The typed value of a raw text: {@code TRY_CAST}, which already ignores surrounding spaces and gives NULL for an
     * empty text for numbers and temporal types; booleans, UUIDs, binary and nested types are trimmed first.
     */
    static String castOf(ColumnType type, String raw) {
        boolean castTrims = type instanceof ColumnType.Decimal || type instanceof ColumnType.Primitive primitive
                && switch (primitive) {
                    case INT, LONG, FLOAT, DOUBLE, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> true;
                    default -> false;
                };
        return castTrims ? "TRY_CAST(" + raw + " AS " + duckType(type) + ")"
                : "TRY_CAST(NULLIF(trim(" + raw + "), '') AS " + duckType(type) + ")";
    }

    /** DuckDB type of a column type. */
    public static String duckType(ColumnType type) {
        if (type instanceof ColumnType.Primitive primitive) {
            return switch (primitive) {
                case BOOLEAN -> "BOOLEAN";
                case INT -> "INTEGER";
                case LONG -> "BIGINT";
                case FLOAT -> "FLOAT";
                case DOUBLE -> "DOUBLE";
                case DATE -> "DATE";
                case TIME -> "TIME";
                case TIMESTAMP -> "TIMESTAMP";
                case TIMESTAMPTZ -> "TIMESTAMPTZ";
                case STRING -> "VARCHAR";
                case UUID -> "UUID";
                case BINARY -> "BLOB";
            };
        }
        if (type instanceof ColumnType.Decimal decimal) {
            return "DECIMAL(" + decimal.precision() + "," + decimal.scale() + ")";
        }
        if (type instanceof ColumnType.ListOf list) {
            return duckType(list.element()) + "[]";
        }
        ColumnType.Struct struct = (ColumnType.Struct) type;
        return "STRUCT(" + struct.fields().stream()
                .map(field -> identifier(field.name()) + " " + duckType(field.type()))
                .collect(Collectors.joining(", ")) + ")";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
