package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API over real HTTP against a real lakehouse. */
class ApiTest {
    private static TestPlatform platform;
    private static final Http HTTP = new Http();

    @BeforeAll
    static void start() {
        platform = TestPlatform.start();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static Http.Response get(String path) {
        return HTTP.get(platform.url(path), Http.bearer(platform.token));
    }

    private static Http.Response sql(String body) {
        return HTTP.post(platform.url("/api/v1/sql"), "application/json", body, Http.bearer(platform.token));
    }

    @Test
    void healthAndReadinessNeedNoToken() {
        Http.Response health = HTTP.get(platform.url("/api/v1/health"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("up");

        Http.Response ready = HTTP.get(platform.url("/api/v1/ready"));
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
        assertThat(ready.json().get("checks").get("catalog").asText()).isEqualTo("up");
        assertThat(ready.json().get("checks").get("metadata").asText()).isEqualTo("up");
    }

    @Test
    void requestWithoutTokenIsAnUnauthenticatedProblem() {
        Http.Response response = HTTP.get(platform.url("/api/v1/me"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).hasValue("Bearer realm=\"northstar\"");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).isEqualTo("https://northstar.dev/problems/unauthenticated");
        assertThat(problem.get("title").asText()).isEqualTo("Unauthenticated");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(problem.get("detail").asText()).isEqualTo("This request needs an API token");
        assertThat(problem.get("hint").asText()).contains("northstar token create");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/me");
    }

    @Test
    void requestWithUnknownTokenIsRejected() {
        Http.Response wrongSecret = HTTP.get(platform.url("/api/v1/me"),
                Http.bearer(platform.token.substring(0, platform.token.length() - 4) + "AAAA"));
        Http.Response garbage = HTTP.get(platform.url("/api/v1/tables"), Http.bearer("not-a-token"));

        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("detail").asText()).isEqualTo("The API token is unknown, revoked or expired");
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void onlyBearerCredentialsAreAccepted() {
        Http.Response response = HTTP.get(platform.url("/api/v1/me"), "Authorization", "Basic YWRhOnNlY3JldA==");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asText())
                .isEqualTo("The Authorization header must read 'Bearer <token>'");
    }

    @Test
    void revokedTokenIsRejected() {
        var issued = platform.store.tokens().create(dev.northstar.spi.security.Principal.of("temp", "analyst"),
                java.util.Optional.empty());
        assertThat(HTTP.get(platform.url("/api/v1/me"), Http.bearer(issued.secret())).status()).isEqualTo(200);

        platform.store.tokens().revoke(issued.token().id());

        assertThat(HTTP.get(platform.url("/api/v1/me"), Http.bearer(issued.secret())).status()).isEqualTo(401);
    }

    @Test
    void meReturnsThePrincipalWithRolesAndAttributes() {
        Http.Response response = get("/api/v1/me");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().toString()).isEqualTo(
                "{\"name\":\"ada\",\"roles\":[\"analyst\"],\"attributes\":{\"clearance\":\"internal\","
                        + "\"domains\":\"retail,crm\"}}");
    }

    @Test
    void consoleCookieAuthenticatesApiCalls() {
        Http.Response response = HTTP.get(platform.url("/api/v1/me"),
                "Cookie", Authentication.COOKIE + "=" + platform.token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").asText()).isEqualTo("ada");
    }

    @Test
    void domainsAndTables() {
        JsonNode domains = get("/api/v1/domains").json().get("domains");
        assertThat(domains.toString())
                .isEqualTo("[{\"name\":\"crm\",\"tables\":1},{\"name\":\"retail\",\"tables\":1}]");

        JsonNode tables = get("/api/v1/tables").json().get("tables");
        assertThat(tables).hasSize(2);
        JsonNode orders = get("/api/v1/tables?domain=retail").json().get("tables");
        assertThat(orders).hasSize(1);
        JsonNode summary = orders.get(0);
        assertThat(summary.get("table").asText()).isEqualTo("retail.orders");
        assertThat(summary.get("rows").asLong()).isEqualTo(100);
        assertThat(summary.get("files").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(summary.get("bytes").asLong()).isPositive();
        assertThat(summary.get("current_snapshot_id").isIntegralNumber()).isTrue();
        assertThat(summary.get("last_commit_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void describeTableShowsFieldIdsAndCurrentSnapshot() {
        JsonNode table = get("/api/v1/tables/retail/orders").json();

        assertThat(table.get("table").asText()).isEqualTo("retail.orders");
        assertThat(table.get("description").asText()).isEqualTo("Orders of the web shop");
        assertThat(table.get("columns").toString()).isEqualTo("["
                + "{\"field_id\":1,\"name\":\"id\",\"type\":\"long\",\"required\":true,\"doc\":\"\"},"
                + "{\"field_id\":2,\"name\":\"amount\",\"type\":\"decimal(12,2)\",\"required\":false,\"doc\":\"\"},"
                + "{\"field_id\":3,\"name\":\"customer\",\"type\":\"string\",\"required\":false,\"doc\":\"\"},"
                + "{\"field_id\":4,\"name\":\"ordered_at\",\"type\":\"timestamp\",\"required\":false,\"doc\":\"\"}]");
        assertThat(table.get("partitioning")).isEmpty();
        assertThat(table.get("sort_order")).isEmpty();
        assertThat(table.get("rows").asLong()).isEqualTo(100);
        assertThat(table.get("current_snapshot").get("total_records").asLong()).isEqualTo(100);
        assertThat(table.get("current_snapshot").get("current").asBoolean()).isTrue();
    }

    @Test
    void historyListsSnapshotsOldestFirstWithRunIds() {
        JsonNode snapshots = get("/api/v1/tables/retail/orders/history").json().get("snapshots");

        assertThat(snapshots).hasSize(2);
        assertThat(snapshots.get(0).get("run_id").asText()).isEqualTo(platform.firstRunId);
        assertThat(snapshots.get(0).get("added_records").asLong()).isEqualTo(60);
        assertThat(snapshots.get(0).get("parent_id").isNull()).isTrue();
        assertThat(snapshots.get(1).get("total_records").asLong()).isEqualTo(100);
        assertThat(snapshots.get(1).get("parent_id").asLong()).isEqualTo(snapshots.get(0).get("snapshot_id").asLong());
        assertThat(snapshots.get(1).get("current").asBoolean()).isTrue();
    }

    @Test
    void previewReturnsTheFirstRowsWithJsonFriendlyValues() {
        JsonNode preview = get("/api/v1/tables/retail/orders/preview?limit=3").json();

        assertThat(preview.get("columns").toString()).isEqualTo("[{\"name\":\"id\",\"type\":\"BIGINT\"},"
                + "{\"name\":\"amount\",\"type\":\"DECIMAL(12,2)\"},{\"name\":\"customer\",\"type\":\"VARCHAR\"},"
                + "{\"name\":\"ordered_at\",\"type\":\"TIMESTAMP\"}]");
        assertThat(preview.get("rows")).hasSize(3);
        assertThat(preview.get("row_count").asInt()).isEqualTo(3);
        assertThat(preview.get("truncated").asBoolean()).isTrue();
        for (JsonNode row : preview.get("rows")) {
            long id = row.get(0).asLong();
            assertThat(row.get(1).isNumber()).isTrue();
            assertThat(row.get(1).decimalValue()).isEqualByComparingTo(java.math.BigDecimal.valueOf(id * 15, 1));
            assertThat(row.get(2).asText()).isEqualTo("customer-" + id % 7);
            assertThat(row.get(3).asText()).isEqualTo(
                    java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusHours(id) + ":00");
        }

        assertThat(get("/api/v1/tables/retail/orders/preview").json().get("rows")).hasSize(50);
    }

    @Test
    void previewLimitIsValidated() {
        Http.Response outOfRange = get("/api/v1/tables/retail/orders/preview?limit=0");
        Http.Response notANumber = get("/api/v1/tables/retail/orders/preview?limit=many");

        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(outOfRange.json().get("errors").toString())
                .isEqualTo("{\"limit\":[\"must be between 1 and 1000\"]}");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("errors").get("limit").get(0).asText())
                .isEqualTo("'many' is not a whole number");
    }

    @Test
    void missingTableIsATableNotFoundProblem() {
        Http.Response response = get("/api/v1/tables/retail/ordres");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText()).isEqualTo("TABLE_NOT_FOUND");
        assertThat(problem.get("type").asText()).isEqualTo("https://northstar.dev/problems/table-not-found");
        assertThat(problem.get("title").asText()).isEqualTo("Table not found");
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asText()).contains("retail.ordres");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/tables/retail/ordres");
    }

    @Test
    void invalidTableNameIsAnInvalidArgument() {
        Http.Response response = get("/api/v1/tables/Retail/orders");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.json().get("detail").asText()).contains("Retail");
    }

    @Test
    void unknownRouteIsAResourceNotFoundProblem() {
        Http.Response response = get("/api/v1/nothing/here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(response.json().get("instance").asText()).isEqualTo("/api/v1/nothing/here");
    }

    @Test
    void sqlRoundTrip() {
        Http.Response response = sql("{\"sql\": \"SELECT count(*) AS orders, sum(amount) AS total, "
                + "max(ordered_at) AS latest FROM retail.orders\"}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.get("columns").get(0).get("name").asText()).isEqualTo("orders");
        assertThat(response.body()).contains("\"rows\":[[100,7425.00,\"2026-01-05T03:00:00\"]]");
        assertThat(result.get("truncated").asBoolean()).isFalse();
        assertThat(result.get("total_files").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(result.get("snapshots").get("retail.orders").isIntegralNumber()).isTrue();
        assertThat(result.get("millis").isIntegralNumber()).isTrue();
    }

    @Test
    void sqlHonoursMaxRowsAndSnapshotPins() {
        JsonNode history = get("/api/v1/tables/retail/orders/history").json().get("snapshots");
        long first = history.get(0).get("snapshot_id").asLong();

        JsonNode limited = sql("{\"sql\": \"SELECT id FROM retail.orders ORDER BY id\", \"max_rows\": 5}").json();
        JsonNode pinned = sql("{\"sql\": \"SELECT count(*) FROM retail.orders\", \"snapshot\": {\"retail.orders\": "
                + first + "}}").json();

        assertThat(limited.get("rows")).hasSize(5);
        assertThat(limited.get("truncated").asBoolean()).isTrue();
        assertThat(pinned.get("rows").toString()).isEqualTo("[[60]]");
        assertThat(pinned.get("snapshots").get("retail.orders").asLong()).isEqualTo(first);
    }

    @Test
    void sqlRequestErrorsAreCollectedAtOnce() {
        Http.Response response = sql("{\"sql\": \" \", \"max_rows\": -1, \"snapshot\": {\"orders\": 1}}");

        assertThat(response.status()).isEqualTo(400);
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(problem.get("errors").toString()).isEqualTo("{\"max_rows\":[\"must be between 0 and 100000\"],"
                + "\"snapshot\":[\"keys must name tables as domain.table, e.g. retail.orders\"],"
                + "\"sql\":[\"is required\"]}");
        assertThat(problem.get("detail").asText()).startsWith("The request is invalid: max_rows: must be between");
    }

    @Test
    void malformedSqlRequestsAreInvalidArguments() {
        Http.Response notJson = sql("{\"sql\": ");
        Http.Response unknownField = sql("{\"sql\": \"SELECT 1\", \"maxRows\": 3}");
        Http.Response wrongType = sql("{\"sql\": \"SELECT 1\", \"max_rows\": \"many\"}");
        Http.Response badInstant = sql("{\"sql\": \"SELECT 1\", \"as_of\": \"yesterday\"}");

        for (Http.Response response : List.of(notJson, unknownField, wrongType, badInstant)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
            assertThat(response.body()).doesNotContain("dev.northstar", "Exception", "jackson");
        }
        assertThat(notJson.json().get("errors").get("body").get(0).asText()).startsWith("is not valid JSON (line 1");
        assertThat(unknownField.json().get("errors").get("body").get(0).asText()).isEqualTo("unknown field 'maxRows'");
        assertThat(wrongType.json().get("errors").get("body").get(0).asText())
                .isEqualTo("field 'max_rows' has a value of the wrong type");
        assertThat(badInstant.json().get("errors").get("body").get(0).asText())
                .isEqualTo("field 'as_of' has a value of the wrong type");
    }

    @Test
    void invalidSqlIsAnInvalidSqlProblem() {
        Http.Response response = sql("{\"sql\": \"SELEC 1\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("INVALID_SQL");
        assertThat(response.json().get("detail").asText()).containsIgnoringCase("syntax error");
    }

    @Test
    void metricsExposeHttpRequestTimersByRoute() {
        get("/api/v1/tables/retail/orders");
        get("/api/v1/tables/retail/orders");
        HTTP.get(platform.url("/api/v1/no-such-route"));

        Http.Response metrics = HTTP.get(platform.url("/metrics"));

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        List<String> lines = new ArrayList<>(metrics.body().lines().toList());
        assertThat(lines).anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains("method=\"GET\"") && line.contains("route=\"/api/v1/tables/{domain}/{table}\"")
                && line.contains("status=\"200\""));
        assertThat(lines).anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains("route=\"unmatched\"") && line.contains("status=\"404\""));
        assertThat(lines).noneMatch(line -> line.contains("no-such-route"));
        assertThat(lines).anyMatch(line -> line.startsWith("jvm_memory_used_bytes"));
    }

    @Test
    void meterRegistryAcceptsMetersOfOtherModules() {
        platform.server.meterRegistry().counter("northstar.rows.loaded", "table", "retail.orders").increment(100);

        assertThat(HTTP.get(platform.url("/metrics")).body())
                .contains("northstar_rows_loaded_total{table=\"retail.orders\"} 100.0");
    }
}
