package dev.northstar.lake.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.spi.error.CloseMatches;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The field checks every declarative YAML kind shares (access policies, feature views, model specs, use cases, the
 * cockpit's definitions), over a document read by {@link PositionedYaml}: each problem is placed at its path's line and
 * column — or at the nearest enclosing path that has one — and handed to the kind's own problem type. The kinds keep
 * their own checks of what their fields mean.
 */
public final class YamlFields {
    /** Receives a kind's problems, in the order they are found. */
    @FunctionalInterface
    public interface Problems {
        /**
         * A problem.
         *
         * @param line 1-based line
         * @param column 1-based column
         * @param path where, e.g. {@code rules[2].mask}; {@code ""} for the document
         * @param message what is wrong
         * @param hint how to fix it
         */
        void add(int line, int column, String path, String message, String hint);
    }

    private final Map<String, int[]> positions;
    private final Problems problems;

    /**
     * @param positions the document's positions by path ({@link PositionedYaml.Document#positions()})
     * @param problems where problems go
     */
    public YamlFields(Map<String, int[]> positions, Problems problems) {
        this.positions = Map.copyOf(requireNonNull(positions, "positions is null"));
        this.problems = requireNonNull(problems, "problems is null");
    }

    /**
     * Checks over a document {@link PositionedYaml} read from {@code source}: adds the reading's problems to
     * {@code problems} now and every check's later, as {@link YamlProblem}s of that source.
     */
    public static YamlFields collecting(String source, PositionedYaml.Document read, List<YamlProblem> problems) {
        requireNonNull(source, "source is null");
        requireNonNull(problems, "problems is null");
        read.problems().forEach(problem -> problems.add(new YamlProblem(source, problem.line(), problem.column(),
                problem.path(), problem.message(), problem.hint())));
        return new YamlFields(read.positions(), (line, column, path, message, hint) -> problems.add(
                new YamlProblem(source, line, column, path, message, hint)));
    }

    /** The path of {@code key} under {@code parent} ({@code ""} is the document). */
    public static String path(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** Records a problem at a path, placed at that path or the nearest enclosing one that has a position. */
    public void problem(String path, String message, String hint) {
        int[] at = position(path);
        problems.add(at[0], at[1], path, message, hint);
    }

    private int[] position(String path) {
        String current = path;
        while (true) {
            int[] at = positions.get(current);
            if (at != null) {
                return at;
            }
            if (current.isEmpty()) {
                return new int[] {1, 1};
            }
            int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
            current = cut < 0 ? "" : current.substring(0, cut);
        }
    }

    /**
     * Reports every key of a mapping that is not {@code known}, suggesting the closest known ones or listing them all.
     * Anything else than a mapping is left to the caller.
     */
    public void unknown(JsonNode node, String path, Set<String> known) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                List<String> close = CloseMatches.of(name, List.copyOf(known));
                problem(path(path, name), "Unknown field '" + name + "'", close.isEmpty()
                        ? "Known fields here: " + new TreeSet<>(known)
                        : "Did you mean " + String.join(" or ", close) + "?");
            }
        }
    }

    /**
     * A list of plain values, trimmed; a single value counts as a list of one and an absent or null field as an empty
     * list. Entries that are not plain values, or are blank, are problems at their own path.
     */
    public List<String> texts(JsonNode parent, String key, String parentPath) {
        JsonNode node = parent.path(key);
        String path = path(parentPath, key);
        List<String> values = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (node.isValueNode()) {
            if (!node.asText("").isBlank()) {
                values.add(node.asText().trim());
            }
            return values;
        }
        if (!node.isArray()) {
            problem(path, "'" + key + "' is a list", "Write e.g. '" + key + ": [a, b]'");
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (element.isValueNode() && !element.asText("").isBlank()) {
                values.add(element.asText().trim());
            } else {
                problem(path + "[" + i + "]", "'" + key + "' lists plain values; entry " + (i + 1) + " is "
                        + (element.isValueNode() ? "empty" : "not one"), "Write e.g. '" + key + ": [a, b]'");
            }
        }
        return values;
    }
}
