package dev.northstar.ingest.source;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a {@link Source} read.
 *
 * @param columns source column names, in source order (the text columns of {@link Source#RAW_TABLE})
 * @param records records split into columns
 * @param malformed records that could not be split into columns
 */
public record SourceBatch(List<String> columns, long records, long malformed) {
    public SourceBatch {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    /** Every record read: {@code records + malformed}. */
    public long rowsIn() {
        return records + malformed;
    }
}
