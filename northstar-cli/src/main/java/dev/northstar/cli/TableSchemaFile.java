package dev.northstar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.PartitionField;
import dev.northstar.spi.schema.SortField;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table definition written in YAML, for {@code northstar table create T --schema FILE.yaml}:
 *
 * <pre>
 * description: Orders of the web shop
 * columns:
 *   - name: order_id
 *     type: long
 *     required: true
 *     description: Order number
 *   - {name: amount, type: decimal(12,2)}
 *   - {name: ordered_at, type: timestamp}
 * partitioning: [month(ordered_at)]
 * sort-order: [ordered_at desc]
 * properties: {owner: retail-team}
 * </pre>
 */
final class TableSchemaFile {
    private static final Set<String> TOP_KEYS = Set.of("description", "columns", "partitioning", "sort-order",
            "properties");
    private static final Set<String> COLUMN_KEYS = Set.of("name", "type", "required", "description");

    private TableSchemaFile() {}

    static TableDefinition read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "Schema file '" + file + "' does not exist",
                    "Check the path; relative paths are resolved from the current directory");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    file + " is not valid YAML: " + e.getMessage(), "Fix the YAML syntax at the position shown", e);
        }
        if (root == null || !root.isObject()) {
            throw invalid(file, "the top level must be a mapping with 'columns'");
        }
        checkKeys(file, "", root, TOP_KEYS);
        JsonNode columnsNode = root.path("columns");
        if (!columnsNode.isArray() || columnsNode.isEmpty()) {
            throw invalid(file, "'columns' must be a non-empty list of {name, type, required, description}");
        }
        List<Column> columns = new ArrayList<>();
        for (int index = 0; index < columnsNode.size(); index++) {
            columns.add(column(file, "columns[" + index + "]", columnsNode.get(index)));
        }
        TableDefinition definition;
        try {
            definition = new TableDefinition(new TableSchema(columns),
                    strings(file, root, "partitioning").stream().map(PartitionField::parse).toList(),
                    strings(file, root, "sort-order").stream().map(SortField::parse).toList(),
                    root.path("description").asText(""),
                    properties(file, root.path("properties")));
        } catch (NorthstarException e) {
            throw new NorthstarException(e.code(), file + ": " + e.getMessage(), e.hint(), e);
        }
        return definition;
    }

    private static Column column(Path file, String path, JsonNode node) {
        if (!node.isObject()) {
            throw invalid(file, path + " must be a mapping {name, type, required, description}");
        }
        checkKeys(file, path + ".", node, COLUMN_KEYS);
        if (!node.path("name").isTextual() || !node.path("type").isTextual()) {
            throw invalid(file, path + " needs a 'name' and a 'type'");
        }
        try {
            return new Column(node.get("name").asText(), ColumnType.parse(node.get("type").asText()),
                    node.path("required").asBoolean(false), node.path("description").asText(""));
        } catch (NorthstarException e) {
            throw new NorthstarException(e.code(), file + ": " + path + ": " + e.getMessage(), e.hint(), e);
        }
    }

    private static List<String> strings(Path file, JsonNode root, String key) {
        JsonNode node = root.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw invalid(file, "'" + key + "' must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        node.forEach(element -> values.add(element.asText()));
        return values;
    }

    private static Map<String, String> properties(Path file, JsonNode node) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return properties;
        }
        if (!node.isObject()) {
            throw invalid(file, "'properties' must be a mapping of keys to values");
        }
        node.properties().forEach(field -> properties.put(field.getKey(), field.getValue().asText()));
        return properties;
    }

    private static void checkKeys(Path file, String path, JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid(file, "unknown key '" + path + name + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static NorthstarException invalid(Path file, String problem) {
        return new NorthstarException(ErrorCode.INVALID_ARGUMENT, file + ": " + problem,
                "See 'northstar table create --help' or docs/guides/lakehouse.md for the schema file format");
    }
}
