package dev.northstar.govern.audit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The audit chain's verification for pages that show it often (the cockpit's compliance KPI and readiness): a full
 * walk at most every {@code fullWalkEvery}, and in between only the entries appended since the last intact
 * verification ({@link AuditLog#verifyAfter}), so a page costs what was appended since, not the whole log. A server
 * runs {@link #walkInFull()} on a schedule so that no page waits for a full walk. A broken chain is walked in full on
 * every call, against the head last seen intact. {@code audit verify} and {@code GET /api/v1/audit/verify}
 * always walk the whole chain.
 *
 * <p>What an incremental check cannot see: an entry before the checkpoint edited while every stored hash was left in
 * place. The next full walk finds it, so {@link Result#fullWalkAt()} says how recent the full walk is.
 */
public final class AuditChain {
    private final AuditLog log;
    private final Duration fullWalkEvery;
    private final Clock clock;
    /** The last intact verification. */
    private Optional<Checkpoint> checkpoint = Optional.empty();
    /** Whether the last verification found a break: the next one walks in full. */
    private boolean broken;

    /**
     * A verification and when its last full walk ran.
     *
     * @param verification what was found; {@code entries} counts the whole chain
     * @param fullWalkAt when the chain was last walked from its first entry
     * @param incremental whether this call read only the entries appended since the last one
     */
    public record Result(AuditVerification verification, Instant fullWalkAt, boolean incremental) {
        public Result {
            requireNonNull(verification, "verification is null");
            requireNonNull(fullWalkAt, "fullWalkAt is null");
        }
    }

    private record Checkpoint(AuditVerification verification, Instant fullWalkAt) {}

    /**
     * @param fullWalkEvery how long an intact full walk is trusted before the next one; {@link Duration#ZERO} walks
     *     the whole chain on every call
     */
    public AuditChain(AuditLog log, Duration fullWalkEvery, Clock clock) {
        this.log = requireNonNull(log, "log is null");
        this.fullWalkEvery = requireNonNull(fullWalkEvery, "fullWalkEvery is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (fullWalkEvery.isNegative()) {
            throw new IllegalArgumentException("fullWalkEvery is negative: " + fullWalkEvery);
        }
    }

    /** A chain walked in full on every call. */
    public static AuditChain alwaysFull(AuditLog log, Clock clock) {
        return new AuditChain(log, Duration.ZERO, clock);
    }

    /**
     * Verifies the chain: incrementally when the last verification was intact and its full walk is recent enough,
     * otherwise in full — against the head of the last intact verification, so a tail truncated since stays reported
     * on every later call rather than once.
     */
    public Result verify() {
        Instant now = clock.instant();
        Optional<Checkpoint> last;
        boolean wasBroken;
        synchronized (this) {
            last = checkpoint;
            wasBroken = broken;
        }
        if (last.isPresent() && !wasBroken && !fullWalkEvery.isZero()
                && now.isBefore(last.get().fullWalkAt().plus(fullWalkEvery))) {
            Checkpoint since = last.get();
            AuditVerification verification = since.verification().head()
                    .map(head -> log.verifyAfter(head, since.verification().entries()))
                    // An empty log at the last walk: everything there now is new, so walk it.
                    .orElseGet(log::verify);
            remember(verification, since.fullWalkAt(), false);
            return new Result(verification, since.fullWalkAt(), true);
        }
        return walkInFull();
    }

    /**
     * Walks the whole chain now, against the head of the last intact verification. A server calls it on a schedule
     * shorter than {@code fullWalkEvery}, so that pages never wait for a full walk. Runs without holding the state's
     * lock: incremental checks go on meanwhile from the previous checkpoint.
     */
    public Result walkInFull() {
        Optional<AuditVerification.Anchor> anchor;
        synchronized (this) {
            anchor = checkpoint.flatMap(last -> last.verification().head());
        }
        Instant now = clock.instant();
        AuditVerification verification = log.verify(anchor.map(AuditVerification.Anchor::toString));
        remember(verification, now, true);
        return new Result(verification, now, false);
    }

    private synchronized void remember(AuditVerification verification, Instant fullWalkAt, boolean full) {
        if (!verification.intact()) {
            broken = true;
            return;
        }
        if (broken && !full) {
            // Only a full walk clears a break (an incremental check that started before it was found proves nothing).
            return;
        }
        // Checks may finish out of order: keep the one that reached furthest, with the latest full walk.
        Optional<Checkpoint> current = checkpoint;
        if (current.isPresent() && current.get().verification().entries() > verification.entries()) {
            return;
        }
        broken = false;
        Instant walked = current.map(Checkpoint::fullWalkAt).filter(fullWalkAt::isBefore).orElse(fullWalkAt);
        checkpoint = Optional.of(new Checkpoint(verification, walked));
    }
}
