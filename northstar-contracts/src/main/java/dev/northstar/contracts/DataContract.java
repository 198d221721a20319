package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Open Data Contract Standard (ODCS) v3 data contract, as parsed by {@link ContractParser}.
 *
 * <p>Text fields are empty when absent; lists are empty when absent. Every node's source position is kept in
 * {@link #positions()}, keyed by its path ({@code schema[0].properties[3].logicalType}), so that any later check can
 * point at the exact line and column.
 *
 * @param apiVersion ODCS version: v3.0.0, v3.0.1, v3.0.2 or v3.1.0
 * @param kind always {@code DataContract}
 * @param id the contract's stable id; identifies the contract across versions
 * @param name contract name
 * @param version the contract's own version, semantic versioning ({@code 1.2.0})
 * @param status proposed, draft, active, deprecated, retired...
 * @param domain business domain; becomes the Northstar domain (Iceberg namespace)
 * @param dataProduct the data product the contract belongs to
 * @param tenant tenant, empty when absent
 * @param description purpose, usage and limitations
 * @param schema the tables
 * @param slaProperties service levels
 * @param team owning team
 * @param roles access roles
 * @param support support channels
 * @param servers where the data is served
 * @param tags tags
 * @param customProperties custom properties; see {@link EnforcementPolicy} for the {@code northstar.*} ones
 * @param contractCreatedTs creation time as written, empty when absent
 * @param source the file (or source name) the contract was read from
 * @param positions source position of every node, by path
 */
public record DataContract(
        String apiVersion,
        String kind,
        String id,
        String name,
        String version,
        String status,
        String domain,
        String dataProduct,
        String tenant,
        Description description,
        List<SchemaObject> schema,
        List<SlaProperty> slaProperties,
        Team team,
        List<Role> roles,
        List<SupportChannel> support,
        List<Server> servers,
        List<String> tags,
        List<CustomProperty> customProperties,
        String contractCreatedTs,
        String source,
        Map<String, Position> positions) {

    public DataContract {
        apiVersion = ImmutableValues.text(apiVersion);
        kind = ImmutableValues.text(kind);
        id = ImmutableValues.text(id);
        name = ImmutableValues.text(name);
        version = ImmutableValues.text(version);
        status = ImmutableValues.text(status);
        domain = ImmutableValues.text(domain);
        dataProduct = ImmutableValues.text(dataProduct);
        tenant = ImmutableValues.text(tenant);
        requireNonNull(description, "description is null");
        schema = List.copyOf(requireNonNull(schema, "schema is null"));
        slaProperties = List.copyOf(requireNonNull(slaProperties, "slaProperties is null"));
        requireNonNull(team, "team is null");
        roles = List.copyOf(requireNonNull(roles, "roles is null"));
        support = List.copyOf(requireNonNull(support, "support is null"));
        servers = List.copyOf(requireNonNull(servers, "servers is null"));
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
        customProperties = List.copyOf(requireNonNull(customProperties, "customProperties is null"));
        contractCreatedTs = ImmutableValues.text(contractCreatedTs);
        requireNonNull(source, "source is null");
        positions = Map.copyOf(requireNonNull(positions, "positions is null"));
    }

    /** The schema object with this name (case-insensitive). */
    public Optional<SchemaObject> schemaObject(String objectName) {
        return schema.stream().filter(object -> object.name().equalsIgnoreCase(objectName)).findFirst();
    }

    /**
     * The position of the node at {@code path}, or of its nearest ancestor present in the document (with the
     * requested path), or the start of the document.
     */
    public Position position(String path) {
        String current = path;
        while (true) {
            Position found = positions.get(current);
            if (found != null) {
                return found.withPath(path);
            }
            if (current.isEmpty()) {
                return new Position(source, 1, 1, path);
            }
            current = ContractPaths.parent(current);
        }
    }

    /** The major part of {@link #version()} (1 for 1.2.0), or empty when the version is not semantic. */
    public Optional<Integer> majorVersion() {
        return SemanticVersion.parse(version).map(SemanticVersion::major);
    }
}
