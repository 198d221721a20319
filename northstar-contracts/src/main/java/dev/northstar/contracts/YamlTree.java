package dev.northstar.contracts;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML into a Jackson tree while recording the line and column of every node by its path. For a mapping entry
 * the position is the key's, which is where a reader looks for the field.
 */
final class YamlTree {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final String source;
    private final Map<String, Position> positions = new HashMap<>();
    private final List<ContractProblem> problems;

    private YamlTree(String source, List<ContractProblem> problems) {
        this.source = source;
        this.problems = problems;
    }

    /** The document's root node, or empty (with a problem added) when the text is not YAML. */
    static Optional<JsonNode> read(String yaml, String source, Map<String, Position> positions,
            List<ContractProblem> problems) {
        YamlTree tree = new YamlTree(source, problems);
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new ContractProblem(new Position(source, 1, 1, ""), "The document is empty",
                        "Start with 'apiVersion: v3.1.0' and 'kind: DataContract'"));
                return Optional.empty();
            }
            JsonNode root = tree.node(parser, "");
            positions.putAll(tree.positions);
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            Position position = location == null
                    ? new Position(source, 1, 1, "")
                    : new Position(source, Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1), "");
            problems.add(new ContractProblem(position, "Not valid YAML: " + e.getOriginalMessage(),
                    "Check the indentation and quoting around this line"));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new ContractProblem(new Position(source, 1, 1, ""), "Cannot read YAML: " + e.getMessage(), ""));
            return Optional.empty();
        }
    }

    private Position position(JsonLocation location, String path) {
        return new Position(source, location.getLineNr(), location.getColumnNr(), path);
    }

    private JsonNode node(JsonParser parser, String path) throws IOException {
        JsonToken token = parser.currentToken();
        positions.putIfAbsent(path, position(parser.currentTokenLocation(), path));
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String childPath = ContractPaths.field(path, name);
                    Position keyPosition = position(parser.currentTokenLocation(), childPath);
                    parser.nextToken();
                    if (object.has(name)) {
                        problems.add(new ContractProblem(keyPosition, "'" + name + "' is written twice; the "
                                + "first one, at line " + positions.get(childPath).line() + ", would be ignored",
                                "Remove one of them"));
                        node(parser, childPath);
                        continue;
                    }
                    positions.put(childPath, keyPosition);
                    object.set(name, node(parser, childPath));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser, ContractPaths.element(path, index++)));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? NODES.numberNode(parser.getBigIntegerValue())
                        : NODES.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                return NODES.textNode(parser.getText());
            }
        }
    }
}
