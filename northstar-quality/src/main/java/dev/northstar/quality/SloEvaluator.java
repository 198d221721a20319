package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.store.RunRecord;
import dev.northstar.spi.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;


/**
 * Computes SLOs of a table: availability and completeness from the runs recorded on it (the {@link RunStore}),
 * freshness from its commit history. Thread-safe.
 */
public final class SloEvaluator {
    /** Run detail keys written by ingestion: rows read from the source, and rows that passed the contract. */
    public static final String ROWS_IN = "rows_in";
    public static final String ROWS_VALID = "rows_valid";
    /** Runs read per table; older runs fall outside any sensible window. */
    static final int MAXIMUM_RUNS = 100_000;

    private final Lakehouse lake;
    private final RunStore runs;
    private final Clock clock;

    public SloEvaluator(Lakehouse lake, RunStore runs, Clock clock) {
        this.lake = requireNonNull(lake, "lake is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Where each SLO of the table stands now. */
    public List<SloStatus> evaluate(TableId table, List<Slo> slos) {
        requireNonNull(table, "table is null");
        Instant now = clock.instant();
        List<RunRecord> tableRuns = null;
        List<SloStatus> statuses = new ArrayList<>();
        for (Slo slo : slos) {
            if (slo.kind() == Slo.Kind.FRESHNESS) {
                List<Instant> commits = lake.history(table).stream()
                        .filter(QualityEngine::bringsData)
                        .map(SnapshotInfo::committedAt)
                        .toList();
                statuses.add(freshness(slo, commits, now));
            } else {
                if (tableRuns == null) {
                    tableRuns = runs.forTarget(table.toString(), MAXIMUM_RUNS);
                }
                statuses.add(slo.kind() == Slo.Kind.AVAILABILITY ? availability(slo, tableRuns, now)
                        : completeness(slo, tableRuns, now));
            }
        }
        return List.copyOf(statuses);
    }

    /** Successful runs over finished runs started within the window (running ones are not counted yet). */
    public static SloStatus availability(Slo slo, List<RunRecord> runs, Instant now) {
        requireKind(slo, Slo.Kind.AVAILABILITY);
        Instant start = now.minus(slo.window());
        long total = 0;
        long good = 0;
        Instant first = now;
        for (RunRecord run : runs) {
            if (inWindow(run, start, now) && !run.status().equals(RunRecord.RUNNING)) {
                total++;
                if (run.status().equals(RunRecord.SUCCEEDED)) {
                    good++;
                }
                first = run.startedAt().isBefore(first) ? run.startedAt() : first;
            }
        }
        return new SloStatus(slo, new ErrorBudget(slo.objectivePercent() / 100, good, total),
                total == 0 ? start : first, now);
    }

    /**
     * Valid rows over rows read, summed over the successful runs started within the window whose details carry
     * {@value #ROWS_IN} and {@value #ROWS_VALID}; other runs do not count.
     */
    public static SloStatus completeness(Slo slo, List<RunRecord> runs, Instant now) {
        requireKind(slo, Slo.Kind.COMPLETENESS);
        Instant start = now.minus(slo.window());
        long total = 0;
        long good = 0;
        Instant first = now;
        for (RunRecord run : runs) {
            if (!inWindow(run, start, now) || !run.status().equals(RunRecord.SUCCEEDED)
                    || !run.details().containsKey(ROWS_IN) || !run.details().containsKey(ROWS_VALID)) {
                continue;
            }
            long in = count(run, ROWS_IN);
            long valid = count(run, ROWS_VALID);
            if (valid > in) {
                throw new NorthstarException(ErrorCode.INVALID_DATA, "Run " + run.id() + " on " + run.target()
                        + " records " + ROWS_VALID + "=" + valid + " above " + ROWS_IN + "=" + in,
                        "The run's details are inconsistent; fix the job that records them");
            }
            total += in;
            good += valid;
            first = run.startedAt().isBefore(first) ? run.startedAt() : first;
        }
        return new SloStatus(slo, new ErrorBudget(slo.objectivePercent() / 100, good, total),
                total == 0 ? start : first, now);
    }

    /**
     * Seconds of the window during which the latest data commit was at most {@code maxAge} old, over the seconds
     * measured: from the window's start, or from the first commit when the table is younger. A table never
     * written is stale over the whole window.
     *
     * @param commits times of the commits that brought data, any order
     */
    public static SloStatus freshness(Slo slo, List<Instant> commits, Instant now) {
        requireKind(slo, Slo.Kind.FRESHNESS);
        Duration maxAge = slo.maxAge().orElseThrow();
        Instant windowStart = now.minus(slo.window());
        List<Instant> sorted = commits.stream().filter(commit -> !commit.isAfter(now)).sorted().toList();
        if (sorted.isEmpty()) {
            double seconds = seconds(windowStart, now);
            return new SloStatus(slo, new ErrorBudget(slo.objectivePercent() / 100, 0, seconds), windowStart, now);
        }
        Instant start = sorted.get(0).isAfter(windowStart) ? sorted.get(0) : windowStart;
        double stale = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Instant staleFrom = sorted.get(i).plus(maxAge);
            Instant staleUntil = i + 1 < sorted.size() ? sorted.get(i + 1) : now;
            // Only the part of the stale stretch inside [start, now] counts.
            Instant from = staleFrom.isBefore(start) ? start : staleFrom;
            if (staleUntil.isAfter(from)) {
                stale += seconds(from, staleUntil);
            }
        }
        double total = seconds(start, now);
        return new SloStatus(slo, new ErrorBudget(slo.objectivePercent() / 100, total - stale, total), start, now);
    }

    private static boolean inWindow(RunRecord run, Instant start, Instant now) {
        return !run.startedAt().isBefore(start) && !run.startedAt().isAfter(now);
    }

    private static long count(RunRecord run, String key) {
        String text = run.details().get(key);
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new NorthstarException(ErrorCode.INVALID_DATA, "Run " + run.id() + " on " + run.target()
                + " records " + key + "='" + text + "', not a row count",
                "The run's details are inconsistent; fix the job that records them");
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static void requireKind(Slo slo, Slo.Kind kind) {
        requireNonNull(slo, "slo is null");
        NorthstarException.checkArgument(slo.kind() == kind, "Expected a %s SLO, got %s", kind, slo.kind());
    }
}
