package dev.northstar.spi.schema;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;

/**
 * A named column of a table schema.
 *
 * @param name column name: letters, digits and underscores, not starting with a digit
 * @param type column type
 * @param required whether the column rejects nulls
 * @param doc description, may be empty
 */
public record Column(String name, ColumnType type, boolean required, String doc) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        doc = doc == null ? "" : doc;
        NorthstarException.checkArgument(name.matches("[A-Za-z_][A-Za-z0-9_]*"),
                "Column name '%s' is invalid: use letters, digits and underscores, not starting with a digit", name);
    }

    public static Column optional(String name, ColumnType type) {
        return new Column(name, type, false, "");
    }

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, true, "");
    }

    /**
     * Parses {@code name:type} with an optional {@code !} suffix on the name or type meaning required,
     * e.g. {@code id!:long} or {@code amount:decimal(12,2)}.
     */
    public static Column parse(String text) {
        requireNonNull(text, "text is null");
        int colon = text.indexOf(':');
        NorthstarException.checkArgument(colon > 0,
                "Column '%s' must be written name:type, e.g. amount:decimal(12,2) or id!:long (required)", text);
        String name = text.substring(0, colon).trim();
        String type = text.substring(colon + 1).trim();
        boolean required = false;
        if (name.endsWith("!")) {
            required = true;
            name = name.substring(0, name.length() - 1);
        }
        if (type.endsWith("!")) {
            required = true;
            type = type.substring(0, type.length() - 1);
        }
        return new Column(name, ColumnType.parse(type), required, "");
    }
}
