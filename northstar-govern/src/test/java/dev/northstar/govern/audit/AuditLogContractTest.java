package dev.northstar.govern.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.MutableClock;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the audit log (migration V7) must do on every metadata database: append a hash chain, list with filters, and
 * find the first edited, removed or moved entry when rows are tampered with directly in SQL. Run by a subclass per
 * backend that provides a fresh, empty database.
 */
abstract class AuditLogContractTest {
    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z");

    @TempDir
    Path directory;

    private LakeConfig config;
    private JdbcMetadataStore store;
    private MetadataDatabase database;
    private MutableClock clock;
    private AuditLog log;

    /** A configuration naming a new, empty catalog database, with its warehouse in {@code home}. */
    protected abstract LakeConfig freshDatabase(Path home) throws Exception;

    /** Drops the databases made by {@link #freshDatabase}. */
    protected abstract void dropDatabases() throws Exception;

    @BeforeEach
    void open() throws Exception {
        config = freshDatabase(Files.createDirectories(directory.resolve("home")));
        store = JdbcMetadataStore.open(config);
        database = store.database();
        clock = new MutableClock(START);
        log = new AuditLog(database, clock);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        dropDatabases();
    }

    @Test
    void appendsAChainThatVerifiesIntact() {
        AuditEntry first = log.append(read("alice", "retail.orders", 12));
        clock.advance(Duration.ofSeconds(1));
        AuditEntry second = log.append(denied("bob", "hr.salaries"));

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditLog.GENESIS);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(second.hash()).matches("[0-9a-f]{64}").isNotEqualTo(first.hash());
        AuditVerification verification = log.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isEqualTo(2);
        assertThat(verification.head()).contains(new AuditVerification.Anchor(2, second.hash()));
        assertThat(log.head()).contains(new AuditVerification.Anchor(2, second.hash()));
    }

    @Test
    void anEmptyLogIsIntact() {
        AuditVerification verification = log.verify();

        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isZero();
        assertThat(verification.head()).isEmpty();
    }

    @Test
    void listsNewestFirstWithFiltersAndPages() {
        log.append(read("alice", "retail.orders", 12));
        clock.advance(Duration.ofHours(1));
        log.append(denied("bob", "hr.salaries"));
        clock.advance(Duration.ofHours(1));
        log.append(new AuditEvent("carol", AuditEvent.DATA_READ, List.of("retail.orders.amount"),
                Optional.of("reporting"), AuditEvent.Decision.ALLOWED, Optional.of(3L), Map.of("channel", "api")));
        clock.advance(Duration.ofHours(1));
        log.append(read("alice", "retail.customers", 5));

        AuditPage all = log.list(AuditQuery.latest());
        assertThat(all.entries()).extracting(AuditEntry::sequence).containsExactly(4L, 3L, 2L, 1L);
        assertThat(all.nextBefore()).isEmpty();
        assertThat(all.entries().get(1).event().purpose()).contains("reporting");
        assertThat(all.entries().get(1).event().rowCount()).contains(3L);
        assertThat(all.entries().get(2).event().rowCount()).isEmpty();

        assertThat(log.list(query(Optional.of("alice"), Optional.empty(), Optional.empty())).entries())
                .extracting(AuditEntry::sequence).containsExactly(4L, 1L);
        assertThat(log.list(query(Optional.empty(), Optional.of("data.denied"), Optional.empty())).entries())
                .extracting(AuditEntry::sequence).containsExactly(2L);
        // A table matches itself and its columns, not a table whose name merely starts the same way.
        assertThat(log.list(query(Optional.empty(), Optional.empty(), Optional.of("retail.orders"))).entries())
                .extracting(AuditEntry::sequence).containsExactly(3L, 1L);
        assertThat(log.list(query(Optional.empty(), Optional.empty(), Optional.of("retail.order"))).entries())
                .isEmpty();
        assertThat(log.list(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(START.plus(Duration.ofMinutes(30))), Optional.of(START.plus(Duration.ofMinutes(150))),
                Optional.empty(), 10)).entries()).extracting(AuditEntry::sequence).containsExactly(3L, 2L);

        AuditPage firstPage = log.list(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 3));
        assertThat(firstPage.entries()).extracting(AuditEntry::sequence).containsExactly(4L, 3L, 2L);
        assertThat(firstPage.nextBefore()).contains(2L);
        AuditPage secondPage = log.list(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), firstPage.nextBefore(), 3));
        assertThat(secondPage.entries()).extracting(AuditEntry::sequence).containsExactly(1L);
        assertThat(secondPage.nextBefore()).isEmpty();
    }

    @Test
    void detectsAnEditedEntry() {
        appendFive();
        tamper("UPDATE ns_audit_log SET row_count = 1 WHERE sequence = 3");

        AuditVerification verification = log.verify();

        assertThat(verification.intact()).isFalse();
        AuditVerification.Break broken = verification.firstBreak().orElseThrow();
        assertThat(broken.sequence()).isEqualTo(3);
        assertThat(broken.problem()).isEqualTo(AuditVerification.Problem.EDITED);
        assertThat(broken.message()).startsWith("entry 3 was altered");
    }

    @Test
    void detectsAnEditWhoseHashWasRecomputed() {
        appendFive();
        // A forger who knows the algorithm rewrites entry 2 and its hash: entry 3 still links to the old hash.
        AuditEntry original = log.list(AuditQuery.latest()).entries().get(3);
        AuditEvent forged = read("mallory", "retail.orders", 0);
        String forgedHash = AuditLog.hash(2, original.time(), forged, original.previousHash());
        tamper("UPDATE ns_audit_log SET principal = 'mallory', row_count = 0, hash = '" + forgedHash
                + "' WHERE sequence = 2");

        AuditVerification.Break broken = log.verify().firstBreak().orElseThrow();

        assertThat(broken.sequence()).isEqualTo(3);
        assertThat(broken.problem()).isEqualTo(AuditVerification.Problem.BROKEN_LINK);
        assertThat(broken.message()).contains("entry 3 links to previous hash").contains("entry 2 hashes to");
    }

    @Test
    void detectsARemovedEntry() {
        appendFive();
        tamper("DELETE FROM ns_audit_log WHERE sequence = 3");

        AuditVerification.Break broken = log.verify().firstBreak().orElseThrow();

        assertThat(broken.sequence()).isEqualTo(4);
        assertThat(broken.problem()).isEqualTo(AuditVerification.Problem.MISSING);
        assertThat(broken.message()).isEqualTo("entry 3 missing before entry 4: removed from the log");
    }

    @Test
    void detectsARemovedEntryWhenTheRestWasRenumbered() {
        appendFive();
        tamper("DELETE FROM ns_audit_log WHERE sequence = 2");
        tamper("UPDATE ns_audit_log SET sequence = sequence + 100 WHERE sequence > 2");
        tamper("UPDATE ns_audit_log SET sequence = sequence - 101 WHERE sequence > 100");

        AuditVerification.Break broken = log.verify().firstBreak().orElseThrow();

        // The hash covers the sequence number: the renumbered entry no longer hashes to its stored hash.
        assertThat(broken.sequence()).isEqualTo(2);
        assertThat(broken.problem()).isEqualTo(AuditVerification.Problem.EDITED);
    }

    @Test
    void detectsReorderedEntries() {
        appendFive();
        tamper("UPDATE ns_audit_log SET sequence = 100 WHERE sequence = 2");
        tamper("UPDATE ns_audit_log SET sequence = 2 WHERE sequence = 4");
        tamper("UPDATE ns_audit_log SET sequence = 4 WHERE sequence = 100");

        AuditVerification.Break broken = log.verify().firstBreak().orElseThrow();

        assertThat(broken.sequence()).isEqualTo(2);
        assertThat(broken.problem()).isEqualTo(AuditVerification.Problem.EDITED);
        assertThat(broken.message()).contains("moved here from another position");
    }

    @Test
    void anAnchorDetectsATruncatedTail() {
        appendFive();
        AuditVerification.Anchor anchor = log.verify().head().orElseThrow();
        assertThat(log.verify(Optional.of(anchor.toString())).intact()).isTrue();

        tamper("DELETE FROM ns_audit_log WHERE sequence >= 4");

        assertThat(log.verify().intact()).as("the links alone cannot see a cut tail").isTrue();
        AuditVerification.Break broken = log.verify(Optional.of(anchor.toString())).firstBreak().orElseThrow();
        assertThat(broken.problem()).isEqualTo(AuditVerification.Problem.ANCHOR_MISMATCH);
        assertThat(broken.sequence()).isEqualTo(5);
        assertThat(broken.message()).contains("the log ends at entry 3").contains("truncated");
    }

    @Test
    void anAnchorDetectsARewrittenTail() {
        appendFive();
        AuditVerification.Anchor anchor = log.verify().head().orElseThrow();
        tamper("DELETE FROM ns_audit_log WHERE sequence >= 4");
        log.append(read("mallory", "retail.orders", 1));
        log.append(read("mallory", "retail.orders", 2));

        AuditVerification.Break broken = log.verify(Optional.of(anchor.toString())).firstBreak().orElseThrow();

        assertThat(broken.problem()).isEqualTo(AuditVerification.Problem.ANCHOR_MISMATCH);
        assertThat(broken.sequence()).isEqualTo(5);
        assertThat(broken.message()).contains("rewritten");
    }

    @Test
    void rejectsAMalformedAnchor() {
        assertThatThrownBy(() -> log.verify(Optional.of("not-a-hash")))
                .isInstanceOf(NorthstarException.class)
                .hasMessage("The anchor 'not-a-hash' is not valid")
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void concurrentWritersDoNotForkTheChain() throws Exception {
        int threads = 4;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<JdbcMetadataStore> ownStores = new ArrayList<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                // Half the writers share this store's connection pool (threads of one server), half open their own
                // store on the same database, as separate processes (a CLI beside the server) would.
                JdbcMetadataStore own = thread % 2 == 0 ? null : JdbcMetadataStore.open(config);
                if (own != null) {
                    ownStores.add(own);
                }
                AuditLog writer = new AuditLog(own == null ? database : own.database());
                String principal = "writer-" + thread;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        writer.append(read(principal, "retail.orders", i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            for (JdbcMetadataStore own : ownStores) {
                own.close();
            }
        }

        AuditVerification verification = log.verify();
        assertThat(verification.intact()).as("%s", verification.firstBreak()).isTrue();
        assertThat(verification.entries()).isEqualTo(threads * perThread);
        assertThat(verification.head().orElseThrow().sequence()).isEqualTo(threads * perThread);
    }

    @Test
    void rejectsAnInvalidAction() {
        assertThatThrownBy(() -> new AuditEvent("alice", "Read Data", List.of(), Optional.empty(),
                AuditEvent.Decision.ALLOWED, Optional.empty(), Map.of()))
                .isInstanceOf(NorthstarException.class)
                .hasMessage("Audit action 'Read Data' is not valid");
    }

    private void appendFive() {
        for (int i = 1; i <= 5; i++) {
            log.append(read("user-" + i, "retail.orders", i));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void appendsABatchAsOneLinkedRunOfTheChain() {
        AuditEntry first = log.append(read("alice", "retail.orders", 1));
        List<AuditEntry> batch = log.appendAll(List.of(read("bob", "retail.orders", 2), denied("bob", "hr.salaries"),
                read("carol", "retail.orders", 3)));
        AuditEntry last = log.append(read("dave", "retail.orders", 4));

        assertThat(batch).extracting(AuditEntry::sequence).containsExactly(2L, 3L, 4L);
        assertThat(batch.get(0).previousHash()).isEqualTo(first.hash());
        assertThat(batch.get(2).previousHash()).isEqualTo(batch.get(1).hash());
        assertThat(last.previousHash()).isEqualTo(batch.get(2).hash());
        assertThat(log.appendAll(List.of())).isEmpty();
        AuditVerification verification = log.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entries()).isEqualTo(5);
        assertThat(log.list(query(Optional.of("bob"), Optional.empty(), Optional.empty())).entries())
                .extracting(AuditEntry::sequence).containsExactly(3L, 2L);
    }

    @Test
    void theCockpitsChainChecksOnlyWhatWasAppendedUntilItsNextFullWalk() {
        AuditChain chain = new AuditChain(log, Duration.ofMinutes(10), clock);
        for (int i = 0; i < 3; i++) {
            log.append(read("alice", "retail.orders", i));
        }
        AuditChain.Result first = chain.verify();
        assertThat(first.incremental()).isFalse();
        assertThat(first.verification().entries()).isEqualTo(3);
        assertThat(first.fullWalkAt()).isEqualTo(clock.instant());

        clock.advance(Duration.ofMinutes(1));
        log.append(read("bob", "retail.orders", 7));
        AuditEntry fifth = log.append(denied("bob", "hr.salaries"));
        AuditChain.Result second = chain.verify();
        assertThat(second.incremental()).isTrue();
        assertThat(second.verification().intact()).isTrue();
        assertThat(second.verification().entries()).isEqualTo(5);
        assertThat(second.verification().head()).contains(new AuditVerification.Anchor(5, fifth.hash()));
        assertThat(second.fullWalkAt()).isEqualTo(first.fullWalkAt());

        // An old entry edited with every hash left in place is outside what an incremental check reads...
        tamper("UPDATE ns_audit_log SET row_count = 1000 WHERE sequence = 2");
        assertThat(chain.verify().verification().intact()).isTrue();
        // ...and the next full walk finds it, then keeps walking in full while the chain is broken.
        clock.advance(Duration.ofMinutes(10));
        AuditChain.Result full = chain.verify();
        assertThat(full.incremental()).isFalse();
        assertThat(full.verification().firstBreak()).get().extracting(AuditVerification.Break::sequence,
                AuditVerification.Break::problem).containsExactly(2L, AuditVerification.Problem.EDITED);
        assertThat(chain.verify().incremental()).isFalse();

        // A full walk on a schedule (a server's) does not clear the break while it lasts, and a repaired chain is
        // trusted again from the walk that finds it intact.
        assertThat(chain.walkInFull().verification().intact()).isFalse();
        tamper("UPDATE ns_audit_log SET row_count = 1 WHERE sequence = 2");
        AuditChain.Result repaired = chain.walkInFull();
        assertThat(repaired.verification().intact()).isTrue();
        clock.advance(Duration.ofMinutes(9));
        assertThat(chain.verify()).satisfies(result -> {
            assertThat(result.incremental()).isTrue();
            assertThat(result.fullWalkAt()).isEqualTo(repaired.fullWalkAt());
        });

        // Walking in full on every call.
        AuditChain always = AuditChain.alwaysFull(log, clock);
        assertThat(always.verify().incremental()).isFalse();
        assertThat(always.verify().incremental()).isFalse();
    }

    @Test
    void aTailTruncatedSinceTheLastCheckStaysReported() {
        AuditChain chain = new AuditChain(log, Duration.ofMinutes(10), clock);
        for (int i = 0; i < 5; i++) {
            log.append(read("alice", "retail.orders", i));
        }
        assertThat(chain.verify().verification().intact()).isTrue();

        tamper("DELETE FROM ns_audit_log WHERE sequence >= 4");
        AuditChain.Result truncated = chain.verify();
        assertThat(truncated.incremental()).isTrue();
        assertThat(truncated.verification().firstBreak()).get().satisfies(broken -> {
            assertThat(broken.problem()).isEqualTo(AuditVerification.Problem.ANCHOR_MISMATCH);
            assertThat(broken.message()).isEqualTo("entry 5, the head at the last verification, is gone: the log was"
                    + " truncated");
        });
        // The links that remain hold, but the full walks that follow still measure against entry 5.
        for (int call = 0; call < 2; call++) {
            AuditChain.Result again = chain.verify();
            assertThat(again.incremental()).isFalse();
            assertThat(again.verification().firstBreak()).get().extracting(AuditVerification.Break::problem)
                    .isEqualTo(AuditVerification.Problem.ANCHOR_MISMATCH);
        }
    }

    @Test
    void anEntryRewrittenAtTheCheckpointIsFoundIncrementally() {
        AuditChain chain = new AuditChain(log, Duration.ofMinutes(10), clock);
        log.append(read("alice", "retail.orders", 1));
        log.append(read("alice", "retail.orders", 2));
        chain.verify();
        tamper("UPDATE ns_audit_log SET principal = 'mallory' WHERE sequence = 2");
        log.append(read("carol", "retail.orders", 3));

        AuditChain.Result result = chain.verify();
        assertThat(result.incremental()).isTrue();
        assertThat(result.verification().firstBreak()).get().satisfies(broken -> {
            assertThat(broken.sequence()).isEqualTo(2);
            assertThat(broken.message()).startsWith("entry 2 no longer hashes to ");
        });
    }

    private void tamper(String sql) {
        database.call("tamper with the audit log", handle -> handle.execute(sql));
    }

    private static AuditQuery query(Optional<String> principal, Optional<String> action, Optional<String> table) {
        return new AuditQuery(principal, action, table, Optional.empty(), Optional.empty(), Optional.empty(), 10);
    }

    private static AuditEvent read(String principal, String table, long rows) {
        return new AuditEvent(principal, AuditEvent.DATA_READ, List.of(table), Optional.empty(),
                AuditEvent.Decision.ALLOWED, Optional.of(rows), Map.of("channel", "cli"));
    }

    private static AuditEvent denied(String principal, String table) {
        return new AuditEvent(principal, AuditEvent.DATA_DENIED, List.of(table), Optional.of("payroll"),
                AuditEvent.Decision.DENIED, Optional.empty(), Map.of("channel", "api", "error_code", "FORBIDDEN"));
    }
}
