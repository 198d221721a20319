package dev.northstar.lake;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.ColumnType;

/**
 * One schema change. Changes are metadata-only: existing data files are never rewritten, and DuckDB reads map columns
 * by Iceberg field id so renamed and widened columns read correctly.
 */
public sealed interface SchemaChange {

    /** Adds an optional column (null in existing rows). */
    record AddColumn(String name, ColumnType type, String doc) implements SchemaChange {
        public AddColumn {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            doc = doc == null ? "" : doc;
        }
    }

    /** Renames a column; its field id, and so its data, stays. */
    record RenameColumn(String name, String newName) implements SchemaChange {
        public RenameColumn {
            requireNonNull(name, "name is null");
            requireNonNull(newName, "newName is null");
        }
    }

    /** Widens a column's type: int→long, float→double, decimal(P,S)→decimal(P',S) with P' &gt; P. */
    record WidenColumn(String name, ColumnType newType) implements SchemaChange {
        public WidenColumn {
            requireNonNull(name, "name is null");
            requireNonNull(newType, "newType is null");
        }
    }

    /** Makes a required column optional. */
    record MakeOptional(String name) implements SchemaChange {
        public MakeOptional {
            requireNonNull(name, "name is null");
        }
    }
}
