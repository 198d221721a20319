package dev.northstar.lake;

import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The embedded lakehouse: Apache Iceberg tables (metadata, snapshots, commits) in a JDBC catalog, with DuckDB doing
 * the vectorised work (reading sources, writing Parquet data files with Iceberg field ids, querying snapshots).
 *
 * <p>Domains are Iceberg namespaces. Every write is one atomic Iceberg commit; a failed write leaves the table
 * unchanged (data files it may have written are orphans, removed by {@link #removeOrphanFiles}).
 *
 * <p>Thread-safe. Open with {@link #open(LakeConfig)}; close to release the catalog and DuckDB.
 *
 * <p>Every method throws {@link dev.northstar.spi.error.NorthstarException} with a precise
 * {@link dev.northstar.spi.error.ErrorCode} on failure: {@code TABLE_NOT_FOUND} (the message names close matches),
 * {@code TABLE_ALREADY_EXISTS}, {@code SCHEMA_MISMATCH} (naming the field and value), {@code INVALID_SQL} (DuckDB's
 * message with its position), {@code COMMIT_CONFLICT} (retries exhausted), {@code UNAVAILABLE} (catalog database).
 */
public interface Lakehouse extends AutoCloseable {

    /** Opens (creating if needed) the catalog and warehouse described by the configuration. */
    static Lakehouse open(LakeConfig config) {
        return new IcebergLakehouse(config);
    }

    LakeConfig config();

    // ---- domains -------------------------------------------------------------------------------------------

    /** Domains (namespaces), sorted. */
    List<String> domains();

    /** Creates a domain if it does not exist. */
    void createDomain(String domain);

    // ---- tables --------------------------------------------------------------------------------------------

    /** Creates a table, creating its domain if needed. */
    TableInfo createTable(TableId id, TableDefinition definition);

    /** All tables of all domains, sorted. */
    List<TableId> tables();

    /** Tables of one domain, sorted. */
    List<TableId> tables(String domain);

    boolean exists(TableId id);

    /** Schema (with Iceberg field ids), partitioning, sort order, properties, current snapshot and size. */
    TableInfo describe(TableId id);

    /** Snapshots of the table, oldest first, with their summary properties (run id, source fingerprint...). */
    List<SnapshotInfo> history(TableId id);

    /** Drops a table and deletes its data and metadata files. */
    void dropTable(TableId id);

    /** Applies schema changes (add, rename, widen, make optional) in one commit. */
    TableInfo evolve(TableId id, List<SchemaChange> changes);

    // ---- writes --------------------------------------------------------------------------------------------

    /**
     * Writes rows in one atomic commit: DuckDB casts the source rows to the table schema and writes Parquet files
     * with Iceberg field ids; metrics come from the Parquet footers; the commit appends the files (or replaces all
     * current files for {@link WriteOptions.Mode#OVERWRITE}) and records {@code options.summary()} in the snapshot.
     */
    WriteResult write(TableId id, RowSource source, WriteOptions options);

    /**
     * Copy-on-write delete: rewrites only the data files that may hold rows matching {@code predicate} (a DuckDB SQL
     * boolean expression over the table's columns), committing with conflict validation against concurrent writes.
     */
    DeleteResult delete(TableId id, String predicate, Map<String, String> summary);

    /**
     * Opens a write session for platform code that prepares rows in DuckDB before writing them (ingestion: one scan of
     * the source into a temp table, then valid rows to the product table and rejected rows to its quarantine table).
     * The session's connection is NOT sandboxed: it reads files from anywhere, so it is for trusted platform code
     * only, never for user SQL.
     */
    WriteSession openWriteSession();

    /**
     * Reverts a run that appended to a table: removes, in one commit validated against concurrent changes, the data
     * files that the run's snapshots (summary {@code northstar.run-id}) added and that are still live. Used to undo
     * the half of a multi-table run whose other half never committed. A run that committed nothing is a no-op.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} when the run's snapshot was not an append
     */
    MaintenanceResult revertRun(TableId id, String runId);

    // ---- reads ---------------------------------------------------------------------------------------------

    /**
     * Runs SQL in which tables are named {@code domain.table}. Each referenced table is read at its current snapshot,
     * or the one the options pin, from the file list Iceberg plans with the query's filters (partition and column
     * metrics pruning).
     */
    QueryResult query(String sql, QueryOptions options);

    /**
     * Creates a table from a query's rows ({@code CREATE TABLE ... AS SELECT}): the query runs on the sandboxed query
     * path like {@link #query}, its result columns (which must be valid column names: alias expressions) become the
     * new table's optional columns, and its rows are written in one commit. A failed write drops the new table.
     *
     * @throws dev.northstar.spi.error.NorthstarException {@code TABLE_ALREADY_EXISTS}, {@code INVALID_SQL},
     *     {@code TABLE_NOT_FOUND}, {@code FORBIDDEN} (files, table functions)
     */
    TableFromQuery createTableAs(TableId id, String sql, WriteOptions options);

    /**
     * Like {@link #createTableAs(TableId, String, WriteOptions)}, reading through the query options' guard (masks and
     * row filters apply to what the new table receives) and pinned snapshots.
     */
    TableFromQuery createTableAs(TableId id, String sql, QueryOptions query, WriteOptions options);

    // ---- maintenance ---------------------------------------------------------------------------------------

    /**
     * Expires snapshots older than {@code olderThan} (keeping at least {@code retainLast}) and physically deletes the
     * files no remaining snapshot references.
     */
    MaintenanceResult expireSnapshots(TableId id, Duration olderThan, int retainLast);

    /** Rewrites data files smaller than {@code options.targetFileSizeBytes()*3/4} into files near the target size. */
    MaintenanceResult compact(TableId id);

    /** Deletes files under the table location that no snapshot or metadata references and are older than the age. */
    MaintenanceResult removeOrphanFiles(TableId id, Duration olderThan);

    @Override
    void close();
}
