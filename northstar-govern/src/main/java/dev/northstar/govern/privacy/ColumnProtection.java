package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.Locale;

/**
 * How one column is protected at collection, from the contract property's custom property
 * {@code northstar.protect}: {@code pseudonymise}, {@code encrypt}, {@code drop}, {@code generalise:year} or
 * {@code generalise:band:<width>}.
 *
 * @param column the column
 * @param method the protection
 * @param bandWidth width of the bands of {@code generalise:band:<width>}, 0 otherwise
 */
public record ColumnProtection(String column, Method method, long bandWidth) {
    /** Custom property of a schema property naming its protection. */
    public static final String PROPERTY = "northstar.protect";

    /** The protections. */
    public enum Method {
        /** Keyed HMAC-SHA256 pseudonym, deterministic under one key version so joins still work. */
        PSEUDONYMISE,
        /** AES-256-GCM with the data subject's own key: shredding the key crypto-shreds the value. */
        ENCRYPT,
        /** Not stored at all (minimisation). */
        DROP,
        /** A date or timestamp kept as its year only. */
        GENERALISE_YEAR,
        /** A number kept as its band, e.g. {@code 30-39}. */
        GENERALISE_BAND
    }

    public ColumnProtection {
        requireNonNull(column, "column is null");
        requireNonNull(method, "method is null");
    }

    /**
     * Parses the value of {@code northstar.protect} for a column.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} naming the column and the accepted values
     */
    public static ColumnProtection parse(String column, String text) {
        requireNonNull(column, "column is null");
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "pseudonymise", "pseudonymize":
                return new ColumnProtection(column, Method.PSEUDONYMISE, 0);
            case "encrypt":
                return new ColumnProtection(column, Method.ENCRYPT, 0);
            case "drop":
                return new ColumnProtection(column, Method.DROP, 0);
            case "generalise:year", "generalize:year":
                return new ColumnProtection(column, Method.GENERALISE_YEAR, 0);
            default:
                break;
        }
        String band = value.startsWith("generalise:band:") ? value.substring("generalise:band:".length())
                : value.startsWith("generalize:band:") ? value.substring("generalize:band:".length()) : null;
        if (band != null) {
            try {
                long width = Long.parseLong(band);
                if (width > 0) {
                    return new ColumnProtection(column, Method.GENERALISE_BAND, width);
                }
            } catch (NumberFormatException e) {
                // reported below with the accepted forms
            }
        }
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                PROPERTY + " of column '" + column + "' is '" + text + "', which is not a protection",
                "Use one of pseudonymise, encrypt, drop, generalise:year, generalise:band:<positive width>");
    }
}
