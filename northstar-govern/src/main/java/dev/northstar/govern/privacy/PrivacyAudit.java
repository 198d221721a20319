package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The hook through which privacy operations reach the platform's audit log: every re-identification (allowed or
 * denied, recorded before anything is decrypted) and every answered data-subject access or erasure is recorded
 * through it. Key rotations are not yet (the server and CLI log them with the principal). The tamper-evident audit
 * log implements it ({@code dev.northstar.govern.audit.AuditedPrivacy}); {@link #NONE} records nothing, for tests
 * and tools without a metadata store.
 */
@FunctionalInterface
public interface PrivacyAudit {
    /** Records nothing (no audit log configured). */
    PrivacyAudit NONE = event -> { };

    /** Appends the event; a failure must propagate so that an unaudited re-identification does not happen. */
    void record(Event event);

    /**
     * A privacy event.
     *
     * @param action {@code privacy.reidentify}, {@code privacy.access} or {@code privacy.erase}
     * @param principal who acted
     * @param purpose the declared purpose, empty when none
     * @param allowed whether the action was allowed
     * @param tables tables (and {@code table.column}s) touched
     * @param detail a short description, never a protected value or key material
     * @param at when
     */
    record Event(String action, String principal, String purpose, boolean allowed, List<String> tables,
            String detail, Instant at) {
        public Event {
            requireNonNull(action, "action is null");
            requireNonNull(principal, "principal is null");
            requireNonNull(purpose, "purpose is null");
            tables = List.copyOf(tables);
            requireNonNull(detail, "detail is null");
            requireNonNull(at, "at is null");
        }
    }
}
