package dev.northstar.govern.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.govern.policy.ColumnMask;
import dev.northstar.govern.policy.TableAccess;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import dev.northstar.spi.security.Principal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway on a real lake: masks, row filters and denials hold however a query reaches the table. */
class SqlGatewayTest {
    static final TableId CUSTOMERS = TableId.parse("bank.customers");
    static final TableId ACCOUNTS = TableId.parse("bank.accounts");
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final Principal ANALYST = new Principal("ana", Set.of("analyst"), Map.of("domains", "analytics"));

    /** Raw values the analyst must never see, in any form the tests print. */
    static final List<String> SECRETS = List.of("Alice", "Bruno", "Carla", "Dmitri", "111-22-3333", "444-55-6666",
            "777-88-9999", "000-11-2222", "+3361234", "+1555", "48.8566", "52.52", "40.71", "1985-03-14", "US",
            "91000", "120000");

    @TempDir
    Path home;

    Lakehouse lake;
    SqlGateway gateway;
    long firstSnapshot;

    @BeforeEach
    void open() {
        lake = Lakehouse.open(LakeConfig.embedded(home));
        lake.createTable(CUSTOMERS, TableDefinition.of(TableSchema.of(Column.parse("id:long"),
                Column.parse("name:string"), Column.parse("ssn:string"), Column.parse("phone:string"),
                Column.parse("region:string"), Column.parse("born:date"), Column.parse("age:int"),
                Column.parse("lat:double"), Column.parse("salary:double"))));
        firstSnapshot = lake.write(CUSTOMERS, RowSource.sql("""
                SELECT * FROM (VALUES
                  (1, 'Alice', '111-22-3333', '+33612345678', 'EU', DATE '1985-03-14', 39, 48.8566, 91000.0),
                  (2, 'Bruno', '444-55-6666', '+15550100', 'US', DATE '1990-07-01', 34, 40.7128, 120000.0))
                  t(id, name, ssn, phone, region, born, age, lat, salary)"""), WriteOptions.append()).snapshotId();
        lake.write(CUSTOMERS, RowSource.sql("""
                SELECT * FROM (VALUES
                  (3, 'Carla', '777-88-9999', '+33698765432', 'EU', DATE '1979-11-30', 45, 52.5200, 91000.0),
                  (4, 'Dmitri', '000-11-2222', '+15550199', 'US', DATE '2001-01-05', 23, 40.7306, 120000.0))
                  t(id, name, ssn, phone, region, born, age, lat, salary)"""), WriteOptions.append());
        lake.createTable(ACCOUNTS, TableDefinition.of(TableSchema.of(Column.parse("id:long"),
                Column.parse("balance:double"))));
        lake.write(ACCOUNTS, RowSource.sql("SELECT 1 AS id, 91000.0 AS balance"), WriteOptions.append());
        TableAccess customers = new TableAccess(CUSTOMERS, true, Set.of("ssn"), Map.of(
                "id", new ColumnMask(ColumnMask.Kind.KEYED_HASH, Map.of()),
                "name", new ColumnMask(ColumnMask.Kind.REDACT, Map.of()),
                "phone", new ColumnMask(ColumnMask.Kind.PARTIAL, Map.of("keep", "4")),
                "born", new ColumnMask(ColumnMask.Kind.YEAR, Map.of()),
                "age", new ColumnMask(ColumnMask.Kind.AGE_BAND, Map.of("width", "10")),
                "lat", new ColumnMask(ColumnMask.Kind.GEO_GRID, Map.of("cell", "1")),
                "salary", new ColumnMask(ColumnMask.Kind.NULLIFY, Map.of()),
                "region", new ColumnMask(ColumnMask.Kind.REDACT, Map.of("text", "xx"))),
                List.of("region = 'EU'"), List.of("allow: analysts read bank.customers masked, EU rows"));
        gateway = new SqlGateway(lake, new FixedPolicy(Map.of("ana", Map.of(CUSTOMERS, customers)), Map.of()), KEY);
    }

    @AfterEach
    void close() {
        lake.close();
    }

    private QueryResult asAnalyst(String sql) {
        return gateway.query(ANALYST, Optional.empty(), sql, QueryOptions.defaults()).result();
    }

    static String hmac(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void starShowsAllowedColumnsMaskedAndOnlyFilteredRows() throws Exception {
        QueryResult result = asAnalyst("SELECT * FROM bank.customers ORDER BY age");

        assertThat(result.columns()).extracting(QueryResult.Column::name)
                .containsExactly("id", "name", "phone", "region", "born", "age", "lat", "salary");
        assertThat(result.rows()).hasSize(2);
        assertThat(result.rows().get(0)).containsExactly(hmac("1"), "****", "********5678", "xx", 1985L, "30-39",
                48.0, null);
        assertThat(result.rows().get(1)).containsExactly(hmac("3"), "****", "********5432", "xx", 1979L, "40-49",
                52.0, null);
    }

    @Test
    void deniedTableAndColumnNameWhatIsMissing() {
        assertThatThrownBy(() -> asAnalyst("SELECT * FROM bank.accounts"))
                .isInstanceOf(NorthstarException.class)
                .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN)
                .hasMessageContaining("ana may not read bank.accounts")
                .hasMessageContaining("missing read permission")
                .hasMessageContaining("no policy allows ana");
        assertThatThrownBy(() -> asAnalyst("SELECT c.id FROM bank.customers c JOIN bank.accounts a ON a.id = 1"))
                .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN)
                .hasMessageContaining("bank.accounts");
        for (String sql : List.of("SELECT ssn FROM bank.customers",
                "SELECT c.ssn FROM bank.customers c",
                "SELECT count(*) FROM bank.customers WHERE ssn LIKE '1%'",
                "WITH x AS (SELECT * FROM bank.customers) SELECT ssn FROM x",
                "SELECT * EXCLUDE (ssn) FROM bank.customers")) {
            assertThatThrownBy(() -> asAnalyst(sql)).as(sql)
                    .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN)
                    .hasMessageContaining("column bank.customers.ssn")
                    .hasMessageContaining("missing read permission");
        }
    }

    @Test
    void masksAndRowFiltersHoldThroughEveryQueryShape() {
        List<String> queries = List.of(
                "WITH c AS (SELECT * FROM bank.customers) SELECT * FROM c",
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 2) "
                        + "SELECT * FROM r, bank.customers",
                "SELECT * FROM (SELECT * FROM (SELECT name, phone, salary, region, lat FROM bank.customers))",
                "SELECT name, phone FROM bank.customers UNION ALL SELECT name, phone FROM bank.customers",
                "SELECT a.name, b.phone, a.salary FROM bank.customers a JOIN bank.customers b ON a.id = b.id",
                "SELECT * FROM bank.customers a, LATERAL (SELECT a.phone || a.name AS both) l",
                "SELECT * FROM bank.customers AT (VERSION => " + "FIRST" + ")",
                "SELECT name, max(salary) OVER (), lag(phone) OVER (ORDER BY id) FROM bank.customers",
                "SELECT phone FROM bank.customers EXCEPT SELECT 'nothing'",
                "SELECT CAST(born AS VARCHAR), CAST(lat AS DECIMAL(10,5)), salary::VARCHAR FROM bank.customers",
                "SELECT upper(name), substr(phone, 1, 6), reverse(phone), md5(phone) FROM bank.customers",
                "SELECT count(*) AS n, string_agg(region, ',') FROM bank.customers WHERE region <> 'EU'",
                "SELECT * FROM bank.customers WHERE region = 'US' OR salary > 100000 OR name = 'Bruno'",
                "SELECT list(phone), list(name) FROM bank.customers",
                "SELECT (SELECT max(phone) FROM bank.customers) AS p, (SELECT min(lat) FROM bank.customers) AS l");
        for (String template : queries) {
            String sql = template.replace("FIRST", Long.toString(firstSnapshot));
            QueryResult result = asAnalyst(sql);
            String shown = result.rows().stream().map(Object::toString).collect(Collectors.joining("\n"));
            for (String secret : SECRETS) {
                assertThat(shown).as(sql).doesNotContain(secret);
            }
        }
        assertThat(asAnalyst("SELECT count(*) FROM bank.customers").rows().get(0)).containsExactly(2L);
        assertThat(asAnalyst("SELECT count(*) FROM bank.customers AT (VERSION => " + firstSnapshot + ")")
                .rows().get(0)).containsExactly(1L);
        assertThat(asAnalyst("SELECT count(*) FROM bank.customers WHERE salary > 100000").rows().get(0))
                .containsExactly(0L);
        // A predicate that fails on a value cannot probe hidden rows: they show only NULLs to it.
        assertThat(asAnalyst("SELECT count(*) FROM bank.customers WHERE CASE WHEN born = 1990 "
                + "THEN error('a hidden row was born in 1990') ELSE true END").rows().get(0)).containsExactly(2L);
    }

    @Test
    void queriesCannotReachFilesSettingsOrViewDefinitions() throws Exception {
        Path outside = Files.writeString(home.resolveSibling(home.getFileName() + "-outside.csv"), "a\nsecret\n");
        String keyHex = HexFormat.of().formatHex(KEY);
        List<String> attempts = List.of(
                "SELECT * FROM read_csv('" + outside + "')",
                "SELECT * FROM read_csv('../" + outside.getFileName() + "')",
                "SELECT * FROM read_parquet('warehouse/**/*.parquet')",
                "SELECT * FROM read_json('/etc/passwd')",
                "SELECT * FROM glob('/*')",
                "SELECT * FROM parquet_metadata('x.parquet')",
                "SELECT * FROM '" + outside + "'",
                "SELECT * FROM duckdb_views",
                "SELECT * FROM duckdb_views()",
                "SELECT sql FROM sqlite_master",
                "SELECT * FROM pg_views",
                "SELECT * FROM information_schema.views",
                "SELECT * FROM pg_catalog.pg_views",
                "WITH duckdb_views AS (SELECT * FROM duckdb_views) SELECT * FROM duckdb_views",
                "SELECT * FROM (WITH v AS (SELECT 1) SELECT * FROM v), sqlite_master",
                "SELECT * FROM duckdb_settings()",
                "SELECT current_setting('allowed_directories')",
                "SELECT getenv('HOME')",
                "SELECT * FROM memory.main.ns_hash_key",
                "SELECT * FROM bank.customers, system.main.duckdb_views",
                "ATTACH '" + outside + "' AS x",
                "COPY bank.customers TO '" + outside + "'",
                "COPY bank.customers FROM '" + outside + "'",
                "INSTALL httpfs",
                "LOAD httpfs",
                "PRAGMA database_list",
                "SET enable_external_access = true",
                "RESET allowed_directories",
                "SELECT 1; SELECT * FROM read_csv('" + outside + "')",
                "CREATE TABLE bank.x AS SELECT 1",
                "DROP TABLE bank.customers",
                "EXPLAIN SELECT * FROM bank.customers",
                "EXPLAIN ANALYZE SELECT * FROM bank.customers",
                "SHOW TABLES",
                "SHOW ALL TABLES",
                "CREATE MACRO leak(x) AS x",
                "SELECT * FROM query('SELECT * FROM duckdb_views()')",
                "SELECT * FROM query_table('sqlite_master')");
        for (String sql : attempts) {
            assertThatThrownBy(() -> asAnalyst(sql)).as(sql)
                    .isInstanceOf(NorthstarException.class)
                    .satisfies(e -> {
                        NorthstarException error = (NorthstarException) e;
                        assertThat(error.code()).as(sql).isIn(ErrorCode.FORBIDDEN, ErrorCode.INVALID_SQL,
                                ErrorCode.TABLE_NOT_FOUND);
                        assertThat(error.getMessage()).as(sql).doesNotContain("secret", keyHex, "ns_hash_key(");
                    });
        }
        assertThat(lake.query("SELECT count(*) FROM bank.customers", QueryOptions.defaults()).rows().get(0))
                .containsExactly(4L);
        // DESCRIBE and SUMMARIZE of a table see the analyst's view of it.
        assertThat(asAnalyst("DESCRIBE bank.customers").rows()).extracting(row -> row.get(0))
                .contains("phone").doesNotContain("ssn");
        String summary = asAnalyst("SUMMARIZE bank.customers").rows().toString();
        for (String secret : SECRETS) {
            assertThat(summary).doesNotContain(secret);
        }
    }

    @Test
    void createTableAsWritesOnlyMaskedRowsAndOnlyIntoTheCallersDomain() throws Exception {
        TableId target = TableId.parse("analytics.eu_phones");
        GovernedTable created = gateway.createTableAs(ANALYST, Optional.empty(), target,
                "SELECT id, phone, region FROM bank.customers", WriteOptions.append());

        assertThat(created.decisions()).extracting(TableAccess::table).containsExactly(CUSTOMERS);
        // Read back without any guard: the stored rows are what the analyst could see, nothing more.
        QueryResult stored = lake.query("SELECT * FROM analytics.eu_phones ORDER BY phone", QueryOptions.defaults());
        assertThat(stored.rows()).containsExactly(List.of(hmac("3"), "********5432", "xx"),
                List.of(hmac("1"), "********5678", "xx"));

        assertThatThrownBy(() -> gateway.createTableAs(ANALYST, Optional.empty(), TableId.parse("bank.copy"),
                "SELECT 1 AS one", WriteOptions.append()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN)
                .hasMessageContaining("missing write permission on domain bank")
                .hasMessageContaining("own domains: analytics");
        assertThatThrownBy(() -> gateway.createTableAs(ANALYST, Optional.empty(), TableId.parse("analytics.acc"),
                "SELECT * FROM bank.accounts", WriteOptions.append()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN);
        assertThat(lake.exists(TableId.parse("analytics.acc"))).isFalse();
    }

    @Test
    void purposeIsPassedToThePolicy() {
        SqlGateway purposeBound = new SqlGateway(lake, new FixedPolicy(
                Map.of("ana", Map.of(ACCOUNTS, TableAccess.unrestricted(ACCOUNTS, "allow: fraud analysts"))),
                Map.of(ACCOUNTS, "fraud")), KEY);

        assertThatThrownBy(() -> purposeBound.query(ANALYST, Optional.of("marketing"), "SELECT * FROM bank.accounts",
                QueryOptions.defaults()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN)
                .hasMessageContaining("for purpose 'marketing'")
                .hasMessageContaining("may only be read for purpose fraud");
        GovernedQuery allowed = purposeBound.query(ANALYST, Optional.of("fraud"), "SELECT * FROM bank.accounts",
                QueryOptions.defaults());
        assertThat(allowed.result().rows()).containsExactly(List.of(1L, 91000.0));
        assertThat(allowed.decisions()).extracting(TableAccess::allowed).containsExactly(true);
    }

    @Test
    void projectionsMayNotReadOtherTablesOrFiles() {
        for (String filter : List.of("id IN (SELECT id FROM bank.accounts)",
                "region IN (SELECT a FROM read_csv('/etc/passwd'))")) {
            TableAccess leaky = new TableAccess(CUSTOMERS, true, Set.of(), Map.of(), List.of(filter), List.of("x"));
            SqlGateway bad = new SqlGateway(lake, new FixedPolicy(Map.of("ana", Map.of(CUSTOMERS, leaky)), Map.of()),
                    KEY);
            assertThatThrownBy(() -> bad.query(ANALYST, Optional.empty(), "SELECT * FROM bank.customers",
                    QueryOptions.defaults())).as(filter)
                    .hasFieldOrPropertyWithValue("code",
                            filter.contains("read_csv") ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_CONFIGURATION);
        }
    }

    @Test
    void maskOptionsCannotInjectSql() {
        TableAccess injected = new TableAccess(CUSTOMERS, true, Set.of(), Map.of(
                "phone", new ColumnMask(ColumnMask.Kind.PARTIAL, Map.of("keep", "4) || ssn || (1"))),
                List.of(), List.of("x"));
        SqlGateway bad = new SqlGateway(lake, new FixedPolicy(Map.of("ana", Map.of(CUSTOMERS, injected)), Map.of()),
                KEY);
        assertThatThrownBy(() -> bad.query(ANALYST, Optional.empty(), "SELECT phone FROM bank.customers",
                QueryOptions.defaults()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_CONFIGURATION)
                .hasMessageContaining("Mask PARTIAL of bank.customers.phone has keep = '4) || ssn || (1'");

        TableAccess quoted = new TableAccess(CUSTOMERS, true, Set.of(), Map.of(
                "name", new ColumnMask(ColumnMask.Kind.REDACT, Map.of("text", "x' || ssn || '"))),
                List.of("region = 'EU'"), List.of("x"));
        SqlGateway literal = new SqlGateway(lake, new FixedPolicy(Map.of("ana", Map.of(CUSTOMERS, quoted)), Map.of()),
                KEY);
        assertThat(literal.query(ANALYST, Optional.empty(), "SELECT DISTINCT name FROM bank.customers",
                QueryOptions.defaults()).result().rows()).containsExactly(List.of("x' || ssn || '"));
    }
}
