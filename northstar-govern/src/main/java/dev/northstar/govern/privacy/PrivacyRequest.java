package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A data-subject request as tracked in {@code ns_privacy_requests}.
 *
 * @param id {@code dsr-<12 hex>}
 * @param kind access (GDPR art. 15) or erasure (art. 17)
 * @param subject the subject key value as the requester gave it
 * @param status where it stands
 * @param receivedAt when it was received
 * @param deadline the legal deadline: {@link #LEGAL_DELAY} after receipt
 * @param requestedBy who registered it
 * @param completedAt when it was answered
 * @param completedBy who answered it
 * @param outcome the access summary or erasure certificate as JSON, once completed
 * @param error why it failed, if it did
 */
public record PrivacyRequest(String id, Kind kind, String subject, Status status, Instant receivedAt,
        Instant deadline, String requestedBy, Optional<Instant> completedAt, Optional<String> completedBy,
        Optional<String> outcome, Optional<String> error) {
    /** GDPR art. 12(3): one month; tracked as 30 days. */
    public static final Duration LEGAL_DELAY = Duration.ofDays(30);

    /** The kinds of request. */
    public enum Kind { ACCESS, ERASE }

    /** The life of a request. */
    public enum Status { RECEIVED, COMPLETED, FAILED }

    public PrivacyRequest {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(status, "status is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(deadline, "deadline is null");
        requireNonNull(requestedBy, "requestedBy is null");
        requireNonNull(completedAt, "completedAt is null");
        requireNonNull(completedBy, "completedBy is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(error, "error is null");
    }

    /** Response time, once answered. */
    public Optional<Duration> responseTime() {
        return completedAt.map(done -> Duration.between(receivedAt, done));
    }

    /** Whether it is still open past its deadline at {@code now}. */
    public boolean overdue(Instant now) {
        return status != Status.COMPLETED && now.isAfter(deadline);
    }
}
