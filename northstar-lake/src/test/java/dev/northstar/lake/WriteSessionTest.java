package dev.northstar.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteSessionTest {
    private static final TableId GOOD = TableId.parse("shop.orders");
    private static final TableId BAD = TableId.parse("shop.orders__quarantine");

    @TempDir
    Path home;

    private Lakehouse lake;

    @BeforeEach
    void open() {
        lake = Lakehouse.open(LakeConfig.embedded(home));
        lake.createTable(GOOD, TableDefinition.of(TableSchema.of(Column.parse("id!:long"), Column.parse("n:int"))));
        lake.createTable(BAD, TableDefinition.of(TableSchema.of(Column.parse("raw:string"), Column.parse("why:string"))));
    }

    @AfterEach
    void close() {
        lake.close();
    }

    private long count(TableId table) {
        return ((Number) lake.query("SELECT count(*) FROM " + table, QueryOptions.defaults()).rows().get(0).get(0))
                .longValue();
    }

    @Test
    void oneScanFeedsTwoTablesCommittedSeparately() throws Exception {
        try (WriteSession session = lake.openWriteSession()) {
            DuckDbEngine.execute(session.connection(), "CREATE TEMP TABLE batch AS SELECT range::VARCHAR AS raw, "
                    + "TRY_CAST(CASE WHEN range % 10 = 0 THEN 'x' ELSE range::VARCHAR END AS INT) AS n "
                    + "FROM range(100)");
            StagedFiles good = session.stage(GOOD, "SELECT raw AS id, n FROM batch WHERE n IS NOT NULL");
            StagedFiles bad = session.stage(BAD, "SELECT raw, 'not an int' AS why FROM batch WHERE n IS NULL");
            assertThat(good.rows()).isEqualTo(90);
            assertThat(bad.rows()).isEqualTo(10);
            assertThat(count(GOOD)).isZero();
            session.commit(bad, WriteOptions.append().withRunId("run-1"));
            session.commit(good, WriteOptions.append().withRunId("run-1"));
            assertThatThrownBy(() -> session.commit(good, WriteOptions.append()))
                    .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_ARGUMENT);
        }
        assertThat(count(GOOD)).isEqualTo(90);
        assertThat(count(BAD)).isEqualTo(10);
        assertThat(lake.describe(GOOD).currentSnapshot().orElseThrow().summary())
                .containsEntry(SnapshotInfo.RUN_ID, "run-1");
    }

    @Test
    void uncommittedFilesAreDeletedOnDiscardAndClose() {
        StagedFiles discarded;
        StagedFiles forgotten;
        try (WriteSession session = lake.openWriteSession()) {
            discarded = session.stage(GOOD, "SELECT 1 AS id, 2 AS n");
            forgotten = session.stage(GOOD, "SELECT 3 AS id, 4 AS n");
            session.discard(discarded);
            assertThat(discarded.locations()).allSatisfy(location -> assertThat(LocalFileIO.path(location))
                    .doesNotExist());
            assertThat(forgotten.locations()).allSatisfy(location -> assertThat(LocalFileIO.path(location)).exists());
        }
        assertThat(forgotten.locations()).allSatisfy(location -> assertThat(LocalFileIO.path(location))
                .doesNotExist());
        assertThat(count(GOOD)).isZero();
    }

    @Test
    void revertRunRemovesOnlyTheFilesThatRunAdded() {
        lake.write(GOOD, RowSource.sql("SELECT range AS id FROM range(10)"), WriteOptions.append().withRunId("a"));
        lake.write(GOOD, RowSource.sql("SELECT range AS id FROM range(10, 15)"), WriteOptions.append().withRunId("b"));
        lake.write(GOOD, RowSource.sql("SELECT range AS id FROM range(15, 17)"), WriteOptions.append().withRunId("a"));
        MaintenanceResult reverted = lake.revertRun(GOOD, "a");
        assertThat(reverted.filesRemoved()).isEqualTo(2);
        assertThat(count(GOOD)).isEqualTo(5);
        assertThat(lake.revertRun(GOOD, "a").filesRemoved()).isZero();
        assertThat(lake.revertRun(GOOD, "never").filesRemoved()).isZero();
        assertThat(lake.history(GOOD).get(3).summary()).containsEntry("northstar.reverted-run", "a");

        lake.write(GOOD, RowSource.sql("SELECT 1 AS id"), WriteOptions.overwrite().withRunId("c"));
        assertThatThrownBy(() -> lake.revertRun(GOOD, "c"))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_ARGUMENT);
    }
}
