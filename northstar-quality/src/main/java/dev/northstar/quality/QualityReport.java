package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link QualityMonitor#run} did: the checks' run, the anomalies found in its metrics and the incidents raised
 * or updated, and those resolved.
 *
 * @param run the check run, as recorded in history
 * @param anomalies metrics whose new value is anomalous against their history
 * @param incidents incidents opened or updated by failed checks (warning and error severity) and anomalies
 * @param resolved incidents resolved by this run because their check passed again
 */
public record QualityReport(CheckRun run, List<Anomaly> anomalies, List<Incident> incidents,
        List<Incident> resolved) {
    public QualityReport {
        requireNonNull(run, "run is null");
        anomalies = List.copyOf(anomalies);
        incidents = List.copyOf(incidents);
        resolved = List.copyOf(resolved);
    }
}
