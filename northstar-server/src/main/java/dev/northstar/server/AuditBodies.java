package dev.northstar.server;

import dev.northstar.govern.audit.AuditEntry;
import dev.northstar.govern.audit.AuditPage;
import dev.northstar.govern.audit.AuditVerification;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** JSON bodies of the audit routes. */
final class AuditBodies {
    private AuditBodies() {}

    /** A page of audit entries, newest first; {@code next_before} is the cursor of the next page. */
    record AuditEntryList(List<AuditEntryBody> entries, Optional<Long> nextBefore) {
        static AuditEntryList of(AuditPage page) {
            return new AuditEntryList(page.entries().stream().map(AuditEntryBody::of).toList(), page.nextBefore());
        }
    }

    /** An audit entry with its place in the hash chain. */
    record AuditEntryBody(long sequence, Instant time, String principal, String action, List<String> resources,
            Optional<String> purpose, String decision, Optional<Long> rowCount, Map<String, String> details,
            String previousHash, String hash) {
        static AuditEntryBody of(AuditEntry entry) {
            return new AuditEntryBody(entry.sequence(), entry.time(), entry.event().principal(),
                    entry.event().action(), entry.event().resources(), entry.event().purpose(),
                    entry.event().decision().label(), entry.event().rowCount(), entry.event().details(),
                    entry.previousHash(), entry.hash());
        }
    }

    /** The result of walking the chain: intact, or the first broken link. */
    record AuditVerificationBody(boolean intact, long entries, Optional<String> head,
            Optional<AuditBreakBody> firstBreak) {
        static AuditVerificationBody of(AuditVerification verification) {
            return new AuditVerificationBody(verification.intact(), verification.entries(),
                    verification.head().map(Object::toString), verification.firstBreak().map(broken ->
                            new AuditBreakBody(broken.sequence(), broken.problem().name().toLowerCase(Locale.ROOT),
                                    broken.message())));
        }
    }

    /**
     * Where and how the chain breaks; {@code problem} is {@code edited}, {@code missing}, {@code broken_link} or
     * {@code anchor_mismatch}.
     */
    record AuditBreakBody(long sequence, String problem, String message) {}
}
