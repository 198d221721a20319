package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QualityCommandTest extends InitializedHomeTestBase {
    private static final String CONTRACT = """
            apiVersion: v3.0.2
            kind: DataContract
            id: shop-orders
            name: Orders
            version: 1.0.0
            status: active
            domain: shop
            schema:
              - name: orders
                properties:
                  - name: id
                    logicalType: integer
                    quality:
                      - metric: duplicateValues
                        mustBe: 0
                  - name: email
                    logicalType: string
                    quality:
                      - metric: nullValues
                        mustBeLessOrEqualTo: 10
                        unit: percent
                        severity: warning
                  - name: amount
                    logicalType: number
                    logicalTypeOptions:
                      minimum: 0
                      maximum: 100
                  - name: updated_at
                    logicalType: timestamp
                quality:
                  - metric: rowCount
                    mustBeGreaterThan: 0
            slaProperties:
              - property: latency
                value: 3650
                unit: d
                element: orders.updated_at
            """;

    @BeforeEach
    void createOrders() throws IOException {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(directory.resolve("northstar-data")))) {
            TableId orders = TableId.parse("shop.orders");
            lake.createTable(orders, TableDefinition.of(TableSchema.of(Column.parse("id:long"),
                    Column.parse("email:string"), Column.parse("amount:double"),
                    Column.parse("updated_at:timestamp"))));
            // Five rows: id 3 twice, one null email (20 %), one amount out of range.
            lake.write(orders, RowSource.sql("SELECT * FROM (VALUES"
                    + " (1, 'a@x.io', 10.0, TIMESTAMP '2026-01-01 10:00:00'),"
                    + " (2, NULL, 20.0, TIMESTAMP '2026-01-01 11:00:00'),"
                    + " (3, 'c@x.io', 30.0, TIMESTAMP '2026-01-01 12:00:00'),"
                    + " (3, 'd@x.io', 40.0, TIMESTAMP '2026-01-01 13:00:00'),"
                    + " (5, 'e@x.io', 500.0, TIMESTAMP '2026-01-01 14:00:00')"
                    + ") AS t(id, email, amount, updated_at)"), WriteOptions.append());
        }
        Files.writeString(directory.resolve("orders.yaml"), CONTRACT);
    }

    @Test
    void checkPrintsResultsRaisesIncidentsAndFailsOnErrors() {
        CliRun run = northstar("quality", "check", "shop.orders", "--contract", "orders.yaml");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        List<String> lines = run.outLines();
        assertThat(lines.get(0).trim()).startsWith("check").contains("metric").contains("measured").contains("expected");
        assertThat(run.out()).containsPattern("id\\.duplicateValues[ |]+duplicate_values\\.id[ |]+1[ |]+= 0[ |]+error[ |]+FAIL")
                .containsPattern("email\\.nullValues[ |]+null_values_percent\\.email[ |]+20 %[ |]+<= 10[ |]+warning[ |]+FAIL")
                .containsPattern("amount\\.range[ |]+out_of_range\\.amount[ |]+1[ |]+= 0[ |]+error[ |]+FAIL")
                .containsPattern("orders\\.rowCount[ |]+row_count[ |]+5[ |]+> 0[ |]+error[ |]+pass")
                .containsPattern("orders\\.freshness[ |]+freshness_seconds\\.updated_at[ |]+[\\d.]+ s[ |]+<= 315360000[ |]+error"
                        + "[ |]+pass");
        assertThat(run.out()).containsPattern("incident inc-[0-9a-f]{12} \\(open, 1 occurrence\\): Check"
                + " 'id.duplicateValues' failed on shop.orders");
        assertThat(lines.get(lines.size() - 1)).startsWith(
                "5 checks on shop.orders: 3 failed (2 errors), 1 query; run ");
    }

    @Test
    void aPassingRunExitsZero() throws IOException {
        Files.writeString(directory.resolve("lenient.yaml"), CONTRACT.replace("mustBeLessOrEqualTo: 10",
                "mustBeLessOrEqualTo: 50").replace("mustBe: 0", "mustBeLessOrEqualTo: 1")
                .replace("maximum: 100", "maximum: 1000"));

        CliRun run = northstar("quality", "check", "shop.orders", "--contract", "lenient.yaml");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).doesNotContain("FAIL").contains("5 checks on shop.orders: 0 failed (0 errors)");
    }

    @Test
    void incidentsAreListedAcknowledgedAndResolved() {
        northstar("quality", "check", "shop.orders", "--contract", "orders.yaml");
        CliRun again = northstar("quality", "check", "shop.orders", "--contract", "orders.yaml");
        assertThat(again.out()).contains("(open, 2 occurrences)");

        CliRun open = northstar("quality", "incidents", "--status", "open");
        assertThat(open.exitCode()).as(open.toString()).isZero();
        assertThat(open.outLines()).hasSize(5); // header, rule and three incidents
        String id = open.outLines().stream().filter(line -> line.contains("id.duplicateValues")).findFirst()
                .orElseThrow().trim().split(" +")[0];
        assertThat(open.out()).contains("duplicate_values.id = 1, expected = 0");

        CliRun ack = northstar("quality", "ack", id, "--note", "looking", "--by", "alice");
        assertThat(ack.exitCode()).as(ack.toString()).isZero();
        assertThat(ack.out()).isEqualTo("Acknowledged incident " + id + " (id.duplicateValues on shop.orders)\n");
        assertThat(northstar("quality", "incidents", "--status", "acknowledged").out()).contains(id);

        CliRun resolve = northstar("quality", "resolve", id, "--note", "deduplicated the source", "--by", "bob");
        assertThat(resolve.exitCode()).as(resolve.toString()).isZero();
        assertThat(northstar("quality", "incidents", "--status", "open").out()).doesNotContain(id);
        assertThat(northstar("quality", "incidents", "--table", "shop.orders", "--status", "resolved").out())
                .contains(id);

        CliRun twice = northstar("quality", "resolve", id, "--note", "again");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("error: Incident " + id + " was already resolved by bob at ");
        CliRun unknown = northstar("quality", "ack", "inc-000000000000");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("No incident with id 'inc-000000000000'")
                .contains("hint: List the incidents with 'northstar quality incidents'");
    }

    @Test
    void historyShowsAMetricSeriesOrTheLatestRun() {
        CliRun empty = northstar("quality", "history", "shop.orders");
        assertThat(empty.out()).startsWith("No quality runs recorded for shop.orders.");
        northstar("quality", "check", "shop.orders", "--contract", "orders.yaml");
        northstar("quality", "check", "shop.orders", "--contract", "orders.yaml");

        CliRun series = northstar("quality", "history", "shop.orders", "--metric", "null_values_percent.email");
        assertThat(series.exitCode()).as(series.toString()).isZero();
        assertThat(series.outLines()).hasSize(4); // header, rule and two values
        assertThat(series.outLines().get(2)).containsPattern("\\d{4}-\\d\\d-\\d\\d.*[ |]+20[ |]+[0-9a-f-]{36}");

        CliRun latest = northstar("quality", "history", "shop.orders");
        assertThat(latest.out()).startsWith("Latest run ").contains("orders.rowCount")
                .contains("Metrics: duplicate_values.id, duplicate_values_percent.id, freshness_seconds.updated_at,"
                        + " null_values.email, null_values_percent.email, out_of_range.amount,"
                        + " out_of_range_percent.amount, row_count");
    }

    @Test
    void sloShowsEachObjectiveWithItsBudget() {
        CliRun run = northstar("quality", "slo", "shop.orders", "--contract", "orders.yaml");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines().get(0).trim()).startsWith("slo").contains("burn rate");
        // The only commit is seconds old and the limit 3650 days: fresh all along. No runs are recorded yet.
        assertThat(run.out()).containsPattern("freshness \\(<= 3650d\\)[ |]+99 %[ |]+28d[ |]+100 % .*[ |]+0[ |]+met")
                .containsPattern("completeness[ |]+99 %[ |]+28d[ |]+100 %[ |]+0 / 0 rows .* no data")
                .containsPattern("availability[ |]+99 %[ |]+28d[ |]+100 %[ |]+0 / 0 runs .* no data");
    }

    @Test
    void withoutAContractFileTheAppliedContractIsUsed() throws IOException {
        java.nio.file.Path folder = Files.createDirectories(directory.resolve("contracts"));
        Files.writeString(folder.resolve("payments.yaml"), """
                apiVersion: v3.0.2
                kind: DataContract
                id: shop-payments
                name: Payments
                version: 1.0.0
                status: active
                domain: shop
                schema:
                  - name: payments
                    properties:
                      - name: id
                        logicalType: integer
                        quality:
                          - metric: duplicateValues
                            mustBe: 0
                    quality:
                      - metric: rowCount
                        mustBeGreaterThan: 2
                slaProperties:
                  - property: availability
                    value: 90
                    unit: percent
                """);
        LakeConfig config = LakeConfig.embedded(directory.resolve("northstar-data"));
        try (Lakehouse lake = Lakehouse.open(config);
                dev.northstar.lake.store.JdbcMetadataStore store = dev.northstar.lake.store.JdbcMetadataStore.open(
                        config)) {
            new dev.northstar.contracts.ProductRegistry(store.database(), lake).apply(folder);
            lake.write(TableId.parse("shop.payments"), RowSource.sql("SELECT range AS id FROM range(3)"),
                    WriteOptions.append());
        }

        CliRun run = northstar("quality", "check", "shop.payments");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("id\\.duplicateValues[ |]+duplicate_values\\.id[ |]+0[ |]+= 0")
                .contains("2 checks on shop.payments: 0 failed (0 errors), 1 query");

        CliRun slo = northstar("quality", "slo", "shop.payments");
        assertThat(slo.exitCode()).as(slo.toString()).isZero();
        assertThat(slo.out()).containsPattern("availability[ |]+90 %");

        CliRun none = northstar("quality", "check", "shop.orders");
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.err()).contains("error: No applied contract governs shop.orders")
                .contains("hint: Apply the contract folder of its data product, or pass --contract FILE");
    }

    @Test
    void aContractForAnotherTableIsRefused() {
        CliRun run = northstar("quality", "check", "shop.customers", "--contract", "orders.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Contract orders.yaml does not govern shop.customers")
                .contains("hint: It governs shop.orders");
    }
}
