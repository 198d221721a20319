package dev.northstar.govern.audit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What {@link AuditLog#verify} found.
 *
 * @param entries entries walked
 * @param head the last entry's sequence and hash (the anchor to keep elsewhere), empty for an empty log
 * @param firstBreak the first broken link, empty when the chain is intact
 */
public record AuditVerification(long entries, Optional<Anchor> head, Optional<Break> firstBreak) {
    public AuditVerification {
        requireNonNull(head, "head is null");
        requireNonNull(firstBreak, "firstBreak is null");
    }

    /** Whether every link holds (and the anchor, when one was given, is in the chain). */
    public boolean intact() {
        return firstBreak.isEmpty();
    }

    /**
     * The head of the chain at a moment: an operator stores it elsewhere; verifying against it later detects a
     * truncated or rewritten tail.
     *
     * @param sequence the entry's sequence number
     * @param hash its hash
     */
    public record Anchor(long sequence, String hash) {
        public Anchor {
            requireNonNull(hash, "hash is null");
        }

        /** {@code sequence:hash}, the form {@code audit verify --anchor} takes. */
        @Override
        public String toString() {
            return sequence + ":" + hash;
        }
    }

    /** What is wrong with a link. */
    public enum Problem {
        /** The entry's content does not hash to its stored hash: it was edited, or moved to another position. */
        EDITED,
        /** Sequence numbers are missing: entries were removed. */
        MISSING,
        /** The entry does not link to the hash of the entry before it: one before was removed, replaced or moved. */
        BROKEN_LINK,
        /** The anchor given is not in the chain: the tail was truncated or rewritten. */
        ANCHOR_MISMATCH
    }

    /**
     * The first broken link.
     *
     * @param sequence the entry where the chain breaks
     * @param problem what is wrong
     * @param message a sentence for the operator
     */
    public record Break(long sequence, Problem problem, String message) {
        public Break {
            requireNonNull(problem, "problem is null");
            requireNonNull(message, "message is null");
        }
    }
}
