package dev.northstar.contracts;

import dev.northstar.spi.schema.ColumnType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Semantic checks of a parsed contract, beyond what the ODCS JSON Schema can say. Each problem names the position
 * and path of the offending node and the fix.
 *
 * <ul>
 *   <li>schema objects: two objects that become the same table; properties declared twice (case-insensitive);</li>
 *   <li>types: a {@code physicalType} Northstar knows that does not fit the {@code logicalType} (e.g.
 *       {@code logicalType: integer} with {@code physicalType: varchar}); options that do not fit the type
 *       ({@code pattern} on a number);</li>
 *   <li>options: a {@code pattern} that does not compile; {@code minimum} above {@code maximum} (also lengths and
 *       item counts); negative lengths;</li>
 *   <li>keys: primary and partition key positions that repeat, or a position on a property that is not a key;</li>
 *   <li>quality: an unknown metric (also in v3.0's {@code rule}); a metric on the wrong level ({@code rowCount} on
 *       a property); {@code invalidValues} with neither {@code validValues} nor {@code pattern}; a percentage above
 *       100; a {@code unit} other than {@code rows} or {@code percent}; a range with its low end above its high end;
 *       {@code arguments.properties} naming unknown columns;</li>
 *   <li>SLA: an unknown property; a time-based property without a time unit;</li>
 *   <li>references: relationships whose {@code from}, or {@code to} within the contract, names an unknown
 *       {@code object.property};</li>
 *   <li>the contract {@code version} is not semantic ({@code 1.2.0}); {@code northstar.*} custom properties with bad
 *       values or unknown names.</li>
 * </ul>
 */
public final class ContractValidator {
    private static final Set<String> NORTHSTAR_PROPERTIES = Set.of(EnforcementPolicy.ON_VIOLATION,
            EnforcementPolicy.MAX_QUARANTINE_SHARE, EnforcementPolicy.PARTITIONING, EnforcementPolicy.PII_CANDIDATE,
            "northstar.purposes" /* the purposes a product may be used for, read by northstar-govern's policies */);
    /** Northstar settings of one property (column), read by northstar-govern's classification and privacy. */
    private static final Set<String> NORTHSTAR_COLUMN_PROPERTIES = Set.of(EnforcementPolicy.PII_CANDIDATE,
            "northstar.subjectKey", "northstar.protect", "northstar.anonymised");

    private final DataContract contract;
    private final List<ContractProblem> problems = new ArrayList<>();

    private ContractValidator(DataContract contract) {
        this.contract = contract;
    }

    /** Every semantic problem of a contract, in document order; empty when it is valid. */
    public static List<ContractProblem> validate(DataContract contract) {
        ContractValidator validator = new ContractValidator(contract);
        validator.check();
        return List.copyOf(validator.problems);
    }

    /** Parses and validates a file: every problem, empty when the contract is valid. */
    public static List<ContractProblem> lint(Path file) {
        return lint(ContractParser.readFile(file), file.toString());
    }

    /** Parses and validates YAML text: every problem, empty when the contract is valid. */
    public static List<ContractProblem> lint(String yaml, String sourceName) {
        ContractParser.Partial partial = ContractParser.readPartial(yaml, sourceName);
        if (partial.contract().isEmpty()) {
            return partial.problems();
        }
        // Semantic checks run on what could be read, so one lint shows every problem; a node the parser already
        // reported is not reported again.
        List<ContractProblem> problems = new ArrayList<>(partial.problems());
        Set<String> reported = new java.util.HashSet<>();
        partial.problems().forEach(problem -> reported.add(problem.position().path()));
        for (ContractProblem problem : validate(partial.contract().get())) {
            if (!reported.contains(problem.position().path())) {
                problems.add(problem);
            }
        }
        problems.sort(java.util.Comparator.comparingInt((ContractProblem problem) -> problem.position().line())
                .thenComparingInt(problem -> problem.position().column()));
        return List.copyOf(problems);
    }

    /**
     * Parses and validates a file.
     *
     * @throws ContractException listing every problem when there is any
     */
    public static DataContract load(Path file) {
        DataContract contract = ContractParser.parse(file);
        requireValid(contract);
        return contract;
    }

    /**
     * Parses and validates YAML text.
     *
     * @throws ContractException listing every problem when there is any
     */
    public static DataContract load(String yaml, String sourceName) {
        DataContract contract = ContractParser.parse(yaml, sourceName);
        requireValid(contract);
        return contract;
    }

    private static void requireValid(DataContract contract) {
        List<ContractProblem> problems = validate(contract);
        if (!problems.isEmpty()) {
            throw new ContractException(problems);
        }
    }

    private void check() {
        if (SemanticVersion.parse(contract.version()).isEmpty()) {
            problem("version", "version '" + contract.version() + "' is not a semantic version",
                    "Write MAJOR.MINOR.PATCH, e.g. 1.0.0; a breaking change needs a new major version");
        }
        checkNorthstarProperties(contract.customProperties(), "customProperties");
        Map<String, String> tables = new HashMap<>();
        for (int index = 0; index < contract.schema().size(); index++) {
            SchemaObject object = contract.schema().get(index);
            String path = "schema[" + index + "]";
            String table = ContractTables.identifier(object.name());
            String previous = tables.putIfAbsent(table, object.name());
            if (previous != null) {
                problem(path + ".name", "Schema objects '" + previous + "' and '" + object.name()
                        + "' both become table '" + table + "'", "Give each schema object a distinct name");
            }
            checkObject(object, path);
        }
        for (int index = 0; index < contract.slaProperties().size(); index++) {
            checkSla(contract.slaProperties().get(index), "slaProperties[" + index + "]");
        }
    }

    private void checkObject(SchemaObject object, String path) {
        checkNorthstarProperties(object.customProperties(), path + ".customProperties");
        EnforcementPolicy.read(contract, object, problems);
        checkProperties(object.properties(), path + ".properties");
        checkKeys(object, path);
        for (int index = 0; index < object.quality().size(); index++) {
            checkRule(object.quality().get(index), path + ".quality[" + index + "]", Optional.empty(), object);
        }
        for (int index = 0; index < object.relationships().size(); index++) {
            Relationship relationship = object.relationships().get(index);
            String relationshipPath = path + ".relationships[" + index + "]";
            checkReferences(relationship.from(), relationshipPath + ".from", true);
            checkReferences(relationship.to(), relationshipPath + ".to", false);
            if (!relationship.from().isEmpty() && relationship.from().size() != relationship.to().size()) {
                problem(relationshipPath, "A relationship lists " + relationship.from().size() + " 'from' and "
                        + relationship.to().size() + " 'to' elements", "List as many 'to' elements as 'from' ones");
            }
        }
    }

    private void checkProperties(List<SchemaProperty> properties, String path) {
        Map<String, String> seen = new HashMap<>();
        for (int index = 0; index < properties.size(); index++) {
            SchemaProperty property = properties.get(index);
            String propertyPath = path + "[" + index + "]";
            String previous = seen.putIfAbsent(property.name().toLowerCase(Locale.ROOT), property.name());
            if (previous != null) {
                problem(propertyPath + ".name", "Property '" + property.name() + "' is declared twice",
                        "Remove or rename one of them (names are compared without case)");
            }
            checkProperty(property, propertyPath);
        }
    }

    private void checkProperty(SchemaProperty property, String path) {
        checkNorthstarProperties(property.customProperties(), path + ".customProperties", NORTHSTAR_COLUMN_PROPERTIES);
        String logical = property.logicalType();
        Optional<ColumnType> physical = ContractTables.physicalType(property.physicalType());
        if (physical.isPresent() && !logical.isEmpty() && ContractParser.LOGICAL_TYPES.contains(logical)
                && !ContractTables.fits(logical, physical.get())) {
            problem(path + ".physicalType", "physicalType '" + property.physicalType() + "' does not fit logicalType '"
                    + logical + "'", "Use a " + logical + " physical type such as " + exampleType(logical)
                    + ", or correct the logicalType");
        }
        checkOptions(property, path + ".logicalTypeOptions");
        for (int index = 0; index < property.quality().size(); index++) {
            checkRule(property.quality().get(index), path + ".quality[" + index + "]", Optional.of(property), null);
        }
        for (int index = 0; index < property.relationships().size(); index++) {
            checkReferences(property.relationships().get(index).to(), path + ".relationships[" + index + "].to",
                    false);
        }
        property.items().ifPresent(items -> checkProperty(items, path + ".items"));
        checkProperties(property.properties(), path + ".properties");
    }

    private void checkOptions(SchemaProperty property, String path) {
        LogicalTypeOptions options = property.logicalTypeOptions();
        String logical = property.logicalType();
        options.pattern().ifPresent(pattern -> {
            checkPattern(pattern, path + ".pattern");
            if (!logical.isEmpty() && !logical.equals("string")) {
                problem(path + ".pattern", "pattern applies to strings, but the logicalType is '" + logical + "'",
                        "Remove the pattern, or use a string logicalType");
            }
        });
        checkLength(options.minLength(), path + ".minLength");
        checkLength(options.maxLength(), path + ".maxLength");
        if (options.minLength().isPresent() && options.maxLength().isPresent()
                && options.minLength().get() > options.maxLength().get()) {
            problem(path + ".minLength", "minLength " + options.minLength().get() + " is greater than maxLength "
                    + options.maxLength().get(), "Swap them, or correct one");
        }
        if (options.minItems().isPresent() && options.maxItems().isPresent()
                && options.minItems().get() > options.maxItems().get()) {
            problem(path + ".minItems", "minItems " + options.minItems().get() + " is greater than maxItems "
                    + options.maxItems().get(), "Swap them, or correct one");
        }
        Optional<Object> low = options.minimum().or(options::exclusiveMinimum);
        Optional<Object> high = options.maximum().or(options::exclusiveMaximum);
        if (low.isPresent() && high.isPresent()) {
            Optional<Integer> compared = compare(low.get(), high.get());
            String lowName = options.minimum().isPresent() ? "minimum" : "exclusiveMinimum";
            String highName = options.maximum().isPresent() ? "maximum" : "exclusiveMaximum";
            if (compared.isPresent() && compared.get() > 0) {
                problem(path + "." + lowName, lowName + " " + low.get() + " is greater than " + highName + " "
                        + high.get(), "Swap them, or correct one");
            }
        }
        if (logical.equals("integer") || logical.equals("number")) {
            for (String name : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) {
                Optional<Object> bound = switch (name) {
                    case "minimum" -> options.minimum();
                    case "maximum" -> options.maximum();
                    case "exclusiveMinimum" -> options.exclusiveMinimum();
                    default -> options.exclusiveMaximum();
                };
                if (bound.isPresent() && !(bound.get() instanceof Number)) {
                    problem(path + "." + name, name + " of a " + logical + " must be a number, found '" + bound.get()
                            + "'", "Write the number without quotes");
                }
            }
        }
    }

    private void checkLength(Optional<Long> length, String path) {
        if (length.isPresent() && length.get() < 0) {
            problem(path, "A length cannot be negative, found " + length.get(), "Use 0 or more");
        }
    }

    private void checkPattern(String pattern, String path) {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            problem(path, "pattern '" + pattern + "' is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex(), "Fix the expression; escape literal characters such as . ( [ with \\");
        }
    }

    private void checkRule(QualityRule rule, String path, Optional<SchemaProperty> property, SchemaObject object) {
        if (rule.type() == QualityRule.Type.LIBRARY && !rule.metric().isEmpty()) {
            Optional<QualityRule.Metric> metric = rule.libraryMetric();
            if (metric.isEmpty()) {
                // The parser checks v3.1's metric against the schema's list; v3.0's free-text rule is checked here.
                List<String> names = java.util.Arrays.stream(QualityRule.Metric.values())
                        .map(QualityRule.Metric::text).toList();
                problem(path + ".rule", "Quality metric '" + rule.metric() + "' is unknown",
                        "Use one of " + String.join(", ", names) + ContractParser.closeMatch(rule.metric(), names));
            } else if (metric.get() == QualityRule.Metric.ROW_COUNT && property.isPresent()) {
                problem(path + ".metric", "rowCount counts the rows of a table, not of a property",
                        "Move the rule to the schema object's quality list");
            } else if (metric.get() != QualityRule.Metric.ROW_COUNT
                    && metric.get() != QualityRule.Metric.DUPLICATE_VALUES && property.isEmpty()) {
                problem(path + ".metric", rule.metric() + " counts the values of one property",
                        "Move the rule to the property's quality list");
            } else if (metric.get() == QualityRule.Metric.INVALID_VALUES && rule.validValues().isEmpty()
                    && rule.pattern().isEmpty()) {
                problem(path + ".arguments", "invalidValues needs arguments.validValues or arguments.pattern to know "
                        + "what is valid", "Add e.g. 'arguments: {validValues: [open, closed]}'");
            }
        }
        rule.pattern().ifPresent(pattern -> checkPattern(pattern, path + ".arguments.pattern"));
        Object columns = rule.arguments().get("properties");
        if (columns != null && object != null) {
            List<?> names = columns instanceof List<?> list ? list : List.of(columns);
            for (Object name : names) {
                if (object.property(String.valueOf(name)).isEmpty()) {
                    problem(path + ".arguments.properties", "arguments.properties names '" + name
                            + "', which is not a property of " + object.name(), "Use one of "
                            + object.properties().stream().map(SchemaProperty::name).toList());
                }
            }
        }
        rule.comparison().ifPresent(comparison -> {
            String key = path + "." + comparison.operator().key();
            if (comparison.operator().isRange()) {
                if (comparison.number(0).compareTo(comparison.number(1)) > 0) {
                    problem(key, comparison.operator().key() + " " + comparison.values() + " has its low end above "
                            + "its high end", "Write the smaller number first");
                }
            }
            if (rule.isPercent()) {
                for (Object value : comparison.values()) {
                    if (value instanceof Number number && (new BigDecimal(number.toString()).signum() < 0
                            || new BigDecimal(number.toString()).compareTo(BigDecimal.valueOf(100)) > 0)) {
                        problem(key, "A percentage must be between 0 and 100, found " + number,
                                "Use unit: rows for counts, or a value from 0 to 100");
                    }
                }
            }
        });
        if (!rule.unit().isEmpty() && !Set.of("rows", "percent", "%").contains(rule.unit())) {
            problem(path + ".unit", "Quality unit '" + rule.unit() + "' is unknown", "Use rows or percent");
        }
    }

    private void checkSla(SlaProperty sla, String path) {
        if (!SlaProperty.KNOWN_PROPERTIES.contains(sla.property())) {
            problem(path + ".property", "SLA property '" + sla.property() + "' is unknown", "Use one of "
                    + String.join(", ", SlaProperty.KNOWN_PROPERTIES)
                    + ContractParser.closeMatch(sla.property(), SlaProperty.KNOWN_PROPERTIES));
            return;
        }
        if (SlaProperty.DURATION_PROPERTIES.contains(sla.property()) && sla.value() instanceof Number
                && SlaProperty.TimeUnit.fromText(sla.unit()).isEmpty()) {
            problem(path + ".unit", sla.unit().isEmpty()
                    ? "SLA property " + sla.property() + " needs a time unit"
                    : "SLA unit '" + sla.unit() + "' is not a time unit",
                    "Use one of " + String.join(", ", SlaProperty.TimeUnit.allNames()));
        }
    }

    private void checkKeys(SchemaObject object, String path) {
        Map<Integer, String> primaryKeys = new TreeMap<>();
        Map<Integer, String> partitionKeys = new TreeMap<>();
        for (int index = 0; index < object.properties().size(); index++) {
            SchemaProperty property = object.properties().get(index);
            String propertyPath = path + ".properties[" + index + "]";
            if (property.primaryKeyPosition() > 0) {
                if (!property.primaryKey()) {
                    problem(propertyPath + ".primaryKeyPosition", "Property '" + property.name()
                            + "' has a primaryKeyPosition but is not a primary key", "Add 'primaryKey: true' or "
                            + "remove primaryKeyPosition");
                }
                String previous = primaryKeys.putIfAbsent(property.primaryKeyPosition(), property.name());
                if (previous != null) {
                    problem(propertyPath + ".primaryKeyPosition", "Properties '" + previous + "' and '"
                            + property.name() + "' both have primaryKeyPosition " + property.primaryKeyPosition(),
                            "Number the primary key columns 1, 2, 3...");
                }
            }
            if (property.partitionKeyPosition() > 0) {
                if (!property.partitioned()) {
                    problem(propertyPath + ".partitionKeyPosition", "Property '" + property.name()
                            + "' has a partitionKeyPosition but is not partitioned", "Add 'partitioned: true' or "
                            + "remove partitionKeyPosition");
                }
                String previous = partitionKeys.putIfAbsent(property.partitionKeyPosition(), property.name());
                if (previous != null) {
                    problem(propertyPath + ".partitionKeyPosition", "Properties '" + previous + "' and '"
                            + property.name() + "' both have partitionKeyPosition " + property.partitionKeyPosition(),
                            "Number the partition columns 1, 2, 3...");
                }
            }
        }
    }

    private void checkReferences(List<String> references, String path, boolean mustBeLocal) {
        for (int index = 0; index < references.size(); index++) {
            String reference = references.get(index);
            int dot = reference.lastIndexOf('.');
            String objectName = dot < 0 ? "" : reference.substring(0, dot);
            String propertyName = reference.substring(dot + 1);
            Optional<SchemaObject> object = contract.schemaObject(objectName);
            String elementPath = path + "[" + index + "]";
            if (object.isEmpty()) {
                if (mustBeLocal) {
                    problem(elementPath, "Reference '" + reference + "' names no schema object of this contract",
                            "Write object.property with one of " + contract.schema().stream()
                                    .map(SchemaObject::name).toList());
                }
                continue;
            }
            if (object.get().property(propertyName).isEmpty()) {
                problem(elementPath, "Reference '" + reference + "' names no property of " + object.get().name(),
                        "Use one of " + object.get().properties().stream().map(SchemaProperty::name).toList()
                                + ContractParser.closeMatch(propertyName,
                                        object.get().properties().stream().map(SchemaProperty::name).toList()));
            }
        }
    }

    private void checkNorthstarProperties(List<CustomProperty> properties, String path) {
        checkNorthstarProperties(properties, path, NORTHSTAR_PROPERTIES);
    }

    private void checkNorthstarProperties(List<CustomProperty> properties, String path, Set<String> known) {
        for (int index = 0; index < properties.size(); index++) {
            CustomProperty property = properties.get(index);
            if (property.property().startsWith("northstar.") && !known.contains(property.property())) {
                problem(path + "[" + index + "].property", "Custom property '" + property.property()
                        + "' is not a Northstar setting here", "Use one of " + known.stream().sorted()
                        .toList() + ContractParser.closeMatch(property.property(), known));
            }
        }
    }

    /** Compares two bounds: numbers numerically, texts (ISO dates and times) as text; empty when incomparable. */
    private static Optional<Integer> compare(Object left, Object right) {
        if (left instanceof Number && right instanceof Number) {
            return Optional.of(new BigDecimal(left.toString()).compareTo(new BigDecimal(right.toString())));
        }
        if (left instanceof String leftText && right instanceof String rightText) {
            return Optional.of(leftText.compareTo(rightText));
        }
        return Optional.empty();
    }

    private static String exampleType(String logicalType) {
        return switch (logicalType) {
            case "string" -> "varchar(50) or text";
            case "integer" -> "int or bigint";
            case "number" -> "double or decimal(12,2)";
            case "boolean" -> "boolean";
            case "date" -> "date";
            case "time" -> "time";
            case "timestamp" -> "timestamp or timestamptz";
            case "array" -> "array<string>";
            default -> "struct<...>";
        };
    }

    private void problem(String path, String message, String hint) {
        problems.add(new ContractProblem(contract.position(path), message, hint));
    }
}
