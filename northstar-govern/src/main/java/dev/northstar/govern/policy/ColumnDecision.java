package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a principal sees of one column, and why.
 *
 * @param column the column (lower case)
 * @param status allowed, masked or denied
 * @param mask the mask of a masked column
 * @param reason the deciding policy rule (or default deny)
 */
public record ColumnDecision(String column, Status status, Optional<ColumnMask> mask, String reason) {
    /** What becomes of the column. */
    public enum Status {
        ALLOWED, MASKED, DENIED
    }

    public ColumnDecision {
        requireNonNull(column, "column is null");
        requireNonNull(status, "status is null");
        requireNonNull(mask, "mask is null");
        requireNonNull(reason, "reason is null");
    }
}
