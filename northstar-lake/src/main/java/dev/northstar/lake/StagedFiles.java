package dev.northstar.lake;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.util.List;

/**
 * Data files written for a table by a {@link WriteSession} and not committed yet.
 */
public final class StagedFiles {
    private final TableId table;
    private final TableWriter.Written written;
    private final Long startingSnapshotId;

    StagedFiles(TableId table, TableWriter.Written written, Long startingSnapshotId) {
        this.table = requireNonNull(table, "table is null");
        this.written = requireNonNull(written, "written is null");
        this.startingSnapshotId = startingSnapshotId;
    }

    public TableId table() {
        return table;
    }

    /** Rows in the staged files. */
    public long rows() {
        return written.rows();
    }

    /** Number of staged data files. */
    public int fileCount() {
        return written.files().size();
    }

    /** Bytes of the staged data files. */
    public long bytes() {
        return written.bytes();
    }

    /** Locations of the staged data files. */
    public List<String> locations() {
        return written.files().stream().map(file -> file.location()).toList();
    }

    TableWriter.Written written() {
        return written;
    }

    /** The table's snapshot when the files were staged (null for a table never written). */
    Long startingSnapshotId() {
        return startingSnapshotId;
    }

    @Override
    public String toString() {
        return "StagedFiles[" + table + ", " + rows() + " rows in " + fileCount() + " files]";
    }
}
