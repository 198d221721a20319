package dev.northstar.cockpit.notify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.lake.store.MetadataDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The notification outbox ({@code ns_notifications}): what is to be told to whom. Whatever raises an alert queues its
 * notifications in the same transaction ({@link #enqueue}), so an alert is never raised without them, and an event is
 * queued at most once per recipient. {@link Notifier} delivers what is due.
 */
public final class Outbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, event, recipient, subject, body, payload, created_at, status, attempts,"
            + " next_attempt_at, delivered_at, last_error";

    private final MetadataDatabase database;

    public Outbox(MetadataDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * What happened, told the same way to every recipient.
     *
     * @param key unique per event, e.g. {@code budget:retail-monthly:2026-11:80}
     * @param subject one line
     * @param body plain text
     * @param details the event's fields, posted to webhooks with the subject as {@code text}
     */
    public record Event(String key, String subject, String body, Map<String, Object> details) {
        public Event {
            requireNonNull(key, "key is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(body, "body is null");
            details = Map.copyOf(details);
        }

        String payload() {
            try {
                return JSON.writeValueAsString(Map.of("event", key, "text", subject + "\n" + body, "subject", subject,
                        "details", details));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Could not write the payload of " + key, e);
            }
        }
    }

    /**
     * Queues {@code event} for each recipient inside {@code transaction}, skipping recipients it was queued for
     * already; how many were queued.
     */
    public static int enqueue(Handle transaction, Event event, List<Recipient> recipients, Instant now) {
        requireNonNull(transaction, "transaction is null");
        requireNonNull(event, "event is null");
        int queued = 0;
        for (Recipient recipient : recipients) {
            boolean exists = transaction.createQuery("SELECT COUNT(*) FROM ns_notifications WHERE event = :event"
                            + " AND recipient = :recipient")
                    .bind("event", event.key()).bind("recipient", recipient.text()).mapTo(Long.class).one() > 0;
            if (exists) {
                continue;
            }
            transaction.createUpdate("INSERT INTO ns_notifications (" + COLUMNS + ") VALUES (:id, :event, :recipient,"
                            + " :subject, :body, :payload, :now, 'PENDING', 0, :now, NULL, NULL)")
                    .bind("id", "ntf-" + UUID.randomUUID()).bind("event", event.key())
                    .bind("recipient", recipient.text()).bind("subject", event.subject()).bind("body", event.body())
                    .bind("payload", event.payload()).bind("now", now.toEpochMilli()).execute();
            queued++;
        }
        return queued;
    }

    /** Pending notifications due at {@code now}, oldest first, at most {@code limit}. */
    public List<Notification> due(Instant now, int limit) {
        return database.call("list the notifications due", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM ns_notifications WHERE status = 'PENDING' AND next_attempt_at <= :now"
                        + " ORDER BY next_attempt_at, created_at LIMIT :limit")
                .bind("now", now.toEpochMilli()).bind("limit", limit).map((row, context) -> read(row)).list());
    }

    /** Notifications, newest first, of one status or all, at most {@code limit}. */
    public List<Notification> list(Optional<Notification.Status> status, int limit) {
        return database.call("list notifications", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM ns_notifications" + (status.isPresent() ? " WHERE status = :status" : "")
                        + " ORDER BY created_at DESC, recipient LIMIT :limit")
                .bind("status", status.map(Enum::name).orElse("")).bind("limit", limit)
                .map((row, context) -> read(row)).list());
    }

    /** Records a delivery. */
    void delivered(Notification notification, Instant at) {
        database.call("record the delivery of " + notification.id(), handle -> handle.createUpdate(
                        "UPDATE ns_notifications SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = :at,"
                                + " last_error = NULL WHERE id = :id")
                .bind("at", at.toEpochMilli()).bind("id", notification.id()).execute());
    }

    /** Records a failed attempt: due again at {@code retryAt}, or failed for good when it is empty. */
    void failed(Notification notification, String error, Optional<Instant> retryAt) {
        database.call("record a failed delivery of " + notification.id(), handle -> handle.createUpdate(
                        "UPDATE ns_notifications SET status = :status, attempts = attempts + 1,"
                                + " next_attempt_at = :next, last_error = :error WHERE id = :id")
                .bind("status", retryAt.isPresent() ? "PENDING" : "FAILED")
                .bind("next", retryAt.orElse(notification.nextAttemptAt()).toEpochMilli())
                .bind("error", error).bind("id", notification.id()).execute());
    }

    private static Notification read(java.sql.ResultSet row) throws java.sql.SQLException {
        long delivered = row.getLong("delivered_at");
        boolean neverDelivered = row.wasNull();
        return new Notification(row.getString("id"), row.getString("event"), row.getString("recipient"),
                row.getString("subject"), row.getString("body"), row.getString("payload"),
                Instant.ofEpochMilli(row.getLong("created_at")), Notification.Status.valueOf(row.getString("status")),
                row.getInt("attempts"), Instant.ofEpochMilli(row.getLong("next_attempt_at")),
                neverDelivered ? Optional.empty() : Optional.of(Instant.ofEpochMilli(delivered)),
                Optional.ofNullable(row.getString("last_error")));
    }
}
