package dev.northstar.server;

import dev.northstar.govern.privacy.KeyInfo;
import dev.northstar.govern.privacy.PrivacyRequest;
import dev.northstar.govern.privacy.RequestMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** JSON bodies of the privacy routes. */
final class PrivacyBodies {
    private PrivacyBodies() {}

    /**
     * Registers a data-subject request without answering it yet.
     *
     * @param kind {@code access} or {@code erase}
     * @param subject the subject key value, e.g. a customer id
     */
    record ReceiveRequest(String kind, String subject) {}

    /**
     * Answers at once a new request about a subject.
     *
     * @param subject the subject key value
     */
    record SubjectRequest(String subject) {}

    /**
     * Asks to decrypt one value stored by {@code northstar.protect: encrypt}.
     *
     * @param table the table it was read from, {@code domain.table}
     * @param column the column it was read from
     * @param subject the row's subject key value
     * @param value the stored ciphertext, {@code e1:...}
     * @param purpose why (recorded in the audit)
     */
    record ReidentifyRequest(String table, String column, String subject, String value, String purpose) {}

    /** The value in clear. */
    record ReidentifyResponse(String value) {}

    /** A data key, never its material. */
    record KeyBody(String id, String kind, long version, String status, Instant createdAt, String createdBy,
            Optional<Instant> retiredAt, Optional<Instant> shreddedAt) {
        static KeyBody of(KeyInfo key) {
            return new KeyBody(key.id(), key.kind().name().toLowerCase(java.util.Locale.ROOT), key.version(),
                    key.status().name().toLowerCase(java.util.Locale.ROOT), key.createdAt(), key.createdBy(),
                    key.retiredAt(), key.shreddedAt());
        }
    }

    /** The keystore's keys. */
    record KeyList(List<KeyBody> keys) {}

    /** A data-subject request with its deadline. */
    record RequestBody(String id, String kind, String subject, String status, Instant receivedAt, Instant deadline,
            boolean overdue, String requestedBy, Optional<Instant> completedAt, Optional<String> completedBy,
            Optional<Long> responseMillis, Optional<String> error) {
        static RequestBody of(PrivacyRequest request, Instant now) {
            return new RequestBody(request.id(), request.kind().name().toLowerCase(java.util.Locale.ROOT),
                    request.subject(), request.status().name().toLowerCase(java.util.Locale.ROOT),
                    request.receivedAt(), request.deadline(), request.overdue(now), request.requestedBy(),
                    request.completedAt(), request.completedBy(), request.responseTime().map(Duration::toMillis),
                    request.error());
        }
    }

    /** Requests, most recent first, with the response-time metrics. */
    record RequestList(List<RequestBody> requests, RequestMetrics metrics) {}
}
