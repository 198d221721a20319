package dev.northstar.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.PartitionField;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query path keeps table metadata, planned files and parses between queries: every query must still read the
 * table as it is now, whoever committed, and every plan must match its own filters.
 */
class QueryCachesTest {
    private static final TableId SALES = TableId.parse("shop.sales");

    @TempDir
    Path home;

    private Lakehouse lake;

    @BeforeEach
    void open() {
        lake = Lakehouse.open(LakeConfig.embedded(home));
        lake.createTable(SALES, TableDefinition.of(TableSchema.of(Column.parse("id:long"), Column.parse("country:string"),
                Column.parse("amount:int"))).withPartitioning(List.of(new PartitionField("country", "identity"))));
        lake.write(SALES, sales(0, 9), WriteOptions.append());
    }

    @AfterEach
    void close() {
        lake.close();
    }

    /** Rows {@code from..from+count-1}, countries FR, DE, ES in turn, amount = id. */
    private static RowSource sales(int from, int count) {
        return RowSource.sql("SELECT range AS id, ['FR', 'DE', 'ES'][range % 3 + 1] AS country, range::INT AS amount "
                + "FROM range(" + from + ", " + (from + count) + ")");
    }

    private long count(Lakehouse reader, String sql) {
        return ((Number) reader.query(sql, QueryOptions.defaults()).rows().get(0).get(0)).longValue();
    }

    @Test
    void everyQueryReadsTheLatestCommitWhoeverMadeIt() {
        assertThat(count(lake, "SELECT count(*) FROM shop.sales")).isEqualTo(9);
        lake.write(SALES, sales(9, 3), WriteOptions.append());
        assertThat(count(lake, "SELECT count(*) FROM shop.sales")).isEqualTo(12);

        // Another lakehouse on the same catalog (another process, in production) commits: seen at the next query.
        try (Lakehouse other = Lakehouse.open(LakeConfig.embedded(home))) {
            other.write(SALES, sales(100, 2), WriteOptions.append());
        }
        assertThat(count(lake, "SELECT count(*) FROM shop.sales")).isEqualTo(14);
        lake.write(SALES, sales(0, 1), WriteOptions.overwrite());
        assertThat(count(lake, "SELECT count(*) FROM shop.sales")).isEqualTo(1);
        lake.delete(SALES, "id = 0", java.util.Map.of());
        assertThat(count(lake, "SELECT count(*) FROM shop.sales")).isZero();
    }

    @Test
    void eachFilterHasItsOwnPlan() {
        QueryResult france = lake.query("SELECT sum(amount) FROM shop.sales WHERE country = 'FR'",
                QueryOptions.defaults());
        assertThat(france.scannedFiles()).isEqualTo(1);
        assertThat(france.rows()).containsExactly(List.of(0L + 3 + 6));
        QueryResult germany = lake.query("SELECT sum(s.amount) FROM shop.sales s WHERE s.country = 'DE'",
                QueryOptions.defaults());
        assertThat(germany.scannedFiles()).isEqualTo(1);
        assertThat(germany.rows()).containsExactly(List.of(1L + 4 + 7));
        // Read by column name from partition directories: the view has exactly the table's columns, in order.
        assertThat(lake.query("SELECT * FROM shop.sales WHERE id = 1", QueryOptions.defaults()).columns())
                .extracting(QueryResult.Column::name).containsExactly("id", "country", "amount");
        QueryResult all = lake.query("SELECT sum(amount) FROM shop.sales", QueryOptions.defaults());
        assertThat(all.scannedFiles()).isEqualTo(3);
        assertThat(all.rows()).containsExactly(List.of(36L));
        // The same filter again, after a commit: the new snapshot is planned anew.
        lake.write(SALES, RowSource.sql("SELECT 50 AS id, 'FR' AS country, 50 AS amount"), WriteOptions.append());
        QueryResult franceAgain = lake.query("SELECT sum(amount) FROM shop.sales WHERE country = 'FR'",
                QueryOptions.defaults());
        assertThat(franceAgain.scannedFiles()).isEqualTo(2);
        assertThat(franceAgain.rows()).containsExactly(List.of(59L));
    }

    @Test
    void aSchemaChangeSwitchesReadsFromColumnNamesToFieldIds() {
        Table before = ((IcebergLakehouse) lake).load(SALES);
        assertThat(ScanPlanner.onlySchema(before, before.schema())).isTrue();
        assertThat(ScanPlanner.relation(before, before.schema(), List.of("/w/a.parquet")))
                .contains("read_parquet(['/w/a.parquet'], hive_partitioning = false)").doesNotContain("schema =");
        assertThat(count(lake, "SELECT sum(amount) FROM shop.sales")).isEqualTo(36);

        lake.evolve(SALES, List.of(new SchemaChange.RenameColumn("amount", "cents")));
        Table after = ((IcebergLakehouse) lake).load(SALES);
        assertThat(ScanPlanner.onlySchema(after, after.schema())).isFalse();
        assertThat(ScanPlanner.relation(after, after.schema(), List.of("/w/a.parquet"))).contains("schema = MAP {");
        // The files still name the column 'amount'; read by field id, 'cents' has their values.
        assertThat(count(lake, "SELECT sum(cents) FROM shop.sales")).isEqualTo(36);
        assertThatThrownBy(() -> lake.query("SELECT sum(amount) FROM shop.sales", QueryOptions.defaults()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_SQL);
    }

    @Test
    void aDroppedTableIsGoneAndItsSuccessorReadAfresh() {
        assertThat(count(lake, "SELECT count(*) FROM shop.sales")).isEqualTo(9);
        lake.dropTable(SALES);
        assertThatThrownBy(() -> lake.query("SELECT count(*) FROM shop.sales", QueryOptions.defaults()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.TABLE_NOT_FOUND);

        lake.createTable(SALES, TableDefinition.of(TableSchema.of(Column.parse("note:string"))));
        lake.write(SALES, RowSource.sql("SELECT 'new' AS note"), WriteOptions.append());
        assertThat(lake.query("SELECT * FROM shop.sales", QueryOptions.defaults()).rows())
                .containsExactly(List.of("new"));
    }

    @Test
    void refusedQueriesAreRefusedEveryTime() {
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> lake.query("SELECT getenv('HOME') FROM shop.sales", QueryOptions.defaults()))
                    .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN);
        }
        SqlAnalysisCache analyses = new SqlAnalysisCache();
        try (DuckDbEngine engine = new DuckDbEngine(lake.config(), true);
                java.sql.Connection connection = engine.connection()) {
            SqlAnalysis first = analyses.analyse(connection, "SELECT * FROM shop.sales WHERE id = 1");
            assertThat(analyses.analyse(connection, "SELECT * FROM shop.sales WHERE id = 1")).isSameAs(first);
            assertThat(first.tables()).containsExactly(SALES);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
