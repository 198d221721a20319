package dev.northstar.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Lakehouse#createTableAs}: a query's rows become a new table, through the sandboxed query path. */
class TableFromQueryTest {
    private static final TableId ORDERS = TableId.parse("retail.orders");

    @TempDir
    Path home;

    @TempDir
    Path outside;

    private Lakehouse lake;

    @BeforeEach
    void open() {
        lake = Lakehouse.open(LakeConfig.embedded(home));
        lake.createTable(ORDERS, TableDefinition.of(TableSchema.of(Column.parse("id!:long"),
                Column.parse("amount:decimal(10,2)"), Column.parse("day:date"), Column.parse("status:string"))));
        lake.write(ORDERS, RowSource.sql("SELECT * FROM (VALUES (1, 5.00, DATE '2024-06-01', 'paid'),"
                + " (2, 7.50, DATE '2024-06-01', 'paid'), (3, 1.25, DATE '2024-06-02', 'open'))"
                + " AS t(id, amount, day, status)"), WriteOptions.append());
    }

    @AfterEach
    void close() {
        lake.close();
    }

    @Test
    void theResultColumnsAndRowsBecomeTheTable() throws Exception {
        TableFromQuery created = lake.createTableAs(TableId.parse("retail.daily"), "SELECT day, sum(amount) AS revenue,"
                + " count(*) AS orders, sum(id) AS id_total, avg(amount) AS mean, list(status) AS statuses"
                + " FROM retail.orders GROUP BY day", WriteOptions.append().withRunId("run-1"));
        assertThat(created.inputs()).containsExactly(ORDERS);
        assertThat(created.write().rows()).isEqualTo(2);
        assertThat(created.write().runId()).isEqualTo("run-1");
        assertThat(created.table().columns()).extracting(column -> column.name() + ":" + column.type())
                .containsExactly("day:date", "revenue:decimal(38,2)", "orders:long", "id_total:decimal(38,0)",
                        "mean:double", "statuses:list<string>");
        assertThat(lake.query("SELECT day, revenue, orders FROM retail.daily ORDER BY day", QueryOptions.defaults())
                .rows()).extracting(row -> row.get(0) + " " + row.get(1) + " " + row.get(2))
                .containsExactly("2024-06-01 12.50 2", "2024-06-02 1.25 1");
        try (Stream<Path> staging = Files.list(home.resolve("warehouse").resolve(".staging"))) {
            assertThat(staging).isEmpty();
        }
    }

    @Test
    void filesStaySandboxedAndMistakesLeaveNoTable() throws Exception {
        Path csv = Files.writeString(outside.resolve("private.csv"), "a\n1\n");
        assertThatThrownBy(() -> lake.createTableAs(TableId.parse("retail.stolen"),
                "SELECT * FROM read_csv('" + csv + "')", WriteOptions.append()))
                .isInstanceOf(NorthstarException.class)
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> lake.createTableAs(ORDERS, "SELECT 1 AS one", WriteOptions.append()))
                .isInstanceOf(NorthstarException.class)
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.TABLE_ALREADY_EXISTS);
        assertThatThrownBy(() -> lake.createTableAs(TableId.parse("retail.unnamed"),
                "SELECT upper(status) FROM retail.orders", WriteOptions.append()))
                .isInstanceOf(NorthstarException.class)
                .hasMessageContaining("Result column 'upper(status)' of the query cannot name a column")
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.INVALID_SQL);
        assertThatThrownBy(() -> lake.createTableAs(TableId.parse("retail.intervals"),
                "SELECT INTERVAL 1 DAY AS gap", WriteOptions.append()))
                .isInstanceOf(NorthstarException.class).hasMessageContaining("gap").hasMessageContaining("INTERVAL");
        assertThat(lake.tables()).containsExactly(ORDERS);
    }
}
