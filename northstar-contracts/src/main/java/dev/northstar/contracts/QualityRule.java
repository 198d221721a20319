package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One ODCS {@code quality} rule, on a property (column), a schema object (table) or, rarely, the contract.
 *
 * <h2>What a rule measures</h2>
 * A rule computes one number, the <em>measure</em>, over the rows checked (a batch being ingested, or the table), and
 * passes when the measure satisfies the {@link #comparison()}. With {@code unit: percent} the measure is
 * {@code 100 * count / rows checked} (0 when no rows); with {@code unit: rows} (the default) it is the count itself.
 *
 * <p>{@link Type#LIBRARY} rules name a {@link Metric}:
 * <ul>
 *   <li>{@code nullValues} (property): rows whose value is {@code null}.</li>
 *   <li>{@code missingValues} (property): rows whose value is {@code null} or equal to one of
 *       {@code arguments.missingValues} (e.g. {@code ["", "n/a"]}; a {@code null} in the list is redundant). Without
 *       the argument it counts nulls only.</li>
 *   <li>{@code invalidValues} (property): rows whose value is not {@code null} and is not valid. A value is valid when
 *       it equals one of {@code arguments.validValues} (compared as text, when given) <em>and</em> fully matches the
 *       regular expression {@code arguments.pattern} (when given). Nulls are never counted here (use
 *       {@code nullValues} or {@code missingValues}). Without either argument the rule counts nothing.</li>
 *   <li>{@code duplicateValues} (property): non-null values minus distinct non-null values, i.e. the rows that
 *       repeat a value seen before. On a schema object, {@code arguments.properties} lists the columns whose
 *       combination must be unique.</li>
 *   <li>{@code rowCount} (schema object): the number of rows checked; {@code unit} is ignored.</li>
 * </ul>
 * ODCS v3.0 wrote the metric as {@code rule}; both are read into {@link #metric()}.
 *
 * <p>{@link Type#SQL} rules run {@link #query()} and take the first column of its first row as the measure. In the
 * query, {@code ${table}} stands for the rows checked (the batch or the table) and {@code ${column}} for the
 * property; the schema object's own name refers to the same rows.
 *
 * <p>{@link Type#TEXT} rules are prose for humans; {@link Type#CUSTOM} rules are for another engine
 * ({@link #engine()}, {@link #implementation()}). Northstar does not evaluate either.
 *
 * @param id stable id, empty when absent
 * @param name rule name, empty when absent
 * @param type how the rule is expressed
 * @param metric the library metric name as written (v3.1 {@code metric} or v3.0 {@code rule}), empty when absent
 * @param arguments metric arguments: {@code validValues}, {@code pattern}, {@code missingValues},
 *     {@code properties}...
 * @param comparison the comparison the measure must satisfy; empty for text and custom rules
 * @param unit {@code rows} or {@code percent}; empty means rows
 * @param query SQL of a {@link Type#SQL} rule, empty otherwise
 * @param engine engine of a custom rule (soda, greatExpectations...), empty otherwise
 * @param implementation implementation of a custom rule (text or structure), null otherwise
 * @param dimension accuracy, completeness, conformity, consistency, coverage, timeliness or uniqueness; may be empty
 * @param severity info, warning or error (any text is kept); empty when absent
 * @param description what the rule checks, for humans
 * @param businessImpact consequence of a failure, e.g. operational
 * @param schedule when a scheduler should run it (cron text), empty when absent
 * @param scheduler which scheduler, empty when absent
 * @param customProperties custom properties of the rule
 * @param position where the rule is
 */
public record QualityRule(
        String id,
        String name,
        Type type,
        String metric,
        Map<String, Object> arguments,
        Optional<Comparison> comparison,
        String unit,
        String query,
        String engine,
        Object implementation,
        String dimension,
        String severity,
        String description,
        String businessImpact,
        String schedule,
        String scheduler,
        List<CustomProperty> customProperties,
        Position position) {

    public QualityRule {
        id = ImmutableValues.text(id);
        name = ImmutableValues.text(name);
        requireNonNull(type, "type is null");
        metric = ImmutableValues.text(metric);
        arguments = ImmutableValues.map(arguments);
        requireNonNull(comparison, "comparison is null");
        unit = ImmutableValues.text(unit);
        query = ImmutableValues.text(query);
        engine = ImmutableValues.text(engine);
        dimension = ImmutableValues.text(dimension);
        severity = ImmutableValues.text(severity);
        description = ImmutableValues.text(description);
        businessImpact = ImmutableValues.text(businessImpact);
        schedule = ImmutableValues.text(schedule);
        scheduler = ImmutableValues.text(scheduler);
        customProperties = List.copyOf(requireNonNull(customProperties, "customProperties is null"));
        requireNonNull(position, "position is null");
    }

    /** The library metric, when the rule names a known one. */
    public Optional<Metric> libraryMetric() {
        return Metric.fromName(metric);
    }

    /** Whether the measure is a percentage of the rows checked rather than a count. */
    public boolean isPercent() {
        return unit.equalsIgnoreCase("percent") || unit.equals("%");
    }

    /** {@code arguments.validValues}, or an empty list. May contain {@code null}. */
    public List<Object> validValues() {
        return listArgument("validValues");
    }

    /** {@code arguments.missingValues}, or an empty list. May contain {@code null}. */
    public List<Object> missingValues() {
        return listArgument("missingValues");
    }

    /** {@code arguments.pattern}, if given. */
    public Optional<String> pattern() {
        Object pattern = arguments.get("pattern");
        return pattern == null ? Optional.empty() : Optional.of(pattern.toString());
    }

    @SuppressWarnings("unchecked")
    private List<Object> listArgument(String name) {
        Object value = arguments.get(name);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** How a rule is expressed. */
    public enum Type {
        /** A predefined {@link Metric} with a comparison. */
        LIBRARY("library"),
        /** A SQL query returning the measure, with a comparison. */
        SQL("sql"),
        /** Prose only; not evaluated. */
        TEXT("text"),
        /** Vendor-specific (Soda, Great Expectations...); not evaluated. */
        CUSTOM("custom");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** The type written as {@code text}, if known. */
        public static Optional<Type> fromText(String text) {
            return Arrays.stream(values()).filter(type -> type.text.equals(text)).findFirst();
        }
    }

    /** The ODCS library metrics. See the class description for what each counts. */
    public enum Metric {
        NULL_VALUES("nullValues"),
        MISSING_VALUES("missingValues"),
        INVALID_VALUES("invalidValues"),
        DUPLICATE_VALUES("duplicateValues"),
        ROW_COUNT("rowCount");

        private final String text;

        Metric(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static Optional<Metric> fromName(String name) {
            return Arrays.stream(values()).filter(metric -> metric.text.equals(name)).findFirst();
        }
    }

    /** The comparison operators of ODCS, with the keys they are written with. */
    public enum Operator {
        /** measure = value. */
        MUST_BE("mustBe"),
        /** measure ≠ value. */
        MUST_NOT_BE("mustNotBe"),
        /** measure &gt; value. */
        MUST_BE_GREATER_THAN("mustBeGreaterThan"),
        /** measure ≥ value; v3.0 documents also wrote {@code mustBeGreaterThanOrEqualTo}. */
        MUST_BE_GREATER_OR_EQUAL_TO("mustBeGreaterOrEqualTo", "mustBeGreaterThanOrEqualTo"),
        /** measure &lt; value. */
        MUST_BE_LESS_THAN("mustBeLessThan"),
        /** measure ≤ value; v3.0 documents also wrote {@code mustBeLessThanOrEqualTo}. */
        MUST_BE_LESS_OR_EQUAL_TO("mustBeLessOrEqualTo", "mustBeLessThanOrEqualTo"),
        /** low ≤ measure ≤ high, with {@code [low, high]} (inclusive). */
        MUST_BE_BETWEEN("mustBeBetween"),
        /** measure &lt; low or measure &gt; high, with {@code [low, high]}. */
        MUST_NOT_BE_BETWEEN("mustNotBeBetween");

        private final List<String> keys;

        Operator(String... keys) {
            this.keys = List.of(keys);
        }

        /** The key the operator is written with in ODCS v3.1. */
        public String key() {
            return keys.get(0);
        }

        /** Every key accepted for the operator, the current one first. */
        public List<String> keys() {
            return keys;
        }

        /** Whether the operator takes two values, {@code [low, high]}. */
        public boolean isRange() {
            return this == MUST_BE_BETWEEN || this == MUST_NOT_BE_BETWEEN;
        }

        /** The operator written with {@code key}, if any. */
        public static Optional<Operator> fromKey(String key) {
            return Arrays.stream(values()).filter(operator -> operator.keys.contains(key)).findFirst();
        }
    }

    /**
     * The comparison a measure must satisfy.
     *
     * @param operator the operator
     * @param values one value ({@code Long}, {@code BigDecimal}, or for {@code mustBe}/{@code mustNotBe} possibly
     *     text), or two for ranges, lower first
     */
    public record Comparison(Operator operator, List<Object> values) {
        public Comparison {
            requireNonNull(operator, "operator is null");
            values = ImmutableValues.list(requireNonNull(values, "values is null"));
        }

        public static Comparison of(Operator operator, Object... values) {
            return new Comparison(operator, Arrays.asList(values));
        }

        /**
         * Whether a numeric measure satisfies the comparison.
         *
         * @throws IllegalStateException when a value is not a number (reported by validation before this is used)
         */
        public boolean test(BigDecimal measure) {
            requireNonNull(measure, "measure is null");
            return switch (operator) {
                case MUST_BE -> measure.compareTo(number(0)) == 0;
                case MUST_NOT_BE -> measure.compareTo(number(0)) != 0;
                case MUST_BE_GREATER_THAN -> measure.compareTo(number(0)) > 0;
                case MUST_BE_GREATER_OR_EQUAL_TO -> measure.compareTo(number(0)) >= 0;
                case MUST_BE_LESS_THAN -> measure.compareTo(number(0)) < 0;
                case MUST_BE_LESS_OR_EQUAL_TO -> measure.compareTo(number(0)) <= 0;
                case MUST_BE_BETWEEN -> measure.compareTo(number(0)) >= 0 && measure.compareTo(number(1)) <= 0;
                case MUST_NOT_BE_BETWEEN -> measure.compareTo(number(0)) < 0 || measure.compareTo(number(1)) > 0;
            };
        }

        /** The value at {@code index} as a number. */
        public BigDecimal number(int index) {
            if (index >= values.size()) {
                throw new IllegalStateException(operator.key() + " has no value " + (index + 1));
            }
            Object value = values.get(index);
            if (value instanceof Number number) {
                return new BigDecimal(number.toString());
            }
            throw new IllegalStateException(operator.key() + " value '" + value + "' is not a number");
        }

        /** {@code mustBeLessOrEqualTo 5}, {@code mustBeBetween [1, 3]}. */
        public String text() {
            return operator.key() + " " + (operator.isRange() ? values.toString() : String.valueOf(values.get(0)));
        }
    }
}
