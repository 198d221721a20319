package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

/**
 * One problem found in a contract document: where it is, what is wrong and how to fix it.
 *
 * @param position file, line, column and path of the offending node (or of its parent when the node is missing)
 * @param message what is wrong, naming the value
 * @param hint how to fix it; empty when there is nothing useful to say
 */
public record ContractProblem(Position position, String message, String hint) {
    public ContractProblem {
        requireNonNull(position, "position is null");
        requireNonNull(message, "message is null");
        hint = hint == null ? "" : hint;
    }

    /** {@code file:line:column: path: message (hint)}. */
    @Override
    public String toString() {
        return position + ": " + message + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
