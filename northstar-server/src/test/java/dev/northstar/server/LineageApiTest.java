package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lineage API over real HTTP: graph, column lineage, impact, and OpenLineage events from outside. */
class LineageApiTest {
    private static final Http HTTP = new Http();
    private static LineagePlatform platform;

    @BeforeAll
    static void start() {
        platform = LineagePlatform.start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static Http.Response get(String path) {
        return HTTP.get(platform.url(path), Http.bearer(platform.token));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void theGraphAroundADerivedTableReachesItsSourceFiles() {
        Http.Response response = get("/api/v1/lineage/graph?name=retail.customer_revenue&direction=upstream&depth=4");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode graph = response.json();
        assertThat(graph.path("center").path("namespace").asText()).isEqualTo(platform.lineage.lakeNamespace());
        assertThat(graph.path("direction").asText()).isEqualTo("upstream");
        assertThat(graph.path("nodes")).extracting(node -> node.path("name").asText() + "@" + node.path("hops").asInt())
                .contains("retail.customer_revenue@0", "sql.retail.customer_revenue@1", "retail.orders@2",
                        "retail.customers@2", "ingest.retail.orders@3",
                        platform.ordersFile.toAbsolutePath() + "@4");
        JsonNode revenue = graph.path("nodes").get(0);
        assertThat(revenue.path("columns")).extracting(JsonNode::asText).containsExactly("email", "revenue", "orders");
        assertThat(revenue.path("table").asText()).isEqualTo("retail.customer_revenue");
        assertThat(revenue.path("product").asBoolean()).isFalse();
        assertThat(graph.path("nodes")).filteredOn(node -> node.path("name").asText().equals("retail.orders"))
                .singleElement().satisfies(orders -> assertThat(orders.path("product").asBoolean()).isTrue());
        assertThat(graph.path("column_edges")).extracting(edge -> edge.path("source").path("column").asText() + "->"
                + edge.path("target").path("column").asText() + ":" + edge.path("transformation").asText())
                .contains("amount->revenue:AGGREGATION", "email->email:IDENTITY");
        assertThat(graph.path("nodes")).filteredOn(node -> node.path("kind").asText().equals("job"))
                .allSatisfy(job -> assertThat(job.path("state").asText()).isEqualTo("COMPLETE"));
    }

    @Test
    void columnLineageAndImpact() {
        JsonNode columns = get("/api/v1/lineage/columns?name=retail.customer_revenue&column=revenue").json();
        assertThat(columns.path("upstream")).extracting(hop -> hop.path("column").path("name").asText() + "."
                + hop.path("column").path("column").asText() + ":" + hop.path("transformation").asText() + "@"
                + hop.path("hops").asInt())
                .containsExactly("retail.orders.amount:AGGREGATION@1",
                        platform.ordersFile.toAbsolutePath() + ".amount:IDENTITY@2");
        JsonNode impact = get("/api/v1/lineage/impact?namespace=file&name="
                + encode(platform.ordersFile.toAbsolutePath().toString()) + "&column=amount").json();
        assertThat(impact.path("datasets")).extracting(hop -> hop.path("dataset").path("name").asText() + "@"
                + hop.path("hops").asInt()).containsExactly("retail.orders@1", "retail.customer_revenue@2");
    }

    @Test
    void badQueriesAreProblemsThatSayWhatToDo() {
        Http.Response typo = get("/api/v1/lineage/graph?name=retail.ordrs");
        assertThat(typo.status()).isEqualTo(404);
        assertThat(typo.json().path("hint").asText()).contains("retail.orders");
        Http.Response depth = get("/api/v1/lineage/graph?name=retail.orders&depth=0");
        assertThat(depth.status()).isEqualTo(400);
        assertThat(depth.json().path("detail").asText()).contains("depth '0'");
        Http.Response column = get("/api/v1/lineage/impact?name=retail.orders&column=amont");
        assertThat(column.status()).isEqualTo(404);
        assertThat(column.json().path("hint").asText()).contains("amount");
    }

    @Test
    void anOutsideEventJoinsTheGraphAndABrokenOneIsAPreciseProblem() {
        String event = """
                {"eventType": "COMPLETE", "eventTime": "2024-06-01T12:00:00Z",
                 "producer": "https://github.com/dbt-labs/dbt-core",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run": {"runId": "0190a7b2-7c4e-7a1e-9f00-1234567890ab"},
                 "job": {"namespace": "dbt", "name": "marts.top_customers"},
                 "inputs": [{"namespace": "%s", "name": "retail.customer_revenue"}],
                 "outputs": [{"namespace": "postgres://warehouse", "name": "marts.top_customers"}]}
                """.formatted(platform.lineage.lakeNamespace());
        Http.Response accepted = HTTP.post(platform.url("/api/v1/lineage"), "application/json", event,
                Http.bearer(platform.token));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.json().path("kind").asText()).isEqualTo("RUN");
        JsonNode downstream = get("/api/v1/lineage/graph?name=retail.customer_revenue&direction=downstream").json();
        assertThat(downstream.path("nodes")).extracting(node -> node.path("name").asText())
                .contains("marts.top_customers");

        Http.Response rejected = HTTP.post(platform.url("/api/v1/lineage"), "application/json",
                event.replace("\"2024-06-01T12:00:00Z\"", "\"June 1st\"").replace("0190a7b2-", "x"),
                Http.bearer(platform.token));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        JsonNode problem = rejected.json();
        assertThat(problem.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(problem.path("errors").path("/eventTime").get(0).asText())
                .startsWith("'June 1st' is not an RFC 3339 date-time; fix: ");
        assertThat(problem.path("errors").path("/run/runId").get(0).asText()).contains("is not a UUID");
        assertThat(problem.path("errors").size()).isEqualTo(2);

        Http.Response anonymous = HTTP.post(platform.url("/api/v1/lineage"), "application/json", event);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void theRoutesAreInTheOpenApiDocument() {
        JsonNode paths = HTTP.get(platform.url("/api/v1/openapi.json")).json().path("paths");
        assertThat(paths.has("/api/v1/lineage")).isTrue();
        assertThat(paths.path("/api/v1/lineage/graph").path("get").path("operationId").asText())
                .isEqualTo("lineageGraph");
        assertThat(paths.has("/api/v1/lineage/impact")).isTrue();
        assertThat(paths.has("/api/v1/lineage/columns")).isTrue();
    }
}
