package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.packs.finance.FinanceData;
import dev.northstar.packs.finance.FinancePack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code northstar model}: the finance pack's credit models trained from the CLI through the governed gateway, then
 * listed, shown, approved (four-eyes), promoted (gates), carded and reproduced.
 */
class ModelCommandTest extends InitializedHomeTestBase {
    private static final String CREDIT_TRAINING = "SELECT application_id, applied_at, annual_income, debt_to_income,"
            + " loan_amount, loan_amount / annual_income AS loan_to_income, term_months, employment_years,"
            + " credit_history_months, prior_defaults, employment_type = 'part_time' AS is_part_time,"
            + " employment_type = 'self_employed' AS is_self_employed, employment_type = 'unemployed' AS is_unemployed,"
            + " employment_type = 'retired' AS is_retired, housing = 'own' AS owns_home, gender, age_band, approved,"
            + " defaulted FROM banking.credit_applications";

    /** The finance pack's data, the credit training table and the pack's two credit model specs. */
    private void loadThePack() {
        Path home = directory.resolve("northstar-data");
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            FinancePack.load(lake, store, IngestSettings.defaults(), new FinanceData.Scale(60_000),
                    directory.resolve("pack"));
        }
        CliRun created = northstar("table", "create-as", "ml.credit_training", CREDIT_TRAINING, "--purpose",
                "model-training");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        copySpecs();
    }

    private void copySpecs() {
        FinancePack.copyResources(directory.resolve("models"), "models",
                List.of("credit-approval.yaml", "credit-default.yaml"));
        try {
            Path spec = directory.resolve("models/credit-default.yaml");
            Files.writeString(directory.resolve("models/credit-default-auc-gate.yaml"), Files.readString(spec)
                    .replace("  eo_difference_max: 0.1\n", ""));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Trains as ada (an administrator reading through the gateway for model-training). */
    private CliRun train(String spec) {
        return northstar("model", "train", "models/" + spec, "--as", "ada", "--role", "admin", "--purpose",
                "model-training");
    }

    @Test
    void trainsApprovesPromotesAndReproducesThePackModels() throws Exception {
        loadThePack();
        CliRun approval = train("credit-approval.yaml");
        assertThat(approval.exitCode()).as(approval.toString()).isZero();
        assertThat(approval.out()).contains("Registered credit-approval:1, trained by ada")
                .contains("ml.credit_training at snapshot").contains("Validation: ROC-AUC")
                .contains("gender: disparate impact").contains("age_band: disparate impact")
                .contains("disparate_impact_min").contains("dp_difference_max");
        CliRun defaults = train("credit-default.yaml");
        assertThat(defaults.exitCode()).as(defaults.toString()).isZero();
        assertThat(defaults.out()).contains("Registered credit-default:1, trained by ada")
                .contains("eo_difference_max");

        CliRun list = northstar("model", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("credit-approval").contains("credit-default").contains("ada");

        CliRun shown = northstar("model", "show", "credit-approval:1", "--json");
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        JsonNode approvalView = new ObjectMapper().readTree(shown.out());
        assertThat(approvalView.path("trainer").asText()).isEqualTo("ada");
        assertThat(approvalView.path("lineage").get(0).path("table").asText()).isEqualTo("ml.credit_training");
        assertThat(approvalView.path("lineage").get(0).path("snapshot_id").asLong()).isNotZero();
        assertThat(approvalView.path("metrics").path("confusion").path("true_positives").isNumber()).isTrue();
        assertThat(approvalView.path("fairness")).hasSize(2);
        CliRun text = northstar("model", "show", "credit-default");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("# credit-default:1, trained by ada").contains("Calibration:")
                .contains("PREDICTED POSITIVE").contains("Approvals: none");

        // Four-eyes: the trainer cannot approve their own version.
        CliRun own = northstar("model", "approve", "credit-approval:1", "--by", "ada");
        assertThat(own.exitCode()).as(own.toString()).isEqualTo(6);
        assertThat(own.err()).contains("ada trained credit-approval:1 and cannot approve it").contains("hint:");
        CliRun unapproved = northstar("model", "promote", "credit-default:1", "--by", "ada");
        assertThat(unapproved.exitCode()).as(unapproved.toString()).isEqualTo(6);
        assertThat(unapproved.err()).contains("no approval by a principal other than the trainer ada");

        CliRun bob = northstar("model", "approve", "credit-approval:1", "--by", "bob", "--comment", "card read");
        assertThat(bob.exitCode()).as(bob.toString()).isZero();
        assertThat(bob.out()).contains("Approved credit-approval:1 as bob (trained by ada)");

        // Trained on biased past decisions: its fairness gate refuses it the champion alias, approved or not.
        CliRun biased = northstar("model", "promote", "credit-approval:1", "--by", "bob");
        assertThat(biased.exitCode()).as(biased.toString() + approvalView).isEqualTo(6);
        assertThat(biased.err()).contains("credit-approval:1 cannot become champion: gate")
                .doesNotContain("no approval").contains("hint:");
        assertThat(biased.err()).containsPattern("gate (disparate_impact_min|dp_difference_max) on (gender|age_band)");
        CliRun challenger = northstar("model", "promote", "credit-approval:1", "--alias", "challenger", "--by", "bob");
        assertThat(challenger.exitCode()).as(challenger.toString()).isZero();

        CliRun carol = northstar("model", "approve", "credit-default:1", "--by", "carol");
        assertThat(carol.exitCode()).as(carol.toString()).isZero();
        // At this scale its cost-based threshold flags almost no one: every group is treated alike, so its fairness
        // gate cannot be judged, and a gate that cannot be judged fails.
        CliRun unjudged = northstar("model", "promote", "credit-default:1", "--by", "carol");
        assertThat(unjudged.exitCode()).as(unjudged.toString()).isEqualTo(6);
        assertThat(unjudged.err()).contains("gate eo_difference_max on gender could not be measured")
                .contains("fewer than " + dev.northstar.ml.Trainer.MIN_SELECTED + " validation rows");
        // Its promotion by a spec whose only gate is performance: approved by carol, it becomes champion.
        CliRun retrained = train("credit-default-auc-gate.yaml");
        assertThat(retrained.exitCode()).as(retrained.toString()).isZero();
        assertThat(retrained.out()).contains("Registered credit-default:2");
        assertThat(northstar("model", "approve", "credit-default:2", "--by", "carol").exitCode()).isZero();
        CliRun champion = northstar("model", "promote", "credit-default:2", "--by", "carol");
        assertThat(champion.exitCode()).as(champion.toString() + northstar("model", "show", "credit-default:2").out())
                .isZero();
        assertThat(champion.out()).contains("Promoted credit-default:2 to champion");
        assertThat(northstar("model", "list").out()).containsPattern("credit-approval .*\\| failed \\| - +\\| 1\\s")
                .containsPattern("credit-default .*\\| passed \\| 2 +\\| -\\s");

        CliRun card = northstar("model", "card", "credit-default:2", "--output", "cards/credit-default.md");
        assertThat(card.exitCode()).as(card.toString()).isZero();
        String markdown = Files.readString(directory.resolve("cards/credit-default.md"));
        assertThat(markdown).contains("# Model card: credit-default:2").contains("Fairness").contains("age_band")
                .contains("ml.credit_training").contains(approvalView.path("lineage").get(0).path("snapshot_id").asText())
                .contains("Approved by carol");
        CliRun html = northstar("model", "card", "credit-approval:1", "--html");
        assertThat(html.out()).contains("<html").contains("Fairness")
                .contains(approvalView.path("lineage").get(0).path("snapshot_id").asText());

        // Training read through the gateway as ada, audited; the refused approval too.
        CliRun reads = northstar("audit", "list", "--principal", "ada", "--table", "ml.credit_training", "--json");
        assertThat(reads.exitCode()).as(reads.toString()).isZero();
        assertThat(new ObjectMapper().readTree(reads.out()).path("entries")).hasSizeGreaterThanOrEqualTo(2);
        CliRun denied = northstar("audit", "list", "--action", "model.approve", "--principal", "ada");
        assertThat(denied.out()).contains("model:credit-approval:1").containsIgnoringCase("denied");

        CliRun reproduced = northstar("model", "reproduce", "credit-default:1", "--purpose", "model-training");
        assertThat(reproduced.exitCode()).as(reproduced.toString()).isZero();
        assertThat(reproduced.out()).contains("Model bytes: identical").containsPattern("Predictions on [\\d,]+ rows:"
                + " identical").contains("credit-default:1 is reproducible");
    }

    @Test
    void reportsSpecProblemsWithTheirPositionAndBadReferences() throws Exception {
        copySpecs();
        Path spec = directory.resolve("models/credit-default.yaml");
        Files.writeString(spec, Files.readString(spec).replace("  eta: 0.1", "  etta: 0.1"));
        CliRun invalid = northstar("model", "train", "models/credit-default.yaml", "--purpose", "model-training");
        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(2);
        assertThat(invalid.err()).containsPattern("models/credit-default.yaml:\\d+:\\d+: params.etta: Unknown field"
                + " 'etta'");

        CliRun missing = northstar("model", "approve", "credit-default", "--by", "bob");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Invalid model reference 'credit-default'").contains("NAME:VERSION");
        CliRun unknown = northstar("model", "show", "nope:3");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("Model nope:3 is not registered");
        assertThat(northstar("model", "list").out()).contains("No models.");
    }
}
