package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A property of a schema object: a column of a table (or a field of an object, or the element of an array).
 *
 * @param id stable id, empty when absent
 * @param name property (column) name as written
 * @param physicalName name in the data source, empty when the same as {@code name}
 * @param businessName human name, may be empty
 * @param description for humans
 * @param logicalType ODCS logical type: string, integer, number, boolean, date, timestamp, time, object or array;
 *     empty when absent
 * @param physicalType the data source's type, e.g. {@code varchar(18)}, {@code decimal(12,2)}, {@code bigint};
 *     empty when absent
 * @param required whether a value must be present (not null)
 * @param unique whether values are distinct
 * @param primaryKey whether the property is (part of) the primary key
 * @param primaryKeyPosition 1-based position in the primary key, -1 when not set
 * @param partitioned whether the table is partitioned by this property
 * @param partitionKeyPosition 1-based position in the partitioning, -1 when not set
 * @param classification e.g. public, restricted, confidential, pii; empty when absent
 * @param criticalDataElement whether the property is a critical data element
 * @param examples example values as written
 * @param logicalTypeOptions constraints such as length, pattern and range
 * @param quality rules on this property
 * @param items the element of an {@code array}, if given
 * @param properties the fields of an {@code object}
 * @param relationships foreign keys from this property
 * @param tags tags
 * @param customProperties custom properties
 * @param encryptedName the column holding the encrypted value, empty when absent
 * @param position where the property is
 */
public record SchemaProperty(
        String id,
        String name,
        String physicalName,
        String businessName,
        String description,
        String logicalType,
        String physicalType,
        boolean required,
        boolean unique,
        boolean primaryKey,
        int primaryKeyPosition,
        boolean partitioned,
        int partitionKeyPosition,
        String classification,
        boolean criticalDataElement,
        List<Object> examples,
        LogicalTypeOptions logicalTypeOptions,
        List<QualityRule> quality,
        Optional<SchemaProperty> items,
        List<SchemaProperty> properties,
        List<Relationship> relationships,
        List<String> tags,
        List<CustomProperty> customProperties,
        String encryptedName,
        Position position) {

    public SchemaProperty {
        id = ImmutableValues.text(id);
        name = ImmutableValues.text(name);
        physicalName = ImmutableValues.text(physicalName);
        businessName = ImmutableValues.text(businessName);
        description = ImmutableValues.text(description);
        logicalType = ImmutableValues.text(logicalType);
        physicalType = ImmutableValues.text(physicalType);
        classification = ImmutableValues.text(classification);
        examples = ImmutableValues.list(examples);
        requireNonNull(logicalTypeOptions, "logicalTypeOptions is null");
        quality = List.copyOf(requireNonNull(quality, "quality is null"));
        requireNonNull(items, "items is null");
        properties = List.copyOf(requireNonNull(properties, "properties is null"));
        relationships = List.copyOf(requireNonNull(relationships, "relationships is null"));
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
        customProperties = List.copyOf(requireNonNull(customProperties, "customProperties is null"));
        encryptedName = ImmutableValues.text(encryptedName);
        requireNonNull(position, "position is null");
    }

    /** A minimal property, for code that builds contracts (inference, tests). */
    public static SchemaProperty of(String name, String logicalType, String physicalType, boolean required) {
        return new SchemaProperty("", name, "", "", "", logicalType, physicalType, required, false, false, -1, false,
                -1, "", false, List.of(), LogicalTypeOptions.none(), List.of(), Optional.empty(), List.of(),
                List.of(), List.of(), List.of(), "", Position.unknown(name));
    }
}
