package dev.northstar.govern.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.lake.config.PositionedYaml;
import dev.northstar.lake.config.YamlFields;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.NorthstarException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses {@code kind: AccessPolicy} YAML documents, collecting every problem with its line and column before
 * failing (the format is in {@code docs/guides/access-policies.md}).
 */
public final class PolicyParser {
    /** The policy names accepted. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");    private static final Set<String> TOP = Set.of("apiVersion", "kind", "name", "description", "rules");
    private static final Set<String> RULE = Set.of("effect", "subjects", "resources", "purposes", "mask", "filter",
            "description");
    private static final Set<String> SUBJECTS = Set.of("principals", "roles", "domains", "clearance", "attributes");
    private static final Set<String> RESOURCES = Set.of("domains", "products", "tables", "tags", "columns",
            "classifications", "columnTags");
    /** Clearance levels, least first. */
    public static final List<String> CLEARANCES = List.of("public", "internal", "confidential", "restricted");

    private final String source;
    private final Function<String, Optional<Set<String>>> tableColumns;
    private YamlFields fields;
    private final List<YamlProblem> problems = new ArrayList<>();

    private PolicyParser(String source, Function<String, Optional<Set<String>>> tableColumns) {
        this.source = source;
        this.tableColumns = tableColumns;
    }

    /**
     * Parses one document.
     *
     * @param source where it came from (a file name), for positions
     * @throws PolicyException listing every problem
     */
    public static PolicyDocument parse(String yaml, String source) {
        return parse(yaml, source, table -> Optional.empty());
    }

    /**
     * Parses one document, also checking that each row filter naming tables ({@code tables: [domain.table]})
     * references only their columns.
     *
     * @param tableColumns the lower-case columns of a table {@code domain.table}, empty when unknown
     * @throws PolicyException listing every problem
     */
    public static PolicyDocument parse(String yaml, String source,
            Function<String, Optional<Set<String>>> tableColumns) {
        PolicyParser parser = new PolicyParser(source, tableColumns);
        Optional<PolicyDocument> document = parser.document(yaml);
        if (!parser.problems.isEmpty() || document.isEmpty()) {
            throw new PolicyException(parser.problems);
        }
        return document.get();
    }

    /** The problems of a document, empty when it is valid (for linting). */
    public static List<YamlProblem> lint(String yaml, String source) {
        return lint(yaml, source, table -> Optional.empty());
    }

    /** The problems of a document, checking row filters against the columns of the tables they name. */
    public static List<YamlProblem> lint(String yaml, String source,
            Function<String, Optional<Set<String>>> tableColumns) {
        try {
            parse(yaml, source, tableColumns);
            return List.of();
        } catch (PolicyException e) {
            return e.problems();
        }
    }

    private Optional<PolicyDocument> document(String yaml) {
        PositionedYaml.Document read = PositionedYaml.read(yaml, "Start with 'kind: AccessPolicy' and 'name: ...'", "Only one document per policy text",
                "Put each policy in its own file");
        fields = YamlFields.collecting(source, read, problems);
        if (read.root().isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = read.root().get();
        if (!root.isObject()) {
            fields.problem("", "A policy is a mapping", "Start with 'kind: AccessPolicy' and 'name: ...'");
            return Optional.empty();
        }
        fields.unknown(root, "", TOP);
        if (!"AccessPolicy".equals(root.path("kind").asText())) {
            fields.problem(root.has("kind") ? "kind" : "", "kind must be AccessPolicy, got '" + root.path("kind").asText()
                    + "'", "Write 'kind: AccessPolicy'");
        }
        String name = root.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            fields.problem(root.has("name") ? "name" : "", name.isEmpty() ? "The policy has no name"
                    : "Invalid policy name '" + name + "'", "Name it with lower-case letters, digits and dashes");
        }
        String description = root.path("description").asText("");
        List<PolicyRule> rules = new ArrayList<>();
        JsonNode list = root.path("rules");
        if (!list.isArray() || list.isEmpty()) {
            fields.problem(root.has("rules") ? "rules" : "", "A policy needs a non-empty list of rules",
                    "Add 'rules:' with entries such as '- effect: allow'");
        } else {
            for (int i = 0; i < list.size(); i++) {
                rule(name, i, list.get(i), "rules[" + i + "]").ifPresent(rules::add);
            }
        }
        return Optional.of(new PolicyDocument(name, description, rules, yaml));
    }

    private Optional<PolicyRule> rule(String policy, int index, JsonNode node, String path) {
        if (!node.isObject()) {
            fields.problem(path, "A rule is a mapping", "Write '- effect: allow' and its subjects and resources");
            return Optional.empty();
        }
        fields.unknown(node, path, RULE);
        String effectText = node.path("effect").asText("");
        PolicyRule.Effect effect = null;
        try {
            effect = PolicyRule.Effect.valueOf(effectText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            fields.problem(node.has("effect") ? path + ".effect" : path, effectText.isEmpty() ? "The rule has no effect"
                    : "Unknown effect '" + effectText + "'", "Use allow, deny, mask or filter");
        }
        JsonNode subjectsNode = node.path("subjects");
        fields.unknown(subjectsNode, path + ".subjects", SUBJECTS);
        Optional<String> clearance = Optional.empty();
        if (subjectsNode.has("clearance")) {
            String level = subjectsNode.path("clearance").asText().toLowerCase(Locale.ROOT);
            if (!CLEARANCES.contains(level)) {
                fields.problem(path + ".subjects.clearance", "Unknown clearance '" + level + "'", "Use one of " + CLEARANCES);
            }
            clearance = Optional.of(level);
        }
        Map<String, Set<String>> attributes = new LinkedHashMap<>();
        JsonNode attributeNode = subjectsNode.path("attributes");
        if (attributeNode.isObject()) {
            attributeNode.fieldNames().forEachRemaining(key -> attributes.put(key,
                    words(attributeNode, key, path + ".subjects.attributes", false)));
        } else if (!attributeNode.isMissingNode()) {
            fields.problem(path + ".subjects.attributes", "attributes is a mapping of attribute to values",
                    "Write e.g. 'attributes: {department: [fraud]}'");
        }
        PolicyRule.Subjects subjects = new PolicyRule.Subjects(words(subjectsNode, "principals", path + ".subjects", false),
                words(subjectsNode, "roles", path + ".subjects", true),
                words(subjectsNode, "domains", path + ".subjects", true), clearance, attributes);
        JsonNode resourcesNode = node.path("resources");
        String resourcesPath = path + ".resources";
        if (!resourcesNode.isObject()) {
            fields.problem(path, "The rule has no resources", "Add 'resources:' with domains, tables, columns...; "
                    + "'resources: {domains: [\"*\"]}' means every table");
        }
        fields.unknown(resourcesNode, resourcesPath, RESOURCES);
        if (resourcesNode.isObject() && resourcesNode.isEmpty()) {
            fields.problem(resourcesPath, "The rule's resources select nothing",
                    "Name domains, products, tables, tags, columns, classifications or columnTags;"
                            + " 'domains: [\"*\"]' means every table");
        }
        PolicyRule.Resources resources = new PolicyRule.Resources(words(resourcesNode, "domains", resourcesPath, true),
                words(resourcesNode, "products", resourcesPath, true), words(resourcesNode, "tables", resourcesPath, true),
                words(resourcesNode, "tags", resourcesPath, false), words(resourcesNode, "columns", resourcesPath, true),
                words(resourcesNode, "classifications", resourcesPath, true),
                words(resourcesNode, "columnTags", resourcesPath, false));
        Set<String> purposes = words(node, "purposes", path, true);
        Optional<ColumnMask> mask = Optional.empty();
        Optional<String> filter = Optional.empty();
        if (effect == PolicyRule.Effect.MASK) {
            mask = mask(node.path("mask"), path + (node.has("mask") ? ".mask" : ""));
            if (!resources.columnScoped()) {
                fields.problem(resourcesPath, "A mask rule applies to columns",
                        "Add columns, classifications or columnTags to its resources");
            }
        } else if (node.has("mask")) {
            fields.problem(path + ".mask", "Only a mask rule has a mask", "Write 'effect: mask' or remove 'mask'");
        }
        if (effect == PolicyRule.Effect.FILTER) {
            String predicate = node.path("filter").asText("");
            if (predicate.isBlank()) {
                fields.problem(path, "A filter rule needs a 'filter' predicate",
                        "Write e.g. \"filter: region = ${subject.region}\"");
            } else {
                try {
                    RowFilter.check(predicate, Optional.empty());
                    for (String table : resources.tables()) {
                        if (!table.contains("*")) {
                            RowFilter.check(predicate, tableColumns.apply(table));
                        }
                    }
                    filter = Optional.of(predicate);
                } catch (NorthstarException e) {
                    fields.problem(path + ".filter", e.getMessage(), e.hint() == null ? "" : e.hint());
                }
            }
            if (resources.columnScoped()) {
                fields.problem(resourcesPath, "A filter rule applies to whole tables", "Remove its column selectors");
            }
        } else if (node.has("filter")) {
            fields.problem(path + ".filter", "Only a filter rule has a filter", "Write 'effect: filter' or remove 'filter'");
        }
        if (effect == null) {
            return Optional.empty();
        }
        return Optional.of(new PolicyRule(policy, index, effect, subjects, resources, purposes, mask, filter));
    }

    private Optional<ColumnMask> mask(JsonNode node, String path) {
        if (node.isTextual()) {
            return maskKind(node.asText(), path).map(kind -> new ColumnMask(kind, Map.of()));
        }
        if (!node.isObject()) {
            fields.problem(path, "A mask rule needs 'mask: {kind: ...}'",
                    "Use keyed_hash, redact, partial, nullify, year, age_band or geo_grid");
            return Optional.empty();
        }
        Optional<ColumnMask.Kind> kind = maskKind(node.path("kind").asText(""), path + ".kind");
        Map<String, String> options = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getKey().equals("kind")) {
                options.put(entry.getKey(), entry.getValue().asText());
            }
        }
        kind.ifPresent(value -> checkOptions(value, options, path));
        return kind.map(value -> new ColumnMask(value, options));
    }

    private void checkOptions(ColumnMask.Kind kind, Map<String, String> options, String path) {
        Set<String> allowed = switch (kind) {
            case PARTIAL -> Set.of("keep", "from", "with");
            case REDACT -> Set.of("with");
            case AGE_BAND -> Set.of("width");
            case GEO_GRID -> Set.of("cell");
            default -> Set.of();
        };
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!allowed.contains(option.getKey())) {
                fields.problem(path + "." + option.getKey(), "Mask " + kind.name().toLowerCase(Locale.ROOT)
                        + " has no option '" + option.getKey() + "'", allowed.isEmpty() ? "It takes no options"
                        : "Its options are " + new java.util.TreeSet<>(allowed));
            }
        }
        number(options, "keep", path, true);
        number(options, "width", path, true);
        number(options, "cell", path, false);
        if (options.containsKey("from") && !Set.of("start", "end").contains(options.get("from"))) {
            fields.problem(path + ".from", "'from' is start or end", "Write 'from: end' to keep the last characters");
        }
    }

    private void number(Map<String, String> options, String key, String path, boolean integer) {
        if (!options.containsKey(key)) {
            return;
        }
        try {
            double value = integer ? Integer.parseInt(options.get(key)) : Double.parseDouble(options.get(key));
            if (value <= 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            fields.problem(path + "." + key, "'" + key + "' must be a positive " + (integer ? "integer" : "number")
                    + ", got '" + options.get(key) + "'", "Write e.g. '" + key + ": " + (integer ? "4" : "0.1") + "'");
        }
    }

    private Optional<ColumnMask.Kind> maskKind(String text, String path) {
        try {
            return Optional.of(ColumnMask.Kind.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            fields.problem(path, text.isEmpty() ? "The mask has no kind" : "Unknown mask kind '" + text + "'",
                    "Use keyed_hash, redact, partial, nullify, year, age_band or geo_grid");
            return Optional.empty();
        }
    }

    private Set<String> words(JsonNode parent, String key, String parentPath, boolean lowerCase) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : fields.texts(parent, key, parentPath)) {
            words.add(lowerCase ? word.toLowerCase(Locale.ROOT) : word);
        }
        return words;
    }

}
