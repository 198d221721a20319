package dev.northstar.ingest.source;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link Source} read.
 *
 * @param columns source column names, in source order (the text columns of {@link Source#RAW_TABLE})
 * @param records records split into columns
 * @param malformed records that could not be split into columns
 * @param highWaterMark for an incremental JDBC source, the largest cursor value read (as text)
 */
public record SourceBatch(List<String> columns, long records, long malformed, Optional<String> highWaterMark) {
    public SourceBatch {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(highWaterMark, "highWaterMark is null");
    }

    public SourceBatch(List<String> columns, long records, long malformed) {
        this(columns, records, malformed, Optional.empty());
    }

    /** Every record read: {@code records + malformed}. */
    public long rowsIn() {
        return records + malformed;
    }
}
