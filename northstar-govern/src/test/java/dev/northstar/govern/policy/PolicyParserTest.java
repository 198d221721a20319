package dev.northstar.govern.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
    @Test
    void parsesTheRealisticPolicies() {
        PolicyDocument fraud = PolicyParser.parse(PolicyFixture.FRAUD, "fraud.yaml");

        assertThat(fraud.name()).isEqualTo("fraud");
        assertThat(fraud.rules()).hasSize(2);
        PolicyRule allow = fraud.rules().get(0);
        assertThat(allow.effect()).isEqualTo(PolicyRule.Effect.ALLOW);
        assertThat(allow.subjects().roles()).containsExactly("fraud-investigator");
        assertThat(allow.subjects().clearance()).contains("confidential");
        assertThat(allow.resources().tables()).containsExactly("banking.transactions");
        assertThat(allow.purposes()).containsExactly("fraud-investigation");
        assertThat(fraud.rules().get(1).mask()).contains(new ColumnMask(ColumnMask.Kind.PARTIAL,
                Map.of("keep", "4", "from", "end")));
        assertThat(PolicyParser.parse(PolicyFixture.ANALYSTS, "a.yaml").rules().get(2).filter())
                .contains("region = ${subject.region}");
    }

    @Test
    void reportsEveryProblemWithItsLineAndColumn() {
        String yaml = """
                kind: AccessPolicy
                name: Bad Name
                rules:
                  - effect: permit
                    subjects: {roles: [analyst]}
                    resources: {domains: [retail]}
                  - effect: mask
                    resources: {columns: [email]}
                    mask: {kind: scramble}
                  - effect: filter
                    resources: {tables: [retail.customers]}
                    filter: region = (SELECT max(region) FROM retail.customers)
                  - effect: allow
                    resources: {domians: [retail]}
                """;

        assertThatThrownBy(() -> PolicyParser.parse(yaml, "bad.yaml"))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.problems()).extracting(YamlProblem::toString).anySatisfy(problem -> assertThat(
                                    problem).startsWith("bad.yaml:2:1: name: Invalid policy name 'Bad Name'"))
                            .anySatisfy(problem -> assertThat(problem)
                                    .startsWith("bad.yaml:4:5: rules[0].effect: Unknown effect 'permit'"))
                            .anySatisfy(problem -> assertThat(problem)
                                    .startsWith("bad.yaml:9:12: rules[1].mask.kind: Unknown mask kind 'scramble'"))
                            .anySatisfy(problem -> assertThat(problem)
                                    .startsWith("bad.yaml:12:5: rules[2].filter: Row filter").contains("subquery"))
                            .anySatisfy(problem -> assertThat(problem).startsWith(
                                    "bad.yaml:14:17: rules[3].resources.domians: Unknown field 'domians'"));
                    assertThat(e.getMessage()).startsWith("5 problem(s) in the access policy");
                });
    }

    @Test
    void notYamlNamesTheLine() {
        assertThatThrownBy(() -> PolicyParser.parse("kind: AccessPolicy\nname: x\nrules: [\n  - a: b\n", "broken.yaml"))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.source()).isEqualTo("broken.yaml");
                            assertThat(problem.line()).isGreaterThanOrEqualTo(3);
                            assertThat(problem.message()).startsWith("Not valid YAML");
                        }));
    }

    @Test
    void rowFiltersAreSinglePredicatesOverTheTablesColumns() {
        assertThat(RowFilter.check("region = ${subject.region} AND amount < 100", Optional.of(Set.of("region",
                "amount")))).containsExactly("amount", "region");
        assertThatThrownBy(() -> RowFilter.check("1 = 1) UNION SELECT * FROM secrets WHERE (1 = 1", Optional.empty()))
                .isInstanceOf(NorthstarException.class);
        assertThatThrownBy(() -> RowFilter.check("1 = 1; DROP TABLE x", Optional.empty()))
                .isInstanceOf(NorthstarException.class);
        assertThatThrownBy(() -> RowFilter.check("getenv('HOME') = region", Optional.empty()))
                .hasMessageContaining("getenv");
        assertThatThrownBy(() -> RowFilter.check("region = ${user.region}", Optional.empty()))
                .hasMessageContaining("Unknown placeholder ${user.region}");
        assertThatThrownBy(() -> RowFilter.check("regoin = 'EU'", Optional.of(Set.of("region"))))
                .hasMessageContaining("'regoin'").hasMessageContaining("does not have");
        assertThat(RowFilter.bind("owner = ${subject.name} OR ${subject.region} = 'all'",
                Map.of("name", "o'hara", "region", "EU"))).contains("owner = 'o''hara' OR 'EU' = 'all'");
        assertThat(RowFilter.bind("region = ${subject.region}", Map.of())).isEmpty();
    }

    @Test
    void lintListsProblemsWithoutThrowing() {
        assertThat(PolicyParser.lint(PolicyFixture.MARKETING, "m.yaml")).isEmpty();
        List<YamlProblem> problems = PolicyParser.lint("kind: Policy\nname: x\nrules: []\n", "x.yaml");
        assertThat(problems).extracting(YamlProblem::path).containsExactly("kind", "rules");
    }
}
