package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a scan found and did to the stored suggestions of its table.
 *
 * @param scan the scan
 * @param suggestions every suggestion of the table after the scan, by column then confidence
 * @param created suggestions found for the first time
 * @param updated pending or accepted suggestions whose confidence and evidence were refreshed
 * @param reopened rejected suggestions back to pending because their evidence rose to a higher confidence band
 * @param keptRejected rejected suggestions found again and left rejected
 * @param removed pending suggestions the scan no longer finds, deleted
 */
public record ScanResult(TableScan scan, List<Suggestion> suggestions, int created, int updated, int reopened,
        int keptRejected, int removed) {
    public ScanResult {
        requireNonNull(scan, "scan is null");
        suggestions = List.copyOf(requireNonNull(suggestions, "suggestions is null"));
    }
}
