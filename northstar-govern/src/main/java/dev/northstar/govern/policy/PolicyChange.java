package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One change in a policy's history.
 *
 * @param name the policy
 * @param version the version the change made
 * @param action {@code APPLIED} or {@code DELETED}
 * @param changedBy who
 * @param changedAt when
 */
public record PolicyChange(String name, long version, String action, String changedBy, Instant changedAt) {
    public PolicyChange {
        requireNonNull(name, "name is null");
        requireNonNull(action, "action is null");
        requireNonNull(changedBy, "changedBy is null");
        requireNonNull(changedAt, "changedAt is null");
    }
}
