package dev.northstar.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.northstar.lake.config.PositionedYaml;
import dev.northstar.lake.config.YamlFields;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code kind: FeatureView} YAML documents, collecting every problem with its line and column before failing
 * (the format is in {@code docs/guides/features.md}). Expressions are checked with DuckDB's parser
 * ({@link FeatureExpressions}); whether the columns exist in the source table is checked when the view is used.
 */
public final class FeatureViewParser {
    /** View and feature names. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})([smhd])");
    private static final Pattern STREAM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");    private static final Set<String> TOP = Set.of("apiVersion", "kind", "name", "description", "entities",
            "timestamp", "source", "ttl", "features");
    private static final Set<String> SOURCE = Set.of("table", "stream");
    private static final Set<String> FEATURE = Set.of("name", "column", "expression", "aggregation", "window",
            "description");

    private final String source;
    private YamlFields fields;
    private final List<YamlProblem> problems = new ArrayList<>();

    private FeatureViewParser(String source) {
        this.source = source;
    }

    /**
     * Parses one document.
     *
     * @param source where it came from (a file name), for positions
     * @throws FeatureViewException listing every problem
     */
    public static FeatureView parse(String yaml, String source) {
        FeatureViewParser parser = new FeatureViewParser(source);
        Optional<FeatureView> view = parser.document(yaml);
        if (!parser.problems.isEmpty() || view.isEmpty()) {
            throw new FeatureViewException(parser.problems);
        }
        return view.get();
    }

    /** The problems of a document, empty when it is valid (for linting). */
    public static List<YamlProblem> lint(String yaml, String source) {
        try {
            parse(yaml, source);
            return List.of();
        } catch (FeatureViewException e) {
            return e.problems();
        }
    }

    /** Parses a duration such as {@code 10m}: a positive whole number of seconds (s), minutes (m), hours (h) or days (d). */
    public static Optional<Duration> duration(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    private Optional<FeatureView> document(String yaml) {
        PositionedYaml.Document read = PositionedYaml.read(yaml, "Start with 'kind: FeatureView' and 'name: ...'", "Only one document per feature view text",
                "Put each view in its own file");
        fields = YamlFields.collecting(source, read, problems);
        if (read.root().isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = read.root().get();
        if (!root.isObject()) {
            fields.problem("", "A feature view is a mapping", "Start with 'kind: FeatureView' and 'name: ...'");
            return Optional.empty();
        }
        fields.unknown(root, "", TOP);
        if (!"FeatureView".equals(root.path("kind").asText())) {
            fields.problem(root.has("kind") ? "kind" : "", "kind must be FeatureView, got '" + root.path("kind").asText()
                    + "'", "Write 'kind: FeatureView'");
        }
        String name = root.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            fields.problem(root.has("name") ? "name" : "", name.isEmpty() ? "The view has no name"
                    : "Invalid view name '" + name + "'",
                    "Start with a lower-case letter; use lower-case letters, digits and underscores");
        }
        List<String> entities = columns(root, "entities");
        String timestamp = root.path("timestamp").asText("");
        if (!COLUMN.matcher(timestamp).matches()) {
            fields.problem(root.has("timestamp") ? "timestamp" : "", timestamp.isEmpty() ? "The view has no timestamp"
                    : "Invalid timestamp column '" + timestamp + "'", "Name the event-time column of the source,"
                    + " e.g. 'timestamp: event_time'");
        }
        TableId table = null;
        Optional<String> stream = Optional.empty();
        JsonNode sourceNode = root.path("source");
        if (!sourceNode.isObject()) {
            fields.problem(root.has("source") ? "source" : "", "The view has no source",
                    "Write 'source: {table: domain.table}'");
        } else {
            fields.unknown(sourceNode, "source", SOURCE);
            String text = sourceNode.path("table").asText("");
            try {
                table = TableId.parse(text);
            } catch (NorthstarException e) {
                fields.problem(sourceNode.has("table") ? "source.table" : "source", text.isEmpty()
                        ? "The source has no table" : e.getMessage(), "Write 'table: domain.table'");
            }
            if (sourceNode.has("stream")) {
                String value = sourceNode.path("stream").asText("");
                if (!STREAM.matcher(value).matches()) {
                    fields.problem("source.stream", "Invalid stream name '" + value + "'",
                            "Use lower-case letters, digits, dots, dashes and underscores");
                } else {
                    stream = Optional.of(value);
                }
            }
        }
        List<Feature> features = new ArrayList<>();
        JsonNode list = root.path("features");
        if (!list.isArray() || list.isEmpty()) {
            fields.problem(root.has("features") ? "features" : "", "A view needs a non-empty list of features",
                    "Add 'features:' with entries such as '- {name: txn_count_1h, aggregation: count, window: 1h}'");
        } else {
            Set<String> names = new HashSet<>(entities.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList());
            names.add(timestamp.toLowerCase(Locale.ROOT));
            for (int i = 0; i < list.size(); i++) {
                String path = "features[" + i + "]";
                Optional<Feature> feature = feature(list.get(i), path);
                if (feature.isPresent() && !names.add(feature.get().name())) {
                    fields.problem(path + ".name", "The name '" + feature.get().name()
                            + "' is already used by another feature, an entity or the timestamp", "Rename it");
                }
                feature.ifPresent(features::add);
            }
        }
        Duration longest = features.stream().flatMap(feature -> feature.window().stream())
                .max(Duration::compareTo).orElse(null);
        Duration ttl = longest;
        if (root.has("ttl")) {
            Optional<Duration> parsed = duration(root.path("ttl").asText(""));
            if (parsed.isEmpty()) {
                fields.problem("ttl", "Invalid ttl '" + root.path("ttl").asText() + "'", "Write e.g. '7d' (units s, m, h, d)");
            } else if (longest != null && parsed.get().compareTo(longest) < 0) {
                fields.problem("ttl", "The ttl " + root.path("ttl").asText() + " is shorter than the longest window ("
                        + longest + ")", "Make the ttl at least the longest window: an entity idle for longer than"
                        + " the ttl has empty windows anyway");
            } else {
                ttl = parsed.get();
            }
        } else if (longest == null && !features.isEmpty()) {
            fields.problem("", "The view needs a ttl: no feature has a window",
                    "Write e.g. 'ttl: 30d' (how far back 'last' looks)");
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FeatureView(name, root.path("description").asText(""), entities, timestamp, table,
                stream, ttl, features));
    }

    private Optional<Feature> feature(JsonNode node, String path) {
        if (!node.isObject()) {
            fields.problem(path, "A feature is a mapping", "Write '- {name: ..., aggregation: ..., window: ...}'");
            return Optional.empty();
        }
        int before = problems.size();
        fields.unknown(node, path, FEATURE);
        String name = node.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            fields.problem(node.has("name") ? path + ".name" : path, name.isEmpty() ? "The feature has no name"
                    : "Invalid feature name '" + name + "'", "Use lower-case letters, digits and underscores");
        }
        String aggregationText = node.path("aggregation").asText("");
        Aggregation aggregation = null;
        try {
            aggregation = Aggregation.valueOf(aggregationText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            fields.problem(node.has("aggregation") ? path + ".aggregation" : path, aggregationText.isEmpty()
                    ? "The feature has no aggregation" : "Unknown aggregation '" + aggregationText + "'",
                    "Use count, sum, avg, min, max, count_distinct or last");
        }
        Optional<String> column = Optional.empty();
        if (node.has("column")) {
            String text = node.path("column").asText("");
            if (!COLUMN.matcher(text).matches()) {
                fields.problem(path + ".column", "Invalid column name '" + text + "'",
                        "Name a column of the source, or write an 'expression'");
            } else {
                column = Optional.of(text);
            }
        }
        Optional<String> expression = Optional.empty();
        if (node.has("expression")) {
            String text = node.path("expression").asText("");
            try {
                FeatureExpressions.check(text);
                expression = Optional.of(text);
            } catch (NorthstarException e) {
                fields.problem(path + ".expression", e.getMessage(), e.hint() == null ? "" : e.hint());
            }
        }
        if (node.has("column") && node.has("expression")) {
            fields.problem(path, "A feature aggregates a column or an expression, not both", "Remove one of them");
        }
        if (aggregation != null && aggregation.needsValue() && !node.has("column") && !node.has("expression")) {
            fields.problem(path, "Aggregation " + aggregation.yamlName() + " needs a column or an expression",
                    "Add e.g. 'column: amount'");
        }
        Optional<Duration> window = Optional.empty();
        if (node.has("window")) {
            window = duration(node.path("window").asText(""));
            if (window.isEmpty()) {
                fields.problem(path + ".window", "Invalid window '" + node.path("window").asText() + "'",
                        "Write e.g. '10m', '1h', '24h' or '7d' (a positive whole number of s, m, h or d)");
            } else if (aggregation == Aggregation.LAST) {
                fields.problem(path + ".window", "'last' has no window: it looks back as far as the view's ttl",
                        "Remove the window, or use min/max/avg over a window");
            }
        } else if (aggregation != null && aggregation != Aggregation.LAST) {
            fields.problem(path, "Aggregation " + aggregation.yamlName() + " needs a window",
                    "Add e.g. 'window: 1h' (units s, m, h, d)");
        }
        if (problems.size() > before || aggregation == null) {
            return Optional.empty();
        }
        return Optional.of(new Feature(name, aggregation, column, expression,
                aggregation == Aggregation.LAST ? Optional.empty() : window));
    }

    private List<String> columns(JsonNode root, String key) {
        JsonNode node = root.path(key);
        List<String> columns = new ArrayList<>();
        if (node.isValueNode() && !node.isNull()) {
            node = JsonNodeFactory.instance.arrayNode().add(node.asText());
        }
        if (!node.isArray() || node.isEmpty()) {
            fields.problem(root.has(key) ? key : "", "The view needs " + key + " (one or more key columns)",
                    "Write e.g. '" + key + ": [card_id]'");
            return columns;
        }
        for (int i = 0; i < node.size(); i++) {
            String text = node.get(i).asText("");
            if (!node.get(i).isValueNode() || !COLUMN.matcher(text).matches()) {
                fields.problem(key + "[" + i + "]", "Invalid column name '" + text + "'",
                        "Use letters, digits and underscores");
            } else if (columns.contains(text)) {
                fields.problem(key + "[" + i + "]", "'" + text + "' is listed twice", "Remove one of them");
            } else {
                columns.add(text);
            }
        }
        return columns;
    }

}
