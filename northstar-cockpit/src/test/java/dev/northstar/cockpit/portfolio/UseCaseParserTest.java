package dev.northstar.cockpit.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.cockpit.CockpitException;
import dev.northstar.lake.config.YamlProblem;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kind: UseCase documents: every field read, every problem at its line and column with a fix. */
class UseCaseParserTest {
    // Positions are those of the field's key (PositionedYaml), so a value inside a flow mapping points at its key.
    static final String MINIMAL = """
            apiVersion: northstar/v1
            kind: UseCase
            id: churn-alerts
            title: Churn alerts
            domain: retail
            sector: retail
            lever: optimisation
            sponsor: CMO
            impact: {business_value: 4, strategic_fit: 3}
            feasibility: {data_availability: 3, technical: 3, change: 2}
            """;

    static String demo(String name) {
        try (InputStream in = UseCaseParserTest.class.getResourceAsStream("/dev/northstar/cockpit/demo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<YamlProblem> problems(String yaml) {
        return UseCaseParser.read(yaml, "usecase.yaml").problems();
    }

    @Test
    void readsEveryFieldOfTheDemoUseCase() {
        UseCase useCase = UseCaseParser.parse(demo("card-fraud-scoring.yaml"), "card-fraud-scoring.yaml");

        assertThat(useCase.id()).isEqualTo("card-fraud-scoring");
        assertThat(useCase.sector()).isEqualTo(UseCase.Sector.BANKING);
        assertThat(useCase.lever()).isEqualTo(UseCase.Lever.OPTIMISATION);
        assertThat(useCase.impact().score()).isEqualByComparingTo("4.5");
        // (4 + 4 + 3) / 3 = 3.666... -> 3.67
        assertThat(useCase.feasibility().score()).isEqualTo(new BigDecimal("3.67"));
        assertThat(useCase.quadrant()).isEqualTo(Quadrant.QUICK_WIN);
        assertThat(useCase.priority()).isEqualTo(new BigDecimal("16.52"));
        assertThat(useCase.risks()).hasSize(3);
        assertThat(useCase.risks().get(1).criticality()).isEqualTo(10);
        assertThat(useCase.risks().get(1).band()).isEqualTo(UseCase.RiskBand.HIGH);
        assertThat(useCase.links().products()).containsExactly("banking.card_transactions", "banking.merchants");
        assertThat(useCase.links().models()).containsExactly("card-fraud");
        assertThat(useCase.northStar().orElseThrow().target()).isEqualByComparingTo("2400000");
        assertThat(useCase.leadingIndicators()).extracting(UseCase.Indicator::name).contains("false positive rate");
        assertThat(useCase.status()).isEqualTo(UseCase.Status.PRODUCTION);
        assertThat(useCase.dates().production()).contains(LocalDate.of(2026, 5, 18));
        // 2026-01-12 -> 2026-03-02: 19 + 28 + 2 = 49 days; -> 2026-05-18: 49 + 31 + 30 + 17 = 126 days.
        assertThat(useCase.dates().ideaToMvpDays()).hasValue(49);
        assertThat(useCase.dates().ideaToProductionDays()).hasValue(126);
        BusinessCase businessCase = useCase.businessCase().orElseThrow();
        assertThat(businessCase.cloud().low()).isEqualByComparingTo("90000");
        assertThat(businessCase.data().high()).isEqualByComparingTo("60000");
        assertThat(businessCase.build().base()).isEqualByComparingTo("420000");
        assertThat(businessCase.discountRate()).isEqualByComparingTo("0.08");
    }

    @Test
    void everyDemoUseCaseParses() {
        for (String name : List.of("card-fraud-scoring.yaml", "retail-next-best-offer.yaml",
                "credit-approval-fairness.yaml", "city-traffic-exploration.yaml")) {
            assertThat(problems(demo(name))).as(name).isEmpty();
        }
    }

    @Test
    void minimalUseCaseDefaultsToAnIdeaWithoutBusinessCase() {
        UseCase useCase = UseCaseParser.parse(MINIMAL, "churn.yaml");

        assertThat(useCase.status()).isEqualTo(UseCase.Status.IDEA);
        assertThat(useCase.businessCase()).isEmpty();
        assertThat(useCase.dates().ideaToMvpDays()).isEmpty();
        // impact 3.5, feasibility 2.67: high impact, lower feasibility.
        assertThat(useCase.quadrant()).isEqualTo(Quadrant.CORE_BET);
    }

    @Test
    void reportsEveryProblemAtItsLineAndColumn() {
        String yaml = """
                apiVersion: northstar/v1
                kind: UseCase
                id: Churn Alerts
                title: Churn alerts
                domain: retail
                sector: retial
                lever: optimisation
                sponsor: CMO
                impact: {business_value: 6, strategic_fit: high}
                feasibility: {data_availability: 3, technical: 3}
                risks:
                  - {category: legal, description: GDPR, likelihood: 0, severity: 4}
                statuss: idea
                business_case:
                  currency: euro
                  horizon_years: 3
                  start: 2026-13
                  benefits: {low: 1, high: 2}
                  costs: {data: -5}
                """;

        List<YamlProblem> problems = problems(yaml);

        assertThat(problems).extracting(YamlProblem::toString).containsExactlyInAnyOrder(
                "usecase.yaml:3:1: id: Invalid id 'Churn Alerts' (Write a slug of lower-case letters, digits and"
                        + " dashes, e.g. 'id: card-fraud-scoring')",
                "usecase.yaml:6:1: sector: Unknown sector 'retial' (Did you mean retail?)",
                "usecase.yaml:9:10: impact.business_value: business_value must be from 1 to 5, got 6 (Score it from"
                        + " 1 (low) to 5 (high))",
                "usecase.yaml:9:29: impact.strategic_fit: strategic_fit must be a whole number from 1 to 5, got"
                        + " 'high' (Score it from 1 (low) to 5 (high))",
                "usecase.yaml:10:1: feasibility: feasibility.change is missing (Score it from 1 (low) to 5 (high))",
                "usecase.yaml:12:42: risks[0].likelihood: likelihood must be from 1 to 5, got 0 (Rate the likelihood"
                        + " from 1 (rare) to 5 (almost certain))",
                "usecase.yaml:13:1: statuss: Unknown field 'statuss' (Did you mean status?)",
                "usecase.yaml:15:3: business_case.currency: 'euro' is not a currency code (Write an ISO 4217 code,"
                        + " e.g. 'currency: EUR')",
                "usecase.yaml:17:3: business_case.start: '2026-13' is not a month (Write e.g. 2026-03)",
                "usecase.yaml:18:3: business_case.benefits: business_case.benefits.base is missing (Give at least"
                        + " the base scenario; low and high default to it)",
                "usecase.yaml:19:11: business_case.costs.data: data must not be negative, got -5 (Write costs and"
                        + " benefits as positive amounts)");
        assertThatThrownBy(() -> UseCaseParser.parse(yaml, "usecase.yaml")).isInstanceOfSatisfying(
                CockpitException.class, e -> assertThat(e.problems()).hasSize(11));
    }

    @Test
    void checksTheDatesAgainstTheStatus() {
        String production = MINIMAL + """
                status: production
                dates: {idea: 2026-03-01, mvp: 2026-02-01}
                """;
        assertThat(problems(production)).extracting(YamlProblem::message).containsExactlyInAnyOrder(
                "Status production needs dates.production",
                "dates.mvp (2026-02-01) is before dates.idea (2026-03-01)");

        String idea = MINIMAL + """
                status: idea
                dates: {idea: 2026-03-01, production: 2026-04-01}
                """;
        assertThat(problems(idea)).extracting(YamlProblem::toString).containsExactly(
                "usecase.yaml:12:27: dates.production: dates.production is set but the status is idea (Set 'status:"
                        + " production' or remove the date)");

        String mvp = MINIMAL + "status: mvp\n";
        assertThat(problems(mvp)).extracting(YamlProblem::message).containsExactly("Status mvp needs dates.idea",
                "Status mvp needs dates.mvp");

        String retired = MINIMAL + "status: retired\ndates: {idea: 2026-01-01, retired: 2026-02-01}\n";
        assertThat(problems(retired)).isEmpty();
    }

    @Test
    void refusesSelfDependenciesAndAnotherKind() {
        List<YamlProblem> self = problems(MINIMAL + "dependencies: [churn-alerts, churn-alerts]\n");
        assertThat(self).extracting(YamlProblem::message).containsExactly("The use case depends on itself",
                "The use case depends on itself");

        List<YamlProblem> kind = problems(MINIMAL.replace("kind: UseCase", "kind: DataContract"));
        assertThat(kind).extracting(YamlProblem::toString).containsExactly(
                "usecase.yaml:2:1: kind: kind must be UseCase, got 'DataContract' (Write 'kind: UseCase')");
        assertThat(problems("")).extracting(YamlProblem::message).containsExactly("The document is empty");
    }

    @Test
    void quadrantBoundariesAreAtThree() {
        assertThat(Quadrant.of(new BigDecimal("3.00"), new BigDecimal("3.00"))).isEqualTo(Quadrant.QUICK_WIN);
        assertThat(Quadrant.of(new BigDecimal("3.00"), new BigDecimal("2.99"))).isEqualTo(Quadrant.CORE_BET);
        assertThat(Quadrant.of(new BigDecimal("2.99"), new BigDecimal("3.00"))).isEqualTo(Quadrant.EXPLORATION);
        assertThat(Quadrant.of(new BigDecimal("2.99"), new BigDecimal("2.99"))).isEqualTo(Quadrant.BACKLOG);
        assertThat(Quadrant.of(new BigDecimal("5"), new BigDecimal("5"))).isEqualTo(Quadrant.QUICK_WIN);
        assertThat(Quadrant.of(BigDecimal.ONE, BigDecimal.ONE)).isEqualTo(Quadrant.BACKLOG);
        // Feasibility (3 + 3 + 2) / 3 = 2.67 is below the threshold; (3 + 3 + 3) / 3 = 3 is on it.
        assertThat(new UseCase.Feasibility(3, 3, 2).score()).isEqualTo(new BigDecimal("2.67"));
        assertThat(Quadrant.of(new UseCase.Impact(3, 3).score(), new UseCase.Feasibility(3, 3, 3).score()))
                .isEqualTo(Quadrant.QUICK_WIN);
        assertThat(Quadrant.of(new UseCase.Impact(3, 2).score(), new UseCase.Feasibility(3, 3, 3).score()))
                .isEqualTo(Quadrant.EXPLORATION);
    }

    @Test
    void weightsMakeTheScoreAWeightedMean() {
        UseCase weighted = UseCaseParser.parse(MINIMAL.replace("strategic_fit: 3}",
                "strategic_fit: 3, weights: {business_value: 3}}").replace("change: 2}",
                "change: 2, weights: {change: 0.5, technical: 1.5}}"), "churn.yaml");

        // Impact (3 × 4 + 1 × 3) / 4 = 3.75; feasibility (1 × 3 + 1.5 × 3 + 0.5 × 2) / 3 = 8.5 / 3 = 2.83.
        assertThat(weighted.impact().score()).isEqualTo(new BigDecimal("3.75"));
        assertThat(weighted.feasibility().score()).isEqualTo(new BigDecimal("2.83"));
        assertThat(problems(MINIMAL.replace("strategic_fit: 3}", "strategic_fit: 3, weights: {value: 2,"
                + " strategic_fit: 0}}"))).extracting(YamlProblem::toString).containsExactly(
                "usecase.yaml:9:57: impact.weights.value: Unknown field 'value' (Did you mean business_value?)",
                "usecase.yaml:9:67: impact.weights.strategic_fit: A weight must be above 0 (Remove the criterion's"
                        + " weight for 1, or give a positive number)");
    }

    @Test
    void riskBandsFollowLikelihoodTimesSeverity() {
        assertThat(UseCase.RiskBand.of(4)).isEqualTo(UseCase.RiskBand.LOW);
        assertThat(UseCase.RiskBand.of(5)).isEqualTo(UseCase.RiskBand.MEDIUM);
        assertThat(UseCase.RiskBand.of(9)).isEqualTo(UseCase.RiskBand.MEDIUM);
        assertThat(UseCase.RiskBand.of(10)).isEqualTo(UseCase.RiskBand.HIGH);
        assertThat(UseCase.RiskBand.of(14)).isEqualTo(UseCase.RiskBand.HIGH);
        assertThat(UseCase.RiskBand.of(15)).isEqualTo(UseCase.RiskBand.CRITICAL);
        assertThat(UseCase.RiskBand.of(25)).isEqualTo(UseCase.RiskBand.CRITICAL);
    }
}
