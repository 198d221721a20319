package dev.northstar.bench;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.audit.AuditChain;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditVerification;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.store.JdbcMetadataStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cockpit pays to show "audit chain verified": a full walk of an audit log of N entries (what
 * {@code audit verify} does, the ceiling) against the cockpit's incremental check after a burst of new entries, on the
 * embedded SQLite metadata database.
 */
public final class AuditBenchmark {
    /** Entries appended between two incremental checks: a busy minute of governed reads. */
    static final int APPENDED = 1_000;
    private static final int BATCH = 10_000;

    private final Options options;
    private final PrintWriter progress;

    /**
     * What to run.
     *
     * @param entries entries in the log before the timed runs
     * @param runs timed runs (the median is reported)
     * @param workDirectory empty scratch directory; deleted at the end
     */
    public record Options(long entries, int runs, Path workDirectory) {
        public Options {
            RunSize.check(entries, runs, workDirectory);
        }
    }

    public AuditBenchmark(Options options, PrintWriter progress) {
        this.options = requireNonNull(options, "options is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public AuditBenchmarkResult run() {
        LakeConfig config = LakeConfig.embedded(options.workDirectory().resolve("northstar"));
        List<Long> full = new ArrayList<>();
        List<Long> incremental = new ArrayList<>();
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            AuditLog log = new AuditLog(store.database());
            long started = System.nanoTime();
            for (long written = 0; written < options.entries(); written += BATCH) {
                log.appendAll(events(written, (int) Math.min(BATCH, options.entries() - written)));
            }
            progress.printf("appended %,d entries in %.1f s%n", options.entries(),
                    (System.nanoTime() - started) / 1e9);
            progress.flush();
            // The cockpit's chain never reaches its next full walk during the runs.
            AuditChain chain = new AuditChain(log, Duration.ofDays(1), Clock.systemUTC());
            check(chain.verify(), false, options.entries());
            long total = options.entries();
            for (int run = 0; run < options.runs(); run++) {
                long start = System.nanoTime();
                AuditVerification walked = log.verify();
                full.add(System.nanoTime() - start);
                if (!walked.intact() || walked.entries() != total) {
                    throw new IllegalStateException("The full walk found " + walked);
                }
                log.appendAll(events(total, APPENDED));
                total += APPENDED;
                start = System.nanoTime();
                AuditChain.Result checked = chain.verify();
                incremental.add(System.nanoTime() - start);
                check(checked, true, total);
                progress.printf("run %d: full walk %.1f ms, incremental after %,d new entries %.2f ms%n", run + 1,
                        full.get(run) / 1e6, APPENDED, incremental.get(run) / 1e6);
                progress.flush();
            }
        }
        return new AuditBenchmarkResult(options.entries(), options.runs(), APPENDED, full, incremental);
    }

    private static void check(AuditChain.Result result, boolean incremental, long entries) {
        if (result.incremental() != incremental || !result.verification().intact()
                || result.verification().entries() != entries) {
            throw new IllegalStateException("Unexpected verification: " + result);
        }
    }

    private static List<AuditEvent> events(long first, int count) {
        List<AuditEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = first + i;
            events.add(new AuditEvent("analyst-" + (n % 50), AuditEvent.DATA_READ, List.of("retail.orders"),
                    Optional.of("reporting"), AuditEvent.Decision.ALLOWED, Optional.of(n % 1000),
                    Map.of("channel", "sql", "sql", "SELECT status, sum(amount) FROM retail.orders WHERE day = " + n
                            + " GROUP BY status", AuditEvent.DURATION_MS, Long.toString(n % 40))));
        }
        return events;
    }
}
