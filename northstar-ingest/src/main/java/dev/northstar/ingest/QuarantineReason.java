package dev.northstar.ingest;

import static java.util.Objects.requireNonNull;

/**
 * One reason a row was quarantined.
 *
 * @param rule the contract rule broken, e.g. {@code required}, {@code pattern}, {@code malformed}; empty when the
 *     stored reason could not be read as JSON (then {@code message} holds it whole)
 * @param column the column, empty for reasons about the whole record
 * @param message what was wrong, for people
 */
public record QuarantineReason(String rule, String column, String message) {
    public QuarantineReason {
        requireNonNull(rule, "rule is null");
        requireNonNull(column, "column is null");
        requireNonNull(message, "message is null");
    }
}
