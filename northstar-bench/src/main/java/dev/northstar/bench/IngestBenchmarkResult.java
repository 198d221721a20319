package dev.northstar.bench;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Timings of {@link IngestBenchmark}, with the medians and the ratio it reports.
 *
 * @param rows rows of the CSV file
 * @param brokenRows rows generated broken (1%)
 * @param threads DuckDB threads on both sides
 * @param rules rules of the contract, besides the column types
 * @param runs the timed runs
 */
public record IngestBenchmarkResult(long rows, long brokenRows, int threads, int rules, List<Run> runs) {
    public IngestBenchmarkResult {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("A result needs at least one run");
        }
    }

    /**
     * One timed run.
     *
     * @param northstarNanos wall time of {@code Ingestion.ingest}
     * @param duckdbNanos wall time of the raw DuckDB CSV to Parquet {@code COPY}
     * @param rowsIn rows Northstar read
     * @param rowsValid rows written to the product
     * @param rowsQuarantined rows written to the quarantine table
     * @param duckdbRows rows raw DuckDB wrote (it drops the rows it cannot read)
     * @param phaseNanos how long each phase of the ingestion took ({@code setup}, {@code read}, {@code validate},
     *     {@code stage}, {@code commit}), in order
     */
    public record Run(long northstarNanos, long duckdbNanos, long rowsIn, long rowsValid, long rowsQuarantined,
            long duckdbRows, Map<String, Long> phaseNanos) {
        public Run {
            phaseNanos = Collections.unmodifiableMap(new LinkedHashMap<>(
                    requireNonNull(phaseNanos, "phaseNanos is null")));
        }

        /** The phases for people, e.g. {@code read 1,200 ms, validate 900 ms}. */
        public String phasesText() {
            return phaseNanos.entrySet().stream()
                    .map(entry -> String.format(Locale.ROOT, "%s %,d ms", entry.getKey(), entry.getValue() / 1_000_000))
                    .collect(Collectors.joining(", "));
        }
    }

    /** The run whose Northstar time is the median (the lower middle one for an even count). */
    public Run medianRun() {
        List<Run> sorted = runs.stream().sorted(Comparator.comparingLong(Run::northstarNanos)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    public long northstarMedianNanos() {
        return LakeBenchmarkResult.median(runs.stream().map(Run::northstarNanos).toList());
    }

    public long duckdbMedianNanos() {
        return LakeBenchmarkResult.median(runs.stream().map(Run::duckdbNanos).toList());
    }

    public double northstarRowsPerSecond() {
        return rows / seconds(northstarMedianNanos());
    }

    public double duckdbRowsPerSecond() {
        return rows / seconds(duckdbMedianNanos());
    }

    /** Northstar time / DuckDB time (medians). */
    public double ratio() {
        return (double) Math.max(northstarMedianNanos(), 1) / Math.max(duckdbMedianNanos(), 1);
    }

    /** The human summary lines. */
    public List<String> summary() {
        Run median = medianRun();
        return List.of(
                String.format(Locale.ROOT, "ingest northstar %,.0f rows/s (median %,d ms) | duckdb %,.0f rows/s "
                                + "(median %,d ms) | ratio %.2f",
                        northstarRowsPerSecond(), northstarMedianNanos() / 1_000_000, duckdbRowsPerSecond(),
                        duckdbMedianNanos() / 1_000_000, ratio()),
                String.format(Locale.ROOT, "rows   in %,d = valid %,d + quarantined %,d (%,d generated broken); "
                                + "phases of the median run: %s",
                        median.rowsIn(), median.rowsValid(), median.rowsQuarantined(), brokenRows,
                        median.phasesText()));
    }

    /** One JSON object; the first nine fields are the benchmark's contract, the rest detail. */
    public String toJson() {
        Run median = medianRun();
        String phases = median.phaseNanos().entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "\"%s\":%d", entry.getKey(), entry.getValue() / 1_000_000))
                .collect(Collectors.joining(",", "{", "}"));
        return String.format(Locale.ROOT, "{\"bench\":\"ingest\",\"rows\":%d,\"rows_in\":%d,\"rows_valid\":%d,"
                        + "\"rows_quarantined\":%d,\"northstar_rows_per_s\":%.0f,\"duckdb_rows_per_s\":%.0f,"
                        + "\"ratio\":%.3f,\"runs\":%d,\"threads\":%d,\"rules\":%d,\"rows_broken\":%d,"
                        + "\"duckdb_rows_written\":%d,\"northstar_ms\":%d,\"duckdb_ms\":%d,\"phases_ms\":%s}",
                rows, median.rowsIn(), median.rowsValid(), median.rowsQuarantined(), northstarRowsPerSecond(),
                duckdbRowsPerSecond(), ratio(), runs.size(), threads, rules, brokenRows, median.duckdbRows(),
                northstarMedianNanos() / 1_000_000, duckdbMedianNanos() / 1_000_000, phases);
    }

    private static double seconds(long nanos) {
        return Math.max(nanos, 1) / 1e9;
    }
}
