package dev.northstar.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.northstar.cockpit.finops.MeasuredFinopsCosts;
import dev.northstar.cockpit.finops.TelemetryPlatform;
import dev.northstar.cockpit.portfolio.BusinessCaseResult;
import dev.northstar.cockpit.review.CockpitView;
import dev.northstar.cockpit.review.CostLine;
import dev.northstar.cockpit.review.KpiTile;
import dev.northstar.cockpit.review.PipelineStage;
import dev.northstar.cockpit.review.UseCaseTile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cockpit wired over a real lake: what is declared in YAML is scored, costed with measured figures and shown. */
class CockpitTest {
    private static final String USE_CASE = """
            apiVersion: northstar/v1
            kind: UseCase
            id: lyon-expansion
            title: Open a Lyon store
            domain: retail
            sector: retail
            lever: innovation
            sponsor: Chief Executive Officer
            impact: {business_value: 4, strategic_fit: 4}
            feasibility: {data_availability: 4, technical: 3, change: 3}
            risks:
              - {category: financial, description: Rent above plan, likelihood: 3, severity: 4, mitigation: Lease cap}
            links: {products: [retail.customers]}
            north_star: {name: Lyon revenue, unit: EUR, target: 500000}
            status: mvp
            dates: {idea: 2026-09-01, mvp: 2026-10-16}
            business_case:
              currency: EUR
              horizon_years: 2
              discount_rate: 0.1
              start: 2026-11
              benefits: 120000
              costs: {data: 5000, cloud: 100000, opex: 10000}
              one_off: {change: 20000}
            """;
    private static final String PRICES = """
            kind: PriceModel
            name: test-prices
            currency: EUR
            storage_per_gb_month: 1000
            compute_per_cpu_second: 10
            scoring_per_1000_requests: 1
            """;
    private static final String BUDGET = """
            kind: Budget
            name: retail-tight
            scope: {domain: retail}
            amount: 0.01
            thresholds: [80, 100]
            """;

    @TempDir
    Path directory;

    private TelemetryPlatform platform;
    private Cockpit cockpit;

    @BeforeEach
    void setUp() throws Exception {
        // Now: the lake stamps snapshots with the wall clock, and costs integrate from them.
        platform = new TelemetryPlatform(directory, Instant.now()).loaded();
        cockpit = Cockpit.open(platform.lake, platform.store, platform.gateway, platform.clock);
        CockpitApply.Outcome applied = cockpit.applier().apply(List.of(
                new CockpitDocument("usecases/lyon.yaml", USE_CASE), new CockpitDocument("prices.yaml", PRICES),
                new CockpitDocument("budgets/retail.yaml", BUDGET)), "cdo", false);
        assertThat(applied.changed()).isTrue();
        assertThat(applied.lines()).hasSize(3);
        platform.clock.advance(Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() {
        platform.close();
    }

    @Test
    void aDeclaredUseCaseIsScoredPlacedAndCostedWithMeasuredFigures() {
        CockpitView view = cockpit.view(month());

        UseCaseTile tile = view.useCases().get(0);
        assertThat(tile.id()).isEqualTo("lyon-expansion");
        assertThat(tile.impact()).isEqualTo(4.0);
        assertThat(tile.feasibility()).isEqualTo(3.33);
        assertThat(tile.quadrant()).isEqualTo("quick_win");
        assertThat(tile.stage()).isEqualTo(PipelineStage.MVP);
        assertThat(tile.hasBusinessCase()).isTrue();
        assertThat(view.topRisks(1).get(0).score()).isEqualTo(12);

        // The cloud line is the measured cost of retail.customers, annualised, not the 100,000 declared.
        BusinessCaseResult result = cockpit.portfolio().get("lyon-expansion").businessCase().orElseThrow();
        BusinessCaseResult.Line cloud = result.lines().stream().filter(line -> line.name().equals("cloud"))
                .findFirst().orElseThrow();
        assertThat(cloud.measured()).isTrue();
        assertThat(cloud.measuredAssets()).containsExactly("product:retail.customers");
        double measured = new MeasuredFinopsCosts(cockpit.costs(), platform.clock)
                .annualCost("product", "retail.customers").orElseThrow();
        assertThat(measured).isPositive().isLessThan(100_000);
        assertThat(cloud.amounts().base().doubleValue()).isCloseTo(measured, within(0.01));
        // ROI over two years: (2 × 120,000 − (2 × (5,000 + cloud + 10,000) + 20,000)) / costs.
        double costs = 2 * (5_000 + cloud.amounts().base().doubleValue() + 10_000) + 20_000;
        assertThat(tile.roi().getAsDouble()).isCloseTo((240_000 - costs) / costs, within(1e-4));

        // Costs by use case: the use case carries what its one product cost this month.
        CostLine byUseCase = view.costs().stream().filter(line -> line.dimension().equals("usecase")
                && line.key().equals("lyon-expansion")).findFirst().orElseThrow();
        CostLine retail = view.costs().stream().filter(line -> line.dimension().equals("domain")
                && line.key().equals("retail")).findFirst().orElseThrow();
        assertThat(byUseCase.amount()).isPositive().isLessThanOrEqualTo(retail.amount());
        assertThat(byUseCase.currency()).isEqualTo("EUR");

        // The tight budget of the retail domain is exceeded, and time to value comes from the use case's dates.
        assertThat(view.budgets()).singleElement().satisfies(budget -> {
            assertThat(budget.key()).isEqualTo("retail");
            assertThat(budget.alert()).isEqualTo("exceeded");
        });
        assertThat(kpi(view, "time_to_value.idea_to_mvp").value()).hasValue(45);
        assertThat(view.readiness().items()).isNotEmpty();
    }

    @Test
    void kpisMoveWhenPeopleUseThePlatform() {
        YearMonth month = month();
        double before = kpi(cockpit.view(month), "adoption.active_users").value().orElseThrow();

        platform.read(TelemetryPlatform.analyst("ada"), "SELECT count(*) FROM retail.customers");
        platform.read(TelemetryPlatform.analyst("bob"), "SELECT city FROM retail.customers");

        assertThat(kpi(cockpit.view(month), "adoption.active_users").value()).hasValue(before + 2);
    }

    private YearMonth month() {
        return YearMonth.from(platform.clock.instant().atZone(java.time.ZoneOffset.UTC));
    }

    private static KpiTile kpi(CockpitView view, String id) {
        return view.kpis().stream().filter(kpi -> kpi.id().equals(id)).findFirst().orElseThrow(
                () -> new AssertionError("No KPI " + id + " in " + view.kpis().stream().map(KpiTile::id).toList()));
    }
}
