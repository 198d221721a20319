package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;

/**
 * A table holding rows about data subjects, and the column that identifies them.
 *
 * @param table the table
 * @param column the subject key column ({@code _raw_values} key for a quarantine table)
 * @param kind why the table is included
 * @param product the product whose contract declares the subject key
 */
public record SubjectTable(TableId table, String column, Kind kind, TableId product) {
    /** Why a table is included. */
    public enum Kind {
        /** A product whose contract marks the column with {@code northstar.subjectKey: true}. */
        PRODUCT,
        /** The quarantine table of such a product: raw values JSON. */
        QUARANTINE,
        /** A table whose column lineage derives the column from a subject key column. */
        DERIVED
    }

    public SubjectTable {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(product, "product is null");
    }
}
