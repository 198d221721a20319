package dev.northstar.bench;

import java.util.List;
import java.util.Locale;

/**
 * Timings of {@link AuditBenchmark}, in nanoseconds per run.
 *
 * @param entries entries in the log before the runs
 * @param runs timed runs
 * @param appended entries appended before each incremental check
 * @param fullWalk full walks of the chain (the ceiling: what a check cost before)
 * @param incremental the cockpit's incremental checks
 */
public record AuditBenchmarkResult(long entries, int runs, int appended, List<Long> fullWalk,
        List<Long> incremental) implements BenchmarkReport {
    public AuditBenchmarkResult {
        fullWalk = List.copyOf(fullWalk);
        incremental = List.copyOf(incremental);
    }

    /** How many times cheaper the incremental check is than a full walk. */
    public double speedup() {
        return (double) LakeBenchmarkResult.median(fullWalk) / Math.max(LakeBenchmarkResult.median(incremental), 1);
    }

    @Override
    public List<String> summary() {
        return List.of(String.format(Locale.ROOT, "full walk of %,d entries median %.1f ms (%,.0f entries/s) |"
                        + " incremental check after %,d new entries median %.2f ms | %.0fx", entries,
                millis(fullWalk), entries / (millis(fullWalk) / 1e3), appended, millis(incremental), speedup()));
    }

    @Override
    public String toJson() {
        return String.format(Locale.ROOT, "{\"bench\":\"audit\",\"entries\":%d,\"runs\":%d,\"appended\":%d,"
                        + "\"full_walk_ms\":%.2f,\"incremental_ms\":%.3f,\"speedup\":%.1f}",
                entries, runs, appended, millis(fullWalk), millis(incremental), speedup());
    }

    private static double millis(List<Long> nanos) {
        return LakeBenchmarkResult.median(nanos) / 1e6;
    }
}
