package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A policy as stored: its latest version.
 *
 * @param document the parsed document
 * @param version 1, 2, ... per name
 * @param updatedBy who applied this version
 * @param updatedAt when
 */
public record StoredPolicy(PolicyDocument document, long version, String updatedBy, Instant updatedAt) {
    public StoredPolicy {
        requireNonNull(document, "document is null");
        requireNonNull(updatedBy, "updatedBy is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    public String name() {
        return document.name();
    }
}
