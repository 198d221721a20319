package dev.northstar.cockpit.kpi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.lake.config.PositionedYaml;
import dev.northstar.lake.config.YamlFields;
import dev.northstar.lake.config.YamlProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads one cockpit definition document with {@link PositionedYaml} and collects its problems with their line and
 * column: the shared part of the PriceModel, Budget and BusinessKpi parsers (each checks its own fields).
 */
public final class DefinitionReader {
    /** Names of definitions: lower-case letters, digits, dashes and underscores. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    private final String source;
    private final YamlFields fields;
    private final List<YamlProblem> problems = new ArrayList<>();
    private final Optional<JsonNode> root;

    /**
     * Reads a document and checks that it is a mapping of {@code kind}.
     *
     * @param source where it came from, for positions
     * @param kind the expected {@code kind}
     * @param topKeys the keys allowed at the top ({@code apiVersion} and {@code kind} are always allowed)
     */
    public DefinitionReader(String source, String yaml, String kind, Set<String> topKeys) {
        this.source = requireNonNull(source, "source is null");
        requireNonNull(yaml, "yaml is null");
        requireNonNull(kind, "kind is null");
        PositionedYaml.Document read = PositionedYaml.read(yaml, "Start with 'kind: " + kind + "' and 'name: ...'",
                "Only one document per " + kind, "Put each " + kind + " in its own file");
        fields = YamlFields.collecting(source, read, problems);
        Optional<JsonNode> tree = read.root();
        if (tree.isPresent() && !tree.get().isObject()) {
            problem("", "A " + kind + " is a mapping", "Start with 'kind: " + kind + "' and 'name: ...'");
            tree = Optional.empty();
        }
        if (tree.isPresent()) {
            JsonNode node = tree.get();
            if (!kind.equals(node.path("kind").asText())) {
                problem(node.has("kind") ? "kind" : "", "kind must be " + kind + ", got '"
                        + node.path("kind").asText() + "'", "Write 'kind: " + kind + "'");
            }
            Set<String> allowed = new HashSet<>(topKeys);
            allowed.add("apiVersion");
            allowed.add("kind");
            unknown(node, "", allowed);
        }
        this.root = tree;
    }

    /** The document's root mapping; empty when the text is not one mapping. */
    public Optional<JsonNode> root() {
        return root;
    }

    /** The problems found so far. */
    public List<YamlProblem> problems() {
        return List.copyOf(problems);
    }

    /** Whether a problem was found. */
    public boolean failed() {
        return !problems.isEmpty();
    }

    /** Records a problem at a path (or at the nearest enclosing path that has a position). */
    public void problem(String path, String message, String hint) {
        fields.problem(path, message, hint);
    }

    /** Reports every key of a mapping that is not allowed. */
    public void unknown(JsonNode node, String path, Set<String> allowed) {
        fields.unknown(node, path, allowed);
    }

    /** A required name-like text field, or empty with a problem. */
    public Optional<String> name(JsonNode node, String path, String field, String example) {
        String full = path.isEmpty() ? field : path + "." + field;
        String value = node.path(field).asText("").trim();
        if (value.isEmpty()) {
            problem(node.has(field) ? full : path, "'" + field + "' is missing", "Write e.g. '" + field + ": "
                    + example + "'");
            return Optional.empty();
        }
        if (!NAME.matcher(value).matches()) {
            problem(full, "Invalid " + field + " '" + value + "'",
                    "Start with a lower-case letter; use lower-case letters, digits, dashes and underscores");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A required text field, or empty with a problem. */
    public Optional<String> text(JsonNode node, String path, String field, String example) {
        String full = path.isEmpty() ? field : path + "." + field;
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.asText("").isBlank()) {
            problem(node.has(field) ? full : path, "'" + field + "' is missing", "Write e.g. '" + field + ": "
                    + example + "'");
            return Optional.empty();
        }
        return Optional.of(value.asText().trim());
    }

    /** An optional text field. */
    public Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText("").isBlank() ? Optional.of(value.asText().trim())
                : Optional.empty();
    }

    /**
     * A number field at least {@code minimum} (exclusive when {@code exclusive}), or empty with a problem; a missing
     * optional field gives {@code fallback}.
     */
    public Optional<Double> number(JsonNode node, String path, String field, Optional<Double> fallback,
            double minimum, boolean exclusive) {
        String full = path.isEmpty() ? field : path + "." + field;
        if (!node.has(field)) {
            if (fallback.isEmpty()) {
                problem(path, "'" + field + "' is missing", "Write e.g. '" + field + ": 100'");
            }
            return fallback;
        }
        String text = node.path(field).asText("").trim().replace("_", "");
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            problem(full, "'" + field + "' must be a number, got '" + node.path(field).asText() + "'",
                    "Write a plain number such as 0.023");
            return Optional.empty();
        }
        if (!Double.isFinite(value) || value < minimum || exclusive && value == minimum) {
            problem(full, "'" + field + "' must be " + (exclusive ? "greater than " : "at least ") + minimum
                    + ", got " + text, "Write a number " + (exclusive ? "above " : "from ") + minimum);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A list of texts (a single scalar counts as a one-element list); empty list when absent. */
    public List<String> texts(JsonNode node, String path, String field) {
        return fields.texts(node, field, path);
    }

    /** The parse result: the definition when no problem was found. */
    public <T> Parsed<T> result(Supplier<T> definition) {
        return failed() ? new Parsed<>(Optional.empty(), problems) : new Parsed<>(Optional.of(definition.get()),
                List.of());
    }
}
