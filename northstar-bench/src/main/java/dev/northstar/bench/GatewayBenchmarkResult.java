package dev.northstar.bench;

import java.util.List;
import java.util.Locale;

/**
 * Timings of {@link GatewayBenchmark}, in nanoseconds per run.
 *
 * @param rows rows of the table
 * @param runs timed runs
 * @param duckdb raw DuckDB over the files
 * @param gateway the gateway, unrestricted principal
 * @param duckdbFiltered raw DuckDB with the row filter written by hand
 * @param gatewayGoverned the gateway, filtered and masked principal
 */
public record GatewayBenchmarkResult(long rows, int runs, List<Long> duckdb, List<Long> gateway,
        List<Long> duckdbFiltered, List<Long> gatewayGoverned) {
    /** The target: at most 1.1 times DuckDB plus 2 ms. */
    static final double RATIO = 1.1;
    static final long SLACK_NANOS = 2_000_000;

    public GatewayBenchmarkResult {
        duckdb = List.copyOf(duckdb);
        gateway = List.copyOf(gateway);
        duckdbFiltered = List.copyOf(duckdbFiltered);
        gatewayGoverned = List.copyOf(gatewayGoverned);
    }

    /** Whether both gateway medians meet the target. */
    public boolean withinTarget() {
        return LakeBenchmarkResult.median(gateway) <= RATIO * LakeBenchmarkResult.median(duckdb) + SLACK_NANOS
                && LakeBenchmarkResult.median(gatewayGoverned)
                        <= RATIO * LakeBenchmarkResult.median(duckdbFiltered) + SLACK_NANOS;
    }

    public List<String> summary() {
        return List.of(
                String.format(Locale.ROOT, "unrestricted     gateway median %.1f ms | duckdb median %.1f ms | ratio %.2f",
                        millis(gateway), millis(duckdb), millis(gateway) / millis(duckdb)),
                String.format(Locale.ROOT, "filtered+masked  gateway median %.1f ms | duckdb median %.1f ms | ratio %.2f",
                        millis(gatewayGoverned), millis(duckdbFiltered), millis(gatewayGoverned) / millis(duckdbFiltered)),
                "target: gateway <= 1.1 x duckdb + 2 ms: " + (withinTarget() ? "met" : "NOT met"));
    }

    public String toJson() {
        return String.format(Locale.ROOT, "{\"bench\":\"gateway\",\"rows\":%d,\"runs\":%d,\"duckdb_ms\":%.2f,"
                        + "\"gateway_ms\":%.2f,\"duckdb_filtered_ms\":%.2f,\"gateway_governed_ms\":%.2f,"
                        + "\"ratio\":%.3f,\"governed_ratio\":%.3f,\"within_target\":%b}",
                rows, runs, millis(duckdb), millis(gateway), millis(duckdbFiltered), millis(gatewayGoverned),
                millis(gateway) / millis(duckdb), millis(gatewayGoverned) / millis(duckdbFiltered), withinTarget());
    }

    private static double millis(List<Long> nanos) {
        return Math.max(LakeBenchmarkResult.median(nanos), 1) / 1e6;
    }
}
