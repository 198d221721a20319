package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.spi.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data product routes over real HTTP, on a product built by the real modules: a contract applied, a messy CSV
 * ingested (4 valid rows, 2 quarantined), quality checks run twice.
 */
class ProductApiTest {
    private static final Http HTTP = new Http();
    private static final String PRODUCT = "/api/v1/products/sales/orders";

    private static ProductPlatform platform;

    @BeforeAll
    static void start() {
        platform = ProductPlatform.start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static JsonNode get(String path) {
        Http.Response response = HTTP.get(platform.url(path), Http.bearer(platform.token));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    @Test
    void listsProductsWithTheirTablesContractTeamLastRunAndSlos() {
        JsonNode products = get("/api/v1/products").get("products");

        assertThat(products).hasSize(1);
        JsonNode product = products.get(0);
        assertThat(product.get("domain").asText()).isEqualTo("sales");
        assertThat(product.get("name").asText()).isEqualTo("order-book");
        JsonNode table = product.get("tables").get(0);
        assertThat(table.get("table").asText()).isEqualTo("sales.orders");
        assertThat(table.get("contract_id").asText()).isEqualTo("sales-orders");
        assertThat(table.get("contract_version").asText()).isEqualTo("1.2.0");
        assertThat(table.get("contract_status").asText()).isEqualTo("active");
        assertThat(table.get("team").asText()).isEqualTo("order-team");
        assertThat(table.get("last_run").get("run_id").asText()).isEqualTo(platform.run.runId());
        assertThat(table.get("last_run").get("rows_quarantined").asLong()).isEqualTo(2);
        List<String> kinds = new ArrayList<>();
        table.get("slos").forEach(slo -> kinds.add(slo.get("kind").asText()));
        assertThat(kinds).contains("completeness", "availability");
    }

    @Test
    void describesTheContractSchemaWithClassificationAndPolicy() {
        JsonNode detail = get(PRODUCT);

        assertThat(detail.get("table").asText()).isEqualTo("sales.orders");
        assertThat(detail.get("contract_id").asText()).isEqualTo("sales-orders");
        assertThat(detail.get("contract_name").asText()).isEqualTo("Orders");
        assertThat(detail.get("description").get("purpose").asText())
                .isEqualTo("Orders of the web shop " + ProductPlatform.MALICIOUS);
        assertThat(detail.get("description").get("limitations").asText()).isEqualTo("Amounts in EUR only");
        assertThat(detail.get("policy").get("on_violation").asText()).isEqualTo("quarantine");
        assertThat(detail.get("policy").get("max_quarantine_share").asDouble()).isEqualTo(0.5);
        JsonNode schema = detail.get("schema");
        assertThat(schema).hasSize(4);
        assertThat(schema.get(0).get("name").asText()).isEqualTo("id");
        assertThat(schema.get(0).get("primary_key").asBoolean()).isTrue();
        assertThat(schema.get(0).get("required").asBoolean()).isTrue();
        assertThat(schema.get(1).get("classification").asText()).isEqualTo("confidential");
        assertThat(schema.get(3).get("constraints").get("minimum").asText()).isEqualTo("0");
        assertThat(schema.get(3).get("constraints").get("maximum").asText()).isEqualTo("1000");
        assertThat(detail.get("quality_rules").findValuesAsText("metric")).contains("invalidValues", "rowCount");
        assertThat(detail.get("sla").findValuesAsText("property")).containsExactly("latency", "availability");
    }

    @Test
    void servesTheContractYamlExactlyAsApplied() {
        Http.Response response = HTTP.get(platform.url(PRODUCT + "/contract"), Http.bearer(platform.token));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/yaml");
        assertThat(response.body()).isEqualTo(ProductPlatform.CONTRACT);
    }

    @Test
    void listsRunsWithRowsInValidQuarantinedStatusAndDuration() {
        JsonNode runs = get(PRODUCT + "/runs").get("runs");

        assertThat(runs).hasSize(1);
        JsonNode run = runs.get(0);
        assertThat(run.get("run_id").asText()).isEqualTo(platform.run.runId());
        assertThat(run.get("kind").asText()).isEqualTo("ingest");
        assertThat(run.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.get("rows_in").asLong()).isEqualTo(6);
        assertThat(run.get("rows_valid").asLong()).isEqualTo(4);
        assertThat(run.get("rows_quarantined").asLong()).isEqualTo(2);
        assertThat(run.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(run.get("finished_at").isTextual()).isTrue();
    }

    @Test
    void showsTheLatestCheckRunAndMetricHistory() {
        JsonNode quality = get(PRODUCT + "/quality");

        JsonNode latest = quality.get("latest");
        assertThat(latest.get("run_id").asText()).isEqualTo(platform.quality.run().id());
        assertThat(latest.get("results").size()).isEqualTo(platform.quality.run().results().size());
        // Only 4 valid rows reached the product: the contract's "more than 5 rows" check fails the run.
        assertThat(latest.get("passed").asBoolean()).isFalse();
        assertThat(latest.get("results").findValuesAsText("check_id")).contains("orders.rowCount");
        JsonNode rowCount = null;
        for (JsonNode series : quality.get("metrics")) {
            if (series.get("metric").asText().equals("row_count")) {
                rowCount = series;
            }
        }
        assertThat(rowCount).as(quality.toString()).isNotNull();
        assertThat(rowCount.get("points")).hasSize(2);
        assertThat(rowCount.get("points").get(1).get("value").asDouble()).isEqualTo(4.0);
    }

    @Test
    void evaluatesSlosWithErrorBudgetAndBurnRate() {
        JsonNode slos = get(PRODUCT + "/slo").get("slos");

        JsonNode completeness = null;
        for (JsonNode slo : slos) {
            if (slo.get("kind").asText().equals("completeness")) {
                completeness = slo;
            }
        }
        assertThat(completeness).as(slos.toString()).isNotNull();
        // 4 of 6 rows valid: the indicator is 66.67 %, far below any objective, so the budget is overspent.
        assertThat(completeness.get("good").asDouble()).isEqualTo(4.0);
        assertThat(completeness.get("total").asDouble()).isEqualTo(6.0);
        assertThat(completeness.get("indicator_percent").asDouble()).isCloseTo(66.6667, org.assertj.core.data
                .Offset.offset(0.001));
        assertThat(completeness.get("status").asText()).isEqualTo("breached");
        assertThat(completeness.get("error_budget_remaining_percent").asDouble()).isNegative();
        assertThat(completeness.get("burn_rate").asDouble()).isGreaterThan(1);
        assertThat(completeness.get("objective_percent").asDouble()).isBetween(0.0, 100.0);
    }

    @Test
    void browsesQuarantinedRowsWithRawValuesLineAndReasons() {
        JsonNode body = get(PRODUCT + "/quarantine?run=" + platform.run.runId() + "&limit=10");

        assertThat(body.get("run").asText()).isEqualTo(platform.run.runId());
        JsonNode rows = body.get("rows");
        assertThat(rows).hasSize(2);
        JsonNode negative = rows.get(0);
        assertThat(negative.get("line").asLong()).isEqualTo(4);
        assertThat(negative.get("source").asText()).endsWith("orders.csv");
        assertThat(negative.get("raw_values").get("amount").asText()).isEqualTo("-5.00");
        assertThat(negative.get("reasons").get(0).get("column").asText()).isEqualTo("amount");
        assertThat(negative.get("reasons").get(0).get("message").asText()).isNotBlank();
        JsonNode unknownStatus = rows.get(1);
        assertThat(unknownStatus.get("line").asLong()).isEqualTo(5);
        assertThat(unknownStatus.get("reasons").findValuesAsText("column")).contains("status");

        assertThat(get(PRODUCT + "/quarantine?run=no-such-run").get("rows")).isEmpty();
        // The run id is a literal, never SQL.
        assertThat(get(PRODUCT + "/quarantine?run=x%27%20OR%20%271%27%3D%271").get("rows")).isEmpty();
        assertThat(get(PRODUCT + "/quarantine?limit=1").get("rows")).hasSize(1);
    }

    @Test
    void quarantineLimitOutsideTheRangeIsAProblem() {
        Http.Response response = HTTP.get(platform.url(PRODUCT + "/quarantine?limit=0"),
                Http.bearer(platform.token));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(response.body()).contains("limit");
    }

    @Test
    void aTableNoContractGovernsIsNotFound() {
        Http.Response response = HTTP.get(platform.url("/api/v1/products/sales/customers"),
                Http.bearer(platform.token));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText()).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(problem.get("detail").asText()).isEqualTo("No data contract governs sales.customers");
        assertThat(problem.get("hint").asText()).contains("sales.orders");
    }

    @Test
    void productRoutesNeedAToken() {
        assertThat(HTTP.get(platform.url("/api/v1/products")).status()).isEqualTo(401);
        assertThat(HTTP.post(platform.url("/api/v1/contracts/lint"), "text/yaml", "kind: DataContract").status())
                .isEqualTo(401);
    }

    @Test
    void lintsABrokenContractWithLineColumnPathMessageAndHint() {
        String broken = """
                apiVersion: v3.1.0
                kind: DataContract
                id: broken
                version: 1.0.0
                status: active
                schema:
                  - name: orders
                    properties:
                      - name: amount
                        logicalType: money
                """;
        Http.Response response = HTTP.post(platform.url("/api/v1/contracts/lint"), "text/yaml", broken,
                Http.bearer(platform.token));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.get("valid").asBoolean()).isFalse();
        JsonNode problem = null;
        for (JsonNode candidate : result.get("problems")) {
            if (candidate.get("path").asText().endsWith("logicalType")) {
                problem = candidate;
            }
        }
        assertThat(problem).as(result.toString()).isNotNull();
        assertThat(problem.get("line").asInt()).isEqualTo(10);
        assertThat(problem.get("column").asInt()).isEqualTo(9);
        assertThat(problem.get("path").asText()).isEqualTo("schema[0].properties[0].logicalType");
        assertThat(problem.get("message").asText()).contains("money");
        assertThat(problem.get("hint").asText()).isNotBlank();
    }

    @Test
    void lintsAValidContractAsValid() {
        Http.Response response = HTTP.post(platform.url("/api/v1/contracts/lint"), "text/yaml",
                ProductPlatform.CONTRACT, Http.bearer(platform.token));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("valid").asBoolean()).isTrue();
        assertThat(response.json().get("problems")).isEmpty();
    }

    @Test
    void withAMetadataStoreOtherThanJdbcProductsAreUnavailableButLintWorks() {
        InMemoryMetadataStore memory = new InMemoryMetadataStore();
        String memoryToken = memory.tokens().create(Principal.of("ops", "admin"), Optional.empty()).secret();
        try (NorthstarServer other = NorthstarServer.start(ServerConfig.ephemeral(), platform.lake, memory)) {
            Http.Response products = HTTP.get(other.baseUrl() + "/api/v1/products", Http.bearer(memoryToken));
            Http.Response lint = HTTP.post(other.baseUrl() + "/api/v1/contracts/lint", "text/yaml",
                    ProductPlatform.CONTRACT, Http.bearer(memoryToken));

            assertThat(products.status()).isEqualTo(503);
            assertThat(products.json().get("code").asText()).isEqualTo("UNAVAILABLE");
            assertThat(products.json().get("hint").asText()).contains("JdbcMetadataStore");
            assertThat(lint.status()).isEqualTo(200);
            assertThat(lint.json().get("valid").asBoolean()).isTrue();
        }
    }

    @Test
    void lintOfAnEmptyBodyIsAProblem() {
        Http.Response response = HTTP.post(platform.url("/api/v1/contracts/lint"), "text/yaml", "  ",
                Http.bearer(platform.token));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).isEqualTo("The request body is empty");
    }
}
