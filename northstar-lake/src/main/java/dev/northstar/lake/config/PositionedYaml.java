package dev.northstar.lake.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one YAML document into a Jackson tree while recording the line and column of every node by its path
 * ({@code rules[2].mask}, {@code training.split.validation_fraction}), so that the platform's declarative kinds
 * (access policies, feature views, model specs) can report every problem at its place. Scalars are kept as text
 * (numbers included: each kind parses its numbers with its own message); a mapping entry's position is its key's.
 * Problems of the text itself — not YAML, empty, several documents, a key written twice — are returned, not thrown.
 */
public final class PositionedYaml {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private final Map<String, int[]> positions = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private PositionedYaml() {}

    /**
     * A problem of the text, at a path.
     *
     * @param path where, {@code ""} for the document
     * @param line 1-based line
     * @param column 1-based column
     * @param message what is wrong
     * @param hint how to fix it
     */
    public record Problem(String path, int line, int column, String message, String hint) {}

    /**
     * A document read.
     *
     * @param root the tree; empty when the text is not one readable document
     * @param positions line and column (an {@code int[2]}) of every path
     * @param problems the text's problems, in reading order
     */
    public record Document(Optional<JsonNode> root, Map<String, int[]> positions, List<Problem> problems) {}

    /**
     * Reads a text.
     *
     * @param emptyHint the fix of an empty text, e.g. {@code Start with 'kind: Model' and 'name: ...'}
     * @param oneDocument the message when the text holds several documents, e.g. {@code Only one document per model
     *     spec}
     * @param oneDocumentHint its fix, e.g. {@code Put each model in its own file}
     */
    public static Document read(String yaml, String emptyHint, String oneDocument, String oneDocumentHint) {
        requireNonNull(yaml, "yaml is null");
        PositionedYaml reader = new PositionedYaml();
        Optional<JsonNode> root = Optional.empty();
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                reader.problems.add(new Problem("", 1, 1, "The document is empty", emptyHint));
            } else {
                root = Optional.of(reader.node(parser, ""));
                if (parser.nextToken() != null) {
                    reader.problem("", oneDocument, oneDocumentHint);
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            reader.problems.add(new Problem("", location == null ? 1 : Math.max(1, location.getLineNr()),
                    location == null ? 1 : Math.max(1, location.getColumnNr()),
                    "Not valid YAML: " + e.getOriginalMessage(), "Check the indentation and quoting around this line"));
            root = Optional.empty();
        } catch (IOException e) {
            reader.problem("", "Cannot read YAML: " + e.getMessage(), "");
            root = Optional.empty();
        }
        return new Document(root, Map.copyOf(reader.positions), List.copyOf(reader.problems));
    }

    private void problem(String path, String message, String hint) {
        int[] position = positions.getOrDefault(path, positions.getOrDefault("", new int[] {1, 1}));
        problems.add(new Problem(path, position[0], position[1], message, hint));
    }

    private JsonNode node(JsonParser parser, String path) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        positions.putIfAbsent(path, new int[] {start.getLineNr(), start.getColumnNr()});
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    JsonLocation key = parser.currentTokenLocation();
                    positions.put(child, new int[] {key.getLineNr(), key.getColumnNr()});
                    parser.nextToken();
                    if (object.has(name)) {
                        problem(child, "'" + name + "' is written twice", "Remove one of them");
                    }
                    object.set(name, node(parser, child));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser, path + "[" + index++ + "]"));
                }
                return array;
            }
            case VALUE_TRUE -> {
                return nodes.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return nodes.booleanNode(false);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> {
                return nodes.textNode(parser.getText());
            }
        }
    }
}
