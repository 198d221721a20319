package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An element of the contract's {@code schema}: a table (or view, topic, file) with its properties (columns).
 *
 * @param id stable id, empty when absent
 * @param name logical name; becomes the Northstar table name (see {@link ContractTables#tableId})
 * @param physicalName name in the data source, empty when the same
 * @param physicalType table, view, topic...; empty when absent
 * @param businessName human name
 * @param description for humans; becomes the table description
 * @param logicalType {@code object} (the default) as written, empty when absent
 * @param dataGranularityDescription the grain of a row
 * @param properties the columns, in order
 * @param quality table-level rules (rowCount, duplicateValues over several columns, SQL rules)
 * @param relationships foreign keys declared at the object level (composite keys)
 * @param tags tags
 * @param customProperties custom properties; {@code northstar.*} ones here override the contract's
 *     (see {@link EnforcementPolicy})
 * @param position where the object is
 */
public record SchemaObject(
        String id,
        String name,
        String physicalName,
        String physicalType,
        String businessName,
        String description,
        String logicalType,
        String dataGranularityDescription,
        List<SchemaProperty> properties,
        List<QualityRule> quality,
        List<Relationship> relationships,
        List<String> tags,
        List<CustomProperty> customProperties,
        Position position) {

    public SchemaObject {
        id = ImmutableValues.text(id);
        requireNonNull(name, "name is null");
        physicalName = ImmutableValues.text(physicalName);
        physicalType = ImmutableValues.text(physicalType);
        businessName = ImmutableValues.text(businessName);
        description = ImmutableValues.text(description);
        logicalType = ImmutableValues.text(logicalType);
        dataGranularityDescription = ImmutableValues.text(dataGranularityDescription);
        properties = List.copyOf(requireNonNull(properties, "properties is null"));
        quality = List.copyOf(requireNonNull(quality, "quality is null"));
        relationships = List.copyOf(requireNonNull(relationships, "relationships is null"));
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
        customProperties = List.copyOf(requireNonNull(customProperties, "customProperties is null"));
        requireNonNull(position, "position is null");
    }

    /** The property with this name (case-insensitive). */
    public Optional<SchemaProperty> property(String propertyName) {
        return properties.stream().filter(property -> property.name().equalsIgnoreCase(propertyName)).findFirst();
    }
}
