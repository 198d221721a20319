package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ContractTables;
import dev.northstar.contracts.DataContract;
import dev.northstar.contracts.LogicalTypeOptions;
import dev.northstar.contracts.Position;
import dev.northstar.contracts.QualityRule;
import dev.northstar.contracts.SchemaObject;
import dev.northstar.contracts.SchemaProperty;
import dev.northstar.contracts.SlaProperty;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks and SLOs an ODCS v3 contract declares for one of its tables.
 *
 * <ul>
 *   <li>Library rules ({@code nullValues}, {@code missingValues}, {@code invalidValues}, {@code duplicateValues},
 *       {@code rowCount}) become metric checks; without a comparison, {@code rowCount} must be greater than 0 and
 *       the others must be 0.</li>
 *   <li>Numeric {@code logicalTypeOptions.minimum}/{@code maximum} of a property become an {@code out_of_range}
 *       check ({@code <column>.range}, must be 0 rows, error). Date bounds are left to ingestion.</li>
 *   <li>SQL rules become custom SQL checks; {@code ${column}} is replaced by the property's column, and the schema
 *       object's bare name after {@code FROM} or {@code JOIN} by the table.</li>
 *   <li>Text and custom rules are not evaluated (another engine's business).</li>
 *   <li>The SLA property {@code freshness}, else {@code latency}, else {@code frequency}, gives a freshness check
 *       ({@code <table>.freshness}, error) on its {@code element} column (or the latest commit) and the freshness
 *       SLO. {@code availability} and {@code completeness} SLA values (percent) are the objectives of those SLOs;
 *       {@link QualityConfig} gives what the contract does not say.</li>
 * </ul>
 * Check ids are the rule's {@code id}, else its {@code name}, else {@code <column>.<metric>} (or
 * {@code <table>.<metric>}); a repeated id gets {@code #2}, {@code #3}... Severity is the rule's ({@code info},
 * {@code warning}, {@code error}); a rule without one is an error.
 */
public final class ContractChecks {
    /** SLA properties giving the freshness limit, in order of preference. */
    static final List<String> FRESHNESS_PROPERTIES = List.of("freshness", "latency", "frequency");

    private ContractChecks() {}

    /**
     * The checks of a schema object.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} naming the rule's file, line and column when a rule cannot
     *     be evaluated (a text comparison value, an unknown severity, a SQL rule without comparison)
     */
    public static List<Check> checks(DataContract contract, SchemaObject object) {
        requireNonNull(contract, "contract is null");
        requireNonNull(object, "object is null");
        String table = ContractTables.identifier(object.name());
        Set<String> ids = new HashSet<>();
        List<Check> checks = new ArrayList<>();
        for (SchemaProperty property : object.properties()) {
            String column = ContractTables.columnName(property);
            for (QualityRule rule : property.quality()) {
                check(rule, table, Optional.of(column), ids).ifPresent(checks::add);
            }
            range(property.logicalTypeOptions(), column, ids).ifPresent(checks::add);
        }
        for (QualityRule rule : object.quality()) {
            check(rule, table, Optional.empty(), ids).ifPresent(checks::add);
        }
        freshnessLimit(contract).ifPresent(sla -> checks.add(new Check.FreshnessCheck(
                unique(table + ".freshness", ids), elementColumn(sla, object), sla.duration().orElseThrow(),
                Severity.ERROR)));
        return List.copyOf(checks);
    }

    /** The freshness (when the SLA gives a limit), completeness and availability SLOs of the contract. */
    public static List<Slo> slos(DataContract contract, QualityConfig config) {
        requireNonNull(contract, "contract is null");
        requireNonNull(config, "config is null");
        List<Slo> slos = new ArrayList<>();
        freshnessLimit(contract).ifPresent(sla -> slos.add(Slo.freshness(config.freshnessObjective(),
                config.sloWindow(), sla.duration().orElseThrow())));
        slos.add(Slo.completeness(percent(contract, "completeness").orElse(config.completenessObjective()),
                config.sloWindow()));
        slos.add(Slo.availability(percent(contract, "availability").orElse(config.availabilityObjective()),
                config.sloWindow()));
        return List.copyOf(slos);
    }

    private static Optional<Check> check(QualityRule rule, String table, Optional<String> column, Set<String> ids) {
        if (rule.type() == QualityRule.Type.TEXT || rule.type() == QualityRule.Type.CUSTOM) {
            return Optional.empty();
        }
        Severity severity = severity(rule);
        String subject = column.orElse(table);
        if (rule.type() == QualityRule.Type.SQL) {
            Comparison comparison = comparison(rule).orElseThrow(() -> invalid(rule.position(),
                    "SQL quality rule of " + subject + " has no comparison",
                    "Add e.g. 'mustBe: 0' to say what the query must return"));
            String query = tableReferences(column.map(name -> rule.query().replace("${column}", name))
                    .orElse(rule.query()), table);
            return Optional.of(new Check.SqlCheck(id(rule, subject + ".sql", ids), query, comparison, severity));
        }
        Optional<QualityRule.Metric> library = rule.libraryMetric();
        if (library.isEmpty()) {
            throw invalid(rule.position(), "Quality rule of " + subject + " names unknown metric '" + rule.metric()
                    + "'", "Use nullValues, missingValues, invalidValues, duplicateValues or rowCount");
        }
        Metric metric = switch (library.get()) {
            case ROW_COUNT -> Metric.rowCount();
            case NULL_VALUES -> Metric.nullValues(requireColumn(rule, column));
            case MISSING_VALUES -> Metric.missingValues(requireColumn(rule, column), rule.missingValues().stream()
                    .filter(value -> value != null).map(Object::toString).toList());
            case INVALID_VALUES -> {
                List<String> valid = rule.validValues().stream().filter(value -> value != null)
                        .map(Object::toString).toList();
                if (valid.isEmpty() && rule.pattern().isEmpty()) {
                    throw invalid(rule.position(), "invalidValues rule of " + subject
                            + " gives neither validValues nor a pattern", "Add arguments.validValues or"
                            + " arguments.pattern");
                }
                yield Metric.invalidValues(requireColumn(rule, column), valid, rule.pattern());
            }
            case DUPLICATE_VALUES -> Metric.duplicateValues(column.map(List::of).orElseGet(() -> {
                Object properties = rule.arguments().get("properties");
                if (properties instanceof List<?> list && !list.isEmpty()) {
                    return list.stream().map(Object::toString).toList();
                }
                throw invalid(rule.position(), "duplicateValues rule of table " + table + " names no columns",
                        "Add arguments.properties: [column, ...], or put the rule on a property");
            }));
        };
        boolean rowCount = library.get() == QualityRule.Metric.ROW_COUNT;
        Comparison comparison = comparison(rule).orElse(rowCount ? Comparison.mustBeGreaterThan(0)
                : Comparison.mustBe(0));
        MeasureUnit unit = !rowCount && rule.isPercent() ? MeasureUnit.PERCENT : MeasureUnit.ROWS;
        return Optional.of(new Check.MetricCheck(id(rule, subject + "." + library.get().text(), ids), metric,
                comparison, unit, severity));
    }

    /**
     * ODCS lets a SQL rule name its table by the schema object's name ({@code FROM orders}); the lake names tables
     * {@code domain.table}, so a bare, unqualified name after {@code FROM} or {@code JOIN} becomes {@code ${table}}.
     */
    static String tableReferences(String query, String table) {
        Pattern bare = Pattern.compile("(?i)\\b(FROM|JOIN)(\\s+)(\"?)" + Pattern.quote(table) + "\\3(?![\\w.\"])");
        return bare.matcher(query).replaceAll("$1$2\\${table}");
    }

    private static Optional<Check> range(LogicalTypeOptions options, String column, Set<String> ids) {
        Optional<Double> minimum = options.minimum().filter(Number.class::isInstance)
                .map(value -> ((Number) value).doubleValue());
        Optional<Double> maximum = options.maximum().filter(Number.class::isInstance)
                .map(value -> ((Number) value).doubleValue());
        if (minimum.isEmpty() && maximum.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Check.MetricCheck(unique(column + ".range", ids),
                Metric.outOfRange(column, minimum, maximum), Comparison.mustBe(0), MeasureUnit.ROWS,
                Severity.ERROR));
    }

    private static String requireColumn(QualityRule rule, Optional<String> column) {
        return column.orElseThrow(() -> invalid(rule.position(), rule.metric() + " rule is on a table, not a column",
                "Move the rule under the property it measures"));
    }

    private static Optional<Comparison> comparison(QualityRule rule) {
        if (rule.comparison().isEmpty()) {
            return Optional.empty();
        }
        QualityRule.Comparison written = rule.comparison().get();
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < written.values().size(); i++) {
            try {
                values.add(written.number(i).doubleValue());
            } catch (IllegalStateException e) {
                throw invalid(rule.position(), "Comparison " + written.text() + " is not numeric",
                        "Quality checks compare numbers: write e.g. " + written.operator().key() + ": 0");
            }
        }
        return Optional.of(new Comparison(Comparison.Operator.fromContractName(written.operator().key()), values));
    }

    private static Severity severity(QualityRule rule) {
        return switch (rule.severity().toLowerCase(Locale.ROOT)) {
            case "", "error", "critical" -> Severity.ERROR;
            case "warning", "warn" -> Severity.WARNING;
            case "info" -> Severity.INFO;
            default -> throw invalid(rule.position(), "Quality rule severity '" + rule.severity() + "' is unknown",
                    "Write severity: info, warning or error");
        };
    }

    private static String id(QualityRule rule, String fallback, Set<String> ids) {
        String id = !rule.id().isBlank() ? rule.id() : !rule.name().isBlank() ? rule.name() : fallback;
        return unique(id, ids);
    }

    private static String unique(String id, Set<String> ids) {
        String candidate = id;
        for (int suffix = 2; !ids.add(candidate); suffix++) {
            candidate = id + "#" + suffix;
        }
        return candidate;
    }

    private static Optional<SlaProperty> freshnessLimit(DataContract contract) {
        for (String property : FRESHNESS_PROPERTIES) {
            for (SlaProperty sla : contract.slaProperties()) {
                if (sla.property().equalsIgnoreCase(property) && sla.duration().isPresent()) {
                    return Optional.of(sla);
                }
            }
        }
        return Optional.empty();
    }

    /** The column of {@code object} the SLA element names ({@code table.column} or {@code column}), if any. */
    private static Optional<String> elementColumn(SlaProperty sla, SchemaObject object) {
        String element = sla.element().trim();
        if (element.isEmpty()) {
            return Optional.empty();
        }
        int dot = element.lastIndexOf('.');
        if (dot > 0 && !element.substring(0, dot).equalsIgnoreCase(object.name())) {
            return Optional.empty();
        }
        String name = element.substring(dot + 1);
        return object.property(name).map(ContractTables::columnName);
    }

    private static Optional<Double> percent(DataContract contract, String property) {
        return contract.slaProperties().stream()
                .filter(sla -> sla.property().equalsIgnoreCase(property) && sla.value() instanceof Number)
                .map(sla -> ((Number) sla.value()).doubleValue())
                .findFirst();
    }

    private static NorthstarException invalid(Position position, String message, String hint) {
        return new NorthstarException(ErrorCode.INVALID_ARGUMENT, position.location() + ": " + message, hint);
    }
}
