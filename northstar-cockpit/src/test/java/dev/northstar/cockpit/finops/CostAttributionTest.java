package dev.northstar.cockpit.finops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.northstar.cockpit.kpi.Parsed;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.catalog.StewardTags;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.store.RunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cost attribution on a real lake under a given price model: storage from the tables' snapshot sizes, compute from
 * ingestion runs and audited query durations, rolled up by domain, product, tag and use case, checked against sums
 * computed by hand.
 */
class CostAttributionTest {
    /** After the real ingestion runs of the fixture (which happen now), so the window holds only what the test puts. */
    private static final Instant T0 = Instant.parse("2027-03-01T00:00:00Z");
    private static final PriceModel PRICES = new PriceModel("test", "EUR", 2.0, 0.5, 4.0);
    private static final String PRICE_YAML = """
            kind: PriceModel
            name: test
            currency: EUR
            storage_per_gb_month: 2
            compute_per_cpu_second: 0.5
            scoring_per_1000_requests: 4
            """;

    @TempDir
    Path directory;

    private TelemetryPlatform platform;
    private CostAttribution costs;
    private long customerBytes;
    private long ledgerBytes;

    @BeforeEach
    void open() throws Exception {
        platform = new TelemetryPlatform(directory, T0).loaded();
        PriceModels prices = new PriceModels(platform.store.database(), platform.clock);
        assertThat(prices.apply(PriceModels.parse("prices.yaml", PRICE_YAML).orThrow(), PRICE_YAML, "cdo", false))
                .isEqualTo("PriceModel test: created");
        assertThat(prices.get()).isEqualTo(PRICES);
        UseCaseLinks links = () -> Map.of(
                "churn", List.of(new UseCaseLinks.Asset("product", "retail.customer-360")),
                "fraud", List.of(new UseCaseLinks.Asset("product", "retail.customer-360"),
                        new UseCaseLinks.Asset("product", "finance.ledger")));
        costs = new CostAttribution(platform.lake, platform.store.database(), prices, links);
        customerBytes = platform.lake.describe(TelemetryPlatform.CUSTOMERS).totalBytes();
        ledgerBytes = platform.lake.describe(TelemetryPlatform.LEDGER).totalBytes();
        assertThat(customerBytes).isPositive();
        assertThat(ledgerBytes).isPositive();

        new StewardTags(platform.store.database(), platform.lake).add(TelemetryPlatform.CUSTOMERS, "gold", "steward");
        // An ingestion of 4 s into customers and one of 10 s into the ledger, in the window.
        run("run-customers", "retail.customers", T0.plus(Duration.ofDays(1)), Duration.ofSeconds(4));
        run("run-ledger", "finance.ledger", T0.plus(Duration.ofDays(2)), Duration.ofSeconds(10));
        // Two answered queries (2 s on customers; 1 s shared by both tables) and one denied, which costs nothing.
        read(Duration.ofDays(3), List.of("retail.customers"), 2000, AuditEvent.Decision.ALLOWED);
        read(Duration.ofDays(4), List.of("retail.customers", "finance.ledger"), 1000, AuditEvent.Decision.ALLOWED);
        read(Duration.ofDays(5), List.of("finance.ledger"), 0, AuditEvent.Decision.DENIED);
    }

    @AfterEach
    void close() {
        platform.close();
    }

    private void run(String id, String table, Instant start, Duration length) {
        platform.store.runs().save(new RunRecord(id, "ingest", table, RunRecord.SUCCEEDED, start,
                Optional.of(start.plus(length)), 10, 10, Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of()));
    }

    private void read(Duration at, List<String> tables, long millis, AuditEvent.Decision decision) {
        platform.clock.advance(Duration.between(platform.clock.instant(), T0.plus(at)));
        platform.audit.append(new AuditEvent("ada", decision == AuditEvent.Decision.ALLOWED ? AuditEvent.DATA_READ
                : AuditEvent.DATA_DENIED, tables, Optional.empty(), decision, Optional.of(1L),
                Map.of("channel", "api", AuditEvent.DURATION_MS, Long.toString(millis))));
    }

    private double storage(long bytes, Duration length) {
        return bytes / CostAttribution.GB * length.toMillis() / CostAttribution.MONTH.toMillis() * PRICES.storagePerGbMonth();
    }

    @Test
    void attributesStorageAndComputeToEachTable() {
        List<CostAttribution.AssetCost> assets = costs.assets(T0, T0.plus(CostAttribution.MONTH));
        assertThat(assets).extracting(CostAttribution.AssetCost::name)
                .containsExactlyInAnyOrder("retail.customers", "finance.ledger");
        CostAttribution.AssetCost customers = asset(assets, "retail.customers");
        assertThat(customers.storageGbMonths()).isCloseTo(customerBytes / CostAttribution.GB, within(1e-15));
        assertThat(customers.computeSeconds()).isEqualTo(4 + 2 + 0.5);
        assertThat(customers.queries()).isEqualTo(2);
        assertThat(customers.computeCost()).isEqualTo(3.25);
        assertThat(customers.storageCost()).isCloseTo(customerBytes / CostAttribution.GB * 2.0, within(1e-15));
        assertThat(customers.product()).isEqualTo("retail.customer-360");
        assertThat(customers.tags()).containsExactly("gold");
        CostAttribution.AssetCost ledger = asset(assets, "finance.ledger");
        assertThat(ledger.computeSeconds()).isEqualTo(10 + 0.5);
        assertThat(ledger.queries()).isEqualTo(1);
        assertThat(ledger.computeCost()).isEqualTo(5.25);
        assertThat(ledger.product()).isEqualTo("finance.ledger");
        assertThat(ledger.scoringCost()).isZero();
    }

    @Test
    void rollsUpByDomainProductTagAndUseCase() {
        Instant to = T0.plus(CostAttribution.MONTH);
        double customers = storage(customerBytes, CostAttribution.MONTH) + 3.25;
        double ledger = storage(ledgerBytes, CostAttribution.MONTH) + 5.25;

        CostAttribution.CostReport byDomain = costs.report(CostAttribution.Dimension.DOMAIN, T0, to);
        assertThat(byDomain.currency()).isEqualTo("EUR");
        assertThat(byDomain.priceModel()).isEqualTo("test");
        assertThat(byDomain.total()).isCloseTo(customers + ledger, within(1e-12));
        assertThat(group(byDomain, "retail").total()).isCloseTo(customers, within(1e-12));
        assertThat(group(byDomain, "finance").total()).isCloseTo(ledger, within(1e-12));
        assertThat(group(byDomain, "finance").computeCost()).isEqualTo(5.25);

        CostAttribution.CostReport byProduct = costs.report(CostAttribution.Dimension.parse("product"), T0, to);
        assertThat(byProduct.groups()).extracting(CostAttribution.GroupCost::key)
                .containsExactlyInAnyOrder("retail.customer-360", "finance.ledger");
        assertThat(group(byProduct, "retail.customer-360").assets()).containsExactly("retail.customers");

        CostAttribution.CostReport byTag = costs.report(CostAttribution.Dimension.TAG, T0, to);
        assertThat(group(byTag, "gold").total()).isCloseTo(customers, within(1e-12));
        assertThat(group(byTag, CostAttribution.NONE).total()).isCloseTo(ledger, within(1e-12));

        // customers is shared by two use cases: half each; the ledger belongs to fraud alone.
        CostAttribution.CostReport byUseCase = costs.report(CostAttribution.Dimension.USECASE, T0, to);
        assertThat(group(byUseCase, "churn").total()).isCloseTo(customers / 2, within(1e-12));
        assertThat(group(byUseCase, "fraud").total()).isCloseTo(customers / 2 + ledger, within(1e-12));
        assertThat(byUseCase.groups().stream().mapToDouble(CostAttribution.GroupCost::total).sum())
                .isCloseTo(byUseCase.total(), within(1e-12));
    }

    @Test
    void dailyTrendMovesOnTheDaysOfRunsAndQueries() {
        List<dev.northstar.cockpit.kpi.TrendPoint> days = costs.dailyTotals(T0, T0.plus(Duration.ofDays(6)));
        assertThat(days).hasSize(6);
        double storagePerDay = storage(customerBytes, Duration.ofDays(1)) + storage(ledgerBytes, Duration.ofDays(1));
        assertThat(days.get(0).start()).isEqualTo(T0);
        assertThat(days.get(0).value()).isCloseTo(storagePerDay, within(1e-12));
        assertThat(days.get(1).value()).isCloseTo(storagePerDay + 2.0, within(1e-12));
        assertThat(days.get(2).value()).isCloseTo(storagePerDay + 5.0, within(1e-12));
        assertThat(days.get(3).value()).isCloseTo(storagePerDay + 1.0, within(1e-12));
        assertThat(days.get(4).value()).isCloseTo(storagePerDay + 0.5, within(1e-12));
        assertThat(days.get(5).value()).isCloseTo(storagePerDay, within(1e-12));
    }

    @Test
    void measuredCostsAnnualiseTheLastThirtyDays() {
        platform.clock.advance(Duration.between(platform.clock.instant(), T0.plus(CostAttribution.MONTH)));
        MeasuredFinopsCosts measured = new MeasuredFinopsCosts(costs, platform.clock);
        double customers = storage(customerBytes, CostAttribution.MONTH) + 3.25;
        assertThat(measured.annualCost("product", "retail.customer-360").getAsDouble())
                .isCloseTo(customers * 365 / 30, within(1e-9));
        assertThat(measured.annualCost("product", "retail.customers").getAsDouble())
                .isCloseTo(customers * 365 / 30, within(1e-9));
        assertThat(measured.annualCost("product", "retail.unknown")).isEmpty();
        assertThat(measured.annualCost("model", "churn-model")).isEmpty();
    }

    @Test
    void storageIntegratesEachSnapshotSizeUntilTheNextCommit() {
        List<long[]> sizes = List.of(new long[] {1_000, 100}, new long[] {3_000, 300}, new long[] {6_000, 0});
        assertThat(CostAttribution.storedByteMillis(sizes, 0, 10_000)).isEqualTo(100 * 2_000 + 300 * 3_000);
        assertThat(CostAttribution.storedByteMillis(sizes, 2_000, 4_000)).isEqualTo(100 * 1_000 + 300 * 1_000);
        assertThat(CostAttribution.storedByteMillis(sizes, 0, 500)).isZero();
        assertThat(CostAttribution.storedByteMillis(List.of(new long[] {0, 7}), 10, 20)).isEqualTo(70);
    }

    @Test
    void priceModelProblemsNameLineColumnAndFix() {
        Parsed<PriceModel> parsed = PriceModel.parse("prices.yaml", """
                kind: PriceModel
                name: Bad Name
                currency: euro
                storage_per_gb_month: -1
                compute_per_cpu_second: cheap
                colour: blue
                """);
        assertThat(parsed.definition()).isEmpty();
        assertThat(parsed.problems()).extracting(YamlProblem::toString).containsExactlyInAnyOrder(
                "prices.yaml:6:1: colour: Unknown field 'colour' (Known fields here: [apiVersion, compute_per_cpu_second,"
                        + " currency, description, kind, name, scoring_per_1000_requests, storage_per_gb_month])",
                "prices.yaml:2:1: name: Invalid name 'Bad Name' (Start with a lower-case letter; use lower-case"
                        + " letters, digits, dashes and underscores)",
                "prices.yaml:3:1: currency: Invalid currency 'euro' (Write an ISO 4217 code such as EUR)",
                "prices.yaml:4:1: storage_per_gb_month: 'storage_per_gb_month' must be at least 0.0, got -1"
                        + " (Write a number from 0.0)",
                "prices.yaml:5:1: compute_per_cpu_second: 'compute_per_cpu_second' must be a number, got 'cheap'"
                        + " (Write a plain number such as 0.023)");
        assertThat(PriceModel.parse("p.yaml", "kind: PriceModel\nname: eu\n").orThrow()).isEqualTo(
                new PriceModel("eu", "EUR", 0.023, 0.00005, 0.01));
    }

    private static CostAttribution.AssetCost asset(List<CostAttribution.AssetCost> assets, String name) {
        return assets.stream().filter(asset -> asset.name().equals(name)).findFirst().orElseThrow();
    }

    private static CostAttribution.GroupCost group(CostAttribution.CostReport report, String key) {
        return report.groups().stream().filter(group -> group.key().equals(key)).findFirst().orElseThrow();
    }
}
