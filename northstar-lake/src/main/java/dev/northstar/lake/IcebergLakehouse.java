package dev.northstar.lake;

import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Implementation of {@link Lakehouse} on an Iceberg JdbcCatalog and DuckDB (being written). */
final class IcebergLakehouse implements Lakehouse {
    private final LakeConfig config;

    IcebergLakehouse(LakeConfig config) {
        this.config = config;
    }

    @Override public LakeConfig config() { return config; }
    @Override public List<String> domains() { throw new IllegalStateException("in progress"); }
    @Override public void createDomain(String domain) { throw new IllegalStateException("in progress"); }
    @Override public TableInfo createTable(TableId id, TableDefinition definition) { throw new IllegalStateException("in progress"); }
    @Override public List<TableId> tables() { throw new IllegalStateException("in progress"); }
    @Override public List<TableId> tables(String domain) { throw new IllegalStateException("in progress"); }
    @Override public boolean exists(TableId id) { throw new IllegalStateException("in progress"); }
    @Override public TableInfo describe(TableId id) { throw new IllegalStateException("in progress"); }
    @Override public List<SnapshotInfo> history(TableId id) { throw new IllegalStateException("in progress"); }
    @Override public void dropTable(TableId id) { throw new IllegalStateException("in progress"); }
    @Override public TableInfo evolve(TableId id, List<SchemaChange> changes) { throw new IllegalStateException("in progress"); }
    @Override public WriteResult write(TableId id, RowSource source, WriteOptions options) { throw new IllegalStateException("in progress"); }
    @Override public DeleteResult delete(TableId id, String predicate, Map<String, String> summary) { throw new IllegalStateException("in progress"); }
    @Override public QueryResult query(String sql, QueryOptions options) { throw new IllegalStateException("in progress"); }
    @Override public MaintenanceResult expireSnapshots(TableId id, Duration olderThan, int retainLast) { throw new IllegalStateException("in progress"); }
    @Override public MaintenanceResult compact(TableId id) { throw new IllegalStateException("in progress"); }
    @Override public MaintenanceResult removeOrphanFiles(TableId id, Duration olderThan) { throw new IllegalStateException("in progress"); }
    @Override public void close() {}
}
