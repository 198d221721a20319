package dev.northstar.server;

import dev.northstar.lake.DeleteResult;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.MaintenanceResult;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.SchemaChange;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.TableInfo;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.WriteResult;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@link Lakehouse} whose every call fails with an unexpected exception carrying internal details (a host name, a
 * password), as a lost database connection might: the server must answer generic problems and leak none of it.
 */
final class BrokenLakehouse implements Lakehouse {
    static final String INTERNAL_DETAIL = "connection to db.internal:5432 refused for user northstar password=hunter2";

    private static IllegalStateException failure() {
        return new IllegalStateException(INTERNAL_DETAIL);
    }

    @Override
    public LakeConfig config() {
        return LakeConfig.embedded(Path.of("/nonexistent"));
    }

    @Override
    public List<String> domains() {
        throw failure();
    }

    @Override
    public void createDomain(String domain) {
        throw failure();
    }

    @Override
    public TableInfo createTable(TableId id, TableDefinition definition) {
        throw failure();
    }

    @Override
    public List<TableId> tables() {
        throw failure();
    }

    @Override
    public List<TableId> tables(String domain) {
        throw failure();
    }

    @Override
    public boolean exists(TableId id) {
        throw failure();
    }

    @Override
    public TableInfo describe(TableId id) {
        throw failure();
    }

    @Override
    public List<SnapshotInfo> history(TableId id) {
        throw failure();
    }

    @Override
    public void dropTable(TableId id) {
        throw failure();
    }

    @Override
    public TableInfo evolve(TableId id, List<SchemaChange> changes) {
        throw failure();
    }

    @Override
    public WriteResult write(TableId id, RowSource source, WriteOptions options) {
        throw failure();
    }

    @Override
    public DeleteResult delete(TableId id, String predicate, Map<String, String> summary) {
        throw failure();
    }

    @Override
    public QueryResult query(String sql, QueryOptions options) {
        throw failure();
    }

    @Override
    public dev.northstar.lake.TableFromQuery createTableAs(TableId id, String sql,
            dev.northstar.lake.WriteOptions options) {
        throw failure();
    }

    @Override
    public dev.northstar.lake.TableFromQuery createTableAs(TableId id, String sql, QueryOptions query,
            dev.northstar.lake.WriteOptions options) {
        throw failure();
    }

    @Override
    public MaintenanceResult expireSnapshots(TableId id, Duration olderThan, int retainLast) {
        throw failure();
    }

    @Override
    public MaintenanceResult compact(TableId id) {
        throw failure();
    }

    @Override
    public MaintenanceResult removeOrphanFiles(TableId id, Duration olderThan) {
        throw failure();
    }

    @Override
    public dev.northstar.lake.WriteSession openWriteSession() {
        throw failure();
    }

    @Override
    public MaintenanceResult revertRun(TableId id, String runId) {
        throw failure();
    }

    @Override
    public void close() {}
}
