package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link QualityMonitor#run} did: the checks' run, the anomalies found in its metrics and the incidents raised
 * or updated.
 *
 * @param run the check run, as recorded in history
 * @param anomalies metrics whose new value is anomalous against their history
 * @param incidents incidents opened or updated by failed checks (warning and error severity) and anomalies
 */
public record QualityReport(CheckRun run, List<Anomaly> anomalies, List<Incident> incidents) {
    public QualityReport {
        requireNonNull(run, "run is null");
        anomalies = List.copyOf(anomalies);
        incidents = List.copyOf(incidents);
    }
}
