package dev.northstar.contracts;

import java.util.Map;
import java.util.Optional;

/**
 * ODCS {@code logicalTypeOptions} of a property: constraints on its values, beyond the type.
 *
 * <p>Bounds ({@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum}) are
 * {@code Long} or {@code java.math.BigDecimal} for numbers and {@code String} for dates, times and timestamps
 * (ISO text such as {@code 2020-01-01} or {@code 2020-01-01 00:00:00}), exactly as written.
 *
 * @param minLength strings: fewest characters allowed
 * @param maxLength strings: most characters allowed
 * @param pattern strings: a Java/ECMAScript regular expression every non-null value must match in full
 * @param format strings: a named format ({@code email}, {@code uuid}...); dates/timestamps: a pattern such as
 *     {@code yyyy-MM-dd}; numbers: {@code i32}, {@code f64}...
 * @param minimum numbers, dates, timestamps: smallest value allowed (inclusive)
 * @param maximum largest value allowed (inclusive)
 * @param exclusiveMinimum values must be greater than this
 * @param exclusiveMaximum values must be less than this
 * @param multipleOf numbers: values must be a multiple of this
 * @param minItems arrays: fewest elements
 * @param maxItems arrays: most elements
 * @param uniqueItems arrays: whether elements are distinct
 * @param timezone timestamps: whether values carry a time zone
 * @param defaultTimezone timestamps: zone assumed when a value has none
 * @param others every other option, as written
 */
public record LogicalTypeOptions(
        Optional<Long> minLength,
        Optional<Long> maxLength,
        Optional<String> pattern,
        Optional<String> format,
        Optional<Object> minimum,
        Optional<Object> maximum,
        Optional<Object> exclusiveMinimum,
        Optional<Object> exclusiveMaximum,
        Optional<Object> multipleOf,
        Optional<Long> minItems,
        Optional<Long> maxItems,
        Optional<Boolean> uniqueItems,
        Optional<Boolean> timezone,
        Optional<String> defaultTimezone,
        Map<String, Object> others) {

    public LogicalTypeOptions {
        others = ImmutableValues.map(others);
    }

    /** No option set. */
    public static LogicalTypeOptions none() {
        return new LogicalTypeOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /** Whether no option is set. */
    public boolean isEmpty() {
        return equals(none());
    }
}
