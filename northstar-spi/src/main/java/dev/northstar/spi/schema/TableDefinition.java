package dev.northstar.spi.schema;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to create a table: schema, partitioning, sort order, description and properties.
 */
public record TableDefinition(
        TableSchema schema,
        List<PartitionField> partitioning,
        List<SortField> sortOrder,
        String description,
        Map<String, String> properties) {

    public TableDefinition {
        requireNonNull(schema, "schema is null");
        partitioning = List.copyOf(requireNonNull(partitioning, "partitioning is null"));
        sortOrder = List.copyOf(requireNonNull(sortOrder, "sortOrder is null"));
        description = description == null ? "" : description;
        properties = Map.copyOf(requireNonNull(properties, "properties is null"));
        for (PartitionField field : partitioning) {
            NorthstarException.checkArgument(schema.column(field.column()).isPresent(),
                    "Partition column '%s' is not in the schema", field.column());
        }
        for (SortField field : sortOrder) {
            NorthstarException.checkArgument(schema.column(field.column()).isPresent(),
                    "Sort column '%s' is not in the schema", field.column());
        }
    }

    public static TableDefinition of(TableSchema schema) {
        return new TableDefinition(schema, List.of(), List.of(), "", Map.of());
    }

    public TableDefinition withPartitioning(List<PartitionField> fields) {
        return new TableDefinition(schema, fields, sortOrder, description, properties);
    }

    public TableDefinition withSortOrder(List<SortField> fields) {
        return new TableDefinition(schema, partitioning, fields, description, properties);
    }

    public TableDefinition withDescription(String text) {
        return new TableDefinition(schema, partitioning, sortOrder, text, properties);
    }
}
