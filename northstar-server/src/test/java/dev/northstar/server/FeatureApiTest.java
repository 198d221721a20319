package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.features.FeatureViewStore;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.packs.finance.FinanceData;
import dev.northstar.packs.finance.FinancePack;
import dev.northstar.spi.security.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The feature store over HTTP on the finance pack: views in force, values as of a time under the contract's purposes,
 * events posted to a stream served at once and ingested into the source table through its contract.
 */
class FeatureApiTest {
    private static final Http HTTP = new Http();

    @Test
    void servesViewsValuesAndStreamedEvents() throws Exception {
        Path home = Files.createTempDirectory("northstar-features-api");
        Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home.resolve("data")));
        JdbcMetadataStore store = JdbcMetadataStore.open(lake.config());
        // Payments up to yesterday, so the online store's recent history is the pack's.
        FinancePack.load(lake, store, IngestSettings.defaults(),
                FinanceData.Scale.endingOn(10_000, LocalDate.now(ZoneOffset.UTC).minusDays(1)), home.resolve("pack"));
        new FeatureViewStore(store.database()).apply(FinancePack.copyResources(home.resolve("views"), "features",
                FinancePack.FEATURE_VIEWS), "test");
        String admin = store.tokens().create(Principal.of("root", "admin"), Optional.empty()).secret();
        String producer = store.tokens().create(new Principal("acquirer", Set.of("producer"), Map.of()),
                Optional.empty()).secret();
        long before;
        try (NorthstarServer server = NorthstarServer.start(ServerConfig.ephemeral(), lake, store)) {
            JsonNode views = HTTP.get(server.baseUrl() + "/api/v1/features/views", Http.bearer(admin)).json();
            assertThat(views.get("views")).extracting(view -> view.get("name").asText())
                    .containsExactly("card_velocity", "merchant_activity");

            Http.Response noPurpose = HTTP.get(server.baseUrl() + "/api/v1/features/views/card_velocity/values"
                    + "?key=1", Http.bearer(admin));
            assertThat(noPurpose.status()).isEqualTo(403);
            assertThat(noPurpose.json().get("detail").asText()).contains("banking.card_transactions")
                    .contains("purposes");

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String card = "990001";
            String events = "{\"events\": [" + event(90_000_001, card, now.minusSeconds(120), "1.50") + ", "
                    + event(90_000_002, card, now.minusSeconds(60), "0.90") + ", "
                    + event(90_000_003, card, now.minusSeconds(30), "2.10") + "]}";
            Http.Response refused = HTTP.post(server.baseUrl() + "/api/v1/events/card-transactions",
                    "application/json", events, Http.bearer(producer + "x"));
            assertThat(refused.status()).isEqualTo(401);
            Http.Response posted = HTTP.post(server.baseUrl() + "/api/v1/events/card-transactions",
                    "application/json", events, Http.bearer(producer));
            assertThat(posted.status()).as(posted.body()).isEqualTo(202);
            assertThat(posted.json().get("accepted").asInt()).isEqualTo(3);
            assertThat(posted.json().get("view_updates").asInt()).isEqualTo(6);

            JsonNode values = HTTP.get(server.baseUrl() + "/api/v1/features/views/card_velocity/values?key=" + card
                    + "&purpose=fraud-detection", Http.bearer(admin)).json();
            assertThat(values.get("present").asBoolean()).isTrue();
            assertThat(values.get("values").get("txn_count_10m").asLong()).isEqualTo(3);
            assertThat(values.get("values").get("amount_sum_1h").asDouble()).isEqualTo(4.5);

            Http.Response unknown = HTTP.post(server.baseUrl() + "/api/v1/events/nope", "application/json", events,
                    Http.bearer(producer));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(HTTP.get(server.baseUrl() + "/api/v1/openapi.json").body()).contains("/api/v1/events/{stream}");
            before = count(lake, card);
        }
        // Closing the server ingested the buffered events through the contract.
        assertThat(before).isZero();
        assertThat(count(lake, "990001")).isEqualTo(3);
        store.close();
        lake.close();
        TestFiles.deleteTree(home);
    }

    private static long count(Lakehouse lake, String card) {
        return (Long) lake.query("SELECT count(*) FROM banking.card_transactions WHERE card_id = " + card,
                QueryOptions.defaults()).rows().get(0).get(0);
    }

    private static String event(long id, String card, Instant time, String amount) {
        return "{\"txn_id\": " + id + ", \"card_id\": " + card + ", \"account_id\": 1, \"merchant_id\": 7,"
                + " \"mcc\": \"5816\", \"amount\": " + amount + ", \"currency\": \"EUR\", \"channel\": \"online\","
                + " \"country\": \"FR\", \"city\": \"Paris\", \"lat\": 48.85, \"lon\": 2.35,"
                + " \"distance_from_home_km\": 0.4, \"device_id\": \"dev-test\", \"event_time\": \"" + time + "\","
                + " \"is_fraud\": false, \"fraud_pattern\": null}";
    }
}
