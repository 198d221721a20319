package dev.northstar.ingest.plan;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.ColumnType;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The per-row rules of one product column, as a contract's schema property states them.
 *
 * @param name column name in the product table (source columns are matched case-insensitively)
 * @param type the product column type every value must cast to
 * @param required a value must be present (not null, not blank)
 * @param unique values must not repeat within the batch nor match a row already in the product
 * @param minLength minimum length of the text
 * @param maxLength maximum length of the text
 * @param pattern regular expression the whole text must match
 * @param minimum smallest allowed value, as text cast to the column type
 * @param maximum largest allowed value, as text cast to the column type
 * @param exclusiveMinimum the minimum itself is not allowed
 * @param exclusiveMaximum the maximum itself is not allowed
 * @param validValues the allowed values (as text); empty for any
 * @param reference a column of another product the value must exist in
 */
public record ColumnRules(
        String name,
        ColumnType type,
        boolean required,
        boolean unique,
        Optional<Integer> minLength,
        Optional<Integer> maxLength,
        Optional<String> pattern,
        Optional<String> minimum,
        Optional<String> maximum,
        boolean exclusiveMinimum,
        boolean exclusiveMaximum,
        List<String> validValues,
        Optional<ColumnReference> reference) {

    public ColumnRules {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(minLength, "minLength is null");
        requireNonNull(maxLength, "maxLength is null");
        requireNonNull(pattern, "pattern is null");
        requireNonNull(minimum, "minimum is null");
        requireNonNull(maximum, "maximum is null");
        validValues = List.copyOf(requireNonNull(validValues, "validValues is null"));
        requireNonNull(reference, "reference is null");
        pattern.ifPresent(regex -> {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw NorthstarException.of(dev.northstar.spi.error.ErrorCode.INVALID_ARGUMENT,
                        "The pattern of column %s is not a valid regular expression: %s", name, e.getMessage());
            }
        });
    }

    /** A column with only its type: optional, no other rule. */
    public static ColumnRules of(String name, ColumnType type) {
        return new ColumnRules(name, type, false, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, false, List.of(), Optional.empty());
    }

    public ColumnRules withRequired(boolean value) {
        return new ColumnRules(name, type, value, unique, minLength, maxLength, pattern, minimum, maximum,
                exclusiveMinimum, exclusiveMaximum, validValues, reference);
    }

    public ColumnRules withUnique(boolean value) {
        return new ColumnRules(name, type, required, value, minLength, maxLength, pattern, minimum, maximum,
                exclusiveMinimum, exclusiveMaximum, validValues, reference);
    }

    public ColumnRules withLength(Optional<Integer> min, Optional<Integer> max) {
        return new ColumnRules(name, type, required, unique, min, max, pattern, minimum, maximum,
                exclusiveMinimum, exclusiveMaximum, validValues, reference);
    }

    public ColumnRules withPattern(String regex) {
        return new ColumnRules(name, type, required, unique, minLength, maxLength, Optional.of(regex), minimum,
                maximum, exclusiveMinimum, exclusiveMaximum, validValues, reference);
    }

    /** Inclusive range; either end may be empty. */
    public ColumnRules withRange(Optional<String> min, Optional<String> max) {
        return new ColumnRules(name, type, required, unique, minLength, maxLength, pattern, min, max,
                exclusiveMinimum, exclusiveMaximum, validValues, reference);
    }

    public ColumnRules withExclusive(boolean exclusiveMin, boolean exclusiveMax) {
        return new ColumnRules(name, type, required, unique, minLength, maxLength, pattern, minimum, maximum,
                exclusiveMin, exclusiveMax, validValues, reference);
    }

    public ColumnRules withValidValues(List<String> values) {
        return new ColumnRules(name, type, required, unique, minLength, maxLength, pattern, minimum, maximum,
                exclusiveMinimum, exclusiveMaximum, values, reference);
    }

    public ColumnRules withReference(ColumnReference target) {
        return new ColumnRules(name, type, required, unique, minLength, maxLength, pattern, minimum, maximum,
                exclusiveMinimum, exclusiveMaximum, validValues, Optional.of(target));
    }
}
