package dev.northstar.lake;

import dev.northstar.spi.schema.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;

/**
 * The query path's view of the catalog: each table's current metadata and the data files a query reads of a
 * snapshot, both kept between queries. A commit writes a new metadata file and a snapshot's files never change, so
 * finding a table's current state costs one catalog lookup of its metadata location (the metadata file is read again
 * only when that location moved), and a plan is reused for the same table, snapshot, schema and pruning filters.
 */
final class ScanPlanner {
    private static final int PLANS = 256;

    /** A plan's identity: equal keys plan equal file lists (filters are compared structurally, not as text). */
    private record PlanKey(String tableUuid, long snapshotId, int schemaId, List<SqlAnalysis.Filter> filters) {}

    private final JdbcCatalog catalog;
    /** One catalog-backed table per table read, refreshed per query; queries read immutable copies of its metadata. */
    private final Map<TableId, Table> tracked = new ConcurrentHashMap<>();
    private final LruCache<PlanKey, List<String>> plans = new LruCache<>(PLANS);

    ScanPlanner(JdbcCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The table as the catalog has it now, as a read-only table over that metadata (it does not change while the
     * query plans, whatever commits meanwhile).
     *
     * @throws org.apache.iceberg.exceptions.NoSuchTableException when the table does not exist (any more)
     */
    Table current(TableId id) {
        Table table = tracked.get(id);
        TableMetadata metadata;
        if (table == null) {
            table = catalog.loadTable(TableIdentifier.of(id.domain(), id.name()));
            tracked.put(id, table);
            metadata = operations(table).current();
        } else {
            try {
                synchronized (table) {
                    // Reads the metadata file again only when the catalog's metadata location changed.
                    metadata = operations(table).refresh();
                }
            } catch (org.apache.iceberg.exceptions.NoSuchTableException e) {
                tracked.remove(id, table);
                throw e;
            }
        }
        return new BaseTable(new StaticTableOperations(metadata, operations(table).io()), table.name());
    }

    private static TableOperations operations(Table table) {
        return ((HasTableOperations) table).operations();
    }

    /**
     * The data files of a snapshot that may hold rows matching the filters (all of them for no filters), planned
     * once per (table, snapshot, schema, filters).
     */
    List<String> files(Table table, Snapshot snapshot, Schema schema, List<SqlAnalysis.Filter> filters) {
        List<SqlAnalysis.Filter> unqualified = filters.stream()
                .map(filter -> new SqlAnalysis.Filter(null, filter.column(), filter.operator(), filter.constants()))
                .toList();
        PlanKey key = new PlanKey(table.uuid().toString(), snapshot.snapshotId(), schema.schemaId(), unqualified);
        return plans.get(key).orElseGet(() -> {
            List<String> files = List.copyOf(planFiles(table, snapshot, PruningFilter.of(schema, unqualified)));
            plans.put(key, files);
            return files;
        });
    }

    static List<String> planFiles(Table table, Snapshot snapshot, Expression filter) {
        List<String> files = new ArrayList<>();
        // Planned on the calling thread: Iceberg's worker pool hands results over through a queue it polls every
        // 10 ms, which cost an interactive query 10-20 ms of its fixed overhead for tables of a few manifests.
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId())
                .planWith(CallerThreadExecutor.INSTANCE).filter(filter).ignoreResiduals().planFiles()) {
            for (FileScanTask task : tasks) {
                files.add(LocalFileIO.path(task.file().location()).toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * The relation reading a snapshot's files with a schema. Columns are matched by Iceberg field id, which DuckDB's
     * {@code read_parquet(schema = ...)} does at a cost of about 60% more scan time; when every schema the table ever
     * had is the read schema (no column was ever added, dropped, renamed or widened), every data file names and types
     * its columns as the read schema does, so the files are read by name instead, each column cast to its type.
     */
    static String relation(Table table, Schema schema, List<String> files) {
        if (files.isEmpty()) {
            return TypeMapping.emptyRelation(schema);
        }
        return onlySchema(table, schema) ? TypeMapping.parquetRelationByName(files, schema)
                : TypeMapping.parquetRelation(files, schema);
    }

    /** Whether every schema of the table has exactly the columns (ids, names, types) of the given one. */
    static boolean onlySchema(Table table, Schema schema) {
        for (Schema other : table.schemas().values()) {
            List<Types.NestedField> left = other.columns();
            List<Types.NestedField> right = schema.columns();
            if (left.size() != right.size()) {
                return false;
            }
            for (int i = 0; i < left.size(); i++) {
                if (left.get(i).fieldId() != right.get(i).fieldId() || !left.get(i).name().equals(right.get(i).name())
                        || !Objects.equals(left.get(i).type(), right.get(i).type())) {
                    return false;
                }
            }
        }
        return true;
    }
}
