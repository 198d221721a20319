package dev.northstar.lake;

import dev.northstar.spi.schema.TableId;
import java.sql.Connection;

/**
 * A write session on one connection of the lake's write database (DuckDB): platform code prepares rows with SQL on
 * {@link #connection()} (temporary tables, appenders), writes data files for one or more tables with
 * {@link #stage}, then commits each table's files with {@link #commit} — or {@link #discard}s them. Files staged and
 * never committed are removed by {@link #close()}.
 *
 * <p>Not thread-safe. The connection is not sandboxed: never run user SQL on it.
 */
public interface WriteSession extends AutoCloseable {

    /** The session's DuckDB connection; temporary tables created here are visible to {@link #stage}. */
    Connection connection();

    /**
     * Writes the rows of {@code select} (run on this session's connection) as Parquet data files of the table,
     * without committing them. Columns are matched to the table's by name and cast to its types, as
     * {@link Lakehouse#write} does.
     */
    StagedFiles stage(TableId table, String select);

    /** Commits staged files in one Iceberg commit (append, or overwrite validated against concurrent writes). */
    WriteResult commit(StagedFiles staged, WriteOptions options);

    /** Deletes staged files that will not be committed. */
    void discard(StagedFiles staged);

    /** Discards every staged file not committed, and closes the connection. */
    @Override
    void close();
}
