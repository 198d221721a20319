package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.features.FeatureViewStore;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelSpecParser;
import dev.northstar.ml.Trainer;
import dev.northstar.ml.TrainingSource;
import dev.northstar.ml.serving.ScoringLoad;
import dev.northstar.packs.finance.FinanceData;
import dev.northstar.packs.finance.FinancePack;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Real-time scoring over HTTP on the finance pack's feature views: a small fraud model reading two request fields and
 * two online features of card_velocity; four-eyes promotion, scoring with reasons, online features after posted
 * events, a challenger in shadow, a new champion picked up, drift, metrics and the prediction log.
 */
class ScoringApiTest {
    private static final Http HTTP = new Http();
    private static final String MODEL = "card-fraud-lite";
    private static final String SPEC = """
            kind: Model
            name: card-fraud-lite
            description: Probability that a card payment is fraudulent, from its amount and the card's velocity.
            task: binary_classification
            training:
              table: lab.card_payments
              features: [amount, is_online, txn_count_10m, amount_sum_1h]
              label: is_fraud
              timestamp: event_time
              split:
                validation_fraction: 0.25
            params:
              max_depth: 3
              eta: 0.3
              rounds: ROUNDS
              seed: 3
            costs:
              false_positive: 1
              false_negative: 10
            """;

    @Test
    void scoresWithOnlineFeaturesReasonsShadowAndDrift() throws Exception {
        Path home = Files.createTempDirectory("northstar-scoring-api");
        Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home.resolve("data")));
        JdbcMetadataStore store = JdbcMetadataStore.open(lake.config());
        FinancePack.load(lake, store, IngestSettings.defaults(),
                FinanceData.Scale.endingOn(10_000, LocalDate.now(ZoneOffset.UTC).minusDays(1)), home.resolve("pack"));
        new FeatureViewStore(store.database()).apply(FinancePack.copyResources(home.resolve("views"), "features",
                FinancePack.FEATURE_VIEWS), "test");
        createPayments(lake);
        ModelRegistry registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
        Principal ada = Principal.of("ada", "engineer");
        String adaToken = store.tokens().create(ada, Optional.empty()).secret();
        String bob = store.tokens().create(Principal.of("bob", "validator"), Optional.empty()).secret();
        String scorer = store.tokens().create(Principal.of("checkout", "scorer"), Optional.empty()).secret();
        String producer = store.tokens().create(new Principal("acquirer", Set.of("producer"), Map.of()),
                Optional.empty()).secret();
        String card = "990001";
        String request = "{\"request_id\": \"REQ\", \"entities\": {\"card_id\": " + card + "},"
                + " \"fields\": {\"amount\": 2.5, \"is_online\": true}}";
        try (NorthstarServer server = NorthstarServer.start(ServerConfig.ephemeral(), lake, store)) {
            String base = server.baseUrl() + "/api/v1";
            Http.Response unknown = HTTP.post(base + "/score/" + MODEL, "application/json", request,
                    Http.bearer(scorer));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("detail").asText()).contains("has no champion").contains("not registered");

            int first = registry.register(train(lake, 15), ada).version();
            Http.Response noChampion = HTTP.post(base + "/score/" + MODEL, "application/json", request,
                    Http.bearer(scorer));
            assertThat(noChampion.status()).isEqualTo(404);
            assertThat(noChampion.json().get("hint").asText()).contains("promote");

            // Four-eyes over HTTP: the trainer can neither approve nor promote alone.
            String version1 = base + "/models/" + MODEL + "/versions/" + first;
            Http.Response selfApproval = HTTP.post(version1 + "/approve", "application/json", "{}",
                    Http.bearer(adaToken));
            assertThat(selfApproval.status()).isEqualTo(403);
            assertThat(selfApproval.json().get("detail").asText()).contains("ada trained").contains("four-eyes");
            Http.Response early = HTTP.post(version1 + "/promote", "application/json", "{\"alias\": \"champion\"}",
                    Http.bearer(adaToken));
            assertThat(early.status()).isEqualTo(403);
            assertThat(early.json().get("detail").asText()).contains("no approval by a principal other than");
            assertThat(HTTP.post(version1 + "/approve", "application/json", "{\"comment\": \"card read\"}",
                    Http.bearer(bob)).json().get("approver").asText()).isEqualTo("bob");
            Http.Response promoted = HTTP.post(version1 + "/promote", "application/json",
                    "{\"alias\": \"champion\"}", Http.bearer(bob));
            assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);

            // Scoring with reasons; the card has no recent payment yet.
            JsonNode quiet = score(base, request.replace("REQ", "q1"), scorer);
            assertThat(quiet.get("version").asInt()).isEqualTo(first);
            assertThat(quiet.get("reasons")).hasSize(3);
            assertThat(quiet.get("reasons").get(0).has("contribution")).isTrue();
            assertThat(quiet.get("features").get("txn_count_10m").asDouble()).isZero();
            assertThat(quiet.get("features").get("amount").asDouble()).isEqualTo(2.5);
            assertThat(quiet.get("threshold").asDouble()).isBetween(0.0, 1.0);

            // Online features: three payments posted now are read by the next score.
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String events = "{\"events\": [" + Payments.event(91_000_001, card, now.minusSeconds(120),
                    "1.50") + ", " + Payments.event(91_000_002, card, now.minusSeconds(60), "0.90")
                    + ", " + Payments.event(91_000_003, card, now.minusSeconds(30), "2.10") + "]}";
            assertThat(HTTP.post(base + "/events/card-transactions", "application/json", events,
                    Http.bearer(producer)).status()).isEqualTo(202);
            JsonNode busy = score(base, request.replace("REQ", "q2"), scorer);
            assertThat(busy.get("features").get("txn_count_10m").asDouble()).isEqualTo(3);
            assertThat(busy.get("features").get("amount_sum_1h").asDouble()).isEqualTo(4.5);
            assertThat(busy.get("score").asDouble()).isGreaterThan(quiet.get("score").asDouble());
            assertThat(busy.get("decision").asBoolean()).isTrue();

            // Roles and bad input.
            Http.Response refused = HTTP.post(base + "/score/" + MODEL, "application/json", request,
                    Http.bearer(producer));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("detail").asText()).contains("score with models").contains("scorer");
            Http.Response noKey = HTTP.post(base + "/score/" + MODEL, "application/json",
                    "{\"fields\": {\"amount\": 1}}", Http.bearer(scorer));
            assertThat(noKey.status()).isEqualTo(400);
            assertThat(noKey.json().get("detail").asText()).contains("card_velocity").contains("card_id");

            // A challenger, scored in shadow.
            int second = registry.register(train(lake, 30), ada).version();
            assertThat(HTTP.post(base + "/models/" + MODEL + "/versions/" + second + "/promote", "application/json",
                    "{\"alias\": \"challenger\"}", Http.bearer(adaToken)).status()).isEqualTo(200);
            await(() -> HTTP.get(base + "/models/" + MODEL, Http.bearer(bob)).json().get("serving")
                    .path("challenger").asInt() == second, "the challenger to serve in shadow");
            for (int i = 0; i < 30; i++) {
                score(base, request.replace("REQ", "s" + i).replace("2.5", Integer.toString(i * 20)), scorer);
            }

            JsonNode models = HTTP.get(base + "/models", Http.bearer(bob)).json();
            assertThat(models.get("models").get(0).get("name").asText()).isEqualTo(MODEL);
            assertThat(models.get("models").get(0).get("aliases").get("champion").asInt()).isEqualTo(first);
            JsonNode detail = HTTP.get(version1, Http.bearer(bob)).json();
            assertThat(detail.get("metrics").get("roc_auc").asDouble()).isGreaterThan(0.5);
            assertThat(detail.get("lineage").get(0).get("table").asText()).isEqualTo("lab.card_payments");
            assertThat(detail.get("approvals").get(0).get("approver").asText()).isEqualTo("bob");
            assertThat(detail.get("aliases")).extracting(JsonNode::asText).containsExactly("champion");
            Http.Response markdown = HTTP.get(version1 + "/card", Http.bearer(bob));
            assertThat(markdown.contentType()).startsWith("text/markdown");
            assertThat(markdown.body()).contains(MODEL);
            assertThat(HTTP.get(version1 + "/card?format=html", Http.bearer(bob)).body()).contains("<html");

            JsonNode drift = HTTP.get(base + "/models/" + MODEL + "/drift?rows=500", Http.bearer(bob)).json();
            assertThat(drift.get("version").asInt()).isEqualTo(first);
            assertThat(drift.get("rows").asInt()).isGreaterThanOrEqualTo(32);
            assertThat(drift.get("variables")).extracting(variable -> variable.get("name").asText())
                    .containsExactly("amount", "is_online", "txn_count_10m", "amount_sum_1h", "__score__");
            // Every live request is online while about a third of training payments were: is_online drifted.
            assertThat(drift.get("drifted").asBoolean()).isTrue();
            // ... and the drift is an incident in the same queue as the data-quality ones.
            assertThat(new dev.northstar.quality.IncidentStore(store.database()).list(
                    Optional.of(TableId.parse("ml.predictions")), Optional.empty()))
                    .singleElement().satisfies(incident -> {
                        assertThat(incident.checkId()).isEqualTo("drift:" + MODEL);
                        assertThat(incident.detail()).contains("is_online");
                    });

            // A new champion is served within seconds.
            HTTP.post(base + "/models/" + MODEL + "/versions/" + second + "/approve", "application/json", "{}",
                    Http.bearer(bob));
            assertThat(HTTP.post(base + "/models/" + MODEL + "/versions/" + second + "/promote", "application/json",
                    "{\"alias\": \"champion\"}", Http.bearer(bob)).status()).isEqualTo(200);
            await(() -> score(base, request.replace("REQ", "n" + System.nanoTime()), scorer).get("version")
                    .asInt() == second, "the new champion to serve");

            String metrics = HTTP.get(server.baseUrl() + "/metrics").body();
            assertThat(metrics).contains("northstar_scoring_latency_seconds_count{model=\"" + MODEL
                    + "\",outcome=\"scored\"}").contains("northstar_scoring_predictions_logged_total")
                    .contains("northstar_scoring_predictions_dropped_total");
            assertThat(HTTP.get(base + "/openapi.json").body()).contains("/api/v1/score/{model}")
                    .contains("/api/v1/models/{name}/drift");

            // Sustained load over loopback HTTP: 2 s by default; -Dnorthstar.scoring-load.seconds=25 measures.
            int seconds = Integer.getInteger("northstar.scoring-load.seconds", 2);
            int rate = Integer.getInteger("northstar.scoring-load.rate", 1_000);
            ScoringLoad.Result load = ScoringLoad.run(URI.create(base + "/score/" + MODEL), scorer,
                    i -> "{\"entities\": {\"card_id\": " + (990_000 + i % 500) + "}, \"fields\": {\"amount\": "
                            + (i % 400) + ".5, \"is_online\": " + (i % 3 == 0) + "}}", rate,
                    Duration.ofSeconds(seconds), Duration.ofSeconds(Math.min(5, seconds)));
            System.out.println(load.json());
            // The service's own view (no HTTP, no authentication): the latency timer's percentiles.
            HTTP.get(server.baseUrl() + "/metrics").body().lines()
                    .filter(line -> line.startsWith("northstar_scoring_latency_seconds{") && line.contains("scored"))
                    .forEach(System.out::println);
            assertThat(load.failed()).as(load.json()).isZero();
        }
        // Closing the server flushed the log: every served prediction and the challenger's shadow rows.
        assertThat(count(lake, "NOT shadow AND version = 1")).isGreaterThanOrEqualTo(32);
        assertThat(count(lake, "shadow AND version = 2")).isGreaterThanOrEqualTo(30);
        assertThat(count(lake, "NOT shadow AND version = 2")).isGreaterThanOrEqualTo(1_000);
        assertThat(count(lake, "request_id = 'q2' AND NOT shadow AND features LIKE '%\"txn_count_10m\":3.0%'"))
                .isEqualTo(1);

        // Labels arrive later (chargebacks keyed by the request id): the live evaluation joins them with the log.
        lake.createTableAs(TableId.parse("lab.chargebacks"), "SELECT 's' || range AS request, range % 3 = 0 AS fraud"
                + " FROM range(30)", QueryOptions.defaults(), WriteOptions.append());
        String admin = store.tokens().create(dev.northstar.spi.security.Principal.of("root", "admin"),
                Optional.empty()).secret();
        try (NorthstarServer again = NorthstarServer.start(ServerConfig.ephemeral(), lake, store)) {
            String evaluation = again.baseUrl() + "/api/v1/models/" + MODEL + "/evaluation?labels=lab.chargebacks"
                    + "&key=request&label=fraud&version=1";
            JsonNode live = HTTP.get(evaluation, Http.bearer(admin)).json();
            assertThat(live.get("labelled").asLong()).as(live.toString()).isEqualTo(30);
            assertThat(live.get("positives").asLong()).isEqualTo(10);
            assertThat(live.get("roc_auc").isNumber()).isTrue();
            Http.Response bad = HTTP.get(evaluation.replace("key=request", "key=request;drop"), Http.bearer(admin));
            assertThat(bad.status()).isEqualTo(400);
            Http.Response outsider = HTTP.get(evaluation, Http.bearer(store.tokens().create(
                    dev.northstar.spi.security.Principal.of("eve", "analyst"), Optional.empty()).secret()));
            assertThat(outsider.status()).isEqualTo(403);
        }
        store.close();
        lake.close();
        TestFiles.deleteTree(home);
    }

    /** Payments with the model's inputs: fraud comes in bursts of payments and with large amounts. */
    private static void createPayments(Lakehouse lake) {
        lake.createTableAs(TableId.parse("lab.card_payments"), """
                SELECT id, TIMESTAMP '2026-01-01 00:00:00' + id * INTERVAL 1 MINUTE AS event_time,
                       round(u1 * u1 * 500, 2) AS amount, u2 < 0.35 AS is_online,
                       floor(u3 * u3 * 6)::BIGINT AS txn_count_10m, round(u4 * 300, 2) AS amount_sum_1h,
                       (floor(u3 * u3 * 6) >= 3 OR u1 * u1 * 500 > 420 OR u5 < 0.02) AS is_fraud
                FROM (SELECT range AS id,
                             (hash(range * 17 + 1) % 1000003) / 1000003.0 AS u1,
                             (hash(range * 17 + 2) % 1000003) / 1000003.0 AS u2,
                             (hash(range * 17 + 3) % 1000003) / 1000003.0 AS u3,
                             (hash(range * 17 + 4) % 1000003) / 1000003.0 AS u4,
                             (hash(range * 17 + 5) % 1000003) / 1000003.0 AS u5
                      FROM range(0, 3000))
                """, QueryOptions.defaults(), WriteOptions.append());
    }

    private static dev.northstar.ml.TrainedModel train(Lakehouse lake, int rounds) {
        return Trainer.train(ModelSpecParser.parse(SPEC.replace("ROUNDS", Integer.toString(rounds)),
                "card-fraud-lite.yaml"), TrainingSource.unrestricted(lake));
    }

    private static JsonNode score(String base, String body, String token) {
        Http.Response response = HTTP.post(base + "/score/" + MODEL, "application/json", body, Http.bearer(token));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited 15 s for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static long count(Lakehouse lake, String where) {
        return ((Number) lake.query("SELECT count(*) FROM ml.predictions WHERE model = '" + MODEL + "' AND " + where,
                QueryOptions.defaults()).rows().get(0).get(0)).longValue();
    }

    /** A card payment event as the card-transactions stream takes it. */
    static final class Payments {
        private Payments() {}

        static String event(long id, String card, Instant time, String amount) {
            return "{\"txn_id\": " + id + ", \"card_id\": " + card + ", \"account_id\": 1, \"merchant_id\": 7,"
                    + " \"mcc\": \"5816\", \"amount\": " + amount + ", \"currency\": \"EUR\", \"channel\":"
                    + " \"online\", \"country\": \"FR\", \"city\": \"Paris\", \"lat\": 48.85, \"lon\": 2.35,"
                    + " \"distance_from_home_km\": 0.4, \"device_id\": \"dev-test\", \"event_time\": \"" + time
                    + "\", \"is_fraud\": false, \"fraud_pattern\": null}";
        }
    }
}
