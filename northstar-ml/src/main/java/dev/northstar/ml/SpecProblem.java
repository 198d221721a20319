package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

/**
 * A problem in a model spec, where it is and how to fix it.
 *
 * @param source the file (or name) the document came from
 * @param line 1-based line
 * @param column 1-based column
 * @param path the field, e.g. {@code training.split.validate_after}
 * @param message what is wrong
 * @param hint how to fix it
 */
public record SpecProblem(String source, int line, int column, String path, String message, String hint) {
    public SpecProblem {
        requireNonNull(source, "source is null");
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
        requireNonNull(hint, "hint is null");
    }

    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + message
                + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
