package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A second person's approval of a model version, which promotion to champion requires. */
public record Approval(String name, int version, String approver, Instant approvedAt, String comment) {
    public Approval {
        requireNonNull(name, "name is null");
        requireNonNull(approver, "approver is null");
        requireNonNull(approvedAt, "approvedAt is null");
        requireNonNull(comment, "comment is null");
    }
}
