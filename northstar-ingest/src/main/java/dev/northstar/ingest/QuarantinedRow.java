package dev.northstar.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A row of a product's quarantine table, as {@link QuarantineTable#read} returns it.
 *
 * @param runId the run that quarantined it
 * @param status quarantined, warned or replayed
 * @param source the source it came from (file path or URI)
 * @param line its line in the source, when the source has lines
 * @param record its position among the source's records
 * @param rawValues the source values as a JSON object of texts, empty for a malformed record
 * @param rawLine the source text of a malformed record, empty otherwise
 * @param reasons every reason, in the order the rules were checked
 * @param ingestedAt when the run quarantined it
 */
public record QuarantinedRow(
        String runId,
        QuarantineStatus status,
        String source,
        Optional<Long> line,
        Optional<Long> record,
        Optional<String> rawValues,
        Optional<String> rawLine,
        List<QuarantineReason> reasons,
        Optional<Instant> ingestedAt) {
    public QuarantinedRow {
        requireNonNull(runId, "runId is null");
        requireNonNull(status, "status is null");
        requireNonNull(source, "source is null");
        requireNonNull(line, "line is null");
        requireNonNull(record, "record is null");
        requireNonNull(rawValues, "rawValues is null");
        requireNonNull(rawLine, "rawLine is null");
        reasons = List.copyOf(reasons);
        requireNonNull(ingestedAt, "ingestedAt is null");
    }
}
