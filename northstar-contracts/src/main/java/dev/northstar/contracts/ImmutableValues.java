package dev.northstar.contracts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies of YAML values that, unlike {@link List#copyOf}, keep {@code null} elements: ODCS lists such as
 * {@code validValues: ["", null, "n/a"]} mean something by their nulls.
 */
final class ImmutableValues {
    private ImmutableValues() {}

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    static <V> Map<String, V> map(Map<String, V> values) {
        return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static String text(String value) {
        return value == null ? "" : value;
    }
}
