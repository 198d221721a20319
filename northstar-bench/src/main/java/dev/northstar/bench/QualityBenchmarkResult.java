package dev.northstar.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Timings and metric values of {@link QualityBenchmark}.
 *
 * @param rows rows of the table
 * @param runs timed runs per side
 * @param threads DuckDB threads of the Northstar side
 * @param checks checks per run
 * @param northstarRuns wall times of {@code QualityEngine.run}, in nanoseconds
 * @param northstarMetrics the metric values Northstar measured, by metric key
 * @param deequ what the Deequ side measured, or why it could not
 */
public record QualityBenchmarkResult(long rows, int runs, int threads, int checks, List<Long> northstarRuns,
        Map<String, Double> northstarMetrics, DeequPeer.Outcome deequ) {
    public QualityBenchmarkResult {
        northstarRuns = List.copyOf(northstarRuns);
        northstarMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(northstarMetrics));
        requireNonNull(deequ, "deequ is null");
    }

    public double northstarSeconds() {
        return LakeBenchmarkResult.median(northstarRuns) / 1e9;
    }

    /** Deequ time / Northstar time, when Deequ ran. */
    public Optional<Double> speedup() {
        return deequ.medianSeconds().map(seconds -> seconds / Math.max(northstarSeconds(), 1e-9));
    }

    /**
     * The metrics on which the two sides disagree, as {@code key: northstar X, deequ Y}: counts must be equal,
     * minimum and maximum equal within a relative 1e-9. Empty when Deequ did not run.
     */
    public List<String> disagreements() {
        List<String> problems = new ArrayList<>();
        if (deequ.failure().isPresent()) {
            return problems;
        }
        for (Map.Entry<String, Double> entry : northstarMetrics.entrySet()) {
            Double northstar = entry.getValue();
            Double other = deequ.metrics().get(entry.getKey());
            boolean extreme = entry.getKey().startsWith("minimum.") || entry.getKey().startsWith("maximum.");
            double tolerance = extreme ? 1e-9 * Math.max(1, Math.abs(northstar == null ? 0 : northstar)) : 0.5;
            if (northstar == null || other == null || Math.abs(northstar - other) > tolerance) {
                problems.add(entry.getKey() + ": northstar " + northstar + ", deequ " + other);
            }
        }
        return problems;
    }

    /** The human summary lines. */
    public List<String> summary() {
        String deequText = deequ.failure().map(why -> "deequ not measured: " + why)
                .orElseGet(() -> String.format(Locale.ROOT, "deequ median %.3f s (status %s) | speedup %.1fx",
                        deequ.medianSeconds().orElseThrow(), deequ.status(), speedup().orElseThrow()));
        return List.of(
                String.format(Locale.ROOT, "quality %d checks over %,d rows: northstar median %.3f s | %s", checks,
                        rows, northstarSeconds(), deequText),
                deequ.failure().isPresent() ? "metrics: northstar only (no peer to compare with)"
                        : String.format(Locale.ROOT, "metrics: all %d agree between Northstar and Deequ",
                                northstarMetrics.size()));
    }

    private static String jsonString(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /** One JSON object; the first five fields are the benchmark's contract, the rest detail. */
    public String toJson() {
        String deequSeconds = deequ.medianSeconds().map(value -> String.format(Locale.ROOT, "%.3f", value))
                .orElse("null");
        String speedup = speedup().map(value -> String.format(Locale.ROOT, "%.2f", value)).orElse("null");
        String error = deequ.failure().map(why -> ",\"deequ_error\":" + jsonString(why)).orElse("");
        return String.format(Locale.ROOT, "{\"bench\":\"quality\",\"rows\":%d,\"northstar_s\":%.3f,\"deequ_s\":%s,"
                        + "\"speedup\":%s,\"checks\":%d,\"runs\":%d,\"threads\":%d,\"metrics_agree\":%s%s}",
                rows, northstarSeconds(), deequSeconds, speedup, checks, runs, threads,
                deequ.failure().isPresent() ? "null" : Boolean.toString(disagreements().isEmpty()), error);
    }
}
