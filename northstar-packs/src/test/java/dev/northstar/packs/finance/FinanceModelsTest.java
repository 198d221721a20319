package dev.northstar.packs.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.ml.GateResult;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelVersion;
import dev.northstar.ml.metrics.Fairness;
import dev.northstar.spi.security.Principal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finance pack's models trained as a data scientist through the governed gateway: the fraud model separates
 * fraud from genuine payments, the credit model trained on past decisions shows their bias and its gate refuses it,
 * and nobody promotes their own model.
 */
class FinanceModelsTest {
    @TempDir
    Path home;

    @Test
    void trainsGovernedModelsWhoseGatesAndFourEyesHold() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home.resolve("data")));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            FinancePack.load(lake, store, IngestSettings.defaults(), new FinanceData.Scale(120_000),
                    home.resolve("pack"));
            Principal scientist = new Principal("dana", Set.of("data-scientist"), Map.of("domains", "ml"));
            SqlGateway gateway = SqlGateway.open(lake, store.database(), Settings.load(lake.config().home()));
            List<FinanceModels.Trained> trained = FinanceModels.train(lake, store, gateway, scientist,
                    home.resolve("work"));

            assertThat(trained).extracting(model -> model.version().name())
                    .containsExactly("card-fraud", "credit-approval", "credit-default");
            ModelVersion fraud = trained.get(0).version();
            assertThat(fraud.trainer()).isEqualTo("dana");
            assertThat(fraud.validation().rocAuc()).as("fraud AUC").isGreaterThan(0.9);
            assertThat(fraud.inputs()).extracting(input -> input.table().toString())
                    .contains("ml.fraud_training");

            ModelVersion approval = trained.get(1).version();
            Fairness gender = approval.fairness().stream().filter(report -> report.attribute().equals("gender"))
                    .findFirst().orElseThrow();
            Fairness age = approval.fairness().stream().filter(report -> report.attribute().equals("age_band"))
                    .findFirst().orElseThrow();
            // Gender is not a feature, yet part-time work and income carry some of the past bias; age carries more
            // (employment years and credit history stand in for it).
            assertThat(gender.demographicParityDifference()).as("the learnt gender bias is visible").isPositive();
            assertThat(age.disparateImpactRatio()).as("the learnt age bias").isLessThan(0.8);
            assertThat(approval.gates()).filteredOn(gate -> !gate.passed())
                    .extracting(GateResult::subject).contains("age_band");

            ModelRegistry registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
            Principal validator = new Principal("lea", Set.of("model-validator"), Map.of());
            assertThatThrownBy(() -> registry.promote("card-fraud", 1, ModelRegistry.CHAMPION, scientist))
                    .hasMessageContaining("approv");
            registry.approve("card-fraud", 1, validator, "validated on the hold-out");
            assertThat(registry.promote("card-fraud", 1, ModelRegistry.CHAMPION, scientist).version()).isEqualTo(1);
            registry.approve("credit-approval", 1, validator, "fairness reviewed");
            assertThatThrownBy(() -> registry.promote("credit-approval", 1, ModelRegistry.CHAMPION, scientist))
                    .hasMessageContaining("gate");
            System.out.printf("fraud AUC %.3f PR-AUC %.3f; credit-approval gender DP %.3f DI %.3f; gates %s%n",
                    fraud.validation().rocAuc(), fraud.validation().prAuc(), gender.demographicParityDifference(),
                    gender.disparateImpactRatio(), approval.gates().stream().map(GateResult::toString).toList());
        }
    }
}
