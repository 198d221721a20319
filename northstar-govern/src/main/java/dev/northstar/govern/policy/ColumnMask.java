package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * How a column is shown to a principal who may read it only masked.
 *
 * @param kind the masking function
 * @param options its options, e.g. {@code keep: 4} for {@link Kind#PARTIAL}, {@code cell: 0.1} for
 *     {@link Kind#GEO_GRID}, {@code width: 10} for {@link Kind#AGE_BAND}
 */
public record ColumnMask(Kind kind, Map<String, String> options) {
    /** Masking functions. */
    public enum Kind {
        /** Keyed hash (HMAC-SHA256 with a platform key): joinable, not reversible. */
        KEYED_HASH,
        /** A constant such as {@code ****}. */
        REDACT,
        /** Only the last (or first) N characters kept, the rest replaced. */
        PARTIAL,
        /** NULL. */
        NULLIFY,
        /** A date or timestamp generalised to its year. */
        YEAR,
        /** A number generalised to a band, e.g. 30-39. */
        AGE_BAND,
        /** A coordinate rounded to a grid cell. */
        GEO_GRID
    }

    public ColumnMask {
        requireNonNull(kind, "kind is null");
        options = Map.copyOf(options);
    }
}
