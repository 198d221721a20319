package dev.northstar.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.schema.TableId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kind: Model format: fields, defaults, and every problem reported with its line and column. */
class ModelSpecParserTest {
    @Test
    void readsEveryField() {
        ModelSpec spec = ModelSpecParser.parse(CreditFixture.SPEC, "credit.yaml");
        assertThat(spec.name()).isEqualTo("credit-default");
        assertThat(spec.task()).isEqualTo(ModelSpec.Task.BINARY_CLASSIFICATION);
        assertThat(spec.training().table()).isEqualTo(TableId.parse("credit.applications"));
        assertThat(spec.training().features()).containsExactly("income", "debt_ratio", "tenure", "postcode_risk");
        assertThat(spec.training().label()).isEqualTo("defaulted");
        assertThat(spec.training().timestamp()).isEqualTo("applied_at");
        assertThat(spec.training().split()).isEqualTo(ModelSpec.Split.latestFraction(0.25));
        assertThat(spec.params()).isEqualTo(new ModelSpec.Params("hist", 3, 0.3, 30, 7, 1, 1, 1, 1, 2));
        assertThat(spec.protectedAttributes()).containsExactly("gender");
        assertThat(spec.gates().rocAucMin()).hasValue(0.7);
        assertThat(spec.gates().disparateImpactMin()).hasValue(0.8);
        assertThat(spec.gates().demographicParityDifferenceMax()).isEmpty();
        assertThat(spec.costs()).isEqualTo(new ModelSpec.Costs(1, 4));
        assertThat(spec.limitations()).containsExactly("Trained on synthetic applications.");
        assertThat(spec.yaml()).isEqualTo(CreditFixture.SPEC);
    }

    @Test
    void defaultsAndASplitAtAnInstant() {
        ModelSpec spec = ModelSpecParser.parse("""
                kind: Model
                name: card-fraud
                training:
                  table: banking.card_transactions
                  features: [amount, tx_count_1h]
                  label: is_fraud
                  timestamp: event_time
                  split: {validate_after: 2026-10-01}
                """, "fraud.yaml");
        assertThat(spec.training().split()).isEqualTo(ModelSpec.Split.after(Instant.parse("2026-10-01T00:00:00Z")));
        assertThat(spec.params()).isEqualTo(ModelSpec.Params.defaults());
        assertThat(spec.gates()).isEqualTo(ModelSpec.Gates.none());
        assertThat(spec.costs()).isEqualTo(ModelSpec.Costs.equal());
        assertThat(spec.protectedAttributes()).isEmpty();
    }

    @Test
    void reportsEveryProblemWithItsPosition() {
        String yaml = """
                kind: Model
                name: Card Fraud
                training:
                  table: card_transactions
                  features: [amount, gender, amount]
                  label: is_fraud
                  timestamp: event_time
                  split:
                    validation_fraction: 1.5
                params:
                  max_depth: 0
                  etta: 0.1
                protected_attributes: [gender]
                gates:
                  disparate_impact_min: 2
                """;
        assertThatThrownBy(() -> ModelSpecParser.parse(yaml, "fraud.yaml")).isInstanceOfSatisfying(
                ModelSpecException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.problems()).extracting(YamlProblem::toString).containsExactlyInAnyOrder(
                            "fraud.yaml:2:1: name: Invalid model name 'Card Fraud' (Name it with lower-case letters,"
                                    + " digits and dashes)",
                            "fraud.yaml:4:3: training.table: Invalid table 'card_transactions' (Write the table as"
                                    + " domain.table, e.g. banking.card_transactions)",
                            "fraud.yaml:5:30: training.features[2]: 'amount' is listed twice (Remove one of them)",
                            "fraud.yaml:9:5: training.split.validation_fraction: validation_fraction must be between"
                                    + " 0 and 1, got 1.5 (Write e.g. 0.2 to validate on the latest 20% of rows)",
                            "fraud.yaml:11:3: params.max_depth: max_depth must be between 1 and 20, got 0 (Write a"
                                    + " value in range, or remove it for the default 6)",
                            "fraud.yaml:12:3: params.etta: Unknown field 'etta' (Did you mean eta?)",
                            "fraud.yaml:13:24: protected_attributes[0]: Protected attribute 'gender' is also a"
                                    + " feature (Remove it from training.features: the model must not read it)",
                            "fraud.yaml:15:3: gates.disparate_impact_min: disparate_impact_min must be between 0"
                                    + " and 1, got 2.0 (Write e.g. 'disparate_impact_min: 0.8')");
                });
    }

    @Test
    void lintsBrokenYamlAndMissingSections() {
        assertThat(ModelSpecParser.lint("kind: Model\nname: [unclosed\n", "x.yaml")).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.line()).isGreaterThanOrEqualTo(2);
                    assertThat(problem.message()).startsWith("Not valid YAML");
                });
        List<YamlProblem> problems = ModelSpecParser.lint("kind: Model\nname: m\n", "x.yaml");
        assertThat(problems).extracting(YamlProblem::message)
                .containsExactly("The model has no training section");
        assertThat(ModelSpecParser.lint(CreditFixture.SPEC, "credit.yaml")).isEmpty();
    }
}
