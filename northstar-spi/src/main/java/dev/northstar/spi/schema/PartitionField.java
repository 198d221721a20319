package dev.northstar.spi.schema;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One field of a partition spec: a source column and an Iceberg transform.
 *
 * @param column source column name
 * @param transform {@code identity}, {@code year}, {@code month}, {@code day}, {@code hour}, {@code bucket[N]}
 *     or {@code truncate[W]}
 */
public record PartitionField(String column, String transform) {
    private static final Pattern TRANSFORM =
            Pattern.compile("identity|year|month|day|hour|bucket\\[(\\d+)]|truncate\\[(\\d+)]");
    private static final Pattern FUNCTION = Pattern.compile("(\\w+)\\((\\w+)(?:\\s*,\\s*(\\d+))?\\)");

    public PartitionField {
        requireNonNull(column, "column is null");
        transform = requireNonNull(transform, "transform is null").toLowerCase(Locale.ROOT);
        NorthstarException.checkArgument(TRANSFORM.matcher(transform).matches(),
                "Partition transform '%s' on column '%s' is unknown: use identity, year, month, day, hour, "
                        + "bucket[N] or truncate[W]", transform, column);
    }

    /** Parses {@code column}, {@code day(column)}, {@code bucket(column, 16)} or {@code truncate(column, 4)}. */
    public static PartitionField parse(String text) {
        String trimmed = requireNonNull(text, "text is null").trim();
        Matcher function = FUNCTION.matcher(trimmed);
        if (function.matches()) {
            String name = function.group(1).toLowerCase(Locale.ROOT);
            String argument = function.group(3);
            return new PartitionField(function.group(2), argument == null ? name : name + "[" + argument + "]");
        }
        return new PartitionField(trimmed, "identity");
    }

    /** Text form accepted by {@link #parse(String)}. */
    public String text() {
        if (transform.equals("identity")) {
            return column;
        }
        int bracket = transform.indexOf('[');
        if (bracket > 0) {
            return transform.substring(0, bracket) + "(" + column + ", "
                    + transform.substring(bracket + 1, transform.length() - 1) + ")";
        }
        return transform + "(" + column + ")";
    }
}
