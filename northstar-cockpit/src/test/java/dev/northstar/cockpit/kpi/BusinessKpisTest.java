package dev.northstar.cockpit.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.cockpit.finops.CostAttribution;
import dev.northstar.cockpit.finops.PriceModels;
import dev.northstar.cockpit.finops.TelemetryPlatform;
import dev.northstar.cockpit.finops.UseCaseLinks;
import dev.northstar.govern.audit.AuditEntry;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditQuery;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Business KPIs evaluated through the governed gateway as their run-as principal: values and series tracked against
 * their target over time, a denial by policy recorded as a failed evaluation with the reason, every evaluation
 * audited without counting as a person's use of the platform.
 */
class BusinessKpisTest {
    private static final String LYON_SHARE = """
            kind: BusinessKpi
            id: lyon-share
            use_case: city-expansion
            name: Share of customers in Lyon
            unit: "%"
            sql: SELECT 100.0 * avg(CASE WHEN city = 'Lyon' THEN 1 ELSE 0 END) FROM retail.customers
            target: {value: 60, direction: higher}
            schedule: daily
            run_as: {principal: kpi-reporter, purpose: reporting}
            """;
    private static final String DAILY_AMOUNT = """
            kind: BusinessKpi
            id: ledger-daily
            use_case: cash-forecast
            name: Ledger amount per day
            unit: EUR
            sql: |
              SELECT DATE '2027-01-01' + (entry_id % 3)::INTEGER AS day, sum(amount) AS amount
              FROM finance.ledger GROUP BY 1
            target: {value: 2000, direction: lower}
            run_as: {principal: kpi-reporter}
            """;

    private static final String HOURLY_LEDGER = """
            kind: BusinessKpi
            id: ledger-hourly
            use_case: cash-forecast
            name: Ledger total
            unit: EUR
            sql: SELECT sum(amount) FROM finance.ledger
            target: {value: 5000, direction: lower}
            schedule: hourly
            run_as: {principal: kpi-reporter}
            """;

    @TempDir
    Path directory;

    private TelemetryPlatform platform;
    private BusinessKpis kpis;

    @BeforeEach
    void open() throws Exception {
        platform = new TelemetryPlatform(directory, Instant.now().truncatedTo(ChronoUnit.MILLIS)).loaded();
        platform.store.tokens().create(new Principal("kpi-reporter", Set.of("analyst"), Map.of()), Optional.empty());
        platform.store.tokens().create(new Principal("intern", Set.of(), Map.of()), Optional.empty());
        kpis = new BusinessKpis(platform.store.database(), platform.gateway, platform.store.tokens(), platform.audit,
                platform.clock);
    }

    @AfterEach
    void close() {
        platform.close();
    }

    private void apply(String yaml) {
        BusinessKpi kpi = BusinessKpis.parse("kpi.yaml", yaml).orThrow();
        assertThat(kpis.apply(kpi, yaml, "cdo", false)).isEqualTo("BusinessKpi " + kpi.id() + ": created");
    }

    @Test
    void kpisAreEvaluatedWhenTheirScheduleSaysTheyAreDue() {
        apply(LYON_SHARE);
        apply(HOURLY_LEDGER);

        // Never evaluated: both are due.
        assertThat(kpis.evaluateDue()).extracting(BusinessKpis.Evaluation::kpi)
                .containsExactlyInAnyOrder("lyon-share", "ledger-hourly");
        assertThat(kpis.evaluateDue()).isEmpty();

        // An hour later only the hourly one is; a day later both are again.
        platform.clock.advance(Duration.ofHours(1));
        assertThat(kpis.evaluateDue()).extracting(BusinessKpis.Evaluation::kpi).containsExactly("ledger-hourly");
        platform.clock.advance(Duration.ofMinutes(59));
        assertThat(kpis.evaluateDue()).isEmpty();
        platform.clock.advance(Duration.ofHours(23));
        assertThat(kpis.evaluateDue()).extracting(BusinessKpis.Evaluation::kpi)
                .containsExactlyInAnyOrder("lyon-share", "ledger-hourly");
        assertThat(kpis.history("lyon-share")).hasSize(2);
        assertThat(kpis.history("ledger-hourly")).hasSize(3);
    }

    @Test
    void tracksAValueAgainstItsTargetOverTime() throws Exception {
        apply(LYON_SHARE);
        BusinessKpi kpi = kpis.get("lyon-share");
        assertThat(kpi.purpose()).contains("reporting");
        assertThat(kpi.target()).isEqualTo(new Kpi.Target(60, Kpi.Direction.HIGHER_IS_BETTER));
        assertThat(kpis.tracked().get(0).status()).isEqualTo(Kpi.Status.NOT_MEASURED);

        BusinessKpis.Evaluation first = kpis.evaluate("lyon-share");
        assertThat(first.outcome()).isEqualTo(BusinessKpis.Outcome.SUCCEEDED);
        assertThat(first.value()).contains(50.0);
        assertThat(first.status()).isEqualTo(Kpi.Status.OFF_TRACK);
        assertThat(first.runAs()).isEqualTo("kpi-reporter");

        // Five more customers in Lyon: 15 of 25.
        StringBuilder more = new StringBuilder("customer_id,email,phone,city\n");
        for (int i = 21; i <= 25; i++) {
            more.append(i).append(",c").append(i).append("@example.org,+33600000").append(i).append(",Lyon\n");
        }
        platform.ingest(TelemetryPlatform.CUSTOMERS, more.toString());
        platform.clock.advance(Duration.ofDays(1));
        BusinessKpis.Evaluation second = kpis.evaluate("lyon-share");
        assertThat(second.value()).contains(60.0);
        assertThat(second.status()).isEqualTo(Kpi.Status.ON_TRACK);

        BusinessKpis.Tracked tracked = kpis.tracked().get(0);
        assertThat(tracked.status()).isEqualTo(Kpi.Status.ON_TRACK);
        assertThat(tracked.latest().orElseThrow().id()).isEqualTo(second.id());
        assertThat(tracked.history()).extracting(TrendPoint::value).containsExactly(50.0, 60.0);
        assertThat(kpis.history("lyon-share")).extracting(BusinessKpis.Evaluation::id)
                .containsExactly(first.id(), second.id());

        // Audited as the run-as principal on the kpi channel, with the purpose; not a person using the platform.
        List<AuditEntry> reads = platform.audit.list(new AuditQuery(Optional.of("kpi-reporter"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10)).entries();
        assertThat(reads).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.event().details()).containsEntry("channel", PlatformKpis.KPI_CHANNEL);
            assertThat(entry.event().purpose()).contains("reporting");
            assertThat(entry.event().resources()).containsExactly("retail.customers");
        });
        PlatformKpis platformKpis = new PlatformKpis(platform.lake, platform.store, new CostAttribution(
                platform.lake, platform.store.database(), new PriceModels(platform.store.database(), platform.clock),
                UseCaseLinks.NONE), platform.clock, PlatformKpis.Settings.DEFAULTS);
        assertThat(platformKpis.find("adoption.active_users").orElseThrow().value()).contains(0.0);
    }

    @Test
    void aSeriesKeepsItsPointsAndTheLatestIsTheValue() {
        apply(DAILY_AMOUNT);
        BusinessKpis.Evaluation evaluation = kpis.evaluate("ledger-daily");
        assertThat(evaluation.outcome()).isEqualTo(BusinessKpis.Outcome.SUCCEEDED);
        // Entries 1..50 of 2.5 x id: ids = 0, 1, 2 (mod 3) on 1, 2, 3 January.
        assertThat(evaluation.points()).containsExactly(new BusinessKpis.Point("2027-01-01", 2.5 * 408),
                new BusinessKpis.Point("2027-01-02", 2.5 * 425), new BusinessKpis.Point("2027-01-03", 2.5 * 442));
        assertThat(evaluation.value()).contains(1105.0);
        assertThat(evaluation.status()).isEqualTo(Kpi.Status.ON_TRACK);
        assertThat(kpis.history("ledger-daily").get(0).points()).isEqualTo(evaluation.points());
    }

    @Test
    void aDenialByPolicyIsAFailedEvaluationWithItsReason() {
        apply(LYON_SHARE.replace("id: lyon-share", "id: intern-view").replace("principal: kpi-reporter",
                "principal: intern"));
        BusinessKpis.Evaluation denied = kpis.evaluate("intern-view");
        assertThat(denied.outcome()).isEqualTo(BusinessKpis.Outcome.FAILED);
        assertThat(denied.value()).isEmpty();
        assertThat(denied.error().orElseThrow()).startsWith("FORBIDDEN: ").contains("intern")
                .contains("retail.customers");
        assertThat(kpis.history("intern-view")).singleElement()
                .satisfies(stored -> assertThat(stored.error()).isEqualTo(denied.error()));
        assertThat(platform.audit.list(new AuditQuery(Optional.of("intern"), Optional.of(AuditEvent.DATA_DENIED),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10)).entries()).hasSize(1);

        apply(LYON_SHARE.replace("id: lyon-share", "id: ghost-view").replace("principal: kpi-reporter",
                "principal: ghost"));
        assertThat(kpis.evaluate("ghost-view").error().orElseThrow()).isEqualTo("FORBIDDEN: The KPI runs as 'ghost',"
                + " who holds no valid API token: the platform does not know its roles");

        assertThatThrownBy(() -> kpis.evaluate("unknown")).isInstanceOfSatisfying(NorthstarException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    }

    @Test
    void problemsNameLineColumnAndFix() {
        Parsed<BusinessKpi> parsed = BusinessKpi.parse("kpi.yaml", """
                kind: BusinessKpi
                id: conversion
                use_case: checkout
                name: Conversion
                sql: DELETE FROM retail.orders
                target: {value: 3.5, direction: sideways}
                schedule: hourly
                """);
        assertThat(parsed.problems()).extracting(YamlProblem::toString).containsExactly(
                "kpi.yaml:5:1: sql: The KPI's SQL must be one SELECT (or WITH ... SELECT) (Write a query returning one"
                        + " number, or a date column then a number column)",
                "kpi.yaml:6:22: target.direction: Invalid direction 'sideways' (Write 'direction: higher' (higher is"
                        + " better) or 'direction: lower')",
                "kpi.yaml:1:1: The KPI needs a principal to run as (Write e.g. 'run_as: {principal: kpi-reporter,"
                        + " purpose: reporting}'; the principal needs an API token, whose roles the access policies"
                        + " read)");
    }
}
