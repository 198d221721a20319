package dev.northstar.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.PartitionField;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceTest {
    private static final TableId EVENTS = TableId.parse("ops.events");

    @TempDir
    Path home;

    private Lakehouse lake;

    @BeforeEach
    void open() {
        lake = Lakehouse.open(LakeConfig.embedded(home));
        lake.createTable(EVENTS, TableDefinition.of(TableSchema.of(
                        Column.parse("id!:long"), Column.parse("customer:long"), Column.parse("kind:string")))
                .withPartitioning(List.of(PartitionField.parse("kind"))));
    }

    @AfterEach
    void close() {
        lake.close();
    }

    private static RowSource events(int from, int count) {
        return RowSource.sql("SELECT range AS id, range % 100 AS customer, "
                + "CASE WHEN range % 2 = 0 THEN 'click' ELSE 'view' END AS kind FROM range(" + from + ", "
                + (from + count) + ")");
    }

    private long count(String where) {
        return ((Number) lake.query("SELECT count(*) FROM ops.events WHERE " + where, QueryOptions.defaults())
                .rows().get(0).get(0)).longValue();
    }

    private Set<Path> parquetFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(home.resolve("warehouse"))) {
            return walk.filter(path -> path.toString().endsWith(".parquet")).collect(Collectors.toSet());
        }
    }

    @Test
    void copyOnWriteDeleteRewritesOnlyAffectedFiles() throws Exception {
        lake.write(EVENTS, events(0, 1000), WriteOptions.append());
        lake.write(EVENTS, events(1000, 1000), WriteOptions.append());
        Set<Path> before = parquetFiles();
        assertThat(before).hasSize(4);

        // customer 42 only appears in 'click' rows (42 is even), so only the two 'click' files are touched.
        DeleteResult result = lake.delete(EVENTS, "customer = 42", Map.of("northstar.reason", "gdpr"));
        assertThat(result.deletedRows()).isEqualTo(20);
        assertThat(result.rewrittenFiles()).isEqualTo(2);
        assertThat(result.removedFiles()).isZero();
        assertThat(count("customer = 42")).isZero();
        assertThat(count("true")).isEqualTo(1980);
        Set<Path> after = parquetFiles();
        Set<Path> untouched = before.stream().filter(path -> path.toString().contains("kind=")
                || path.getParent().getFileName().toString().startsWith("__ns_p0=v76696577")).collect(Collectors.toSet());
        assertThat(untouched).hasSize(2).allSatisfy(path -> assertThat(after).contains(path));
        assertThat(lake.history(EVENTS).get(2).summary()).containsEntry("northstar.reason", "gdpr")
                .containsEntry("northstar.delete-predicate", "customer = 42");

        // Pruned by partition: only the 'view' files are read; all their rows go, so files are removed.
        DeleteResult views = lake.delete(EVENTS, "kind = 'view'", Map.of());
        assertThat(views.scannedFiles()).isEqualTo(2);
        assertThat(views.removedFiles()).isEqualTo(2);
        assertThat(views.rewrittenFiles()).isZero();
        assertThat(count("true")).isEqualTo(980);

        DeleteResult nothing = lake.delete(EVENTS, "customer = 4242", Map.of());
        assertThat(nothing.snapshotId()).isEmpty();
        assertThatThrownBy(() -> lake.delete(EVENTS, "nope = 1", Map.of()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_SQL);
    }

    @Test
    void expiryPhysicallyRemovesUnreferencedFiles() throws Exception {
        lake.write(EVENTS, events(0, 100), WriteOptions.append());
        Set<Path> original = parquetFiles();
        lake.delete(EVENTS, "customer = 7", Map.of());
        lake.write(EVENTS, events(100, 100), WriteOptions.append());
        Set<Path> replaced = original.stream().filter(path -> !isLive(path)).collect(Collectors.toSet());
        assertThat(replaced).hasSize(1).allSatisfy(path -> assertThat(path).exists());

        MaintenanceResult result = lake.expireSnapshots(EVENTS, Duration.ZERO, 1);
        assertThat(lake.history(EVENTS)).hasSize(1);
        assertThat(replaced).allSatisfy(path -> assertThat(path).doesNotExist());
        assertThat(result.deletedPaths()).contains(replaced.iterator().next().toString());
        assertThat(count("customer = 7 AND id < 100")).isZero();
        assertThat(count("true")).isEqualTo(199);
    }

    private boolean isLive(Path file) {
        return lake.query("SELECT count(*) FROM ops.events", QueryOptions.defaults()) != null
                && TableMaintenance.reachableFiles(((IcebergLakehouse) lake).load(EVENTS)).contains(file.toString())
                && currentFiles().contains(file.toString());
    }

    private Set<String> currentFiles() {
        var table = ((IcebergLakehouse) lake).load(EVENTS);
        return Set.copyOf(ScanPlanner.planFiles(table, table.currentSnapshot(),
                org.apache.iceberg.expressions.Expressions.alwaysTrue()));
    }

    @Test
    void compactionMergesSmallFilesPerPartition() throws Exception {
        for (int i = 0; i < 5; i++) {
            lake.write(EVENTS, events(i * 100, 100), WriteOptions.append());
        }
        assertThat(lake.describe(EVENTS).totalDataFiles()).isEqualTo(10);
        MaintenanceResult result = lake.compact(EVENTS);
        assertThat(result.filesRemoved()).isEqualTo(10);
        assertThat(result.filesAdded()).isEqualTo(2);
        TableInfo info = lake.describe(EVENTS);
        assertThat(info.totalDataFiles()).isEqualTo(2);
        assertThat(info.totalRecords()).isEqualTo(500);
        assertThat(count("kind = 'click'")).isEqualTo(250);
        assertThat(lake.history(EVENTS).get(5).operation()).isEqualTo("replace");
    }

    @Test
    void killedWriterLeavesTableUnchangedAndOrphansRemovable() throws Exception {
        lake.write(EVENTS, events(0, 100), WriteOptions.append());
        List<SnapshotInfo> history = lake.history(EVENTS);
        Set<Path> committed = parquetFiles();
        lake.close();

        Process process = new ProcessBuilder(ProcessTools.java(KilledWriter.class, home.toString(), EVENTS.toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isEqualTo(137);

        lake = Lakehouse.open(LakeConfig.embedded(home));
        assertThat(lake.history(EVENTS)).isEqualTo(history);
        assertThat(count("true")).isEqualTo(100);
        Set<Path> orphans = parquetFiles();
        orphans.removeAll(committed);
        assertThat(orphans).isNotEmpty();

        assertThat(lake.removeOrphanFiles(EVENTS, Duration.ofHours(1)).filesRemoved()).isZero();
        MaintenanceResult result = lake.removeOrphanFiles(EVENTS, Duration.ZERO);
        assertThat(result.filesRemoved()).isGreaterThanOrEqualTo(orphans.size());
        assertThat(orphans).allSatisfy(path -> assertThat(path).doesNotExist());
        assertThat(parquetFiles()).isEqualTo(committed);
        assertThat(count("true")).isEqualTo(100);
        lake.write(EVENTS, events(100, 10), WriteOptions.append());
        assertThat(count("true")).isEqualTo(110);
    }

    /** Writes data files and dies before committing them, as a process killed mid-write would. */
    public static final class KilledWriter {
        public static void main(String[] args) {
            IcebergLakehouse lake = (IcebergLakehouse) Lakehouse.open(LakeConfig.embedded(Path.of(args[0])));
            var table = lake.load(TableId.parse(args[1]));
            DuckDbEngine engine = new DuckDbEngine(lake.config(), false);
            new TableWriter(engine, lake.config().targetFileSizeBytes()).write(table, events(5000, 500));
            Runtime.getRuntime().halt(137);
        }
    }

    @Test
    void dropRemovesDataAndMetadata() throws Exception {
        lake.write(EVENTS, events(0, 100), WriteOptions.append());
        Path location = LocalFileIO.path(lake.describe(EVENTS).location());
        assertThat(location).exists();
        lake.dropTable(EVENTS);
        assertThat(lake.exists(EVENTS)).isFalse();
        assertThat(location).doesNotExist();
        assertThatThrownBy(() -> lake.describe(EVENTS)).hasFieldOrPropertyWithValue("code", ErrorCode.TABLE_NOT_FOUND);
    }
}
