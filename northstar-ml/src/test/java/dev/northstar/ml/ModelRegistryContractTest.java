package dev.northstar.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.govern.audit.AuditEntry;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditQuery;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's contract, run on every metadata database: versions with lineage, four-eyes promotion, gates,
 * aliases, audit and the model card.
 */
abstract class ModelRegistryContractTest {
    private static final Principal ADA = Principal.of("ada", "engineer");
    private static final Principal BOB = Principal.of("bob", "validator");

    /** The credit spec without the fairness gate, so that its versions can pass. */
    private static final String FAIR_ENOUGH = CreditFixture.SPEC.replace("  disparate_impact_min: 0.8\n", "");

    @TempDir
    Path home;

    /** A fresh, empty metadata database (and catalog) for one test. */
    protected abstract LakeConfig freshDatabase(Path home) throws Exception;

    /** Drops what {@link #freshDatabase} created. */
    protected abstract void dropDatabases() throws Exception;

    @AfterEach
    void drop() throws Exception {
        dropDatabases();
    }

    @Test
    void registersVersionsWithTheirModelLineageAndReports() throws Exception {
        try (Lakehouse lake = Lakehouse.open(freshDatabase(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            CreditFixture.create(lake, 4_000);
            ModelRegistry registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
            TrainedModel trained = Trainer.train(ModelSpecParser.parse(CreditFixture.SPEC, "credit.yaml"),
                    TrainingSource.unrestricted(lake));

            ModelVersion first = registry.register(trained, ADA);
            ModelVersion second = registry.register(trained, ADA);
            assertThat(first.version()).isEqualTo(1);
            assertThat(second.version()).isEqualTo(2);
            assertThat(registry.models()).containsExactly("credit-default");
            assertThat(registry.versions("credit-default")).extracting(ModelVersion::version).containsExactly(1, 2);

            assertThat(first.trainer()).isEqualTo("ada");
            assertThat(first.spec()).isEqualTo(trained.spec());
            assertThat(first.inputs()).isEqualTo(trained.inputs());
            assertThat(first.validation()).isEqualTo(trained.validation());
            assertThat(first.fairness()).isEqualTo(trained.fairness());
            assertThat(first.gates()).isEqualTo(trained.gates());
            assertThat(first.importance()).isEqualTo(trained.importance());
            assertThat(first.gatesPassed()).isFalse();
            assertThat(registry.modelJson("credit-default", 1)).isEqualTo(trained.modelJson());
            assertThat(first.modelSha256()).isEqualTo(ModelRegistry.sha256(trained.modelJson()));
            assertThat(registry.references("credit-default", 1)).usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(trained.references());
            float[] row = {0.2f, Float.NaN, 3f, 0.7f};
            assertThat(registry.ensemble("credit-default", 1).score(row)).isEqualTo(trained.ensemble().score(row));

            assertThatThrownBy(() -> registry.get("credit-default", 9)).isInstanceOfSatisfying(
                    NorthstarException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                        assertThat(e.hint()).isEqualTo("Versions of credit-default: [1, 2]");
                    });
            List<AuditEntry> registrations = entries(store, ModelRegistry.REGISTER_ACTION);
            assertThat(registrations).extracting(entry -> entry.event().resources().get(0))
                    .containsExactly("model:credit-default:2", "model:credit-default:1");
            assertThat(registrations.get(0).event().details().get("inputs"))
                    .isEqualTo("credit.applications@" + first.inputs().get(0).snapshotId());
        }
    }

    @Test
    void promotionToChampionNeedsASecondPersonsApproval() throws Exception {
        try (Lakehouse lake = Lakehouse.open(freshDatabase(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            CreditFixture.create(lake, 4_000);
            ModelRegistry registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
            ModelVersion version = registry.register(Trainer.train(ModelSpecParser.parse(FAIR_ENOUGH, "credit.yaml"),
                    TrainingSource.unrestricted(lake)), ADA);
            assertThat(version.gatesPassed()).isTrue();

            assertThatThrownBy(() -> registry.promote("credit-default", 1, ModelRegistry.CHAMPION, ADA))
                    .isInstanceOfSatisfying(NorthstarException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                        assertThat(e.getMessage()).isEqualTo("credit-default:1 cannot become champion: no approval"
                                + " by a principal other than the trainer ada");
                    });
            assertThatThrownBy(() -> registry.approve("credit-default", 1, ADA, "looks good to me"))
                    .isInstanceOfSatisfying(NorthstarException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                        assertThat(e.getMessage()).contains("ada trained credit-default:1 and cannot approve it");
                    });
            assertThat(registry.alias("credit-default", ModelRegistry.CHAMPION)).isEmpty();

            Approval approval = registry.approve("credit-default", 1, BOB, "reviewed the card");
            assertThat(registry.approvals("credit-default", 1)).containsExactly(approval);
            // The trainer may carry out the promotion once someone else approved.
            registry.promote("credit-default", 1, ModelRegistry.CHAMPION, ADA);
            assertThat(registry.alias("credit-default", ModelRegistry.CHAMPION)).map(ModelVersion::version)
                    .contains(1);
            assertThat(registry.aliases("credit-default")).isEqualTo(Map.of("champion", 1));

            List<AuditEntry> promotions = entries(store, ModelRegistry.PROMOTE_ACTION);
            assertThat(promotions).extracting(entry -> entry.event().principal() + " "
                    + entry.event().decision().label()).containsExactly("ada allowed", "ada denied");
            assertThat(promotions.get(0).event().resources()).containsExactly("model:credit-default:1");
            assertThat(promotions.get(0).event().details()).containsEntry("alias", "champion")
                    .containsEntry("previous", "none");
            assertThat(entries(store, ModelRegistry.APPROVE_ACTION)).extracting(entry -> entry.event().principal()
                    + " " + entry.event().decision().label()).containsExactly("bob allowed", "ada denied");
        }
    }

    @Test
    void aVersionFailingAGateCannotBecomeChampionButMayBeChallenger() throws Exception {
        try (Lakehouse lake = Lakehouse.open(freshDatabase(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            CreditFixture.create(lake, 4_000);
            ModelRegistry registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
            registry.register(Trainer.train(ModelSpecParser.parse(CreditFixture.SPEC, "credit.yaml"),
                    TrainingSource.unrestricted(lake)), ADA);
            registry.approve("credit-default", 1, BOB, "");

            assertThatThrownBy(() -> registry.promote("credit-default", 1, ModelRegistry.CHAMPION, BOB))
                    .isInstanceOfSatisfying(NorthstarException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                        assertThat(e.getMessage()).startsWith("credit-default:1 cannot become champion: gate"
                                + " disparate_impact_min on gender failed: 0.");
                        assertThat(e.getMessage()).doesNotContain("approval");
                    });
            registry.promote("credit-default", 1, ModelRegistry.CHALLENGER, BOB);
            assertThat(registry.aliases("credit-default")).isEqualTo(Map.of("challenger", 1));
            assertThat(entries(store, ModelRegistry.PROMOTE_ACTION).get(1).event().details().get("reason"))
                    .startsWith("gate disparate_impact_min on gender failed");
            assertThatThrownBy(() -> registry.promote("credit-default", 1, "Champion!", BOB))
                    .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Test
    void reproducesARegisteredVersionAfterTheTableChangedAndWritesItsCard() throws Exception {
        try (Lakehouse lake = Lakehouse.open(freshDatabase(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            CreditFixture.create(lake, 4_000);
            ModelRegistry registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
            TrainingSource source = TrainingSource.unrestricted(lake);
            ModelVersion version = registry.register(Trainer.train(ModelSpecParser.parse(CreditFixture.SPEC,
                    "credit.yaml"), source), ADA);
            CreditFixture.append(lake, 4_000, 1_000);

            TrainedModel reproduced = Trainer.reproduce(registry.get("credit-default", 1), source);
            assertThat(ModelRegistry.sha256(reproduced.modelJson())).isEqualTo(version.modelSha256());

            registry.approve("credit-default", 1, BOB, "<checked>");
            ModelCard card = ModelCard.of(registry, "credit-default", 1);
            String markdown = card.markdown();
            assertThat(markdown).startsWith("# Model card: credit-default:1\n")
                    .contains("## Purpose", "## Data", "## Metrics", "## Calibration", "## Fairness", "## Gates",
                            "## Importance", "## Approvals", "## Limitations")
                    .contains("Probability that an applicant defaults within a year.")
                    .contains("| credit.applications | " + version.inputs().get(0).snapshotId() + " |")
                    .contains("| disparate_impact_min | gender | 0.8 |")
                    .contains("FAILED")
                    .contains("Approved by bob")
                    .contains("Trained on synthetic applications.");
            String html = card.html();
            assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Model card: credit-default:1</title>")
                    .contains("<h2>Fairness</h2>").contains("<td class=\"failed\">FAILED</td>")
                    .contains("&lt;checked&gt;").doesNotContain("<checked>").doesNotContain("{{");
        }
    }

    private static List<AuditEntry> entries(JdbcMetadataStore store, String action) {
        return new AuditLog(store.database()).list(AuditQuery.latest()).entries().stream()
                .filter(entry -> entry.event().action().equals(action)).toList();
    }
}
