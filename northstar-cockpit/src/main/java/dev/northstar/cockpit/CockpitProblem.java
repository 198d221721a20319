package dev.northstar.cockpit;

import static java.util.Objects.requireNonNull;

/**
 * A problem in a cockpit document ({@code kind: UseCase} and the other cockpit kinds), where it is and how to fix it.
 *
 * @param source the file (or name) the document came from
 * @param line 1-based line
 * @param column 1-based column
 * @param path the field, e.g. {@code business_case.benefits.base}
 * @param message what is wrong
 * @param hint how to fix it
 */
public record CockpitProblem(String source, int line, int column, String path, String message, String hint) {
    public CockpitProblem {
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
