package dev.northstar.spi.schema;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The ordered columns of a table. Column names are unique, case-insensitively. */
public record TableSchema(List<Column> columns) {
    public TableSchema {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        NorthstarException.checkArgument(!columns.isEmpty(), "A table needs at least one column");
        Set<String> seen = new HashSet<>();
        for (Column column : columns) {
            if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
                throw NorthstarException.of(ErrorCode.INVALID_ARGUMENT, "Column '%s' is declared twice", column.name());
            }
        }
    }

    public static TableSchema of(Column... columns) {
        return new TableSchema(List.of(columns));
    }

    /** The column with this name (case-insensitive). */
    public Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equalsIgnoreCase(name)).findFirst();
    }
}
