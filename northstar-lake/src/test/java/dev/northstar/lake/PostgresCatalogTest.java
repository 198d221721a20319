package dev.northstar.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lakehouse with its Iceberg catalog in PostgreSQL, configured by JDBC URL. */
class PostgresCatalogTest {
    @TempDir
    Path home;

    private String schema;

    @BeforeEach
    void createSchema() throws Exception {
        LocalPostgres.require("PostgresCatalogTest");
        schema = LocalPostgres.createSchema();
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema != null) {
            LocalPostgres.dropSchema(schema);
        }
    }

    @Test
    void catalogInPostgresqlThroughConfiguration() throws Exception {
        LakeConfig config = LakeConfig.from(dev.northstar.lake.config.Settings.load(home, java.util.Map.of(
                "NORTHSTAR_CATALOG_JDBC_URL", LocalPostgres.SERVER_URL + "?currentSchema=" + schema,
                "NORTHSTAR_CATALOG_USER", LocalPostgres.USER)));
        assertThat(config.isSqlite()).isFalse();
        TableId id = TableId.parse("finance.ledger");
        try (Lakehouse lake = Lakehouse.open(config)) {
            lake.createTable(id, TableDefinition.of(TableSchema.of(Column.parse("writer!:int"),
                    Column.parse("sequence!:int"))));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                int number = writer;
                futures.add(pool.submit(() -> {
                    for (int sequence = 0; sequence < 5; sequence++) {
                        lake.write(id, RowSource.sql("SELECT " + number + " AS writer, " + sequence + " AS sequence"),
                                WriteOptions.append());
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
            assertThat(lake.history(id)).hasSize(20);
        }
        try (Lakehouse reopened = Lakehouse.open(config)) {
            assertThat(reopened.tables()).containsExactly(id);
            QueryResult result = reopened.query("SELECT count(*), count(DISTINCT (writer, sequence)) "
                    + "FROM finance.ledger", QueryOptions.defaults());
            assertThat(result.rows().get(0)).containsExactly(20L, 20L);
            reopened.dropTable(id);
            assertThat(reopened.tables()).isEmpty();
        }
        // Nothing leaked into the embedded default.
        assertThat(home.resolve("northstar.db")).doesNotExist();
        try (var connection = LocalPostgres.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM " + schema + ".iceberg_tables")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }
}
