package dev.northstar.ml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.lake.config.PositionedYaml;
import dev.northstar.lake.config.YamlFields;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.schema.TableId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Parses {@code kind: Model} YAML documents, collecting every problem with its line and column before failing (the
 * format is in {@code docs/guides/models.md}).
 */
public final class ModelSpecParser {
    /** The model names accepted. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");    private static final Set<String> TOP = Set.of("apiVersion", "kind", "name", "description", "task", "training",
            "params", "protected_attributes", "gates", "costs", "limitations");
    private static final Set<String> TRAINING = Set.of("table", "features", "label", "timestamp", "split");
    private static final Set<String> SPLIT = Set.of("validate_after", "validation_fraction");
    private static final Set<String> PARAMS = Set.of("tree_method", "max_depth", "eta", "rounds", "seed",
            "min_child_weight", "subsample", "colsample_bytree", "lambda", "threads");
    private static final Set<String> GATES = Set.of("roc_auc_min", "disparate_impact_min", "dp_difference_max",
            "eo_difference_max");
    private static final Set<String> COSTS = Set.of("false_positive", "false_negative");
    private static final Set<String> TREE_METHODS = Set.of("hist", "approx", "exact");

    private final String source;
    private YamlFields fields;
    private final List<YamlProblem> problems = new ArrayList<>();
    /** The feature columns read, even when the training section has other problems. */
    private List<String> features = List.of();

    private ModelSpecParser(String source) {
        this.source = source;
    }

    /**
     * Parses one document.
     *
     * @param source where it came from (a file name), for positions
     * @throws ModelSpecException listing every problem
     */
    public static ModelSpec parse(String yaml, String source) {
        ModelSpecParser parser = new ModelSpecParser(source);
        Optional<ModelSpec> spec = parser.document(yaml);
        if (!parser.problems.isEmpty() || spec.isEmpty()) {
            throw new ModelSpecException(parser.problems);
        }
        return spec.get();
    }

    /** The problems of a document, empty when it is valid (for linting). */
    public static List<YamlProblem> lint(String yaml, String source) {
        try {
            parse(yaml, source);
            return List.of();
        } catch (ModelSpecException e) {
            return e.problems();
        }
    }

    private Optional<ModelSpec> document(String yaml) {
        PositionedYaml.Document read = PositionedYaml.read(yaml, "Start with 'kind: Model' and 'name: ...'", "Only one document per model spec",
                "Put each model in its own file");
        fields = YamlFields.collecting(source, read, problems);
        if (read.root().isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = read.root().get();
        if (!root.isObject()) {
            fields.problem("", "A model spec is a mapping", "Start with 'kind: Model' and 'name: ...'");
            return Optional.empty();
        }
        fields.unknown(root, "", TOP);
        if (!"Model".equals(root.path("kind").asText())) {
            fields.problem(root.has("kind") ? "kind" : "", "kind must be Model, got '" + root.path("kind").asText() + "'",
                    "Write 'kind: Model'");
        }
        String name = root.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            fields.problem(root.has("name") ? "name" : "", name.isEmpty() ? "The model has no name"
                    : "Invalid model name '" + name + "'", "Name it with lower-case letters, digits and dashes");
        }
        String taskText = root.path("task").asText("binary_classification");
        if (!taskText.equals("binary_classification")) {
            fields.problem("task", "Unknown task '" + taskText + "'", "Only binary_classification is supported");
        }
        Optional<ModelSpec.Training> training = training(root.path("training"));
        ModelSpec.Params params = params(root.path("params"));
        List<String> protectedAttributes = columns(root, "protected_attributes", "");
        for (int i = 0; i < protectedAttributes.size(); i++) {
            String attribute = protectedAttributes.get(i);
            if (features.stream().anyMatch(feature -> feature.equalsIgnoreCase(attribute))) {
                fields.problem("protected_attributes[" + i + "]", "Protected attribute '" + attribute
                        + "' is also a feature", "Remove it from training.features: the model must not read it");
            }
        }
        ModelSpec.Gates gates = gates(root.path("gates"));
        ModelSpec.Costs costs = costs(root.path("costs"));
        List<String> limitations = fields.texts(root, "limitations", "");
        if (training.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ModelSpec(name, root.path("description").asText(""),
                ModelSpec.Task.BINARY_CLASSIFICATION, training.get(), params, protectedAttributes, gates, costs,
                limitations, yaml));
    }

    private Optional<ModelSpec.Training> training(JsonNode node) {
        if (!node.isObject()) {
            fields.problem(node.isMissingNode() ? "" : "training", "The model has no training section",
                    "Add 'training:' with table, features, label, timestamp and split");
            return Optional.empty();
        }
        fields.unknown(node, "training", TRAINING);
        TableId table = null;
        String tableText = node.path("table").asText("");
        try {
            table = TableId.parse(tableText);
        } catch (RuntimeException e) {
            fields.problem(node.has("table") ? "training.table" : "training", tableText.isEmpty()
                    ? "training.table is missing" : "Invalid table '" + tableText + "'",
                    "Write the table as domain.table, e.g. banking.card_transactions");
        }
        List<String> features = columns(node, "features", "training");
        this.features = features;
        if (features.isEmpty() && !node.path("features").isMissingNode()) {
            fields.problem("training.features", "The model needs at least one feature", "List feature columns");
        } else if (node.path("features").isMissingNode()) {
            fields.problem("training", "training.features is missing", "Add 'features: [column, ...]'");
        }
        String label = column(node, "label", "training");
        String timestamp = column(node, "timestamp", "training");
        if (label != null && features.stream().anyMatch(label::equalsIgnoreCase)) {
            fields.problem("training.label", "The label '" + label + "' is also a feature", "Remove it from features");
        }
        JsonNode splitNode = node.path("split");
        ModelSpec.Split split = null;
        if (!splitNode.isObject()) {
            fields.problem(splitNode.isMissingNode() ? "training" : "training.split", "training.split is missing",
                    "Add 'split: {validate_after: 2026-06-01T00:00:00Z}' or 'split: {validation_fraction: 0.2}'");
        } else {
            fields.unknown(splitNode, "training.split", SPLIT);
            boolean after = splitNode.has("validate_after");
            boolean fraction = splitNode.has("validation_fraction");
            if (after == fraction) {
                fields.problem("training.split", "Give exactly one of validate_after and validation_fraction",
                        "validate_after: rows from that instant validate; validation_fraction: the latest share does");
            } else if (after) {
                Optional<Instant> instant = instant(splitNode.path("validate_after").asText(),
                        "training.split.validate_after");
                if (instant.isPresent()) {
                    split = ModelSpec.Split.after(instant.get());
                }
            } else {
                OptionalDouble value = number(splitNode, "validation_fraction", "training.split");
                if (value.isPresent() && !(value.getAsDouble() > 0 && value.getAsDouble() < 1)) {
                    fields.problem("training.split.validation_fraction", "validation_fraction must be between 0 and 1,"
                            + " got " + value.getAsDouble(), "Write e.g. 0.2 to validate on the latest 20% of rows");
                } else if (value.isPresent()) {
                    split = ModelSpec.Split.latestFraction(value.getAsDouble());
                }
            }
        }
        if (table == null || features.isEmpty() || label == null || timestamp == null || split == null) {
            return Optional.empty();
        }
        return Optional.of(new ModelSpec.Training(table, features, label, timestamp, split));
    }

    private Optional<Instant> instant(String text, String path) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException ignored) {
                fields.problem(path, "'" + text + "' is not an instant", "Write e.g. 2026-06-01T00:00:00Z or 2026-06-01 (UTC)");
                return Optional.empty();
            }
        }
    }

    private ModelSpec.Params params(JsonNode node) {
        ModelSpec.Params defaults = ModelSpec.Params.defaults();
        if (node.isMissingNode()) {
            return defaults;
        }
        if (!node.isObject()) {
            fields.problem("params", "params is a mapping", "Write e.g. 'params: {max_depth: 4, rounds: 200}'");
            return defaults;
        }
        fields.unknown(node, "params", PARAMS);
        String method = node.path("tree_method").asText(defaults.treeMethod());
        if (!TREE_METHODS.contains(method)) {
            fields.problem("params.tree_method", "Unknown tree_method '" + method + "'", "Use one of " + new TreeSet<>(
                    TREE_METHODS));
        }
        int maxDepth = (int) bounded(node, "max_depth", defaults.maxDepth(), 1, 20, true);
        double eta = bounded(node, "eta", defaults.eta(), 1e-6, 1, false);
        int rounds = (int) bounded(node, "rounds", defaults.rounds(), 1, 100_000, true);
        long seed = (long) bounded(node, "seed", defaults.seed(), 0, Integer.MAX_VALUE, true);
        double minChildWeight = bounded(node, "min_child_weight", defaults.minChildWeight(), 0, 1e9, false);
        double subsample = bounded(node, "subsample", defaults.subsample(), 1e-6, 1, false);
        double colsample = bounded(node, "colsample_bytree", defaults.colsampleByTree(), 1e-6, 1, false);
        double lambda = bounded(node, "lambda", defaults.lambda(), 0, 1e9, false);
        int threads = (int) bounded(node, "threads", defaults.threads(), 1, 256, true);
        return new ModelSpec.Params(method, maxDepth, eta, rounds, seed, minChildWeight, subsample, colsample, lambda,
                threads);
    }

    private double bounded(JsonNode parent, String key, double fallback, double min, double max, boolean integer) {
        if (!parent.has(key)) {
            return fallback;
        }
        String text = parent.path(key).asText();
        String path = parent == null ? key : "params." + key;
        try {
            double value = integer ? Long.parseLong(text) : Double.parseDouble(text);
            if (value < min || value > max || Double.isNaN(value)) {
                fields.problem(path, key + " must be between " + format(min) + " and " + format(max) + ", got " + text,
                        "Write a value in range, or remove it for the default " + format(fallback));
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            fields.problem(path, key + " must be " + (integer ? "an integer" : "a number") + ", got '" + text + "'",
                    "Remove it for the default " + format(fallback));
            return fallback;
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private ModelSpec.Gates gates(JsonNode node) {
        if (node.isMissingNode()) {
            return ModelSpec.Gates.none();
        }
        fields.unknown(node, "gates", GATES);
        OptionalDouble auc = fraction(node, "roc_auc_min");
        OptionalDouble disparateImpact = fraction(node, "disparate_impact_min");
        OptionalDouble parity = fraction(node, "dp_difference_max");
        OptionalDouble opportunity = fraction(node, "eo_difference_max");
        return new ModelSpec.Gates(auc, disparateImpact, parity, opportunity);
    }

    private OptionalDouble fraction(JsonNode parent, String key) {
        OptionalDouble value = number(parent, key, "gates");
        if (value.isPresent() && (value.getAsDouble() < 0 || value.getAsDouble() > 1)) {
            fields.problem("gates." + key, key + " must be between 0 and 1, got " + value.getAsDouble(),
                    "Write e.g. '" + key + ": " + (key.endsWith("_min") ? "0.8" : "0.1") + "'");
            return OptionalDouble.empty();
        }
        return value;
    }

    private ModelSpec.Costs costs(JsonNode node) {
        if (node.isMissingNode()) {
            return ModelSpec.Costs.equal();
        }
        fields.unknown(node, "costs", COSTS);
        double falsePositive = number(node, "false_positive", "costs").orElse(1);
        double falseNegative = number(node, "false_negative", "costs").orElse(1);
        if (falsePositive < 0 || falseNegative < 0 || falsePositive + falseNegative == 0) {
            fields.problem("costs", "Costs must be non-negative and not both zero", "Write e.g. 'false_positive: 1' and"
                    + " 'false_negative: 10'");
            return ModelSpec.Costs.equal();
        }
        return new ModelSpec.Costs(falsePositive, falseNegative);
    }

    private OptionalDouble number(JsonNode parent, String key, String parentPath) {
        if (!parent.has(key)) {
            return OptionalDouble.empty();
        }
        String text = parent.path(key).asText();
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return OptionalDouble.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fields.problem(parentPath + "." + key, key + " must be a number, got '" + text + "'", "Write e.g. '" + key
                + ": 0.8'");
        return OptionalDouble.empty();
    }

    private String column(JsonNode parent, String key, String parentPath) {
        String text = parent.path(key).asText("");
        if (text.isEmpty()) {
            fields.problem(parent.has(key) ? parentPath + "." + key : parentPath, parentPath + "." + key + " is missing",
                    "Name the " + key + " column");
            return null;
        }
        if (!COLUMN.matcher(text).matches()) {
            fields.problem(parentPath + "." + key, "'" + text + "' is not a column name",
                    "Use letters, digits and underscores");
            return null;
        }
        return text;
    }

    private List<String> columns(JsonNode parent, String key, String parentPath) {
        List<String> names = fields.texts(parent, key, parentPath);
        String path = parentPath.isEmpty() ? key : parentPath + "." + key;
        Set<String> seen = new LinkedHashSet<>();
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!COLUMN.matcher(name).matches()) {
                fields.problem(path + "[" + i + "]", "'" + name + "' is not a column name",
                        "Use letters, digits and underscores");
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                fields.problem(path + "[" + i + "]", "'" + name + "' is listed twice", "Remove one of them");
            } else {
                valid.add(name);
            }
        }
        return valid;
    }

}
