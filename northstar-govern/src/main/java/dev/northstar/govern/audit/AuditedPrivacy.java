package dev.northstar.govern.audit;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.privacy.PrivacyAudit;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log behind the privacy module's hook: every re-identification (allowed or not, before anything is
 * decrypted) and every answered data-subject access or erasure becomes a chained entry. A failure to append
 * propagates, so an unaudited re-identification does not happen.
 */
public final class AuditedPrivacy {
    private AuditedPrivacy() {}

    /** The hook appending to {@code log}. */
    public static PrivacyAudit of(AuditLog log) {
        requireNonNull(log, "log is null");
        return event -> log.append(new AuditEvent(event.principal(), event.action(), event.tables(),
                event.purpose().isBlank() ? Optional.empty() : Optional.of(event.purpose()),
                event.allowed() ? AuditEvent.Decision.ALLOWED : AuditEvent.Decision.DENIED, Optional.empty(),
                Map.of("detail", event.detail())));
    }
}
