package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document is served, complete and consistent with the routes and the JSON the API writes. */
class OpenApiDocumentTest {
    private static final Http HTTP = new Http();
    private static final ObjectMapper API_JSON = JsonMapping.objectMapper();
    private static InMemoryMetadataStore store;
    private static NorthstarServer server;
    private static JsonNode document;
    private static ApiRoutes routes;

    @BeforeAll
    static void start() {
        store = new InMemoryMetadataStore();
        server = NorthstarServer.start(ServerConfig.ephemeral(), new BrokenLakehouse(), store);
        Http.Response response = HTTP.get(server.baseUrl() + "/api/v1/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        document = response.json();
        BrokenLakehouse lake = new BrokenLakehouse();
        GovernanceRoutes governance = GovernanceRoutes.of(lake, store);
        RequestMetrics metrics = new RequestMetrics();
        FeatureRoutes features = new FeatureRoutes(lake, store, governance.reads().gateway(),
                dev.northstar.ingest.IngestSettings.defaults());
        List<ApiRoute> more = new ArrayList<>(features.api());
        more.addAll(new ModelRoutes(lake, store, features.online(), metrics.registry(), API_JSON,
                governance.reads().gateway()).api());
        more.addAll(new UseCaseRoutes(lake, store).api());
        more.addAll(new CockpitRoutes(period -> dev.northstar.cockpit.review.CockpitView.empty(
                java.time.Instant.now(), period), java.time.Clock.systemUTC()).api());
        more.addAll(new CockpitApiRoutes(lake, store, governance.reads().gateway()).api());
        routes = new ApiRoutes(lake, store, metrics, API_JSON, "test", dev.northstar.ingest.IngestSettings.defaults(),
                governance, more);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void documentHasTheTopLevelFieldsOfOpenApi31() {
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.get("info").get("title").asText()).isEqualTo("Northstar API");
        assertThat(document.get("info").get("version").asText()).isNotBlank();
        assertThat(document.get("paths").isObject()).isTrue();
        assertThat(document.get("components").get("securitySchemes").has("bearerToken")).isTrue();
    }

    @Test
    void everyRegisteredRouteIsDocumented() {
        assertThat(routes.routes()).hasSizeGreaterThanOrEqualTo(11);
        for (ApiRoute route : routes.routes()) {
            JsonNode operation = document.get("paths").path(route.path()).path(route.method().name()
                    .toLowerCase(Locale.ROOT));
            assertThat(operation.isObject()).as(route.method() + " " + route.path()).isTrue();
            assertThat(operation.get("operationId").asText()).isEqualTo(route.operationId());
            assertThat(operation.get("responses").has("200")).isTrue();
            assertThat(operation.get("security").isEmpty()).isEqualTo(route.access() == Access.PUBLIC);
            for (ApiRoute.Parameter parameter : route.parameters()) {
                assertThat(operation.get("parameters").findValuesAsText("name")).contains(parameter.name());
            }
        }
    }

    @Test
    void documentListsNothingThatIsNotRegistered() {
        Set<String> documented = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> registered = new TreeSet<>();
        routes.routes().forEach(route -> registered.add(route.method().name() + " " + route.path()));

        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void everyReferenceResolves() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);

        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(reference).startsWith("#/components/schemas/");
            assertThat(document.get("components").get("schemas").has(reference.substring(21)))
                    .as(reference).isTrue();
        }
    }

    @Test
    void schemasMatchTheJsonTheApiWrites() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        ApiBodies.Snapshot snapshot = new ApiBodies.Snapshot(1, Optional.empty(), now, "append", true,
                Optional.of("run"), 1, 1, Map.of("added-records", "1"));
        List<Object> samples = List.of(
                new ApiBodies.TableDetail("a.b", "a", "b", "", "/w", List.of(new ApiBodies.TableColumn(1, "id", "long",
                        true, "")), List.of(new ApiBodies.PartitionSpecField("id", "identity")),
                        List.of(new ApiBodies.SortOrderField("id", "asc", "first")), Map.of(), Optional.of(snapshot),
                        1, 1, 1),
                new ApiBodies.TableSummary("a.b", "a", "b", 1, 1, 1, Optional.of(1L), Optional.of(now)),
                new ApiBodies.SqlResult(List.of(new ApiBodies.ResultColumn("x", "DECIMAL(3,1)")),
                        List.of(List.of(new BigDecimal("1.5"))), 1, false, 1, 1, Map.of("a.b", 1L), 3),
                new ApiBodies.Me("ada", List.of("analyst"), Map.of("clearance", "internal")),
                Problem.of(dev.northstar.spi.error.ErrorCode.INVALID_SQL, "bad", Optional.of("fix it"), "/x"),
                new ProductBodies.RunSummary("r", "ingest", "SUCCEEDED", now, Optional.of(now), Optional.of(5L), 3, 2,
                        1, Optional.empty()),
                new ProductBodies.QuarantinedRow("r", "quarantined", "a.csv", Optional.of(4L), Optional.of(3L),
                        Optional.of(API_JSON.createObjectNode().put("amount", "-5")), Optional.empty(),
                        List.of(new ProductBodies.Reason("a.amount.minimum", "amount", "below 0")), Optional.of(now)),
                new ProductBodies.SloSummary("completeness", "met", 99, 99.5, 50, 0.5),
                new ProductBodies.LintProblem(4, 1, "version", "not semantic", "Write 1.0.0"),
                new ProductBodies.CheckResultBody("c", "row_count", Optional.of(4.0), "rows", "> 2", true, "error",
                        "row_count = 4"));
        for (Object sample : samples) {
            JsonNode json = API_JSON.readTree(API_JSON.writeValueAsString(sample));
            JsonNode schema = document.get("components").get("schemas").get(sample.getClass().getSimpleName());
            assertThat(schema).as(sample.getClass().getSimpleName()).isNotNull();
            Set<String> properties = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            Set<String> written = new TreeSet<>();
            json.fieldNames().forEachRemaining(written::add);
            assertThat(properties).as(sample.getClass().getSimpleName()).containsAll(written);
            for (JsonNode required : schema.get("required")) {
                assertThat(written).as(sample.getClass().getSimpleName()).contains(required.asText());
            }
        }
    }

    @Test
    void contractRoutesReadAndWriteYamlText() {
        JsonNode lint = document.get("paths").get("/api/v1/contracts/lint").get("post");
        JsonNode contract = document.get("paths").get("/api/v1/products/{domain}/{table}/contract").get("get");

        assertThat(lint.get("requestBody").get("content").get("text/yaml").get("schema").get("type").asText())
                .isEqualTo("string");
        assertThat(lint.get("responses").get("200").get("content").get("application/json").get("schema")
                .get("$ref").asText()).isEqualTo("#/components/schemas/LintResult");
        assertThat(contract.get("responses").get("200").get("content").has("text/yaml")).isTrue();
        assertThat(document.get("components").get("schemas").get("QuarantinedRow").get("properties")
                .get("raw_values").get("type").toString()).isEqualTo("[\"object\",\"null\"]");
    }

    @Test
    void sqlRequestSchemaRequiresOnlySql() {
        JsonNode schema = document.get("components").get("schemas").get("SqlRequest");

        assertThat(schema.get("required").toString()).isEqualTo("[\"sql\"]");
        assertThat(schema.get("properties").get("as_of").get("format").asText()).isEqualTo("date-time");
        assertThat(schema.get("properties").get("max_rows").get("type").toString()).isEqualTo("[\"integer\",\"null\"]");
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("$ref")) {
                    references.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), references);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, references));
        }
    }
}
