package dev.northstar.govern.lineage;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;

/**
 * A dataset as OpenLineage names it: a namespace and a name. Lake tables are in namespace
 * {@code northstar://<lake name>} and named {@code domain.table}; files are in namespace {@code file} named by path.
 *
 * @param namespace e.g. {@code northstar://local}
 * @param name e.g. {@code retail.orders}
 */
public record DatasetRef(String namespace, String name) {
    public DatasetRef {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
    }

    /** The lake table {@code table} in a lake's dataset namespace. */
    public static DatasetRef of(String lakeNamespace, TableId table) {
        return new DatasetRef(lakeNamespace, table.toString());
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
