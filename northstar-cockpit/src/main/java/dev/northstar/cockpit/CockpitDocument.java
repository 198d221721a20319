package dev.northstar.cockpit;

import static java.util.Objects.requireNonNull;

/**
 * One YAML document given to {@link CockpitApply}.
 *
 * @param source where it came from (a file path, or {@code request} for the API), used in every problem
 * @param yaml its text
 */
public record CockpitDocument(String source, String yaml) {
    public CockpitDocument {
        requireNonNull(source, "source is null");
        requireNonNull(yaml, "yaml is null");
    }
}
