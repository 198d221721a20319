package dev.northstar.spi.schema;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;
import java.util.Locale;

/**
 * One field of a table's sort order.
 *
 * @param column column name
 * @param ascending sort direction
 * @param nullsFirst where nulls go
 */
public record SortField(String column, boolean ascending, boolean nullsFirst) {
    public SortField {
        requireNonNull(column, "column is null");
    }

    /** Parses {@code column [asc|desc] [nulls first|nulls last]}; default ascending, nulls first. */
    public static SortField parse(String text) {
        String[] words = requireNonNull(text, "text is null").trim().split("\\s+");
        NorthstarException.checkArgument(words.length >= 1 && !words[0].isEmpty(), "Sort field is empty");
        boolean ascending = true;
        boolean nullsFirst = true;
        for (int i = 1; i < words.length; i++) {
            switch (words[i].toLowerCase(Locale.ROOT)) {
                case "asc" -> ascending = true;
                case "desc" -> ascending = false;
                case "nulls" -> {
                    NorthstarException.checkArgument(i + 1 < words.length, "Sort field '%s': nulls first|last", text);
                    nullsFirst = words[++i].equalsIgnoreCase("first");
                }
                default -> throw NorthstarException.of(dev.northstar.spi.error.ErrorCode.INVALID_ARGUMENT,
                        "Sort field '%s' is invalid: write 'column [asc|desc] [nulls first|nulls last]'", text);
            }
        }
        return new SortField(words[0], ascending, nullsFirst);
    }

    public String text() {
        return column + (ascending ? " asc" : " desc") + (nullsFirst ? " nulls first" : " nulls last");
    }
}
