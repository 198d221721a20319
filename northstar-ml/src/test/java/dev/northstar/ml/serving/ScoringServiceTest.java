package dev.northstar.ml.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.govern.audit.AuditLog;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelSpecParser;
import dev.northstar.ml.Trainer;
import dev.northstar.ml.TrainingSource;
import dev.northstar.ml.metrics.Drift;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoring service on a real lake and registry: champion, challenger, canary, prediction log and drift. */
class ScoringServiceTest {
    static final Principal ADA = Principal.of("ada", "engineer");
    static final Principal BOB = Principal.of("bob", "validator");
    static final String SPEC = """
            kind: Model
            name: loan-risk
            description: Probability that a loan defaults.
            task: binary_classification
            training:
              table: lab.loans
              features: [income, debt_ratio, tenure]
              label: defaulted
              timestamp: applied_at
              split:
                validation_fraction: 0.25
            params:
              max_depth: 3
              eta: 0.3
              rounds: ROUNDS
              seed: 7
            costs:
              false_positive: 1
              false_negative: 4
            """;

    @TempDir
    Path home;

    /** Loans built by DuckDB from hashes of the row number: debt raises the risk, income lowers it. */
    static void createLoans(Lakehouse lake, int rows) {
        lake.createTableAs(TableId.parse("lab.loans"), """
                SELECT id, TIMESTAMP '2026-01-01 00:00:00' + id * INTERVAL 1 MINUTE AS applied_at,
                       u1 AS income, u2 AS debt_ratio, round(u3 * 20) AS tenure,
                       (2.0 * u2 - 1.5 * u1 + 0.6 * (u4 - 0.5) > 0.0) AS defaulted
                FROM (SELECT range AS id,
                             (hash(range * 31 + 1) % 1000003) / 1000003.0 AS u1,
                             (hash(range * 31 + 2) % 1000003) / 1000003.0 AS u2,
                             (hash(range * 31 + 3) % 1000003) / 1000003.0 AS u3,
                             (hash(range * 31 + 4) % 1000003) / 1000003.0 AS u4
                      FROM range(0, ROWS))
                """.replace("ROWS", Integer.toString(rows)), QueryOptions.defaults(), WriteOptions.append());
    }

    /** Trains and registers a version of loan-risk with this many rounds. */
    static int register(Lakehouse lake, ModelRegistry registry, int rounds) {
        return registry.register(Trainer.train(ModelSpecParser.parse(SPEC.replace("ROUNDS",
                Integer.toString(rounds)), "loan-risk.yaml"), TrainingSource.unrestricted(lake)), ADA).version();
    }

    static void champion(ModelRegistry registry, int version) {
        registry.approve("loan-risk", version, BOB, "reviewed");
        registry.promote("loan-risk", version, ModelRegistry.CHAMPION, BOB);
    }

    private static ScoreRequest request(String id, double income, double debt) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("income", income);
        fields.put("debt_ratio", debt);
        fields.put("tenure", null);
        return new ScoreRequest(Optional.of(id), Map.of("loan_id", id), fields);
    }

    @Test
    void scoresTheChampionLogsPredictionsWithShadowRowsAndMeasuresDrift() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            createLoans(lake, 2_000);
            ModelRegistry registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
            int first = register(lake, registry, 10);
            List<String> outcomes = new ArrayList<>();
            ScoringSettings settings = ScoringSettings.defaults().withChampionRefresh(Duration.ofMillis(100));
            try (ScoringService service = new ScoringService(lake, registry, Optional.empty(), settings,
                    (model, outcome, nanos) -> outcomes.add(outcome), java.time.Clock.systemUTC())) {
                assertThatThrownBy(() -> service.score("loan-risk", request("r0", 0.1, 0.9)))
                        .isInstanceOfSatisfying(NorthstarException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                            assertThat(e.getMessage()).contains("loan-risk has no champion");
                            assertThat(e.hint()).contains("promote");
                        });
                champion(registry, first);

                Score risky = service.score("loan-risk", request("r1", 0.1, 0.9));
                Score safe = service.score("loan-risk", request("r2", 0.9, 0.1));
                assertThat(risky.version()).isEqualTo(first);
                assertThat(risky.score()).isGreaterThan(safe.score());
                assertThat(risky.decision()).isTrue();
                assertThat(safe.decision()).isFalse();
                assertThat(risky.threshold()).isEqualTo(registry.get("loan-risk", first).validation().threshold());
                assertThat(risky.reasons()).hasSize(3);
                assertThat(risky.reasons().get(0).feature()).isIn("income", "debt_ratio");
                assertThat(risky.features()).containsEntry("income", (double) 0.1f).containsKey("tenure");
                assertThat(risky.features().get("tenure")).isNaN();
                assertThat(risky.score()).isEqualTo(registry.ensemble("loan-risk", first)
                        .score(new float[] {0.1f, 0.9f, Float.NaN}));

                assertThatThrownBy(() -> service.score("loan-risk", new ScoreRequest(Optional.empty(), Map.of(),
                        Map.of("income", "lots")))).hasMessageContaining("Field 'income' of model loan-risk must be"
                        + " a number");
                assertThatThrownBy(() -> service.score("loan-risk", new ScoreRequest(Optional.empty(), Map.of(),
                        Map.of("incme", 1)))).hasMessageContaining("reads no field 'incme'");

                // A second version as challenger: scored in shadow on the logging thread.
                int second = register(lake, registry, 25);
                registry.promote("loan-risk", second, ModelRegistry.CHALLENGER, BOB);
                awaitServing(service, ModelRegistry.CHALLENGER, second);
                for (int i = 0; i < 40; i++) {
                    service.score("loan-risk", request("s" + i, (i % 10) / 10.0, ((i * 7) % 10) / 10.0));
                }
                service.flush();
                assertThat(count(lake, "NOT shadow AND version = " + first)).isGreaterThanOrEqualTo(42);
                assertThat(count(lake, "shadow AND version = " + second)).isGreaterThanOrEqualTo(40);
                List<Object> row = lake.query("SELECT request_id, entities, features, reasons, latency_us,"
                        + " scored_at FROM ml.predictions WHERE request_id = 'r1' AND NOT shadow",
                        QueryOptions.defaults()).rows().get(0);
                assertThat((String) row.get(1)).isEqualTo("{\"loan_id\":\"r1\"}");
                assertThat((String) row.get(2)).contains("\"income\":0.1").contains("\"tenure\":null");
                assertThat((String) row.get(3)).startsWith("[{\"feature\":");
                assertThat(((Number) row.get(4)).longValue()).isPositive();
                assertThat(row.get(5).toString()).startsWith(Instant.now().toString().substring(0, 10));

                LiveDrift drift = service.drift("loan-risk", 1_000, Drift.Thresholds.defaults());
                assertThat(drift.version()).isEqualTo(first);
                assertThat(drift.rows()).isGreaterThanOrEqualTo(42);
                assertThat(drift.report().variables()).extracting(Drift::name)
                        .containsExactly("income", "debt_ratio", "tenure", "__score__");
                // Every live tenure is missing while training had none missing: it drifted.
                assertThat(drift.report().alerts()).extracting(Drift::name).contains("tenure");

                // Promoting the second version: served within the refresh interval.
                champion(registry, second);
                awaitServing(service, ModelRegistry.CHAMPION, second);
                assertThat(service.score("loan-risk", request("after", 0.5, 0.5)).version()).isEqualTo(second);
                assertThat(outcomes).contains(ScoringListener.SCORED, ScoringListener.REFUSED);
                assertThat(service.dropped()).isZero();
            }
        }
    }

    @Test
    void sendsADeterministicShareToTheCanaryAndDropsWhatTheQueueCannotHold() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            createLoans(lake, 1_000);
            ModelRegistry registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
            int first = register(lake, registry, 5);
            int second = register(lake, registry, 8);
            champion(registry, first);
            registry.promote("loan-risk", second, ModelRegistry.CHALLENGER, BOB);
            ScoringSettings settings = ScoringSettings.defaults().withCanaryShare(0.25).withQueueCapacity(10);
            try (ScoringService service = new ScoringService(lake, registry, Optional.empty(), settings)) {
                int canary = 0;
                for (int i = 0; i < 400; i++) {
                    Score score = service.score("loan-risk", request("c" + i, 0.5, 0.5));
                    assertThat(score.canary()).isEqualTo(ScoringService.bucket("c" + i) < 0.25);
                    assertThat(score.version()).isEqualTo(score.canary() ? second : first);
                    canary += score.canary() ? 1 : 0;
                }
                assertThat(canary).isBetween(60, 140);
                // The queue holds 10 and its thread drains every 2 s: most of the 400 were dropped, none waited.
                assertThat(service.dropped()).isGreaterThan(300);
            }
        }
    }

    /** Waits (a few refresh intervals at most) until the service serves {@code version} under {@code alias}. */
    private static void awaitServing(ScoringService service, String alias, int version) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Integer.valueOf(version).equals(service.serving("loan-risk").get(alias))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(alias + " " + version + " was not served within 10 s: "
                        + service.serving("loan-risk"));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static long count(Lakehouse lake, String where) {
        return ((Number) lake.query("SELECT count(*) FROM ml.predictions WHERE " + where, QueryOptions.defaults())
                .rows().get(0).get(0)).longValue();
    }
}
