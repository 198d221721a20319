package dev.northstar.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.contracts.ContractParser;
import dev.northstar.contracts.DataContract;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractChecksTest {
    static String resource(String name) {
        try (InputStream in = ContractChecksTest.class.getResourceAsStream("/contracts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static DataContract orders() {
        return ContractParser.parse(resource("orders.yaml"), "orders.yaml");
    }

    @Test
    void rulesBecomeChecksWithIdsDefaultsAndSeverities() {
        DataContract contract = orders();

        List<Check> checks = ContractChecks.checks(contract, contract.schema().get(0));

        assertThat(checks).containsExactly(
                new Check.MetricCheck("id.duplicateValues", Metric.duplicateValues(List.of("id")),
                        Comparison.mustBe(0), MeasureUnit.ROWS, Severity.ERROR),
                new Check.MetricCheck("email.nullValues", Metric.nullValues("email"),
                        Comparison.mustBeLessOrEqualTo(25), MeasureUnit.PERCENT, Severity.ERROR),
                new Check.MetricCheck("email.missingValues", Metric.missingValues("email", List.of("", "N/A")),
                        Comparison.mustBeLessOrEqualTo(30), MeasureUnit.PERCENT, Severity.WARNING),
                new Check.MetricCheck("status_values", Metric.invalidValues("status", List.of("new", "paid",
                        "shipped"), Optional.empty()), Comparison.mustBe(0), MeasureUnit.ROWS, Severity.ERROR),
                new Check.MetricCheck("amount.range", Metric.outOfRange("amount", Optional.of(0.0),
                        Optional.of(100.0)), Comparison.mustBe(0), MeasureUnit.ROWS, Severity.ERROR),
                new Check.MetricCheck("orders.rowCount", Metric.rowCount(), Comparison.mustBeGreaterThan(5),
                        MeasureUnit.ROWS, Severity.ERROR),
                new Check.SqlCheck("big_amounts", "SELECT count(*) FROM ${table} WHERE amount > 100",
                        Comparison.mustBe(0), Severity.WARNING),
                new Check.FreshnessCheck("orders.freshness", Optional.of("updated_at"), Duration.ofHours(3),
                        Severity.ERROR));
    }

    @Test
    void slaPropertiesBecomeSlosWithConfiguredDefaults() {
        List<Slo> slos = ContractChecks.slos(orders(), QualityConfig.defaults());

        assertThat(slos).containsExactly(
                Slo.freshness(99, Duration.ofDays(28), Duration.ofHours(3)),
                Slo.completeness(99, Duration.ofDays(28)),
                Slo.availability(95, Duration.ofDays(28)));
    }

    @Test
    void contractChecksRunOnTheCraftedTable(@TempDir Path home) {
        DataContract contract = orders();
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home))) {
            QualityEngineTest.createOrders(lake);
            QualityEngine engine = new QualityEngine(lake, Clock.fixed(QualityEngineTest.NOW, ZoneOffset.UTC));

            CheckRun run = engine.run(QualityEngineTest.ORDERS, ContractChecks.checks(contract,
                    contract.schema().get(0)));

            Map<String, CheckResult> results = QualityEngineTest.byId(run);
            assertThat(results.get("id.duplicateValues").measured()).hasValue(2.0);
            assertThat(results.get("email.nullValues").passed()).isTrue();
            assertThat(results.get("email.missingValues").passed()).isFalse();
            assertThat(results.get("status_values").measured()).hasValue(1.0);
            assertThat(results.get("amount.range").measured()).hasValue(2.0);
            assertThat(results.get("orders.rowCount").passed()).isTrue();
            assertThat(results.get("big_amounts").measured()).hasValue(1.0);
            assertThat(results.get("orders.freshness").passed()).isTrue();
            assertThat(run.passed()).isFalse();
        }
    }

    @Test
    void theObjectNameInSqlRulesIsTheTable() {
        assertThat(ContractChecks.tableReferences("SELECT count(*) FROM orders o JOIN \"orders\" p ON o.id = p.id"
                + " WHERE o.id IN (SELECT id from ORDERS) AND note <> 'orders'", "orders"))
                .isEqualTo("SELECT count(*) FROM ${table} o JOIN ${table} p ON o.id = p.id"
                        + " WHERE o.id IN (SELECT id from ${table}) AND note <> 'orders'");
        assertThat(ContractChecks.tableReferences("SELECT count(*) FROM shop.orders, orders_archive", "orders"))
                .isEqualTo("SELECT count(*) FROM shop.orders, orders_archive");
    }

    @Test
    void rulesThatCannotBeEvaluatedNameTheirPosition() {
        String yaml = resource("orders.yaml").replace("            severity: warning\n      - name: status",
                "            severity: blocker\n      - name: status");
        DataContract contract = ContractParser.parse(yaml, "orders.yaml");

        assertThatThrownBy(() -> ContractChecks.checks(contract, contract.schema().get(0)))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).matches("orders\\.yaml:\\d+:\\d+: Quality rule severity 'blocker'"
                            + " is unknown");
                    assertThat(e.hint()).isEqualTo("Write severity: info, warning or error");
                });
    }
}
