package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.cockpit.finops.Budgets;
import dev.northstar.cockpit.finops.CostAttribution;
import dev.northstar.cockpit.finops.PriceModels;
import dev.northstar.cockpit.finops.UseCaseLinks;
import dev.northstar.cockpit.kpi.BusinessKpis;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cockpit's telemetry routes over real HTTP on a free port: KPIs that move when a principal queries, business
 * KPIs evaluated through the gateway by the CDO's office only, costs by dimension, budgets with alerts raised once.
 */
class CockpitApiTest {
    private static final Http HTTP = new Http();
    private static final TableId ORDERS = TableId.parse("retail.orders");
    private static final String KPI = """
            kind: BusinessKpi
            id: order-count
            use_case: checkout
            name: Orders
            sql: SELECT count(*) FROM retail.orders
            target: {value: 10, direction: higher}
            run_as: {principal: reporter}
            """;
    private static final String BUDGET = """
            kind: Budget
            name: retail-monthly
            scope: {domain: retail}
            amount: 1e-18
            notify: ["webhook:finops"]
            """;

    private Path home;
    private Lakehouse lake;
    private JdbcMetadataStore store;
    private NorthstarServer server;
    private String cdo;
    private String analyst;

    @BeforeEach
    void start() throws Exception {
        home = Files.createTempDirectory("northstar-cockpit-test");
        lake = Lakehouse.open(LakeConfig.embedded(home));
        store = JdbcMetadataStore.open(lake.config());
        lake.createTableAs(ORDERS, "SELECT range AS order_id, 10.0 * range AS amount FROM range(12)",
                QueryOptions.defaults(), WriteOptions.append());
        cdo = store.tokens().create(new Principal("claire", Set.of("cdo"), Map.of()), Optional.empty()).secret();
        analyst = store.tokens().create(new Principal("bob", Set.of("analyst"), Map.of("domains", "retail")),
                Optional.empty()).secret();
        store.tokens().create(new Principal("reporter", Set.of(), Map.of("domains", "retail")), Optional.empty());
        server = NorthstarServer.start(new ServerConfig("127.0.0.1", 0), lake, store);
        SqlGateway gateway = SqlGateway.open(lake, store.database(), Settings.of(home, Map.of()));
        Clock clock = Clock.systemUTC();
        new BusinessKpis(store.database(), gateway, store.tokens(), new AuditLog(store.database()), clock)
                .apply(BusinessKpis.parse("kpi.yaml", KPI).orThrow(), KPI, "claire", false);
        new Budgets(store.database(), new CostAttribution(lake, store.database(),
                new PriceModels(store.database(), clock), UseCaseLinks.NONE), clock)
                .apply(Budgets.parse("budget.yaml", BUDGET).orThrow(), BUDGET, "claire", false);
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        lake.close();
        TestFiles.deleteTree(home);
    }

    private Http.Response get(String path, String token) {
        return HTTP.get(server.baseUrl() + path, Http.bearer(token));
    }

    private static JsonNode kpi(JsonNode list, String id) {
        return StreamSupport.stream(list.get("kpis").spliterator(), false)
                .filter(kpi -> kpi.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void kpisMoveWhenAPrincipalQueries() {
        Http.Response before = get("/api/v1/kpis", cdo);
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(kpi(before.json(), "adoption.active_users").get("value").asDouble()).isZero();
        JsonNode waste = kpi(before.json(), "economics.waste_tables");
        assertThat(waste.get("target").get("direction").asText()).isEqualTo("lower");
        JsonNode fairness = kpi(before.json(), "compliance.fairness_reports");
        assertThat(fairness.get("value").isNull()).isTrue();
        assertThat(fairness.get("status").asText()).isEqualTo("not measured");
        assertThat(fairness.get("not_measured").asText()).isEqualTo("no model is in production (no champion alias)");

        Http.Response query = HTTP.post(server.baseUrl() + "/api/v1/sql", "application/json",
                "{\"sql\": \"SELECT sum(amount) FROM retail.orders\"}", Http.bearer(analyst));
        assertThat(query.status()).as(query.body()).isEqualTo(200);

        JsonNode after = get("/api/v1/kpis?period=10d", cdo).json();
        assertThat(kpi(after, "adoption.active_users").get("value").asDouble()).isEqualTo(1);
        assertThat(kpi(after, "adoption.queries_per_day").get("value").asDouble()).isEqualTo(0.1);
        assertThat(kpi(after, "adoption.active_users").get("trend")).hasSize(12);
        assertThat(kpi(after, "economics.cost_per_query").get("value").isNumber()).isTrue();

        Http.Response badPeriod = get("/api/v1/kpis?period=forever", cdo);
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.json().get("detail").asText()).contains("Invalid period 'forever'");
        assertThat(HTTP.get(server.baseUrl() + "/api/v1/kpis").status()).isEqualTo(401);
    }

    @Test
    void businessKpisAreEvaluatedByTheCdoOfficeThroughTheGateway() {
        Http.Response refused = HTTP.post(server.baseUrl() + "/api/v1/kpis/business/order-count/evaluate",
                "application/json", "", Http.bearer(analyst));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asText()).contains("bob may not evaluate business KPIs");

        Http.Response evaluated = HTTP.post(server.baseUrl() + "/api/v1/kpis/business/order-count/evaluate",
                "application/json", "", Http.bearer(cdo));
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        assertThat(evaluated.json().get("outcome").asText()).isEqualTo("succeeded");
        assertThat(evaluated.json().get("value").asDouble()).isEqualTo(12);
        assertThat(evaluated.json().get("status").asText()).isEqualTo("on track");

        JsonNode listed = get("/api/v1/kpis/business", analyst).json().get("kpis").get(0);
        assertThat(listed.get("id").asText()).isEqualTo("order-count");
        assertThat(listed.get("use_case").asText()).isEqualTo("checkout");
        assertThat(listed.get("latest").get("value").asDouble()).isEqualTo(12);
        assertThat(listed.get("history")).hasSize(1);

        assertThat(HTTP.post(server.baseUrl() + "/api/v1/kpis/business/nothing/evaluate", "application/json", "",
                Http.bearer(cdo)).status()).isEqualTo(404);
    }

    @Test
    void costsByDimensionAndBudgetsWithAlertsRaisedOnce() {
        Http.Response costs = get("/api/v1/finops/costs?by=domain&period=7d", analyst);
        assertThat(costs.status()).as(costs.body()).isEqualTo(200);
        assertThat(costs.json().get("by").asText()).isEqualTo("domain");
        assertThat(costs.json().get("currency").asText()).isEqualTo("EUR");
        assertThat(costs.json().get("groups").get(0).get("key").asText()).isEqualTo("retail");
        assertThat(costs.json().get("groups").get(0).get("assets").get(0).asText()).isEqualTo("retail.orders");
        assertThat(costs.json().get("daily")).hasSize(7);
        assertThat(get("/api/v1/finops/costs?by=usecase&period=2026-11", analyst).status()).isEqualTo(200);
        Http.Response badBy = get("/api/v1/finops/costs?by=colour", analyst);
        assertThat(badBy.status()).isEqualTo(400);
        assertThat(badBy.json().get("detail").asText()).isEqualTo("Cannot group costs by 'colour'");

        JsonNode first = get("/api/v1/finops/budgets", cdo).json().get("budgets").get(0);
        assertThat(first.get("name").asText()).isEqualTo("retail-monthly");
        assertThat(first.get("scope").asText()).isEqualTo("domain");
        assertThat(first.get("raised")).hasSize(2);
        JsonNode again = get("/api/v1/finops/budgets", cdo).json().get("budgets").get(0);
        assertThat(again.get("raised")).isEmpty();
        assertThat(again.get("alerts")).hasSize(2);
        assertThat(again.get("alerts").get(1).get("threshold_percent").asInt()).isEqualTo(100);
    }

    @Test
    void budgetAlertsAreQueuedAndDeliveredToTheCdoOfficesWebhook() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hooks/t0k3n", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        try {
            assertThat(get("/api/v1/notifications", analyst).status()).isEqualTo(403);
            assertThat(get("/api/v1/finops/budgets", cdo).json().get("budgets").get(0).get("raised")).hasSize(2);
            JsonNode queued = get("/api/v1/notifications?status=pending", cdo).json().get("notifications");
            assertThat(queued).hasSize(2);
            assertThat(queued.get(0).get("recipient").asText()).isEqualTo("webhook:finops");
            assertThat(queued.get(0).get("subject").asText()).startsWith("Budget retail-monthly: ");

            // Without a URL for the webhook, delivery waits and says which key to set.
            Http.Response waiting = HTTP.post(server.baseUrl() + "/api/v1/notifications/deliver", "application/json",
                    "", Http.bearer(cdo));
            assertThat(waiting.status()).as(waiting.body()).isEqualTo(200);
            assertThat(waiting.json().get("retrying").asInt()).isEqualTo(2);
            assertThat(get("/api/v1/notifications", cdo).json().get("notifications").get(0).get("last_error")
                    .asText()).contains("set notify.webhooks.finops in northstar.yaml");

            // The URL set in northstar.yaml is read on the next delivery, without a restart.
            String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hooks/t0k3n";
            Files.writeString(home.resolve("northstar.yaml"), "notify:\n  webhooks:\n    finops: " + url + "\n");
            Http.Response refused = HTTP.post(server.baseUrl() + "/api/v1/notifications/deliver",
                    "application/json", "", Http.bearer(analyst));
            assertThat(refused.status()).isEqualTo(403);
            // Retries are due a minute later: the test asks for them as the deliverer would after that minute.
            store.database().call("make the retries due", handle -> handle.createUpdate(
                    "UPDATE ns_notifications SET next_attempt_at = 0").execute());
            Http.Response delivered = HTTP.post(server.baseUrl() + "/api/v1/notifications/deliver",
                    "application/json", "", Http.bearer(cdo));
            assertThat(delivered.json().get("delivered").asInt()).isEqualTo(2);
            assertThat(received).hasSize(2).allSatisfy(body -> assertThat(body).contains("\"budget\":\"retail-monthly\""));
            Http.Response listed = get("/api/v1/notifications?status=delivered", cdo);
            assertThat(listed.json().get("notifications")).hasSize(2);
            assertThat(listed.body()).doesNotContain("t0k3n");
        } finally {
            hook.stop(0);
        }
    }
}
