package dev.northstar.lake.config;

import static java.util.Objects.requireNonNull;

/**
 * A problem in a YAML document the platform reads (a policy, a feature view, a model spec, a cockpit kind): where it
 * is, what is wrong and how to fix it. Shown as {@code file:line:column: path: message (hint)}.
 *
 * @param source the file (or name) the document came from
 * @param line 1-based line
 * @param column 1-based column
 * @param path the field, e.g. {@code rules[1].mask.kind}; {@code ""} for the document
 * @param message what is wrong
 * @param hint how to fix it; {@code ""} when there is nothing useful to say
 */
public record YamlProblem(String source, int line, int column, String path, String message, String hint) {
    public YamlProblem {
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
