package dev.northstar.ingest.plan;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;

/**
 * A column of another product that a value must exist in (a foreign key).
 *
 * @param table the referenced product
 * @param column its column
 */
public record ColumnReference(TableId table, String column) {
    public ColumnReference {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
