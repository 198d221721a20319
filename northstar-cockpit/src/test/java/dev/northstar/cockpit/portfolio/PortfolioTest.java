package dev.northstar.cockpit.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.cockpit.CockpitDocument;
import dev.northstar.cockpit.CockpitException;
import dev.northstar.cockpit.MeasuredCosts;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portfolio in a real SQLite metadata database: versions, no-ops, dependencies, ranking, deletion. */
class PortfolioTest {
    static final List<String> DEMO = List.of("card-fraud-scoring.yaml", "retail-next-best-offer.yaml",
            "credit-approval-fairness.yaml", "city-traffic-exploration.yaml");

    @TempDir
    Path directory;

    private JdbcMetadataStore metadata;
    private Portfolio portfolio;

    /** The products and models of the finance pack exist; nothing of retail or city does. */
    private static final KnownAssets FINANCE = new KnownAssets() {
        @Override
        public boolean product(String name) {
            return name.startsWith("banking.");
        }

        @Override
        public boolean model(String name) {
            return name.equals("card-fraud");
        }
    };

    @BeforeEach
    void open() {
        metadata = JdbcMetadataStore.open(LakeConfig.embedded(directory.resolve("home")));
        portfolio = new Portfolio(metadata.database(), FINANCE, MeasuredCosts.NONE,
                Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        metadata.close();
    }

    static List<CockpitDocument> demo() {
        return DEMO.stream().map(name -> new CockpitDocument("demo/" + name, UseCaseParserTest.demo(name))).toList();
    }

    @Test
    void appliesTheDemoPortfolioScoredPlacedAndRanked() {
        List<Portfolio.Applied> applied = portfolio.apply(demo(), "cdo", false);

        assertThat(applied).extracting(Portfolio.Applied::change).containsOnly(Portfolio.Change.CREATED);
        assertThat(applied.get(0).text(false)).isEqualTo("stored use case card-fraud-scoring version 1"
                + " (demo/card-fraud-scoring.yaml)");
        assertThat(applied.stream().flatMap(one -> one.warnings().stream()).map(YamlProblem::toString)).containsExactly(
                "demo/retail-next-best-offer.yaml:33:14: links.products[0]: Data product retail.orders does not exist"
                        + " yet (Apply its data contract with 'northstar apply', or fix the name)",
                "demo/retail-next-best-offer.yaml:33:29: links.products[1]: Data product retail.customer_revenue"
                        + " does not exist yet (Apply its data contract with 'northstar apply', or fix the name)",
                "demo/credit-approval-fairness.yaml:40:12: links.models[0]: Model credit-approval is not registered"
                        + " yet (Train it with 'northstar model train', or fix the name)");

        List<Assessment> list = portfolio.list();
        // Priorities: fraud 4.5 × 3.67 = 16.52, fairness 4 × 3.67 = 14.68, next best offer 4 × 2.33 = 9.32,
        // city 2.5 × 3 = 7.50.
        assertThat(list).extracting(one -> one.useCase().id()).containsExactly("card-fraud-scoring",
                "credit-approval-fairness", "retail-next-best-offer", "city-traffic-forecast");
        assertThat(list).extracting(Assessment::rank).containsExactly(1, 2, 3, 4);
        assertThat(list).extracting(Assessment::quadrant).containsExactly(Quadrant.QUICK_WIN, Quadrant.QUICK_WIN,
                Quadrant.CORE_BET, Quadrant.EXPLORATION);
        Assessment fraud = list.get(0);
        assertThat(fraud.version()).isEqualTo(1);
        assertThat(fraud.appliedBy()).isEqualTo("cdo");
        // B 2 400 000, C 60 000 + 120 000 + 250 000 = 430 000, O 500 000, H 3:
        // ROI = (7 200 000 - 1 790 000) / 1 790 000 = 3.0223; payback ceil(12 × 500 000 / 1 970 000) = 4.
        assertThat(fraud.baseRoi()).contains(new BigDecimal("3.0223"));
        assertThat(fraud.businessCase().orElseThrow().base().paybackMonths()).contains(4);
        assertThat(portfolio.get("retail-next-best-offer").useCase().status()).isEqualTo(UseCase.Status.MVP);
    }

    @Test
    void reappliedTextIsANoOpAndAChangeIsANewVersionWithItsStatus() {
        portfolio.apply(demo(), "cdo", false);
        assertThat(portfolio.apply(demo(), "cdo", false)).extracting(Portfolio.Applied::change)
                .containsOnly(Portfolio.Change.UNCHANGED);

        String promoted = UseCaseParserTest.demo("retail-next-best-offer.yaml").replace("status: mvp",
                "status: production").replace("  mvp: 2026-06-15", "  mvp: 2026-06-15\n  production: 2026-10-01");
        Portfolio.Applied dryRun = portfolio.apply(new CockpitDocument("nbo.yaml", promoted), "ana", true);
        assertThat(dryRun.change()).isEqualTo(Portfolio.Change.UPDATED);
        assertThat(dryRun.text(true)).isEqualTo("would store use case retail-next-best-offer version 2 (nbo.yaml)");
        assertThat(portfolio.history("retail-next-best-offer")).hasSize(1);

        Portfolio.Applied applied = portfolio.apply(new CockpitDocument("nbo.yaml", promoted), "ana", false);
        assertThat(applied.version()).isEqualTo(2);
        assertThat(portfolio.history("retail-next-best-offer")).extracting(Portfolio.Version::appliedBy)
                .containsExactly("cdo", "ana");
        assertThat(portfolio.statusHistory("retail-next-best-offer")).extracting(Portfolio.StatusChange::status)
                .containsExactly(UseCase.Status.MVP, UseCase.Status.PRODUCTION);
        assertThat(portfolio.get("retail-next-best-offer").useCase().dates().ideaToProductionDays()).hasValue(241);

        String retitled = promoted.replace("title: Next best offer for loyalty customers", "title: Next best offer");
        portfolio.apply(new CockpitDocument("nbo.yaml", retitled), "ana", false);
        assertThat(portfolio.statusHistory("retail-next-best-offer")).as("same status, no new entry").hasSize(2);
    }

    @Test
    void refusesUnknownDependenciesAndCyclesWithoutStoringAnything() {
        String first = UseCaseParserTest.MINIMAL.replace("id: churn-alerts", "id: first") + "dependencies: [second]\n";
        String second = UseCaseParserTest.MINIMAL.replace("id: churn-alerts", "id: second")
                + "dependencies: [third]\n";
        String third = UseCaseParserTest.MINIMAL.replace("id: churn-alerts", "id: third") + "dependencies: [first]\n";

        assertThat(portfolio.check(List.of(new CockpitDocument("first.yaml", first)))).extracting(
                YamlProblem::toString).containsExactly("first.yaml:11:16: dependencies[0]: Dependency 'second' is"
                + " not a use case (Apply it in the same folder, or fix the id; known use cases: first)");

        assertThatThrownBy(() -> portfolio.apply(List.of(new CockpitDocument("first.yaml", first),
                new CockpitDocument("second.yaml", second), new CockpitDocument("third.yaml", third)), "cdo", false))
                .isInstanceOfSatisfying(CockpitException.class, e -> assertThat(e.problems())
                        .extracting(YamlProblem::toString).containsExactly(
                                "first.yaml:11:1: dependencies: Dependency cycle: first -> second -> third -> first"
                                        + " (A use case cannot depend, even indirectly, on itself: remove one of"
                                        + " these dependencies)",
                                "second.yaml:11:1: dependencies: Dependency cycle: second -> third -> first -> second"
                                        + " (A use case cannot depend, even indirectly, on itself: remove one of"
                                        + " these dependencies)",
                                "third.yaml:11:1: dependencies: Dependency cycle: third -> first -> second -> third"
                                        + " (A use case cannot depend, even indirectly, on itself: remove one of"
                                        + " these dependencies)"));
        assertThat(portfolio.list()).isEmpty();

        // A cycle through a use case already in force is found too.
        portfolio.apply(List.of(new CockpitDocument("third.yaml", third.replace("dependencies: [first]\n", ""))),
                "cdo", false);
        portfolio.apply(List.of(new CockpitDocument("second.yaml", second)), "cdo", false);
        assertThat(portfolio.check(List.of(new CockpitDocument("third.yaml", third.replace("[first]", "[second]")))))
                .extracting(YamlProblem::message)
                .containsExactly("Dependency cycle: third -> second -> third");
        assertThat(portfolio.check(List.of(new CockpitDocument("a.yaml", second), new CockpitDocument("b.yaml",
                second)))).extracting(YamlProblem::message).containsExactly("Use case id 'second' is also the id"
                + " in a.yaml");
    }

    @Test
    void deletesKeepingTheHistoryAndRefusesDeletingADependency() {
        portfolio.apply(demo(), "cdo", false);

        assertThatThrownBy(() -> portfolio.delete("card-fraud-scoring", "cdo"))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_ARGUMENT)
                .hasMessage("Use case card-fraud-scoring is a dependency of credit-approval-fairness");
        Portfolio.Version deleted = portfolio.delete("city-traffic-forecast", "cdo");
        assertThat(deleted.version()).isEqualTo(2);
        assertThat(portfolio.list()).extracting(one -> one.useCase().id()).doesNotContain("city-traffic-forecast");
        assertThat(portfolio.history("city-traffic-forecast")).extracting(Portfolio.Version::deleted)
                .containsExactly(false, true);
        assertThatThrownBy(() -> portfolio.get("city-traffic-forecast"))
                .hasFieldOrPropertyWithValue("code", ErrorCode.RESOURCE_NOT_FOUND)
                .hasMessage("No use case city-traffic-forecast");
        assertThatThrownBy(() -> portfolio.delete("city-traffic-forecast", "cdo"))
                .hasFieldOrPropertyWithValue("code", ErrorCode.RESOURCE_NOT_FOUND);

        Portfolio.Applied again = portfolio.apply(new CockpitDocument("city.yaml",
                UseCaseParserTest.demo("city-traffic-exploration.yaml")), "cdo", false);
        assertThat(again.change()).isEqualTo(Portfolio.Change.CREATED);
        assertThat(again.version()).isEqualTo(3);
    }

    @Test
    void measuredCostsFlowIntoTheListedBusinessCases() {
        Portfolio measured = new Portfolio(metadata.database(), KnownAssets.ALL, (kind, name) ->
                kind.equals("model") && name.equals("card-fraud") ? OptionalDouble.of(36000) : OptionalDouble.empty());
        measured.apply(demo(), "cdo", false);

        BusinessCaseResult fraud = measured.get("card-fraud-scoring").businessCase().orElseThrow();
        // Cloud 36 000 measured instead of 120 000 declared: C = 346 000, total costs 1 538 000, benefits 7 200 000,
        // ROI = 5 662 000 / 1 538 000 = 3.6814.
        assertThat(fraud.lines().get(2).source()).isEqualTo("measured");
        assertThat(fraud.base().roi()).contains(new BigDecimal("3.6814"));
        assertThat(measured.get("retail-next-best-offer").businessCase().orElseThrow().lines().get(2).source())
                .isEqualTo("declared");
    }
}
