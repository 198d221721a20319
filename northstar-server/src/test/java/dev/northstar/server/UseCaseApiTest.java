package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditQuery;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The portfolio over HTTP on port 0: applied as YAML by a steward, listed and described as JSON with the business
 * case's numbers, refused to analysts, audited.
 */
class UseCaseApiTest {
    private static final Http HTTP = new Http();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static String demo(String name) {
        try (InputStream in = UseCaseApiTest.class.getResourceAsStream("/dev/northstar/cockpit/demo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int send(String method, String url, String body, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/yaml").method(method, body.isEmpty()
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void servesTheScoredAndCostedPortfolio() throws Exception {
        Path home = Files.createTempDirectory("northstar-usecases-api");
        Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home.resolve("data")));
        JdbcMetadataStore store = JdbcMetadataStore.open(lake.config());
        String steward = store.tokens().create(new Principal("cdo", Set.of("steward"), Map.of()), Optional.empty())
                .secret();
        String analyst = store.tokens().create(new Principal("ana", Set.of("analyst"), Map.of()), Optional.empty())
                .secret();
        try (NorthstarServer server = NorthstarServer.start(ServerConfig.ephemeral(), lake, store)) {
            String api = server.baseUrl() + "/api/v1/usecases";
            Http.Response refused = HTTP.post(api, "text/yaml", demo("card-fraud-scoring.yaml"), Http.bearer(analyst));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(HTTP.get(api).status()).isEqualTo(401);

            Http.Response created = HTTP.post(api, "text/yaml", demo("card-fraud-scoring.yaml"), Http.bearer(steward));
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(created.json().get("change").asText()).isEqualTo("created");
            assertThat(created.json().get("version").asLong()).isEqualTo(1);
            // Nothing of the finance pack exists in this lake: every link is a warning, not a failure.
            assertThat(created.json().get("warnings")).hasSize(3);
            assertThat(created.json().get("warnings").get(0).get("path").asText()).isEqualTo("links.products[0]");
            assertThat(HTTP.post(api, "text/yaml", demo("retail-next-best-offer.yaml"), Http.bearer(steward))
                    .status()).isEqualTo(200);
            assertThat(HTTP.post(api, "text/yaml", demo("card-fraud-scoring.yaml"), Http.bearer(steward)).json()
                    .get("change").asText()).isEqualTo("unchanged");

            Http.Response broken = HTTP.post(api, "text/yaml", demo("card-fraud-scoring.yaml")
                    .replace("likelihood: 2", "likelihood: 7"), Http.bearer(steward));
            assertThat(broken.status()).isEqualTo(400);
            assertThat(broken.json().get("detail").asText()).contains("request:23:5: risks[0].likelihood:"
                    + " likelihood must be from 1 to 5, got 7");

            JsonNode list = HTTP.get(api, Http.bearer(analyst)).json();
            JsonNode fraud = list.get("use_cases").get(0);
            assertThat(fraud.get("id").asText()).isEqualTo("card-fraud-scoring");
            assertThat(fraud.get("rank").asInt()).isEqualTo(1);
            assertThat(fraud.get("quadrant").asText()).isEqualTo("quick_win");
            assertThat(fraud.get("impact_score").decimalValue()).isEqualByComparingTo("4.50");
            assertThat(fraud.get("feasibility_score").decimalValue()).isEqualByComparingTo("3.67");
            // Base: B 2 400 000, C 430 000, O 500 000, 3 years at 8 %.
            // ROI = (7 200 000 - 1 790 000) / 1 790 000 = 3.0223; payback = ceil(12 × 500 000 / 1 970 000) = 4;
            // NPV = -500 000 + 1 970 000 × (1/1.08 + 1/1.1664 + 1/1.259712) = -500 000 + 5 076 881.06
            //     = 4 576 881.06.
            assertThat(fraud.get("roi").decimalValue()).isEqualByComparingTo("3.0223");
            assertThat(fraud.get("payback_months").asInt()).isEqualTo(4);
            assertThat(fraud.get("npv").decimalValue()).isEqualByComparingTo("4576881.06");
            assertThat(fraud.get("status").asText()).isEqualTo("production");
            assertThat(fraud.get("time_to_value").get("idea_to_mvp_days").asLong()).isEqualTo(49);
            // Low: B 1 500 000, C 400 000: ROI (4 500 000 - 1 700 000) / 1 700 000 = 1.6471.
            assertThat(fraud.get("scenarios").get("low").get("roi").decimalValue()).isEqualByComparingTo("1.6471");
            JsonNode offer = list.get("use_cases").get(1);
            assertThat(offer.get("quadrant").asText()).isEqualTo("core_bet");
            assertThat(offer.get("time_to_value").get("idea_to_production_days").isNull()).isTrue();

            JsonNode detail = HTTP.get(api + "/card-fraud-scoring", Http.bearer(analyst)).json();
            assertThat(detail.get("roi").decimalValue()).isEqualByComparingTo("3.0223");
            assertThat(detail.get("criteria").get("business_value").asInt()).isEqualTo(5);
            assertThat(detail.get("risks").get(1).get("criticality").asInt()).isEqualTo(10);
            assertThat(detail.get("risks").get(1).get("band").asText()).isEqualTo("high");
            assertThat(detail.get("links").get("models").get(0).asText()).isEqualTo("card-fraud");
            assertThat(detail.get("business_case").get("lines").get(2).get("source").asText()).isEqualTo("declared");
            assertThat(detail.get("history").get(0).get("applied_by").asText()).isEqualTo("cdo");
            assertThat(detail.get("status_history").get(0).get("status").asText()).isEqualTo("production");
            assertThat(HTTP.get(api + "/nope", Http.bearer(analyst)).status()).isEqualTo(404);

            // The OpenAPI document describes every field the routes write.
            JsonNode schemas = HTTP.get(server.baseUrl() + "/api/v1/openapi.json").json().get("components")
                    .get("schemas");
            for (Map.Entry<String, JsonNode> written : Map.of("UseCaseSummary", fraud, "UseCaseDetail", detail,
                    "ScenarioFigures", fraud.get("scenarios").get("base"), "UseCaseRisk", detail.get("risks").get(0),
                    "BusinessCaseView", detail.get("business_case")).entrySet()) {
                Set<String> documented = new TreeSet<>();
                schemas.get(written.getKey()).get("properties").fieldNames().forEachRemaining(documented::add);
                Set<String> fields = new TreeSet<>();
                written.getValue().fieldNames().forEachRemaining(fields::add);
                assertThat(documented).as(written.getKey()).isEqualTo(fields);
            }

            String offerYaml = demo("retail-next-best-offer.yaml").replace("title: Next best offer for loyalty"
                    + " customers", "title: Next best offer");
            assertThat(send("PUT", api + "/card-fraud-scoring", offerYaml, steward)).isEqualTo(400);
            assertThat(send("PUT", api + "/retail-next-best-offer", offerYaml, steward)).isEqualTo(200);
            assertThat(HTTP.get(api + "/retail-next-best-offer", Http.bearer(analyst)).json().get("version")
                    .asLong()).isEqualTo(2);
            assertThat(send("DELETE", api + "/retail-next-best-offer", "", analyst)).isEqualTo(403);
            assertThat(send("DELETE", api + "/retail-next-best-offer", "", steward)).isEqualTo(200);
            assertThat(HTTP.get(api, Http.bearer(analyst)).json().get("use_cases")).hasSize(1);

            assertThat(new AuditLog(store.database()).list(AuditQuery.latest()).entries())
                    .filteredOn(entry -> entry.event().action().startsWith("usecase."))
                    .extracting(entry -> entry.event().action() + " by " + entry.event().principal())
                    .contains("usecase.apply by cdo", "usecase.delete by cdo");
        } finally {
            store.close();
            lake.close();
        }
    }
}
