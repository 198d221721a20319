package dev.northstar.cockpit.notify;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One message to one recipient in the outbox.
 *
 * @param id {@code ntf-<uuid>}, sent as the webhook's {@code Idempotency-Key} so a receiver can drop a repeat
 * @param event what raised it, e.g. {@code budget:retail-monthly:2026-11:80}; with the recipient, unique
 * @param recipient an e-mail address or {@code webhook:<name>}
 * @param subject one line
 * @param body plain text for people
 * @param payload JSON for machines, posted to webhooks
 * @param createdAt when it was queued
 * @param status pending, delivered or failed (no more attempts)
 * @param attempts delivery attempts so far
 * @param nextAttemptAt when a pending one is due
 * @param deliveredAt when it was delivered
 * @param lastError why the last attempt failed
 */
public record Notification(String id, String event, String recipient, String subject, String body, String payload,
        Instant createdAt, Status status, int attempts, Instant nextAttemptAt, Optional<Instant> deliveredAt,
        Optional<String> lastError) {
    /** Where a notification stands. */
    public enum Status {
        PENDING, DELIVERED, FAILED
    }

    public Notification {
        requireNonNull(id, "id is null");
        requireNonNull(event, "event is null");
        requireNonNull(recipient, "recipient is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(body, "body is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(status, "status is null");
        requireNonNull(nextAttemptAt, "nextAttemptAt is null");
        requireNonNull(deliveredAt, "deliveredAt is null");
        requireNonNull(lastError, "lastError is null");
    }
}
