package dev.northstar.govern.gateway;

import dev.northstar.govern.policy.ColumnMask;
import dev.northstar.lake.TableProjection.ProjectedColumn;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A column mask as DuckDB SQL over the table's own column. Option values are validated (numbers parsed, text quoted)
 * before they reach SQL, so a policy cannot inject SQL through them.
 */
final class MaskSql {
    private MaskSql() {}

    static ProjectedColumn column(TableId table, String name, String type, ColumnMask mask) {
        String column = quote(name);
        String text = "CAST(" + column + " AS VARCHAR)";
        return switch (mask.kind()) {
            case KEYED_HASH -> ProjectedColumn.keyedHash(name);
            case REDACT -> ProjectedColumn.computed(name, "CASE WHEN " + column + " IS NULL THEN NULL ELSE "
                    + literal(mask.options().getOrDefault("text", "****")) + " END");
            case PARTIAL -> {
                int keep = wholeNumber(table, name, mask, "keep", 4);
                boolean first = mask.options().getOrDefault("from", "end").toLowerCase(Locale.ROOT).equals("start");
                String kept = (first ? "left(" : "right(") + text + ", " + keep + ")";
                String stars = "repeat('*', length(" + text + ") - " + keep + ")";
                yield ProjectedColumn.computed(name, "CASE WHEN " + column + " IS NULL THEN NULL WHEN length(" + text
                        + ") <= " + keep + " THEN repeat('*', length(" + text + ")) ELSE "
                        + (first ? kept + " || " + stars : stars + " || " + kept) + " END");
            }
            case NULLIFY -> ProjectedColumn.computed(name, "CAST(NULL AS " + type + ")");
            case YEAR -> ProjectedColumn.computed(name, type.startsWith("DATE") || type.startsWith("TIMESTAMP")
                    ? "year(" + column + ")" : "year(TRY_CAST(" + text + " AS DATE))");
            case AGE_BAND -> {
                int width = wholeNumber(table, name, mask, "width", 10);
                String low = "CAST(floor(TRY_CAST(" + column + " AS DOUBLE) / " + width + ") * " + width + " AS BIGINT)";
                yield ProjectedColumn.computed(name, "CASE WHEN TRY_CAST(" + column + " AS DOUBLE) IS NULL THEN NULL"
                        + " ELSE CAST(" + low + " AS VARCHAR) || '-' || CAST(" + low + " + " + (width - 1)
                        + " AS VARCHAR) END");
            }
            case GEO_GRID -> {
                BigDecimal cell = decimal(table, name, mask, "cell", new BigDecimal("0.1"));
                yield ProjectedColumn.computed(name, "round(floor(TRY_CAST(" + column + " AS DOUBLE) / " + cell.toPlainString()
                        + ") * " + cell.toPlainString() + ", " + Math.max(0, cell.scale()) + ")");
            }
        };
    }

    private static int wholeNumber(TableId table, String column, ColumnMask mask, String option, int otherwise) {
        String value = mask.options().get(option);
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badOption(table, column, mask, option, value, "a whole number above 0");
    }

    private static BigDecimal decimal(TableId table, String column, ColumnMask mask, String option,
            BigDecimal otherwise) {
        String value = mask.options().get(option);
        if (value == null) {
            return otherwise;
        }
        try {
            BigDecimal number = new BigDecimal(value.trim());
            if (number.signum() > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badOption(table, column, mask, option, value, "a number above 0");
    }

    private static NorthstarException badOption(TableId table, String column, ColumnMask mask, String option,
            String value, String expected) {
        return new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "Mask " + mask.kind() + " of " + table + "."
                + column + " has " + option + " = '" + value + "', which is not " + expected,
                "Fix the policy's mask options, e.g. " + option + ": 4");
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
