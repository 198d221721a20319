package dev.northstar.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User SQL cannot reach files: the parser rejects file access, and the query database is sandboxed anyway. */
class QuerySandboxTest {
    private static final TableId SECRETS = TableId.parse("hr.salaries");

    @TempDir
    Path home;

    @TempDir
    Path outside;

    private Lakehouse lake;

    @BeforeEach
    void open() {
        lake = Lakehouse.open(LakeConfig.embedded(home));
        lake.createTable(SECRETS, TableDefinition.of(TableSchema.of(Column.parse("name:string"))));
        lake.write(SECRETS, RowSource.sql("SELECT 'ada' AS name"), WriteOptions.append());
    }

    @AfterEach
    void close() {
        lake.close();
    }

    @Test
    void queriesCannotNameFilesOrOtherCatalogs() throws Exception {
        Path csv = Files.writeString(outside.resolve("private.csv"), "a\n1\n");
        String warehouseFile;
        try (Stream<Path> files = Files.walk(home.resolve("warehouse"))) {
            warehouseFile = files.filter(path -> path.toString().endsWith(".parquet")).findFirst().orElseThrow()
                    .toString();
        }
        for (String sql : new String[] {
                "SELECT * FROM read_csv('" + csv + "')",
                "SELECT * FROM '" + csv + "'",
                "SELECT * FROM read_parquet('" + warehouseFile + "')",
                "SELECT * FROM hr.salaries WHERE name IN (SELECT a::VARCHAR FROM read_csv_auto('" + csv + "'))",
                "SELECT * FROM glob('/etc/*')",
                "SELECT * FROM memory.main.anything",
        }) {
            assertThatThrownBy(() -> lake.query(sql, QueryOptions.defaults())).as(sql)
                    .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN);
        }
        assertThatThrownBy(() -> lake.delete(SECRETS, "name IN (SELECT * FROM read_csv('" + csv + "'))", Map.of()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN);
        assertThat(lake.query("SELECT count(*) FROM hr.salaries, range(3)", QueryOptions.defaults()).rows().get(0))
                .containsExactly(3L);
    }

    @Test
    void queryDatabaseIsSandboxedToTheWarehouse() throws Exception {
        Path csv = Files.writeString(outside.resolve("private.csv"), "a\n1\n");
        try (DuckDbEngine engine = new DuckDbEngine(lake.config(), true); Connection connection = engine.connection()) {
            assertThatThrownBy(() -> DuckDbEngine.rows(connection, "SELECT * FROM read_csv('" + csv + "')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Permission Error");
            assertThatThrownBy(() -> DuckDbEngine.execute(connection,
                    "COPY (SELECT 1) TO '" + outside.resolve("leak.csv") + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Permission Error");
            assertThatThrownBy(() -> DuckDbEngine.execute(connection, "SET enable_external_access = true"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("locked");
            assertThatThrownBy(() -> DuckDbEngine.execute(connection, "INSTALL httpfs"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(outside.resolve("leak.csv")).doesNotExist();
    }

    @Test
    void queriesCannotReadSystemViewsSettingsOrTheEnvironment() {
        for (String sql : new String[] {
                "SELECT * FROM duckdb_views",
                "SELECT sql FROM sqlite_master",
                "SELECT * FROM pg_views",
                "SELECT * FROM pg_class",
                "WITH duckdb_views AS (SELECT * FROM duckdb_views) SELECT * FROM duckdb_views",
                "SELECT * FROM (WITH v AS (SELECT 1) SELECT * FROM v) a, v",
                "SELECT * FROM information_schema.views",
        }) {
            assertThatThrownBy(() -> lake.query(sql, QueryOptions.defaults())).as(sql)
                    .hasFieldOrPropertyWithValue("code", ErrorCode.TABLE_NOT_FOUND);
        }
        for (String sql : new String[] {
                "SELECT current_setting('allowed_directories')",
                "SELECT getenv('HOME')",
                "SELECT name FROM hr.salaries WHERE name = current_setting('temp_directory')",
        }) {
            assertThatThrownBy(() -> lake.query(sql, QueryOptions.defaults())).as(sql)
                    .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN);
        }
        // WITH queries, recursive ones included, still resolve.
        assertThat(lake.query("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3), "
                + "s AS (SELECT * FROM hr.salaries) SELECT count(*) FROM r, s", QueryOptions.defaults()).rows())
                .containsExactly(java.util.List.of(3L));
    }

    @Test
    void aGuardsProjectionIsTheOnlyViewOfTheTable() throws Exception {
        lake.write(SECRETS, RowSource.sql("SELECT 'grace' AS name"), WriteOptions.append());
        TableGuard guard = new TableGuard() {
            @Override
            public TableProjection project(TableId table, java.util.List<QueryResult.Column> columns) {
                return new TableProjection(java.util.List.of(TableProjection.ProjectedColumn.keyedHash("name")),
                        java.util.List.of("name <> 'grace'"));
            }

            @Override
            public byte[] hashKey() {
                return "sixteen byte key".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        };
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(guard.hashKey(), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal("ada".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));

        QueryOptions guarded = QueryOptions.defaults().withGuard(guard);
        assertThat(lake.query("SELECT * FROM hr.salaries", guarded).rows())
                .containsExactly(java.util.List.of(expected));
        assertThat(lake.query("WITH s AS (SELECT * FROM hr.salaries) SELECT count(*) FROM s, hr.salaries t",
                guarded).rows()).containsExactly(java.util.List.of(1L));
        // The unguarded path is unchanged.
        assertThat(lake.query("SELECT count(*) FROM hr.salaries", QueryOptions.defaults()).rows())
                .containsExactly(java.util.List.of(2L));
    }
}
