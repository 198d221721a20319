package dev.northstar.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.PartitionField;
import dev.northstar.spi.schema.SortField;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseTest {
    private static final TableId ORDERS = TableId.parse("retail.orders");

    @TempDir
    Path home;

    private Lakehouse lake;

    @BeforeEach
    void open() {
        lake = Lakehouse.open(LakeConfig.embedded(home));
    }

    @AfterEach
    void close() {
        lake.close();
    }

    private static TableDefinition ordersDefinition() {
        return TableDefinition.of(TableSchema.of(
                        Column.parse("id!:long"),
                        Column.parse("customer:string"),
                        Column.parse("amount:decimal(12,2)"),
                        Column.parse("ordered_at:timestamp"),
                        Column.parse("country:string")))
                .withDescription("Orders of the web shop");
    }

    private static RowSource orders(int from, int count) {
        return RowSource.sql("SELECT range AS id, 'c' || (range % 50) AS customer, "
                + "(range % 1000) / 10 AS amount, TIMESTAMP '2024-01-01' + INTERVAL (range % 10) DAY AS ordered_at, "
                + "CASE WHEN range % 3 = 0 THEN 'FR' WHEN range % 3 = 1 THEN 'DE' ELSE 'ES' END AS country "
                + "FROM range(" + from + ", " + (from + count) + ")");
    }

    private long count(String sql) {
        return ((Number) lake.query(sql, QueryOptions.defaults()).rows().get(0).get(0)).longValue();
    }

    @Test
    void createsDescribesWritesAndQueries() {
        lake.createTable(ORDERS, ordersDefinition());
        assertThat(lake.domains()).containsExactly("retail");
        assertThat(lake.tables()).containsExactly(ORDERS);

        WriteResult result = lake.write(ORDERS, orders(0, 1000),
                WriteOptions.append().withRunId("run-1").withSourceFingerprint("sha256:abc"));
        assertThat(result.rows()).isEqualTo(1000);
        assertThat(result.dataFiles()).isEqualTo(1);

        TableInfo info = lake.describe(ORDERS);
        assertThat(info.totalRecords()).isEqualTo(1000);
        assertThat(info.columns()).extracting(TableInfo.ColumnInfo::name)
                .containsExactly("id", "customer", "amount", "ordered_at", "country");
        assertThat(info.columns().get(0).required()).isTrue();
        assertThat(info.columns().get(2).type()).isEqualTo("decimal(12,2)");
        assertThat(info.properties()).containsEntry("comment", "Orders of the web shop");
        assertThat(info.currentSnapshot()).isPresent();
        assertThat(info.currentSnapshot().get().summary())
                .containsEntry(SnapshotInfo.RUN_ID, "run-1")
                .containsEntry(SnapshotInfo.SOURCE_FINGERPRINT, "sha256:abc");

        QueryResult sum = lake.query("SELECT country, count(*) AS n, sum(amount) AS total FROM retail.orders "
                + "GROUP BY country ORDER BY country", QueryOptions.defaults());
        assertThat(sum.columns()).extracting(QueryResult.Column::name).containsExactly("country", "n", "total");
        assertThat(sum.rows()).hasSize(3);
        assertThat(sum.rows().get(0).get(0)).isEqualTo("DE");
        assertThat(sum.rows().get(0).get(1)).isEqualTo(333L);
    }

    @Test
    void roundTripsEveryType() {
        TableId id = TableId.parse("lab.types");
        lake.createTable(id, TableDefinition.of(TableSchema.of(
                Column.parse("b:boolean"), Column.parse("i:int"), Column.parse("l:long"), Column.parse("f:float"),
                Column.parse("d:double"), Column.parse("m:decimal(10,3)"), Column.parse("dt:date"),
                Column.parse("ts:timestamp"), Column.parse("tz:timestamptz"), Column.parse("s:string"),
                Column.parse("tags:list<string>"), Column.parse("address:struct<city:string,zip:int>"))));
        lake.write(id, RowSource.sql("SELECT true AS b, 7 AS i, 9000000000 AS l, 1.5 AS f, 2.25 AS d, "
                + "12.345 AS m, DATE '2024-02-29' AS dt, TIMESTAMP '2024-03-01 10:11:12.123456' AS ts, "
                + "TIMESTAMPTZ '2024-03-01 10:00:00+00' AS tz, 'héllo' AS s, ['a', 'b'] AS tags, "
                + "{'city': 'Lyon', 'zip': 69001} AS address"), WriteOptions.append());
        List<Object> row = lake.query("SELECT * FROM lab.types", QueryOptions.defaults()).rows().get(0);
        assertThat(row.get(0)).isEqualTo(true);
        assertThat(row.get(1)).isEqualTo(7);
        assertThat(row.get(2)).isEqualTo(9_000_000_000L);
        assertThat(row.get(3)).isEqualTo(1.5f);
        assertThat(row.get(4)).isEqualTo(2.25d);
        assertThat(row.get(5)).isEqualTo(new BigDecimal("12.345"));
        assertThat(row.get(6)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(row.get(7)).isEqualTo(LocalDateTime.of(2024, 3, 1, 10, 11, 12, 123_456_000));
        assertThat(((OffsetDateTime) row.get(8)).toInstant())
                .isEqualTo(OffsetDateTime.of(2024, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC).toInstant());
        assertThat(row.get(9)).isEqualTo("héllo");
        assertThat(row.get(10)).isEqualTo(List.of("a", "b"));
        assertThat(row.get(11)).isEqualTo(Map.of("city", "Lyon", "zip", 69001));
        assertThat(lake.describe(id).columns().get(11).type()).isEqualTo("struct<city:string,zip:int>");
        assertThat(ColumnType.parse(lake.describe(id).columns().get(10).type()))
                .isEqualTo(new ColumnType.ListOf(ColumnType.Primitive.STRING));
    }

    @Test
    void partitionedTablePrunesFilesByPartitionAndMetrics() throws Exception {
        lake.createTable(ORDERS, ordersDefinition()
                .withPartitioning(List.of(PartitionField.parse("day(ordered_at)"), PartitionField.parse("country")))
                .withSortOrder(List.of(SortField.parse("id asc"))));
        lake.write(ORDERS, orders(0, 3000), WriteOptions.append());
        TableInfo info = lake.describe(ORDERS);
        assertThat(info.totalDataFiles()).isEqualTo(30);
        assertThat(info.partitioning()).extracting(PartitionField::text).containsExactly("day(ordered_at)", "country");
        assertThat(Files.walk(home.resolve("warehouse")).filter(path -> path.toString().endsWith(".parquet")))
                .hasSize(30);

        QueryResult byDay = lake.query("SELECT count(*) FROM retail.orders WHERE ordered_at >= DATE '2024-01-09'",
                QueryOptions.defaults());
        assertThat(byDay.rows().get(0).get(0)).isEqualTo(600L);
        assertThat(byDay.scannedFiles()).isEqualTo(6);
        assertThat(byDay.totalFiles()).isEqualTo(30);

        QueryResult byText = lake.query("SELECT count(*) FROM retail.orders WHERE ordered_at >= '2024-01-09'",
                QueryOptions.defaults());
        assertThat(byText.rows().get(0).get(0)).isEqualTo(600L);
        assertThat(byText.scannedFiles()).isEqualTo(6);

        QueryResult byCountry = lake.query("SELECT count(*) FROM retail.orders o WHERE o.country = 'FR' "
                + "AND o.id BETWEEN 0 AND 99", QueryOptions.defaults());
        assertThat(byCountry.rows().get(0).get(0)).isEqualTo(34L);
        assertThat(byCountry.scannedFiles()).isLessThanOrEqualTo(10);

        // Sorted within each file by id.
        QueryResult first = lake.query("SELECT id FROM retail.orders WHERE country = 'DE' AND "
                + "ordered_at = TIMESTAMP '2024-01-02 00:00:00' LIMIT 3", QueryOptions.defaults());
        assertThat(first.rows()).extracting(row -> row.get(0)).containsExactly(1L, 31L, 61L);
    }

    @Test
    void schemaEvolutionKeepsDataReadableByFieldId() {
        lake.createTable(ORDERS, ordersDefinition());
        lake.write(ORDERS, orders(0, 10), WriteOptions.append());
        lake.evolve(ORDERS, List.of(
                new SchemaChange.RenameColumn("customer", "customer_id"),
                new SchemaChange.AddColumn("channel", ColumnType.Primitive.STRING, "web or store")));
        lake.createTable(TableId.parse("lab.counts"),
                TableDefinition.of(TableSchema.of(Column.parse("n:int"), Column.parse("v:float"))));
        lake.write(TableId.parse("lab.counts"), RowSource.sql("SELECT 2147483647 AS n, 1.5 AS v"), WriteOptions.append());
        lake.evolve(TableId.parse("lab.counts"), List.of(
                new SchemaChange.WidenColumn("n", ColumnType.Primitive.LONG),
                new SchemaChange.WidenColumn("v", ColumnType.Primitive.DOUBLE)));
        lake.write(TableId.parse("lab.counts"), RowSource.sql("SELECT 9000000000 AS n, 2.5 AS v"),
                WriteOptions.append());

        QueryResult renamed = lake.query("SELECT customer_id, channel FROM retail.orders ORDER BY id LIMIT 2",
                QueryOptions.defaults());
        assertThat(renamed.rows()).containsExactly(java.util.Arrays.asList("c0", null),
                java.util.Arrays.asList("c1", null));
        lake.write(ORDERS, RowSource.sql("SELECT 99 AS id, 'x' AS customer_id, 'store' AS channel"),
                WriteOptions.append());
        assertThat(count("SELECT count(*) FROM retail.orders WHERE channel = 'store'")).isEqualTo(1);

        QueryResult widened = lake.query("SELECT sum(n), sum(v) FROM lab.counts", QueryOptions.defaults());
        assertThat(widened.rows().get(0).get(1)).isEqualTo(4.0d);
        assertThat(((Number) widened.rows().get(0).get(0)).longValue()).isEqualTo(2147483647L + 9000000000L);

        assertThatThrownBy(() -> lake.evolve(ORDERS,
                List.of(new SchemaChange.WidenColumn("id", ColumnType.Primitive.INT))))
                .isInstanceOf(NorthstarException.class)
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_SCHEMA_CHANGE);
    }

    @Test
    void overwriteHistoryAndTimeTravel() throws Exception {
        lake.createTable(ORDERS, ordersDefinition());
        WriteResult first = lake.write(ORDERS, orders(0, 100), WriteOptions.append());
        Thread.sleep(20);
        java.time.Instant between = java.time.Instant.now();
        Thread.sleep(20);
        lake.write(ORDERS, orders(100, 50), WriteOptions.append());
        WriteResult replaced = lake.write(ORDERS, orders(0, 7), WriteOptions.overwrite());

        assertThat(count("SELECT count(*) FROM retail.orders")).isEqualTo(7);
        List<SnapshotInfo> history = lake.history(ORDERS);
        assertThat(history).hasSize(3);
        assertThat(history).extracting(SnapshotInfo::operation).containsExactly("append", "append", "overwrite");
        assertThat(history.get(2).current()).isTrue();
        assertThat(history.get(2).snapshotId()).isEqualTo(replaced.snapshotId());

        QueryResult byVersion = lake.query("SELECT count(*) FROM retail.orders",
                QueryOptions.defaults().withSnapshot(ORDERS, first.snapshotId()));
        assertThat(byVersion.rows().get(0).get(0)).isEqualTo(100L);
        assertThat(byVersion.snapshots()).containsEntry("retail.orders", first.snapshotId());
        QueryResult byTime = lake.query("SELECT count(*) FROM retail.orders",
                QueryOptions.defaults().withAsOf(between));
        assertThat(byTime.rows().get(0).get(0)).isEqualTo(100L);

        // The same in SQL: AT (VERSION => id) and AT (TIMESTAMP => ts), mixed with the current snapshot.
        QueryResult inSql = lake.query("SELECT 'é' AS mark, (SELECT count(*) FROM retail.orders AT (VERSION => "
                + first.snapshotId() + ")) AS then, (SELECT count(*) FROM retail.orders o AT (TIMESTAMP => "
                + "TIMESTAMPTZ '" + between + "') WHERE o.id < 10) AS then_small, "
                + "(SELECT count(*) FROM retail.orders) AS now", QueryOptions.defaults());
        assertThat(inSql.rows().get(0)).containsExactly("é", 100L, 10L, 7L);
        QueryResult joined = lake.query("SELECT count(*) FROM retail.orders AT (VERSION => " + first.snapshotId()
                + ") JOIN retail.orders AS now ON orders.id = now.id", QueryOptions.defaults());
        assertThat(joined.rows().get(0).get(0)).isEqualTo(7L);
        assertThatThrownBy(() -> lake.query("SELECT * FROM retail.orders AT (VERSION => 42)",
                QueryOptions.defaults()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SNAPSHOT_NOT_FOUND);

        assertThatThrownBy(() -> lake.query("SELECT 1 FROM retail.orders",
                QueryOptions.defaults().withAsOf(java.time.Instant.parse("2000-01-01T00:00:00Z"))))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SNAPSHOT_NOT_FOUND);
    }

    @Test
    void badInputGetsPreciseErrors() throws Exception {
        lake.createTable(ORDERS, ordersDefinition());
        assertThatThrownBy(() -> lake.describe(TableId.parse("retail.order")))
                .isInstanceOf(NorthstarException.class)
                .hasFieldOrPropertyWithValue("code", ErrorCode.TABLE_NOT_FOUND)
                .satisfies(e -> assertThat(((NorthstarException) e).hint()).contains("retail.orders"));
        assertThatThrownBy(() -> lake.query("SELECT count(*) FROM retail.ordrs", QueryOptions.defaults()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.TABLE_NOT_FOUND)
                .satisfies(e -> assertThat(((NorthstarException) e).hint()).contains("retail.orders"));
        assertThatThrownBy(() -> lake.query("SELEC * FROM retail.orders", QueryOptions.defaults()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_SQL)
                .hasMessageContaining("syntax error")
                .hasMessageContaining("position 1");
        assertThatThrownBy(() -> lake.query("SELECT nope FROM retail.orders", QueryOptions.defaults()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_SQL)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> lake.write(ORDERS, RowSource.sql("SELECT 1 AS id, 'abc' AS amount"),
                WriteOptions.append()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SCHEMA_MISMATCH)
                .hasMessageContaining("'abc'")
                .hasMessageContaining("'amount'");
        Path csv = Files.writeString(home.resolve("orders.csv"), "id,amount\n1,2.50\n2,abc\n3,4\n");
        assertThatThrownBy(() -> lake.write(ORDERS, RowSource.file(csv), WriteOptions.append()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SCHEMA_MISMATCH)
                .hasMessage(csv + ", row 2 (line 3): value 'abc' of column 'amount' is not a valid decimal(12,2)");
        assertThatThrownBy(() -> lake.write(ORDERS, RowSource.sql("SELECT 1 AS id, 2 AS amont"),
                WriteOptions.append()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SCHEMA_MISMATCH)
                .hasMessageContaining("amont")
                .hasMessageContaining("did you mean amount");
        assertThatThrownBy(() -> lake.write(ORDERS, RowSource.sql("SELECT NULL::BIGINT AS id"),
                WriteOptions.append()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SCHEMA_MISMATCH)
                .hasMessageContaining("'id' is required");
        assertThatThrownBy(() -> lake.write(ORDERS, RowSource.sql("SELECT 'x' AS customer"),
                WriteOptions.append()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.SCHEMA_MISMATCH)
                .hasMessageContaining("'id' is required");
        assertThatThrownBy(() -> lake.createTable(ORDERS, ordersDefinition()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.TABLE_ALREADY_EXISTS);
        assertThatThrownBy(() -> lake.query("DELETE FROM retail.orders", QueryOptions.defaults()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_SQL);
        assertThat(lake.describe(ORDERS).currentSnapshot()).isEmpty();
        assertThat(count("SELECT count(*) FROM retail.orders")).isZero();
    }
}
