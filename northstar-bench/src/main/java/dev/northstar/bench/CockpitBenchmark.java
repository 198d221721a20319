package dev.northstar.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.cockpit.Cockpit;
import dev.northstar.cockpit.review.CockpitView;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CDO cockpit's landing view over a month with N audited reads: the first view after a start (which rolls up the
 * whole log and walks its chain), then views after each burst of new reads, against the ceiling of what every view
 * did before usage was rolled up — reading and parsing each audited read of the period once (it did so several times).
 */
public final class CockpitBenchmark {
    /** Reads appended before each timed view. */
    static final int APPENDED = 1_000;
    private static final int BATCH = 10_000;
    private static final TableId ORDERS = TableId.parse("retail.orders");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final PrintWriter progress;

    /**
     * What to run.
     *
     * @param reads audited reads in the month before the timed views
     * @param runs timed warm views (the median is reported)
     * @param workDirectory empty scratch directory; deleted by the caller
     */
    public record Options(long reads, int runs, java.nio.file.Path workDirectory) {
        public Options {
            RunSize.check(reads, runs, workDirectory);
        }
    }

    public CockpitBenchmark(Options options, PrintWriter progress) {
        this.options = requireNonNull(options, "options is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public CockpitBenchmarkResult run() {
        LakeConfig config = LakeConfig.embedded(options.workDirectory().resolve("northstar"));
        Instant now = Instant.now();
        Instant monthStart = YearMonth.from(now.atOffset(ZoneOffset.UTC)).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        try (Lakehouse lake = Lakehouse.open(config); JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            lake.createTableAs(ORDERS, "SELECT range AS order_id, range % 97 AS amount FROM range(100000)",
                    QueryOptions.defaults(), WriteOptions.append());
            // The reads are spread over the month so far (at most 29 days), as people would have made them.
            Instant first = monthStart.isAfter(now.minus(Duration.ofDays(29))) ? monthStart
                    : now.minus(Duration.ofDays(29));
            SteppingClock stamps = new SteppingClock(first);
            AuditLog log = new AuditLog(store.database(), stamps);
            long span = Math.max(1, Duration.between(first, now).toMillis() - 60_000);
            long started = System.nanoTime();
            for (long written = 0; written < options.reads(); written += BATCH) {
                stamps.at(first.plusMillis(span * written / options.reads()));
                log.appendAll(reads(written, (int) Math.min(BATCH, options.reads() - written)));
            }
            progress.printf("appended %,d audited reads over %s in %.1f s%n", options.reads(),
                    YearMonth.from(now.atOffset(ZoneOffset.UTC)), (System.nanoTime() - started) / 1e9);
            progress.flush();

            long ceiling = parseEveryRead(store, first);
            progress.printf("reading and parsing every read of the month once: %.1f ms%n", ceiling / 1e6);
            Cockpit cockpit = Cockpit.open(lake, store, () -> SqlGateway.open(lake, store.database(),
                    Settings.of(config.home(), Map.of())), Clock.systemUTC());
            YearMonth period = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC));
            long start = System.nanoTime();
            CockpitView firstView = cockpit.view(period);
            long cold = System.nanoTime() - start;
            check(firstView, options.reads());
            progress.printf("first view (rolls up and walks the whole log): %.1f ms%n", cold / 1e6);
            AuditLog live = new AuditLog(store.database());
            List<Long> warm = new ArrayList<>();
            long total = options.reads();
            for (int run = 0; run < options.runs(); run++) {
                live.appendAll(reads(total, APPENDED));
                total += APPENDED;
                start = System.nanoTime();
                CockpitView view = cockpit.view(period);
                warm.add(System.nanoTime() - start);
                check(view, total);
                progress.printf("run %d: view after %,d new reads %.1f ms%n", run + 1, APPENDED,
                        warm.get(run) / 1e6);
                progress.flush();
            }
            return new CockpitBenchmarkResult(options.reads(), options.runs(), APPENDED, cold, warm, ceiling);
        }
    }

    /** What each view did at least once before the roll-up: read and parse every allowed read of the period. */
    private static long parseEveryRead(JdbcMetadataStore store, Instant from) {
        long start = System.nanoTime();
        long[] millis = {0};
        store.database().call("read every read", handle -> {
            handle.createQuery("SELECT resources, details FROM ns_audit_log WHERE action = :read AND decision"
                            + " = 'allowed' AND recorded_at >= :from")
                    .bind("read", AuditEvent.DATA_READ).bind("from", from.toEpochMilli())
                    .map((row, context) -> {
                        try {
                            JsonNode resources = JSON.readTree(row.getString("resources"));
                            millis[0] += resources.size() + JSON.readTree(row.getString("details"))
                                    .path(AuditEvent.DURATION_MS).asLong(0);
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                        return null;
                    })
                    .forEach(ignored -> { });
            return null;
        });
        return System.nanoTime() - start;
    }

    /** The view must have measured every read: queries per day is read from the roll-up. */
    private static void check(CockpitView view, long reads) {
        double perDay = view.kpis().stream().filter(kpi -> kpi.id().equals("adoption.queries_per_day")).findFirst()
                .orElseThrow(() -> new IllegalStateException("The view has no queries-per-day KPI"))
                .value().orElseThrow();
        if (Math.abs(perDay * 30 - reads) > 1) {
            throw new IllegalStateException("The view counted " + perDay * 30 + " reads, not " + reads);
        }
    }

    private static List<AuditEvent> reads(long first, int count) {
        List<AuditEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = first + i;
            events.add(new AuditEvent("analyst-" + (n % 40), AuditEvent.DATA_READ, List.of(ORDERS.toString()),
                    Optional.of("reporting"), AuditEvent.Decision.ALLOWED, Optional.of(n % 500),
                    Map.of("channel", "sql", "sql", "SELECT sum(amount) FROM retail.orders WHERE order_id < " + n,
                            AuditEvent.DURATION_MS, Long.toString(n % 30))));
        }
        return events;
    }

    /** A clock the benchmark sets, to stamp the month's reads. */
    private static final class SteppingClock extends Clock {
        private volatile Instant instant;

        SteppingClock(Instant instant) {
            this.instant = instant;
        }

        void at(Instant next) {
            instant = next;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }
}
