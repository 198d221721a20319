package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.govern.policy.ColumnMask;
import dev.northstar.govern.policy.TableAccess;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bypass attempts against the SQL path and the API over real HTTP, and against the governed gateway on the same
 * platform: each is refused with a problem document (or a FORBIDDEN error) and leaks nothing.
 */
class GatewayBypassTest {
    private static final Http HTTP = new Http();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "top-secret-outside-the-warehouse";
    private static TestPlatform platform;
    private static Path outside;

    @BeforeAll
    static void start() throws Exception {
        platform = TestPlatform.start();
        outside = Files.createTempDirectory("northstar-outside");
        Files.writeString(outside.resolve("secret.csv"), "value\n" + SECRET + "\n");
        Files.writeString(outside.resolve("secret.json"), "{\"value\": \"" + SECRET + "\"}\n");
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
        Files.deleteIfExists(outside.resolve("secret.csv"));
        Files.deleteIfExists(outside.resolve("secret.json"));
        Files.deleteIfExists(outside.resolve("leak.csv"));
        Files.deleteIfExists(outside);
    }

    private static Http.Response sql(String sql, String token) {
        ObjectNode body = JSON.createObjectNode().put("sql", sql);
        return HTTP.post(platform.url("/api/v1/sql"), "application/json", body.toString(), Http.bearer(token));
    }

    private static void assertProblem(Http.Response response, String attempt, Integer... statuses) {
        assertThat(response.status()).as(attempt + " -> " + response.body()).isIn((Object[]) statuses);
        assertThat(response.contentType()).as(attempt).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("title").asText()).as(attempt).isNotBlank();
        assertThat(response.body()).as(attempt).doesNotContain(SECRET, "root:x:0:0", "/etc/shadow");
    }

    @Test
    void sqlCannotReachFilesSettingsOrTheEngine() {
        String csv = outside.resolve("secret.csv").toString();
        String relative = "../../" + outside.getFileName() + "/secret.csv";
        List<String> attempts = List.of(
                "SELECT * FROM read_csv('" + csv + "')",
                "SELECT * FROM read_csv_auto('" + relative + "')",
                "SELECT * FROM read_csv('" + platform.home.resolve("warehouse").resolve("..").resolve("..")
                        .resolve(outside.getFileName()).resolve("secret.csv") + "')",
                "SELECT * FROM read_parquet('warehouse/**/*.parquet')",
                "SELECT * FROM read_json('" + outside.resolve("secret.json") + "')",
                "SELECT * FROM read_text('/etc/passwd')",
                "SELECT * FROM read_blob('/etc/passwd')",
                "SELECT * FROM glob('/etc/*')",
                "SELECT * FROM parquet_metadata('" + csv + "')",
                "SELECT * FROM '" + csv + "'",
                "SELECT * FROM \"" + csv + "\"",
                "SELECT * FROM retail.orders WHERE customer IN (SELECT value FROM read_csv('" + csv + "'))",
                "ATTACH '" + outside.resolve("db.duckdb") + "' AS other",
                "COPY retail.orders TO '" + outside.resolve("leak.csv") + "'",
                "COPY retail.orders FROM '" + csv + "'",
                "INSTALL httpfs",
                "LOAD httpfs",
                "PRAGMA database_list",
                "SET enable_external_access = true",
                "SET allowed_directories = ['/']",
                "RESET lock_configuration",
                "SELECT getenv('HOME')",
                "SELECT current_setting('allowed_directories')",
                "SELECT * FROM duckdb_settings()",
                "SELECT * FROM duckdb_views",
                "SELECT sql FROM sqlite_master",
                "SELECT * FROM information_schema.tables",
                "SELECT * FROM pg_catalog.pg_views",
                "SELECT * FROM memory.main.x",
                "SELECT 1; DROP TABLE retail.orders",
                "DROP TABLE retail.orders",
                "DELETE FROM retail.orders",
                "CREATE TABLE retail.copy AS SELECT * FROM retail.orders");
        for (String attempt : attempts) {
            assertProblem(sql(attempt, platform.token), attempt, 400, 403, 404);
        }
        assertThat(outside.resolve("leak.csv")).doesNotExist();
        assertThat(platform.lakehouse.query("SELECT count(*) FROM retail.orders", QueryOptions.defaults()).rows())
                .containsExactly(List.of(100L));
        // The same path still answers honest queries.
        assertThat(sql("SELECT count(*) AS n FROM retail.orders", platform.token).status()).isEqualTo(200);
    }

    @Test
    void missingForgedTamperedAndExpiredTokensAreRefused() throws Exception {
        String honest = "SELECT count(*) FROM retail.orders";
        Http.Response anonymous = HTTP.post(platform.url("/api/v1/sql"), "application/json",
                "{\"sql\": \"" + honest + "\"}");
        assertProblem(anonymous, "no token", 401);
        assertProblem(sql(honest, "nsk_forged0000000000000000000000000000"), "forged token", 401);
        String token = platform.token;
        String tampered = token.substring(0, token.length() - 1) + (token.endsWith("a") ? "b" : "a");
        assertProblem(sql(honest, tampered), "tampered token", 401);
        assertProblem(sql(honest, token + "x"), "extended token", 401);
        String expiring = platform.store.tokens().create(new Principal("eve", Set.of("analyst"), Map.of()),
                Optional.of(Duration.ofMillis(50))).secret();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Http.Response response = sql(honest, expiring);
        while (response.status() != 401 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            response = sql(honest, expiring);
        }
        assertProblem(response, "expired token", 401);
        assertThat(response.json().path("detail").asText() + response.body()).contains("expired");
    }

    /**
     * Jetty remembers the header lines of a connection and by default matched new ones ignoring case, so a token
     * differing from one sent earlier on the same connection only in the case of a letter was read as that token.
     * Every letter of a valid token, flipped, after the valid token on the same keep-alive connection, as a bearer
     * header and as the console's cookie.
     */
    @Test
    void aTokenDifferingOnlyInLetterCaseIsRefusedOnTheSameConnection() {
        String token = platform.token;
        String honest = "SELECT count(*) FROM retail.orders";
        int flipped = 0;
        for (int index = token.indexOf('_', 3) + 1; index < token.length(); index++) {
            char letter = token.charAt(index);
            if (!Character.isLetter(letter)) {
                continue;
            }
            char other = Character.isUpperCase(letter) ? Character.toLowerCase(letter) : Character.toUpperCase(letter);
            String variant = token.substring(0, index) + other + token.substring(index + 1);
            assertThat(sql(honest, token).status()).isEqualTo(200);
            assertProblem(sql(honest, variant), "case-flipped token at " + index, 401);
            String cookie = Authentication.COOKIE + "=";
            assertThat(HTTP.get(platform.url("/api/v1/tables"), "Cookie", cookie + token).status()).isEqualTo(200);
            assertProblem(HTTP.get(platform.url("/api/v1/tables"), "Cookie", cookie + variant),
                    "case-flipped cookie at " + index, 401);
            flipped++;
        }
        assertThat(flipped).as("letters in the token's random part").isGreaterThan(20);
    }

    @Test
    void pathTraversalInPathParametersIsRefused() {
        List<String> paths = List.of(
                "/api/v1/tables/..%2F..%2Fetc/passwd",
                "/api/v1/tables/..%2F../x",
                "/api/v1/tables/retail/..%2F..%2F..%2Fetc%2Fpasswd",
                "/api/v1/tables/%2e%2e/orders",
                "/api/v1/tables/retail/%2e%2e%2f%2e%2e%2fmetadata/preview",
                "/api/v1/tables/retail/orders%00/history",
                "/api/v1/tables/retail/..%5C..%5Corders/preview");
        for (String path : paths) {
            Http.Response response = HTTP.get(platform.url(path), Http.bearer(platform.token));
            assertThat(response.status()).as(path + " -> " + response.body()).isIn(400, 404);
            assertThat(response.body()).as(path).doesNotContain("root:x:0:0", "\"format-version\"",
                    platform.home.toString());
        }
    }

    /** A role that reads retail with customers partially masked, amounts withheld and only the first ten orders. */
    private static final String SHOP_ANALYSTS = """
            kind: AccessPolicy
            name: shop-analysts
            rules:
              - effect: allow
                subjects: {roles: [shop-analyst]}
                resources: {domains: [retail]}
              - effect: mask
                subjects: {roles: [shop-analyst]}
                resources: {tables: [retail.orders], columns: [customer]}
                mask: {kind: partial, keep: 1}
              - effect: deny
                subjects: {roles: [shop-analyst]}
                resources: {tables: [retail.orders], columns: [amount]}
              - effect: filter
                subjects: {roles: [shop-analyst]}
                resources: {tables: [retail.orders]}
                filter: id < 10
            """;

    @Test
    void masksFiltersAndDenialsHoldThroughEveryQueryShapeOverHttp() {
        var database = ((dev.northstar.lake.store.JdbcMetadataStore) platform.store).database();
        new dev.northstar.govern.policy.PolicyStore(database).apply(List.of(
                new dev.northstar.govern.policy.PolicyStore.Source("shop.yaml", SHOP_ANALYSTS)), "sofia");
        String bob = platform.store.tokens().create(new Principal("bob", Set.of("shop-analyst"), Map.of()),
                Optional.empty()).secret();
        for (String attempt : List.of(
                "SELECT * FROM retail.orders",
                "WITH o AS (SELECT * FROM retail.orders) SELECT * FROM o",
                "SELECT * FROM retail.orders UNION ALL SELECT * FROM retail.orders",
                "SELECT * FROM retail.orders EXCEPT SELECT * FROM retail.orders WHERE false",
                "SELECT a.* FROM retail.orders a JOIN retail.orders b USING (id)",
                "SELECT * FROM (SELECT * FROM retail.orders) AS sub WHERE id IN (SELECT id FROM retail.orders)",
                "SELECT max(id) OVER (), customer FROM retail.orders",
                "SELECT * FROM retail.orders WHERE id >= 10 OR customer = 'customer-3'",
                "SELECT upper(customer), id::VARCHAR, lower(customer) || '!' FROM retail.orders",
                "SELECT * FROM retail.orders AT (VERSION => " + platform.lakehouse.history(TestPlatform.ORDERS)
                        .get(0).snapshotId() + ")")) {
            Http.Response response = sql(attempt, bob);
            assertThat(response.status()).as(attempt + " -> " + response.body()).isEqualTo(200);
            JsonNode answer = response.json();
            assertThat(answer.path("rows").toString()).as(attempt).doesNotContain("customer-", "CUSTOMER-");
            assertThat(answer.path("columns").findValuesAsText("name")).as(attempt).doesNotContain("amount");
            for (JsonNode row : answer.path("rows")) {
                assertThat(row.toString()).as(attempt).doesNotContainPattern("\\b(1\\d|[2-9]\\d)\\b");
            }
        }
        for (String attempt : List.of(
                "SELECT sum(amount) FROM retail.orders",
                "SELECT * EXCLUDE (customer) FROM retail.orders WHERE amount > 0",
                "WITH o AS (SELECT amount FROM retail.orders) SELECT * FROM o",
                "SELECT count(*) FROM retail.orders o JOIN retail.orders p ON o.amount = p.amount")) {
            Http.Response denied = sql(attempt, bob);
            assertProblem(denied, attempt, 403);
            assertThat(denied.json().path("detail").asText()).as(attempt).contains("column retail.orders.amount");
        }
        Http.Response foreign = sql("SELECT * FROM crm.notes", bob);
        assertProblem(foreign, "another domain's table", 403);
        assertThat(foreign.json().path("detail").asText()).contains("bob may not read crm.notes");
        Http.Response preview = HTTP.get(platform.url("/api/v1/tables/crm/notes/preview"), Http.bearer(bob));
        assertProblem(preview, "another domain's preview", 403);
        // The console's table page still describes the table, and says why its rows are withheld.
        Http.Response page = HTTP.get(platform.url("/console/tables/crm/notes"), Http.bearer(bob));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"preview-withheld\"").contains("bob may not read crm.notes");

        // Every denial is in the audit log, with the principal and the table.
        var entries = new dev.northstar.govern.audit.AuditLog(database).list(
                dev.northstar.govern.audit.AuditQuery.latest()).entries();
        assertThat(entries).filteredOn(entry -> entry.event().principal().equals("bob")
                        && entry.event().action().equals("data.denied"))
                .hasSizeGreaterThanOrEqualTo(6)
                .anySatisfy(entry -> assertThat(entry.event().details().get("error")).contains("crm.notes"));
        assertThat(entries).filteredOn(entry -> entry.event().principal().equals("bob")
                        && entry.event().action().equals("data.read"))
                .allSatisfy(entry -> assertThat(entry.event().details())
                        .containsEntry("masked", "retail.orders.customer=partial")
                        .containsEntry("withheld", "retail.orders.amount")
                        .containsEntry("filtered", "retail.orders"));
    }

    @Test
    void governedGatewayHoldsMasksAndFiltersOnThePlatformsTables() {
        Principal analyst = new Principal("ada", Set.of("analyst"), Map.of("domains", "crm"));
        TableAccess orders = new TableAccess(TestPlatform.ORDERS, true, Set.of("amount"),
                Map.of("customer", new ColumnMask(ColumnMask.Kind.PARTIAL, Map.of("keep", "1"))),
                List.of("id < 10"), List.of("allow: analysts see the first ten orders, customers masked"));
        SqlGateway gateway = new SqlGateway(platform.lakehouse,
                (principal, purpose, table, columns) -> table.equals(TestPlatform.ORDERS) ? orders
                        : TableAccess.denied(table, "deny: no policy allows " + principal.name() + " to read "
                                + table),
                "a-platform-key-of-32-bytes-long!".getBytes(StandardCharsets.UTF_8));

        for (String attempt : List.of(
                "SELECT * FROM retail.orders",
                "WITH o AS (SELECT * FROM retail.orders) SELECT * FROM o",
                "SELECT * FROM retail.orders UNION ALL SELECT * FROM retail.orders",
                "SELECT a.* FROM retail.orders a JOIN retail.orders b USING (id)",
                "SELECT max(id) OVER (), customer FROM retail.orders",
                "SELECT * FROM retail.orders WHERE id >= 10 OR customer = 'customer-3'",
                "SELECT * FROM (SELECT customer || '' AS c, id::VARCHAR AS i FROM retail.orders)")) {
            QueryResult result = gateway.query(analyst, Optional.of("reporting"), attempt, QueryOptions.defaults())
                    .result();
            String shown = result.rows().stream().map(Object::toString).collect(Collectors.joining("\n"));
            assertThat(shown).as(attempt).doesNotContain("customer-");
            assertThat(result.columns()).extracting(QueryResult.Column::name).as(attempt).doesNotContain("amount");
            assertThat(result.rows()).as(attempt).allSatisfy(row -> assertThat(row.toString())
                    .doesNotContainPattern("\\b(1\\d|[2-9]\\d)\\b"));
        }
        assertThatThrownBy(() -> gateway.query(analyst, Optional.empty(), "SELECT sum(amount) FROM retail.orders",
                QueryOptions.defaults()))
                .isInstanceOf(NorthstarException.class)
                .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN)
                .hasMessageContaining("column retail.orders.amount");
        assertThatThrownBy(() -> gateway.query(analyst, Optional.empty(), "SELECT * FROM crm.notes",
                QueryOptions.defaults()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN)
                .hasMessageContaining("ada may not read crm.notes");
    }
}
