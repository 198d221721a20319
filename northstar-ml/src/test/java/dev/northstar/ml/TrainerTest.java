package dev.northstar.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.ml.scoring.TreeEnsemble;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training from a spec on a real lake: determinism, lineage, reproduction by time travel, gates, governed reads. */
class TrainerTest {
    @TempDir
    Path home;

    @Test
    void trainsDeterministicallyAndReproducesFromThePinnedSnapshotAfterTheTableChanged() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home))) {
            CreditFixture.create(lake, 6_000);
            ModelSpec spec = ModelSpecParser.parse(CreditFixture.SPEC, "credit.yaml");
            TrainingSource source = TrainingSource.unrestricted(lake);

            TrainedModel first = Trainer.train(spec, source);
            TrainedModel second = Trainer.train(spec, source);
            assertThat(second.modelJson()).isEqualTo(first.modelJson());
            long snapshot = lake.describe(CreditFixture.TABLE).currentSnapshot().orElseThrow().snapshotId();
            assertThat(first.inputs()).singleElement().satisfies(input -> {
                assertThat(input.table()).isEqualTo(CreditFixture.TABLE);
                assertThat(input.snapshotId()).isEqualTo(snapshot);
                assertThat(input.columns()).containsExactly("income", "debt_ratio", "tenure", "postcode_risk",
                        "defaulted", "applied_at", "gender");
            });
            assertThat(first.trainingRows()).isEqualTo(4_500);
            assertThat(first.validationRows()).isEqualTo(1_500);
            assertThat(first.validation().rocAuc()).isGreaterThan(0.85);

            CreditFixture.append(lake, 6_000, 2_000);
            TrainedModel current = Trainer.train(spec, source);
            assertThat(current.inputs().get(0).snapshotId()).isNotEqualTo(snapshot);
            assertThat(current.modelJson()).isNotEqualTo(first.modelJson());

            TrainedModel reproduced = Trainer.reproduce(spec, first.inputs(), source);
            assertThat(reproduced.modelJson()).isEqualTo(first.modelJson());
            assertThat(reproduced.inputs()).isEqualTo(first.inputs());
            TreeEnsemble original = first.ensemble();
            TreeEnsemble again = reproduced.ensemble();
            float[] row = {0.3f, 0.7f, 4f, 0.5f};
            assertThat(again.score(row)).isEqualTo(original.score(row));
        }
    }

    @Test
    void measuresFairnessAndFailsTheDisparateImpactGateOfABiasedModel() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home))) {
            CreditFixture.create(lake, 6_000);
            TrainedModel model = Trainer.train(ModelSpecParser.parse(CreditFixture.SPEC, "credit.yaml"),
                    TrainingSource.unrestricted(lake));

            assertThat(model.fairness()).singleElement().satisfies(gender -> {
                assertThat(gender.attribute()).isEqualTo("gender");
                assertThat(gender.groups()).extracting(group -> group.group()).containsExactly("f", "m");
                assertThat(gender.groups().get(0).selectionRate()).isGreaterThan(gender.groups().get(1)
                        .selectionRate());
                assertThat(gender.disparateImpactRatio()).isLessThan(0.8);
            });
            assertThat(model.gates()).extracting(gate -> gate.gate() + " " + gate.subject() + " " + gate.passed())
                    .containsExactly("roc_auc_min model true", "disparate_impact_min gender false");
            assertThat(model.gatesPassed()).isFalse();
            assertThat(model.importance().get(0).feature()).isIn("debt_ratio", "income");
            assertThat(model.references()).hasSize(5);
        }
    }

    @Test
    void trainsFromRowsAlreadyReadWhateverTheirOrder() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home))) {
            CreditFixture.create(lake, 3_000);
            ModelSpec spec = ModelSpecParser.parse(CreditFixture.SPEC, "credit.yaml");
            TrainedModel fromTable = Trainer.train(spec, TrainingSource.unrestricted(lake));

            QueryResult rows = lake.query("SELECT * FROM credit.applications", QueryOptions.defaults()
                    .withMaxRows(Integer.MAX_VALUE));
            List<List<Object>> reversed = new ArrayList<>(rows.rows());
            Collections.reverse(reversed);
            QueryResult shuffled = new QueryResult(rows.columns(), reversed, false, 1, 1, rows.snapshots(), 0);
            TrainedModel fromRows = Trainer.train(spec, shuffled);
            assertThat(fromRows.modelJson()).isEqualTo(fromTable.modelJson());
            assertThat(fromRows.inputs()).isEqualTo(fromTable.inputs());

            assertThatThrownBy(() -> Trainer.train(ModelSpecParser.parse(CreditFixture.SPEC.replace("tenure,",
                    "tenur,"), "credit.yaml"), rows)).isInstanceOfSatisfying(NorthstarException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).isEqualTo("The training data has no feature column 'tenur'");
                        assertThat(e.hint()).contains("tenure");
                    });
        }
    }

    @Test
    void refusesASplitLeavingOneSideWithoutBothClasses() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home))) {
            CreditFixture.create(lake, 2_000);
            String lateSplit = CreditFixture.SPEC.replace("validation_fraction: 0.25", "validate_after: 2030-01-01");
            assertThatThrownBy(() -> Trainer.train(ModelSpecParser.parse(lateSplit, "credit.yaml"),
                    TrainingSource.unrestricted(lake))).isInstanceOfSatisfying(NorthstarException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).isEqualTo("The validation rows of model 'credit-default' (0 rows,"
                                + " 0 positive) need both classes");
                    });
        }
    }

    @Test
    void readsThroughTheGovernedGatewayAsTheTrainer() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            CreditFixture.create(lake, 3_000);
            SqlGateway gateway = SqlGateway.open(lake, store.database(), Settings.load(home));
            ModelSpec spec = ModelSpecParser.parse(CreditFixture.SPEC, "credit.yaml");

            Principal owner = new Principal("ada", Set.of("engineer"), Map.of("domains", "credit"));
            TrainedModel model = Trainer.train(spec, TrainingSource.governed(gateway, owner, Optional.of("training")));
            assertThat(model.trainingRows()).isEqualTo(2_250);

            Principal outsider = new Principal("eve", Set.of("engineer"), Map.of("domains", "retail"));
            assertThatThrownBy(() -> Trainer.train(spec, TrainingSource.governed(gateway, outsider,
                    Optional.of("training")))).hasFieldOrPropertyWithValue("code", ErrorCode.FORBIDDEN);
        }
    }
}
