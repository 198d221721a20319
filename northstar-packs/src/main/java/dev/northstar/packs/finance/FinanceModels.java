package dev.northstar.packs.finance;

import static java.util.Objects.requireNonNull;

import dev.northstar.features.FeatureView;
import dev.northstar.features.FeatureViewStore;
import dev.northstar.features.OfflineFeatures;
import dev.northstar.features.Spine;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.govern.policy.PolicyStore;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelSpec;
import dev.northstar.ml.ModelSpecParser;
import dev.northstar.ml.ModelVersion;
import dev.northstar.ml.TrainedModel;
import dev.northstar.ml.Trainer;
import dev.northstar.ml.TrainingSource;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The finance pack's models, trained the way a data scientist would on the platform: the pack's feature views and
 * its data-science access policy are applied, the training sets are built through the governed gateway as the data
 * scientist for the purpose {@value #PURPOSE} (the card-fraud set point-in-time correct from the feature views), and
 * each model spec is trained from them and registered with the data scientist as trainer — so promotion needs
 * somebody else's approval.
 */
public final class FinanceModels {
    /** The card-fraud training set: every payment with its features as of the payment. */
    public static final TableId FRAUD_TRAINING = new TableId("ml", "fraud_training");
    /** The credit training set: applications with numeric encodings of their categories. */
    public static final TableId CREDIT_TRAINING = new TableId("ml", "credit_training");
    /** Model spec files shipped under the pack's {@code models/} resources, in training order. */
    public static final List<String> MODELS = List.of("card-fraud.yaml", "credit-approval.yaml",
            "credit-default.yaml");
    /** Policy files shipped under the pack's {@code policies/} resources. */
    public static final List<String> POLICIES = List.of("finance-data-science.yaml");
    /** The purpose the training reads declare. */
    public static final String PURPOSE = "model-training";

    /** The payments with request-time columns as numbers, and the label. */
    static final String FRAUD_SPINE = "SELECT txn_id, card_id, merchant_id, event_time, amount::DOUBLE AS amount, "
            + "distance_from_home_km, channel = 'online' AS is_online, channel = 'atm' AS is_atm, "
            + "(epoch(event_time)::BIGINT % 86400) // 3600 AS hour_of_day, is_fraud "
            + "FROM banking.card_transactions";

    /** The applications with their categories as booleans, protected attributes kept for the fairness report. */
    static final String CREDIT_SQL = "SELECT application_id, applied_at, annual_income, debt_to_income, loan_amount, "
            + "loan_amount / annual_income AS loan_to_income, term_months, employment_years, credit_history_months, "
            + "prior_defaults, employment_type = 'part_time' AS is_part_time, employment_type = 'self_employed' AS "
            + "is_self_employed, employment_type = 'unemployed' AS is_unemployed, employment_type = 'retired' AS "
            + "is_retired, housing = 'own' AS owns_home, gender, age_band, approved, defaulted "
            + "FROM banking.credit_applications";

    private FinanceModels() {}

    /**
     * One model trained and registered.
     *
     * @param version the registered version (metrics, fairness, gates, lineage)
     * @param millis wall-clock time to train and register it
     */
    public record Trained(ModelVersion version, long millis) {}

    /**
     * Applies the views and policy, builds the training sets and trains and registers every model of the pack.
     *
     * @param scientist who trains: needs the role {@code data-scientist} (the pack's policy) and {@code ml} among its
     *     {@code domains} (the training sets are created there)
     * @param workDirectory where the pack's resources are written
     */
    public static List<Trained> train(Lakehouse lake, JdbcMetadataStore store, SqlGateway gateway,
            Principal scientist, Path workDirectory) {
        requireNonNull(scientist, "scientist is null");
        String by = scientist.name();
        new PolicyStore(store.database(), java.time.Clock.systemUTC(), PolicyStore.columnsOf(lake)).apply(
                PolicyStore.read(FinancePack.copyResources(workDirectory.resolve("policies"), "policies", POLICIES)),
                by);
        FeatureViewStore views = new FeatureViewStore(store.database());
        views.apply(FinancePack.copyResources(workDirectory.resolve("features"), "features",
                FinancePack.FEATURE_VIEWS), by);
        List<FeatureView> chosen = views.list().stream().map(FeatureViewStore.StoredView::view)
                .filter(view -> FinancePack.FEATURE_VIEWS.contains(view.name() + ".yaml")).toList();
        Optional<String> purpose = Optional.of(PURPOSE);
        drop(lake, FRAUD_TRAINING);
        drop(lake, CREDIT_TRAINING);
        new OfflineFeatures(lake, gateway).createTrainingSet(scientist, purpose, Spine.sql(FRAUD_SPINE, "event_time"),
                chosen, FRAUD_TRAINING, WriteOptions.append());
        gateway.createTableAs(scientist, purpose, CREDIT_TRAINING, CREDIT_SQL, WriteOptions.append());

        ModelRegistry registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
        Path models = FinancePack.copyResources(workDirectory.resolve("models"), "models", MODELS);
        List<Trained> trained = new ArrayList<>();
        for (String file : MODELS) {
            long start = System.nanoTime();
            ModelSpec spec = ModelSpecParser.parse(read(models.resolve(file)), file);
            TrainedModel model = Trainer.train(spec, TrainingSource.governed(gateway, scientist, purpose));
            ModelVersion version = registry.register(model, scientist);
            trained.add(new Trained(version, (System.nanoTime() - start) / 1_000_000));
        }
        return List.copyOf(trained);
    }

    /**
     * Scoring requests for {@code card-fraud} made of real payments: each the payment's card and merchant as entities
     * and its request-time fields (amount, distance from home, channel flags, hour), one JSON object per element, as
     * the card processor would send them to {@code POST /api/v1/score/card-fraud}. A platform read of the lake.
     */
    public static List<String> scoringRequests(Lakehouse lake, int count) {
        List<String> bodies = new ArrayList<>();
        for (List<Object> row : lake.query("SELECT card_id, merchant_id, amount::DOUBLE, distance_from_home_km, "
                + "channel = 'online', channel = 'atm', (epoch(event_time)::BIGINT % 86400) // 3600, txn_id FROM "
                + "banking.card_transactions USING SAMPLE " + count + " ROWS (reservoir, 42)",
                dev.northstar.lake.QueryOptions.defaults()).rows()) {
            // The transaction id is the request id, so the live evaluation can join the chargebacks later.
            bodies.add(String.format(java.util.Locale.ROOT, "{\"request_id\": \"%s\", \"entities\": {\"card_id\": %s,"
                    + " \"merchant_id\": %s}, \"fields\": {\"amount\": %s, \"distance_from_home_km\": %s,"
                    + " \"is_online\": %s, \"is_atm\": %s, \"hour_of_day\": %s}}", row.get(7), row.get(0),
                    row.get(1), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6)));
        }
        return bodies;
    }

    /** Training sets are rebuilt from the current snapshots: a previous one is dropped. */
    private static void drop(Lakehouse lake, TableId table) {
        try {
            lake.dropTable(table);
        } catch (NorthstarException e) {
            if (e.code() != ErrorCode.TABLE_NOT_FOUND) {
                throw e;
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot read " + file + ": " + e, null, e);
        }
    }
}
