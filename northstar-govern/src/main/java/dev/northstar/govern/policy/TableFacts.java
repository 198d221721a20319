package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.ContractTables;
import dev.northstar.contracts.CustomProperty;
import dev.northstar.contracts.DataContract;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.contracts.SchemaProperty;
import dev.northstar.govern.classify.AcceptedClasses;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.schema.TableId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What policies match tables and columns on, from the table's active contract (product, tags, property
 * classification and tags, team, the purposes it allows) and the classes stewards accepted.
 *
 * @param table the table
 * @param product the contract's data product, empty without a contract
 * @param tags tags of the contract and of its schema object (lower case)
 * @param owners usernames of the contract's team
 * @param purposes the purposes the contract allows (customProperty {@code northstar.purposes}); empty when it does
 *     not restrict them
 * @param columnClasses classification words and accepted classes of each column (lower case)
 * @param columnTags tags of each column's contract property
 */
public record TableFacts(TableId table, Optional<String> product, Set<String> tags, Set<String> owners,
        Optional<Set<String>> purposes, Map<String, Set<String>> columnClasses, Map<String, Set<String>> columnTags) {
    /** The custom property (contract or schema object) listing the purposes a product may be used for. */
    public static final String PURPOSES_PROPERTY = "northstar.purposes";

    public TableFacts {
        requireNonNull(table, "table is null");
        requireNonNull(product, "product is null");
        tags = Set.copyOf(tags);
        owners = Set.copyOf(owners);
        purposes = purposes.map(Set::copyOf);
        columnClasses = Map.copyOf(columnClasses);
        columnTags = Map.copyOf(columnTags);
    }

    /** The facts of a table from its contract (if any) and accepted classifications. */
    public static TableFacts of(TableId table, Optional<ProductRegistry> registry, MetadataDatabase database) {
        requireNonNull(table, "table is null");
        Map<String, Set<String>> classes = new TreeMap<>();
        Map<String, Set<String>> columnTags = new TreeMap<>();
        AcceptedClasses.byColumn(database, table).forEach((column, ids) -> {
            Set<String> words = classes.computeIfAbsent(column, key -> new LinkedHashSet<>());
            for (String id : ids) {
                words.add(id.toLowerCase(Locale.ROOT));
                // pii.email also matches 'email' and 'pii'
                for (String part : id.toLowerCase(Locale.ROOT).split("\\.")) {
                    words.add(part);
                }
            }
        });
        Optional<ActiveContract> active = registry.flatMap(value -> value.activeContract(table));
        if (active.isEmpty()) {
            return new TableFacts(table, Optional.empty(), Set.of(), Set.of(), Optional.empty(), classes, columnTags);
        }
        DataContract contract = active.get().contract();
        Set<String> tags = new LinkedHashSet<>();
        contract.tags().forEach(tag -> tags.add(tag.toLowerCase(Locale.ROOT)));
        active.get().schemaObject().tags().forEach(tag -> tags.add(tag.toLowerCase(Locale.ROOT)));
        for (SchemaProperty property : active.get().schemaObject().properties()) {
            String column = ContractTables.columnName(property).toLowerCase(Locale.ROOT);
            Set<String> words = classes.computeIfAbsent(column, key -> new LinkedHashSet<>());
            for (String word : property.classification().split(",")) {
                if (!word.isBlank()) {
                    words.add(word.trim().toLowerCase(Locale.ROOT));
                }
            }
            property.tags().forEach(tag -> columnTags.computeIfAbsent(column, key -> new LinkedHashSet<>())
                    .add(tag.toLowerCase(Locale.ROOT)));
        }
        Set<String> owners = new LinkedHashSet<>();
        contract.team().members().forEach(member -> owners.add(member.username()));
        Optional<Set<String>> purposes = purposes(active.get().schemaObject().customProperties())
                .or(() -> purposes(contract.customProperties()));
        return new TableFacts(table, Optional.of(contract.dataProduct()).filter(name -> !name.isBlank()), tags,
                owners, purposes, classes, columnTags);
    }

    private static Optional<Set<String>> purposes(List<CustomProperty> properties) {
        return CustomProperty.find(properties, PURPOSES_PROPERTY).map(property -> {
            Set<String> purposes = new LinkedHashSet<>();
            Object value = property.value();
            if (value instanceof Collection<?> list) {
                list.forEach(item -> purposes.add(String.valueOf(item).trim().toLowerCase(Locale.ROOT)));
            } else {
                for (String word : property.text().split(",")) {
                    if (!word.isBlank()) {
                        purposes.add(word.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
            return purposes;
        });
    }
}
