package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An ODCS {@code customProperties} entry: a name and any YAML value.
 *
 * @param property the name, e.g. {@code northstar.onViolation}
 * @param value a {@code String}, {@code Long}, {@code java.math.BigDecimal}, {@code Boolean}, unmodifiable
 *     {@code List} or {@code Map}, or {@code null}
 * @param position where the entry is
 */
public record CustomProperty(String property, Object value, Position position) {
    public CustomProperty {
        requireNonNull(property, "property is null");
        requireNonNull(position, "position is null");
    }

    /** The value of the named property in a list of custom properties, if present. */
    public static Optional<CustomProperty> find(List<CustomProperty> properties, String name) {
        return properties.stream().filter(property -> property.property().equals(name)).findFirst();
    }

    /** The value as text: {@code ""} for null, lists and maps in their {@code toString} form. */
    public String text() {
        if (value == null) {
            return "";
        }
        return value.toString();
    }
}
