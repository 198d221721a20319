package dev.northstar.bench;

import java.util.List;
import java.util.Locale;

/**
 * Timings of {@link CockpitBenchmark}, in nanoseconds.
 *
 * @param reads audited reads in the month before the timed views
 * @param runs timed warm views
 * @param appended reads appended before each warm view
 * @param firstView the first view (rolls up and walks the whole log)
 * @param views the warm views
 * @param parseEveryRead reading and parsing every read of the month once: the floor of a view before the roll-up
 */
public record CockpitBenchmarkResult(long reads, int runs, int appended, long firstView, List<Long> views,
        long parseEveryRead) implements BenchmarkReport {
    public CockpitBenchmarkResult {
        views = List.copyOf(views);
    }

    /** How many times a warm view is faster than what a view paid at least before. */
    public double speedup() {
        return (double) parseEveryRead / Math.max(LakeBenchmarkResult.median(views), 1);
    }

    @Override
    public List<String> summary() {
        return List.of(String.format(Locale.ROOT, "cockpit view with %,d reads this month: median %.1f ms after %,d"
                        + " new reads (first view %.0f ms) | reading and parsing the month's reads once %.0f ms |"
                        + " %.0fx", reads, LakeBenchmarkResult.median(views) / 1e6, appended, firstView / 1e6,
                parseEveryRead / 1e6, speedup()));
    }

    @Override
    public String toJson() {
        return String.format(Locale.ROOT, "{\"bench\":\"cockpit\",\"reads\":%d,\"runs\":%d,\"appended\":%d,"
                        + "\"view_ms\":%.2f,\"first_view_ms\":%.1f,\"parse_every_read_ms\":%.1f,\"speedup\":%.1f}",
                reads, runs, appended, LakeBenchmarkResult.median(views) / 1e6, firstView / 1e6,
                parseEveryRead / 1e6, speedup());
    }
}
