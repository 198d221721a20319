package dev.northstar.govern.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An entry of the audit log as stored.
 *
 * @param sequence its position, from 1 without gaps
 * @param time when it was appended
 * @param event what it records
 * @param previousHash the hash of the entry before ({@link AuditLog#GENESIS} for the first)
 * @param hash the hex SHA-256 of its canonical content and {@code previousHash}
 */
public record AuditEntry(long sequence, Instant time, AuditEvent event, String previousHash, String hash) {
    public AuditEntry {
        requireNonNull(time, "time is null");
        requireNonNull(event, "event is null");
        requireNonNull(previousHash, "previousHash is null");
        requireNonNull(hash, "hash is null");
    }
}
