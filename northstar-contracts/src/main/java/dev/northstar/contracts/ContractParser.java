package dev.northstar.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads ODCS v3 (v3.0.x and v3.1.0) YAML into a {@link DataContract}.
 *
 * <p>Checks what the official JSON Schema checks: required fields, the type of every field, enumerated values
 * ({@code kind}, {@code apiVersion}, {@code logicalType}, quality {@code type}, {@code dimension} and
 * {@code metric}), unknown fields, and the shape of quality comparisons (exactly one operator; numbers for
 * greater/less; two distinct numbers for between). Semantic checks (types that do not fit, patterns that do not
 * compile, references to unknown columns...) are {@link ContractValidator}'s.
 *
 * <p>Collects every problem before failing, each naming {@code file:line:column}, the path and the fix.
 */
public final class ContractParser {
    /** The ODCS versions Northstar reads. */
    public static final List<String> SUPPORTED_API_VERSIONS = List.of("v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0");

    /** ODCS logical types. */
    public static final List<String> LOGICAL_TYPES =
            List.of("string", "date", "timestamp", "time", "number", "integer", "object", "array", "boolean");

    static final List<String> DIMENSIONS =
            List.of("accuracy", "completeness", "conformity", "consistency", "coverage", "timeliness", "uniqueness");

    private static final Set<String> TOP_LEVEL = Set.of("version", "kind", "apiVersion", "id", "name", "tenant",
            "tags", "status", "servers", "dataProduct", "description", "domain", "schema", "support", "price", "team",
            "roles", "slaDefaultElement", "slaProperties", "authoritativeDefinitions", "customProperties",
            "contractCreatedTs");
    private static final Set<String> DESCRIPTION = Set.of("usage", "purpose", "limitations",
            "authoritativeDefinitions", "customProperties");
    private static final Set<String> SCHEMA_OBJECT = Set.of("id", "name", "physicalName", "physicalType",
            "businessName", "description", "logicalType", "dataGranularityDescription", "properties", "quality",
            "relationships", "tags", "customProperties", "authoritativeDefinitions");
    private static final Set<String> PROPERTY = Set.of("id", "name", "physicalName", "physicalType", "businessName",
            "description", "tags", "customProperties", "authoritativeDefinitions", "classification",
            "criticalDataElement", "encryptedName", "examples", "logicalType", "logicalTypeOptions",
            "partitionKeyPosition", "partitioned", "primaryKey", "primaryKeyPosition", "quality", "relationships",
            "required", "unique", "transformDescription", "transformLogic", "transformSourceObjects", "items",
            "properties");
    private static final Set<String> QUALITY = Set.of("id", "name", "type", "description", "dimension", "method",
            "schedule", "scheduler", "severity", "businessImpact", "unit", "tags", "customProperties",
            "authoritativeDefinitions", "metric", "rule", "arguments", "query", "engine", "implementation",
            "mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo", "mustBeGreaterThanOrEqualTo",
            "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeLessThanOrEqualTo", "mustBeBetween", "mustNotBeBetween");
    private static final Set<String> SLA = Set.of("id", "property", "value", "valueExt", "unit", "element",
            "driver", "description", "scheduler", "schedule");
    private static final Set<String> TEAM = Set.of("id", "name", "description", "members", "tags",
            "customProperties", "authoritativeDefinitions");
    private static final Set<String> MEMBER = Set.of("id", "username", "name", "role", "description", "dateIn",
            "dateOut", "replacedByUsername", "tags", "customProperties", "authoritativeDefinitions");
    private static final Set<String> ROLE = Set.of("id", "role", "access", "description", "firstLevelApprovers",
            "secondLevelApprovers", "customProperties");
    private static final Set<String> SUPPORT = Set.of("id", "channel", "url", "tool", "scope", "description",
            "invitationUrl", "customProperties");
    private static final Set<String> CUSTOM_PROPERTY = Set.of("id", "property", "value", "description");
    private static final Set<String> RELATIONSHIP = Set.of("type", "from", "to", "customProperties");
    private static final Set<String> LOGICAL_TYPE_OPTIONS = Set.of("minLength", "maxLength", "pattern", "format",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
            "uniqueItems", "timezone", "defaultTimezone");

    private final String source;
    private final Map<String, Position> positions = new LinkedHashMap<>();
    private final List<ContractProblem> problems = new ArrayList<>();

    private ContractParser(String source) {
        this.source = source;
    }

    /**
     * Reads a contract file.
     *
     * @throws NorthstarException {@code FILE_NOT_FOUND} when the file cannot be read
     * @throws ContractException listing every problem found
     */
    public static DataContract parse(Path file) {
        return parse(readFile(file), file.toString());
    }

    /**
     * Reads a contract from YAML text; {@code sourceName} names it in positions and messages.
     *
     * @throws ContractException listing every problem found
     */
    public static DataContract parse(String yaml, String sourceName) {
        Result result = read(yaml, sourceName);
        if (!result.problems().isEmpty()) {
            throw new ContractException(result.problems());
        }
        return result.contract().orElseThrow();
    }

    /**
     * Reads a contract without failing: the contract (when the document could be read into one) and every problem.
     * A contract is returned only when there are no problems.
     */
    public static Result read(String yaml, String sourceName) {
        Partial partial = readPartial(yaml, sourceName);
        return new Result(partial.problems().isEmpty() ? partial.contract() : Optional.empty(), partial.problems());
    }

    /** The contract as far as it could be read (fields with problems left out), and the problems. */
    record Partial(Optional<DataContract> contract, List<ContractProblem> problems) {}

    static Partial readPartial(String yaml, String sourceName) {
        ContractParser parser = new ContractParser(sourceName);
        Optional<JsonNode> root = YamlTree.read(yaml, sourceName, parser.positions, parser.problems);
        if (root.isEmpty()) {
            return new Partial(Optional.empty(), List.copyOf(parser.problems));
        }
        DataContract contract = parser.contract(root.get());
        return new Partial(Optional.of(contract), List.copyOf(parser.problems));
    }

    /**
     * A problem when the document is of another kind than {@code DataContract} (data products, policies... are not
     * supported yet), naming the kind; empty for data contracts and for documents that are not YAML mappings.
     */
    static Optional<ContractProblem> unsupportedKind(String yaml, String sourceName) {
        Map<String, Position> positions = new LinkedHashMap<>();
        Optional<JsonNode> root = YamlTree.read(yaml, sourceName, positions, new ArrayList<>());
        if (root.isEmpty() || !root.get().isObject() || !root.get().path("kind").isTextual()) {
            return Optional.empty();
        }
        String kind = root.get().get("kind").asText();
        if (kind.equals("DataContract")) {
            return Optional.empty();
        }
        return Optional.of(new ContractProblem(positions.getOrDefault("kind", new Position(sourceName, 1, 1, "kind")),
                "kind '" + kind + "' is not supported yet: 'northstar apply' reads data contracts and the cockpit's kinds"
                        + " (UseCase...)",
                "Move the file out of the folder, or write an ODCS data contract with 'kind: DataContract'"));
    }

    static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "Contract file " + file + " does not exist",
                    "Check the path; contract files are YAML (*.odcs.yaml, *.yaml)");
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "Cannot read contract file " + file + ": "
                    + e.getMessage(), "Check that the file is readable", e);
        }
    }

    /** What {@link #read} found. */
    public record Result(Optional<DataContract> contract, List<ContractProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    // ---- the document ---------------------------------------------------------------------------------------

    private DataContract contract(JsonNode root) {
        if (!root.isObject()) {
            problem("", "The document must be a mapping of ODCS fields, found " + kindOf(root),
                    "Start with 'apiVersion: v3.1.0' and 'kind: DataContract'");
            return emptyContract();
        }
        checkKeys(root, "", TOP_LEVEL, "an ODCS data contract");
        for (String required : List.of("apiVersion", "kind", "id", "version", "status")) {
            requireField(root, "", required, "the contract");
        }
        String apiVersion = text(root, "", "apiVersion");
        if (!apiVersion.isEmpty() && !SUPPORTED_API_VERSIONS.contains(apiVersion)) {
            problem("apiVersion", "apiVersion '" + apiVersion + "' is not supported",
                    "Use one of " + String.join(", ", SUPPORTED_API_VERSIONS));
        }
        String kind = text(root, "", "kind");
        if (!kind.isEmpty() && !kind.equals("DataContract")) {
            problem("kind", "kind '" + kind + "' is not a data contract", "Use 'kind: DataContract'");
        }
        JsonNode descriptionNode = root.get("description");
        Description description = Description.empty();
        if (present(descriptionNode)) {
            if (expectObject(descriptionNode, "description")) {
                checkKeys(descriptionNode, "description", DESCRIPTION, "a description");
                description = new Description(text(descriptionNode, "description", "purpose"),
                        text(descriptionNode, "description", "usage"),
                        text(descriptionNode, "description", "limitations"));
            }
        }
        List<SchemaObject> schema = list(root, "", "schema", this::schemaObject);
        List<SlaProperty> sla = list(root, "", "slaProperties", this::slaProperty);
        Team team = team(root.get("team"), "team");
        List<Role> roles = list(root, "", "roles", this::role);
        List<SupportChannel> support = list(root, "", "support", this::support);
        List<Server> servers = list(root, "", "servers", this::server);
        texts(root, "", "authoritativeDefinitions", false);
        if (present(root.get("price"))) {
            expectObject(root.get("price"), "price");
        }
        text(root, "", "slaDefaultElement");
        return new DataContract(apiVersion, kind, text(root, "", "id"), text(root, "", "name"),
                text(root, "", "version"), text(root, "", "status"), text(root, "", "domain"),
                text(root, "", "dataProduct"), text(root, "", "tenant"), description, schema, sla, team, roles,
                support, servers, texts(root, "", "tags", true), customProperties(root, ""),
                text(root, "", "contractCreatedTs"), source, positions);
    }

    private DataContract emptyContract() {
        return new DataContract("", "", "", "", "", "", "", "", "", Description.empty(), List.of(), List.of(),
                Team.none(), List.of(), List.of(), List.of(), List.of(), List.of(), "", source, positions);
    }

    private SchemaObject schemaObject(JsonNode node, String path) {
        checkKeys(node, path, SCHEMA_OBJECT, "a schema object");
        requireField(node, path, "name", "a schema object");
        String logicalType = text(node, path, "logicalType");
        if (!logicalType.isEmpty() && !logicalType.equals("object")) {
            problem(ContractPaths.field(path, "logicalType"), "A schema object's logicalType must be 'object', found '"
                    + logicalType + "'", "Remove logicalType or write 'object'");
        }
        return new SchemaObject(text(node, path, "id"), text(node, path, "name"), text(node, path, "physicalName"),
                text(node, path, "physicalType"), text(node, path, "businessName"), text(node, path, "description"),
                logicalType, text(node, path, "dataGranularityDescription"),
                list(node, path, "properties", this::property), list(node, path, "quality", this::qualityRule),
                list(node, path, "relationships", this::relationship), texts(node, path, "tags", true),
                customProperties(node, path), position(path));
    }

    private SchemaProperty property(JsonNode node, String path) {
        checkKeys(node, path, PROPERTY, "a schema property");
        requireField(node, path, "name", "a property");
        return propertyBody(node, path, text(node, path, "name"));
    }

    private SchemaProperty propertyBody(JsonNode node, String path, String name) {
        String logicalType = text(node, path, "logicalType");
        if (!logicalType.isEmpty() && !LOGICAL_TYPES.contains(logicalType)) {
            problem(ContractPaths.field(path, "logicalType"), "logicalType '" + logicalType + "' is not an ODCS "
                    + "logical type", "Use one of " + String.join(", ", LOGICAL_TYPES)
                    + closeMatch(logicalType, LOGICAL_TYPES));
        }
        Optional<SchemaProperty> items = Optional.empty();
        JsonNode itemsNode = node.get("items");
        String itemsPath = ContractPaths.field(path, "items");
        if (present(itemsNode) && expectObject(itemsNode, itemsPath)) {
            checkKeys(itemsNode, itemsPath, PROPERTY, "an array's items");
            items = Optional.of(propertyBody(itemsNode, itemsPath, text(itemsNode, itemsPath, "name")));
        }
        return new SchemaProperty(text(node, path, "id"), name, text(node, path, "physicalName"),
                text(node, path, "businessName"), text(node, path, "description"), logicalType,
                text(node, path, "physicalType"), bool(node, path, "required"), bool(node, path, "unique"),
                bool(node, path, "primaryKey"), integer(node, path, "primaryKeyPosition", -1),
                bool(node, path, "partitioned"), integer(node, path, "partitionKeyPosition", -1),
                text(node, path, "classification"), bool(node, path, "criticalDataElement"),
                values(node, path, "examples"), logicalTypeOptions(node.get("logicalTypeOptions"),
                        ContractPaths.field(path, "logicalTypeOptions")),
                list(node, path, "quality", this::qualityRule), items, list(node, path, "properties", this::property),
                list(node, path, "relationships", this::relationship), texts(node, path, "tags", true),
                customProperties(node, path), text(node, path, "encryptedName"), position(path));
    }

    private LogicalTypeOptions logicalTypeOptions(JsonNode node, String path) {
        if (!present(node) || !expectObject(node, path)) {
            return LogicalTypeOptions.none();
        }
        Map<String, Object> others = new LinkedHashMap<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LOGICAL_TYPE_OPTIONS.contains(name)) {
                others.put(name, value(node.get(name)));
            }
        }
        return new LogicalTypeOptions(optionalLong(node, path, "minLength"), optionalLong(node, path, "maxLength"),
                optionalText(node, path, "pattern"), optionalText(node, path, "format"),
                optionalScalar(node, path, "minimum"), optionalScalar(node, path, "maximum"),
                optionalScalar(node, path, "exclusiveMinimum"), optionalScalar(node, path, "exclusiveMaximum"),
                optionalScalar(node, path, "multipleOf"), optionalLong(node, path, "minItems"),
                optionalLong(node, path, "maxItems"), optionalBool(node, path, "uniqueItems"),
                optionalBool(node, path, "timezone"), optionalText(node, path, "defaultTimezone"), others);
    }

    private QualityRule qualityRule(JsonNode node, String path) {
        checkKeys(node, path, QUALITY, "a quality rule");
        String typeText = text(node, path, "type");
        QualityRule.Type type;
        if (typeText.isEmpty()) {
            // The schema's default is library; a rule with only a query is plainly SQL.
            type = present(node.get("query")) && !present(node.get("metric")) && !present(node.get("rule"))
                    ? QualityRule.Type.SQL : QualityRule.Type.LIBRARY;
        } else {
            Optional<QualityRule.Type> known = QualityRule.Type.fromText(typeText);
            if (known.isEmpty()) {
                problem(ContractPaths.field(path, "type"), "Quality rule type '" + typeText + "' is unknown",
                        "Use library, sql, text or custom");
            }
            type = known.orElse(QualityRule.Type.TEXT);
        }
        String dimension = text(node, path, "dimension");
        if (!dimension.isEmpty() && !DIMENSIONS.contains(dimension)) {
            problem(ContractPaths.field(path, "dimension"), "Quality dimension '" + dimension + "' is unknown",
                    "Use one of " + String.join(", ", DIMENSIONS) + closeMatch(dimension, DIMENSIONS));
        }
        String metric = text(node, path, "metric");
        String ruleName = text(node, path, "rule");
        if (metric.isEmpty()) {
            metric = ruleName;
        }
        Map<String, Object> arguments = Map.of();
        JsonNode argumentsNode = node.get("arguments");
        if (present(argumentsNode) && expectObject(argumentsNode, ContractPaths.field(path, "arguments"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = (Map<String, Object>) value(argumentsNode);
            arguments = read;
        }
        Optional<QualityRule.Comparison> comparison = comparison(node, path, type);
        if (type == QualityRule.Type.LIBRARY || (typeText.isEmpty() && present(node.get("metric")))) {
            if (metric.isEmpty()) {
                problem(path, "A library quality rule needs a metric",
                        "Add 'metric:' with one of nullValues, missingValues, invalidValues, duplicateValues, "
                                + "rowCount, or set 'type: text' for a rule written in prose");
            } else if (QualityRule.Metric.fromName(metric).isEmpty() && present(node.get("metric"))) {
                List<String> names = java.util.Arrays.stream(QualityRule.Metric.values())
                        .map(QualityRule.Metric::text).toList();
                problem(ContractPaths.field(path, "metric"), "Quality metric '" + metric + "' is unknown",
                        "Use one of " + String.join(", ", names) + closeMatch(metric, names));
            }
        }
        if (type == QualityRule.Type.SQL) {
            requireField(node, path, "query", "a sql quality rule");
        }
        if (type == QualityRule.Type.CUSTOM) {
            requireField(node, path, "engine", "a custom quality rule");
            requireField(node, path, "implementation", "a custom quality rule");
        }
        return new QualityRule(text(node, path, "id"), text(node, path, "name"), type, metric, arguments, comparison,
                text(node, path, "unit"), text(node, path, "query"), text(node, path, "engine"),
                value(node.get("implementation")), dimension, text(node, path, "severity"),
                text(node, path, "description"), text(node, path, "businessImpact"), text(node, path, "schedule"),
                text(node, path, "scheduler"), customProperties(node, path), position(path));
    }

    private Optional<QualityRule.Comparison> comparison(JsonNode node, String path, QualityRule.Type type) {
        List<String> operators = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (QualityRule.Operator.fromKey(name).isPresent()) {
                operators.add(name);
            }
        }
        boolean measured = type == QualityRule.Type.LIBRARY || type == QualityRule.Type.SQL;
        if (operators.isEmpty()) {
            if (measured) {
                problem(path, "A " + type.text() + " quality rule needs a comparison",
                        "Add one of mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan, "
                                + "mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween, e.g. 'mustBe: 0'");
            }
            return Optional.empty();
        }
        if (operators.size() > 1) {
            problem(ContractPaths.field(path, operators.get(1)), "A quality rule takes one comparison, found "
                    + String.join(" and ", operators), "Keep one; use mustBeBetween for a range");
        }
        String key = operators.get(0);
        String keyPath = ContractPaths.field(path, key);
        QualityRule.Operator operator = QualityRule.Operator.fromKey(key).orElseThrow();
        JsonNode valueNode = node.get(key);
        if (operator.isRange()) {
            if (!valueNode.isArray() || valueNode.size() != 2) {
                problem(keyPath, key + " takes exactly two numbers [low, high], found " + describe(valueNode),
                        "Write e.g. '" + key + ": [0, 100]'");
                return Optional.empty();
            }
            List<Object> values = new ArrayList<>();
            for (int index = 0; index < 2; index++) {
                JsonNode element = valueNode.get(index);
                if (!element.isNumber()) {
                    problem(ContractPaths.element(keyPath, index), key + " takes numbers, found " + describe(element),
                            "Write e.g. '" + key + ": [0, 100]'");
                    return Optional.empty();
                }
                values.add(value(element));
            }
            if (valueNode.get(0).decimalValue().compareTo(valueNode.get(1).decimalValue()) == 0) {
                problem(keyPath, key + " needs two different numbers, found " + describe(valueNode),
                        "Use mustBe for a single value");
            }
            return Optional.of(new QualityRule.Comparison(operator, values));
        }
        boolean numeric = operator != QualityRule.Operator.MUST_BE && operator != QualityRule.Operator.MUST_NOT_BE;
        if (numeric && !valueNode.isNumber()) {
            problem(keyPath, key + " takes a number, found " + describe(valueNode), "Write e.g. '" + key + ": 0'");
            return Optional.empty();
        }
        return Optional.of(new QualityRule.Comparison(operator, java.util.Collections.singletonList(value(valueNode))));
    }

    private SlaProperty slaProperty(JsonNode node, String path) {
        checkKeys(node, path, SLA, "an SLA property");
        requireField(node, path, "property", "an SLA property");
        if (!node.has("value")) {
            requireField(node, path, "value", "an SLA property");
        }
        JsonNode valueNode = node.get("value");
        if (valueNode != null && (valueNode.isObject() || valueNode.isArray())) {
            problem(ContractPaths.field(path, "value"), "An SLA value is a single text, number or boolean, found "
                    + describe(valueNode), "Write e.g. 'value: 4' with 'unit: d'");
        }
        JsonNode extension = node.get("valueExt");
        if (extension != null && (extension.isObject() || extension.isArray())) {
            problem(ContractPaths.field(path, "valueExt"), "An SLA valueExt is a single text, number or boolean, "
                    + "found " + describe(extension), "Write a single value");
        }
        return new SlaProperty(text(node, path, "id"), text(node, path, "property"), value(valueNode),
                value(extension), text(node, path, "unit"), text(node, path, "element"), text(node, path, "driver"),
                text(node, path, "description"), position(path));
    }

    private Team team(JsonNode node, String path) {
        if (!present(node)) {
            return Team.none();
        }
        if (node.isArray()) {
            // ODCS v3.0: a list of members.
            return new Team("", "", list(node, path, this::member));
        }
        if (!expectObject(node, path)) {
            return Team.none();
        }
        checkKeys(node, path, TEAM, "a team");
        return new Team(text(node, path, "name"), text(node, path, "description"),
                list(node, path, "members", this::member));
    }

    private Team.Member member(JsonNode node, String path) {
        checkKeys(node, path, MEMBER, "a team member");
        requireField(node, path, "username", "a team member");
        return new Team.Member(text(node, path, "username"), text(node, path, "name"), text(node, path, "role"),
                text(node, path, "description"), text(node, path, "dateIn"), text(node, path, "dateOut"),
                text(node, path, "replacedByUsername"));
    }

    private Role role(JsonNode node, String path) {
        checkKeys(node, path, ROLE, "a role");
        requireField(node, path, "role", "a role");
        customProperties(node, path);
        return new Role(text(node, path, "role"), text(node, path, "access"), text(node, path, "description"),
                text(node, path, "firstLevelApprovers"), text(node, path, "secondLevelApprovers"));
    }

    private SupportChannel support(JsonNode node, String path) {
        checkKeys(node, path, SUPPORT, "a support channel");
        requireField(node, path, "channel", "a support channel");
        customProperties(node, path);
        return new SupportChannel(text(node, path, "channel"), text(node, path, "url"), text(node, path, "tool"),
                text(node, path, "scope"), text(node, path, "description"));
    }

    private Server server(JsonNode node, String path) {
        requireField(node, path, "server", "a server");
        requireField(node, path, "type", "a server");
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!Set.of("server", "type", "environment", "description").contains(field.getKey())) {
                attributes.put(field.getKey(), value(field.getValue()));
            }
        }
        return new Server(text(node, path, "server"), text(node, path, "type"), text(node, path, "environment"),
                text(node, path, "description"), attributes);
    }

    private Relationship relationship(JsonNode node, String path) {
        checkKeys(node, path, RELATIONSHIP, "a relationship");
        customProperties(node, path);
        return new Relationship(text(node, path, "type"), references(node, path, "from"),
                references(node, path, "to"), position(path));
    }

    private List<String> references(JsonNode node, String path, String field) {
        JsonNode value = node.get(field);
        if (!present(value)) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        return texts(node, path, field, false);
    }

    private List<CustomProperty> customProperties(JsonNode node, String path) {
        return list(node, path, "customProperties", (element, elementPath) -> {
            checkKeys(element, elementPath, CUSTOM_PROPERTY, "a custom property");
            requireField(element, elementPath, "property", "a custom property");
            return new CustomProperty(text(element, elementPath, "property"), value(element.get("value")),
                    position(elementPath));
        });
    }

    // ---- typed field access, collecting problems --------------------------------------------------------------

    private interface ElementReader<T> {
        T read(JsonNode node, String path);
    }

    private <T> List<T> list(JsonNode parent, String parentPath, String field, ElementReader<T> reader) {
        JsonNode node = parent.get(field);
        String path = ContractPaths.field(parentPath, field);
        if (!present(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(path, "'" + field + "' must be a list, found " + describe(node),
                    "Write each entry on its own line starting with '- '");
            return List.of();
        }
        return list(node, path, reader);
    }

    private <T> List<T> list(JsonNode array, String path, ElementReader<T> reader) {
        List<T> result = new ArrayList<>();
        for (int index = 0; index < array.size(); index++) {
            String elementPath = ContractPaths.element(path, index);
            JsonNode element = array.get(index);
            if (expectObject(element, elementPath)) {
                result.add(reader.read(element, elementPath));
            }
        }
        return result;
    }

    private String text(JsonNode parent, String parentPath, String field) {
        JsonNode node = parent.get(field);
        if (!present(node)) {
            return "";
        }
        if (!node.isTextual()) {
            String hint = node.isValueNode() ? "Quote it: " + field + ": \"" + node.asText() + "\"" : "Write a text";
            problem(ContractPaths.field(parentPath, field), "'" + field + "' must be a text, found " + describe(node),
                    hint);
            return node.isValueNode() ? node.asText() : "";
        }
        return node.asText();
    }

    private Optional<String> optionalText(JsonNode parent, String parentPath, String field) {
        return present(parent.get(field)) ? Optional.of(text(parent, parentPath, field)) : Optional.empty();
    }

    private boolean bool(JsonNode parent, String parentPath, String field) {
        return optionalBool(parent, parentPath, field).orElse(false);
    }

    private Optional<Boolean> optionalBool(JsonNode parent, String parentPath, String field) {
        JsonNode node = parent.get(field);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            problem(ContractPaths.field(parentPath, field), "'" + field + "' must be true or false, found "
                    + describe(node), "Write " + field + ": true or " + field + ": false, without quotes");
            return Optional.empty();
        }
        return Optional.of(node.booleanValue());
    }

    private int integer(JsonNode parent, String parentPath, String field, int absent) {
        return optionalLong(parent, parentPath, field).map(Long::intValue).orElse(absent);
    }

    private Optional<Long> optionalLong(JsonNode parent, String parentPath, String field) {
        JsonNode node = parent.get(field);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            problem(ContractPaths.field(parentPath, field), "'" + field + "' must be a whole number, found "
                    + describe(node), "Write e.g. " + field + ": 1, without quotes");
            return Optional.empty();
        }
        return Optional.of(node.longValue());
    }

    private Optional<Object> optionalScalar(JsonNode parent, String parentPath, String field) {
        JsonNode node = parent.get(field);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            problem(ContractPaths.field(parentPath, field), "'" + field + "' must be a number or text, found "
                    + describe(node), "Write a single value");
            return Optional.empty();
        }
        return Optional.of(value(node));
    }

    private List<String> texts(JsonNode parent, String parentPath, String field, boolean scalarsOnly) {
        JsonNode node = parent.get(field);
        String path = ContractPaths.field(parentPath, field);
        if (!present(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(path, "'" + field + "' must be a list, found " + describe(node), "Write e.g. " + field
                    + ": [a, b]");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int index = 0; index < node.size(); index++) {
            JsonNode element = node.get(index);
            if (element.isTextual()) {
                result.add(element.asText());
            } else if (scalarsOnly) {
                problem(ContractPaths.element(path, index), "Entries of '" + field + "' must be texts, found "
                        + describe(element), "Quote the entry");
            }
        }
        return result;
    }

    private List<Object> values(JsonNode parent, String parentPath, String field) {
        JsonNode node = parent.get(field);
        if (!present(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(ContractPaths.field(parentPath, field), "'" + field + "' must be a list, found " + describe(node),
                    "Write e.g. " + field + ": [\"a\", \"b\"]");
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) value(node);
        return values;
    }

    /** Converts a YAML node to plain Java values: String, Long, BigInteger, BigDecimal, Boolean, List, Map, null. */
    static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.forEach(element -> values.add(value(element)));
            return ImmutableValues.list(values);
        }
        if (node.isObject()) {
            Map<String, Object> values = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> values.put(field.getKey(), value(field.getValue())));
            return ImmutableValues.map(values);
        }
        return node.asText();
    }

    private boolean expectObject(JsonNode node, String path) {
        if (node.isObject()) {
            return true;
        }
        problem(path, "Expected a mapping of fields, found " + describe(node),
                "Indent the fields under this entry as 'name: value' lines");
        return false;
    }

    private void requireField(JsonNode node, String path, String field, String what) {
        if (!present(node.get(field))) {
            problem(ContractPaths.field(path, field), "'" + field + "' is required in " + what + " but is missing",
                    "Add '" + field + ": ...'" + (path.isEmpty() ? " at the top of the file" : " under " + path));
        }
    }

    private void checkKeys(JsonNode node, String path, Set<String> allowed, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problem(ContractPaths.field(path, name), "'" + name + "' is not a field of " + what,
                        "Remove it, or keep it under customProperties" + closeMatch(name, allowed));
            }
        }
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private void problem(String path, String message, String hint) {
        problems.add(new ContractProblem(position(path), message, hint));
    }

    private Position position(String path) {
        String current = path;
        while (true) {
            Position found = positions.get(current);
            if (found != null) {
                return found.withPath(path);
            }
            if (current.isEmpty()) {
                return new Position(source, 1, 1, path);
            }
            current = ContractPaths.parent(current);
        }
    }

    static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "nothing (null)";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list of " + node.size() + " " + (node.size() == 1 ? "entry" : "entries") + " " + node;
        }
        if (node.isTextual()) {
            return "the text '" + node.asText() + "'";
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText();
        }
        return "the number " + node.asText();
    }

    private static String kindOf(JsonNode node) {
        return describe(node);
    }

    /** ", did you mean 'x'?" when a candidate is within two edits, otherwise "". */
    static String closeMatch(String value, java.util.Collection<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : candidates) {
            int distance = dev.northstar.spi.error.CloseMatches.distance(value.toLowerCase(java.util.Locale.ROOT),
                    candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }
}
