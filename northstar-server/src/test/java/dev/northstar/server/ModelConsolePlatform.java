package dev.northstar.server;

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
import dev.northstar.packs.finance.FinanceData;
import dev.northstar.packs.finance.FinancePack;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A server for the console's Features, Models and Serve pages: the finance pack at small scale with its feature
 * views, a fraud model trained by ada, approved by bob and champion, and a credit model (by ada, not approved) whose
 * fairness gates fail: its decisions follow gender through a proxy feature.
 */
final class ModelConsolePlatform implements AutoCloseable {
    static final String FRAUD = "card-fraud-lite";
    static final String CREDIT = "credit-approval-lite";
    private static final String FRAUD_SPEC = """
            kind: Model
            name: card-fraud-lite
            description: Fraud from the amount and the card's <b>velocity</b>.
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
              rounds: 15
              seed: 3
            costs:
              false_positive: 1
              false_negative: 10
            """;
    private static final String CREDIT_SPEC = """
            kind: Model
            name: credit-approval-lite
            description: Approvals learnt from biased past decisions.
            task: binary_classification
            training:
              table: lab.card_payments
              features: [amount_sum_1h, part_time]
              label: approved
              timestamp: event_time
              split:
                validation_fraction: 0.25
            params:
              max_depth: 3
              eta: 0.3
              rounds: 15
              seed: 3
            protected_attributes: [gender]
            gates:
              roc_auc_min: 0.6
              disparate_impact_min: 0.8
              dp_difference_max: 0.05
            costs:
              false_positive: 1
              false_negative: 1
            """;

    final Path home;
    final Lakehouse lake;
    final JdbcMetadataStore store;
    final ModelRegistry registry;
    final NorthstarServer server;
    final Map<String, String> tokens = new LinkedHashMap<>();

    private ModelConsolePlatform(Path home) {
        this.home = home;
        lake = Lakehouse.open(LakeConfig.embedded(home.resolve("data")));
        store = JdbcMetadataStore.open(lake.config());
        FinancePack.load(lake, store, IngestSettings.defaults(),
                FinanceData.Scale.endingOn(10_000, LocalDate.now(ZoneOffset.UTC).minusDays(1)), home.resolve("pack"));
        new FeatureViewStore(store.database()).apply(FinancePack.copyResources(home.resolve("views"), "features",
                FinancePack.FEATURE_VIEWS), "test");
        createPayments(lake);
        registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
        Principal ada = Principal.of("ada", "engineer");
        Principal bob = Principal.of("bob", "validator");
        for (Principal principal : new Principal[] {ada, bob, Principal.of("root", "admin"),
                Principal.of("checkout", "scorer")}) {
            tokens.put(principal.name(), store.tokens().create(principal, Optional.empty()).secret());
        }
        int fraud = registry.register(Trainer.train(ModelSpecParser.parse(FRAUD_SPEC, "fraud.yaml"),
                TrainingSource.unrestricted(lake)), ada).version();
        registry.approve(FRAUD, fraud, bob, "card read");
        registry.promote(FRAUD, fraud, ModelRegistry.CHAMPION, bob);
        registry.register(Trainer.train(ModelSpecParser.parse(CREDIT_SPEC, "credit.yaml"),
                TrainingSource.unrestricted(lake)), ada);
        server = NorthstarServer.start(ServerConfig.ephemeral(), lake, store);
    }

    static ModelConsolePlatform start() throws IOException {
        return new ModelConsolePlatform(Files.createTempDirectory("northstar-model-console"));
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    /** A fraud score request for a card, with an amount. */
    static String scoreRequest(String id, long card, double amount) {
        return "{\"request_id\": \"" + id + "\", \"entities\": {\"card_id\": " + card + "}, \"fields\": {\"amount\": "
                + amount + ", \"is_online\": true}}";
    }

    private static void createPayments(Lakehouse lake) {
        lake.createTableAs(TableId.parse("lab.card_payments"), """
                SELECT id, TIMESTAMP '2026-01-01 00:00:00' + id * INTERVAL 1 MINUTE AS event_time,
                       round(u1 * u1 * 500, 2) AS amount, u2 < 0.35 AS is_online,
                       floor(u3 * u3 * 6)::BIGINT AS txn_count_10m, round(u4 * 300, 2) AS amount_sum_1h,
                       (floor(u3 * u3 * 6) >= 3 OR u1 * u1 * 500 > 420 OR u5 < 0.02) AS is_fraud,
                       CASE WHEN u6 < 0.5 THEN 'F' ELSE 'M' END AS gender,
                       (u6 < 0.5 AND u2 < 0.8) OR (u6 >= 0.5 AND u2 < 0.1) AS part_time,
                       ((u6 >= 0.5 AND u4 > 0.2) OR u4 > 0.85) AS approved
                FROM (SELECT range AS id,
                             (hash(range * 17 + 1) % 1000003) / 1000003.0 AS u1,
                             (hash(range * 17 + 2) % 1000003) / 1000003.0 AS u2,
                             (hash(range * 17 + 3) % 1000003) / 1000003.0 AS u3,
                             (hash(range * 17 + 4) % 1000003) / 1000003.0 AS u4,
                             (hash(range * 17 + 5) % 1000003) / 1000003.0 AS u5,
                             (hash(range * 17 + 6) % 1000003) / 1000003.0 AS u6
                      FROM range(0, 3000))
                """, QueryOptions.defaults(), WriteOptions.append());
    }

    @Override
    public void close() throws IOException {
        server.close();
        store.close();
        lake.close();
        TestFiles.deleteTree(home);
    }
}
