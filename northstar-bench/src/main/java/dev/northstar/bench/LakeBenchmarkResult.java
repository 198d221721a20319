package dev.northstar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Timings of {@link LakeBenchmark}, in nanoseconds per run, with the medians and ratios it reports.
 *
 * @param rows rows per run
 * @param runs timed runs
 * @param threads DuckDB threads on both sides
 * @param northstarWrites Northstar write times
 * @param duckdbWrites raw DuckDB COPY times
 * @param northstarQueries Northstar query times
 * @param duckdbQueries raw DuckDB query times
 */
public record LakeBenchmarkResult(long rows, int runs, int threads, List<Long> northstarWrites,
        List<Long> duckdbWrites, List<Long> northstarQueries, List<Long> duckdbQueries) {
    public LakeBenchmarkResult {
        northstarWrites = List.copyOf(northstarWrites);
        duckdbWrites = List.copyOf(duckdbWrites);
        northstarQueries = List.copyOf(northstarQueries);
        duckdbQueries = List.copyOf(duckdbQueries);
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public double northstarRowsPerSecond() {
        return rows / seconds(median(northstarWrites));
    }

    public double duckdbRowsPerSecond() {
        return rows / seconds(median(duckdbWrites));
    }

    /** Northstar write time / DuckDB write time. */
    public double writeRatio() {
        return (double) median(northstarWrites) / median(duckdbWrites);
    }

    /** Northstar query time / DuckDB query time. */
    public double queryRatio() {
        return (double) median(northstarQueries) / median(duckdbQueries);
    }

    /** The human summary lines. */
    public List<String> summary() {
        return List.of(
                String.format(Locale.ROOT, "write  northstar %,.0f rows/s (median %,d ms) | duckdb %,.0f rows/s "
                                + "(median %,d ms) | ratio %.2f",
                        northstarRowsPerSecond(), millis(median(northstarWrites)), duckdbRowsPerSecond(),
                        millis(median(duckdbWrites)), writeRatio()),
                String.format(Locale.ROOT, "query  northstar median %,d ms | duckdb median %,d ms | ratio %.2f",
                        millis(median(northstarQueries)), millis(median(duckdbQueries)), queryRatio()));
    }

    /** One JSON object; the first six fields are the benchmark's contract, the rest detail. */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"bench\":\"lake\",\"rows\":%d,\"northstar_rows_per_s\":%.0f,"
                        + "\"duckdb_rows_per_s\":%.0f,\"write_ratio\":%.3f,\"query_ratio\":%.3f,\"runs\":%d,"
                        + "\"threads\":%d,\"northstar_write_ms\":%d,\"duckdb_write_ms\":%d,\"northstar_query_ms\":%d,"
                        + "\"duckdb_query_ms\":%d}",
                rows, northstarRowsPerSecond(), duckdbRowsPerSecond(), writeRatio(), queryRatio(), runs, threads,
                millis(median(northstarWrites)), millis(median(duckdbWrites)), millis(median(northstarQueries)),
                millis(median(duckdbQueries)));
    }

    private static double seconds(long nanos) {
        return Math.max(nanos, 1) / 1e9;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
