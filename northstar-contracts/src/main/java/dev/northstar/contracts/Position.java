package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

/**
 * Where a node of a contract document is: the file (or source name), its 1-based line and column, and its path in
 * the document, e.g. {@code schema[0].properties[3].logicalType}.
 *
 * <p>Line and column are 0 when unknown (a value built in code rather than parsed).
 */
public record Position(String file, int line, int column, String path) {
    public Position {
        requireNonNull(file, "file is null");
        requireNonNull(path, "path is null");
    }

    /** A position for values built in code, with no source line. */
    public static Position unknown(String path) {
        return new Position("<memory>", 0, 0, path);
    }

    /** The same place with a different path, used for fields whose own node is absent. */
    public Position withPath(String newPath) {
        return new Position(file, line, column, newPath);
    }

    /** {@code file:line:column}. */
    public String location() {
        return file + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
        return location() + ": " + (path.isEmpty() ? "(document)" : path);
    }
}
