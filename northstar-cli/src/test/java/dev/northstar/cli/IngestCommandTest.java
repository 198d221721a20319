package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.ingest.ProgressListener;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestCommandTest extends InitializedHomeTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void createProduct() throws Exception {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(directory.resolve("northstar-data")))) {
            lake.createTable(TableId.parse("shop.orders"), TableDefinition.of(TableSchema.of(Column.parse("id!:long"),
                    Column.parse("amount:decimal(10,2)"))));
        }
        Files.writeString(directory.resolve("orders.csv"), "id,amount\n1,10\n2,abc\n,3\n4,4.5\n");
    }

    @Test
    void ingestPrintsASummaryAndQuarantineShowsTheReasons() {
        CliRun run = northstar("ingest", "orders.csv", "--product", "shop.orders");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Ingested orders.csv into shop.orders: 4 rows in, 2 valid, 2 quarantined")
                .contains("line 3: orders.amount.type (amount: 'abc' is not a valid decimal(10,2))")
                .contains("line 4: orders.id.required (id: a value is required)");
        assertThat(csv("SELECT id FROM shop.orders ORDER BY id")).isEqualTo("id\n1\n4\n");

        CliRun list = northstar("quarantine", "list", "shop.orders");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("quarantined").contains("orders.csv");

        CliRun show = northstar("quarantine", "show", "shop.orders", "--limit", "1");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.outLines()).hasSize(3);
        assertThat(show.out()).contains("orders.amount.type: amount: 'abc' is not a valid decimal(10,2)")
                .contains("{\"id\":\"2\",\"amount\":\"abc\"}");

        CliRun again = northstar("ingest", "orders.csv", "--product", "shop.orders");
        assertThat(again.out()).startsWith("Skipped: Ingested orders.csv was already ingested into shop.orders");
    }

    @Test
    void jsonSummaryIsTheLastLine() throws Exception {
        CliRun run = northstar("ingest", "orders.csv", "--product", "shop.orders", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.outLines();
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(summary.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.path("rows_in").asLong()).isEqualTo(4);
        assertThat(summary.path("rows_valid").asLong()).isEqualTo(2);
        assertThat(summary.path("rows_quarantined").asLong()).isEqualTo(2);
        assertThat(summary.path("run_id").asText()).hasSize(36);
        assertThat(summary.has("duration_ms")).isTrue();
    }

    @Test
    void replayAfterTheTableWasWidened() throws Exception {
        Files.writeString(directory.resolve("amounts.csv"), "id,amount\n7,1e3\n8,x\n");
        assertThat(northstar("ingest", "amounts.csv", "--product", "shop.orders").exitCode()).isZero();
        // Nothing changed: replay moves nothing and says so.
        CliRun replay = northstar("quarantine", "replay", "shop.orders", "--json");
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        JsonNode summary = JSON.readTree(replay.outLines().get(replay.outLines().size() - 1));
        assertThat(summary.path("rows_in").asLong()).isEqualTo(1);
        assertThat(summary.path("rows_valid").asLong()).isZero();
    }

    @Test
    void anUnreadableSourceExitsWithInvalidData() throws Exception {
        Files.writeString(directory.resolve("northstar-data/northstar.yaml"), "lineage:\n  endpoint: ''\n");
        CliRun run = northstar("ingest", "orders.csv", "--product", "shop.orders", "--format", "parquet");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("Cannot read").contains("as Parquet");
    }

    @Test
    void theActiveContractDecidesAndAFailPolicyExitsWithInvalidDataAfterTheSummary() throws Exception {
        java.nio.file.Path contracts = Files.createDirectories(directory.resolve("contracts"));
        Files.writeString(contracts.resolve("payments.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: urn:sales:payments
                name: Payments
                version: 1.0.0
                status: active
                domain: sales
                customProperties:
                  - property: northstar.onViolation
                    value: fail
                schema:
                  - name: payments
                    properties:
                      - name: id
                        logicalType: integer
                        physicalType: long
                        primaryKey: true
                      - name: amount
                        logicalType: number
                        physicalType: decimal(10,2)
                        logicalTypeOptions:
                          maximum: 100
                """);
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(directory.resolve("northstar-data")));
                dev.northstar.lake.store.JdbcMetadataStore store = dev.northstar.lake.store.JdbcMetadataStore.open(
                        LakeConfig.embedded(directory.resolve("northstar-data")))) {
            new dev.northstar.contracts.ProductRegistry(store.database(), lake).apply(contracts);
        }
        Files.writeString(directory.resolve("payments.csv"), "id,amount\n1,50\n2,500\n");

        CliRun run = northstar("ingest", "payments.csv", "--product", "sales.payments", "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        JsonNode summary = JSON.readTree(run.outLines().get(run.outLines().size() - 1));
        assertThat(summary.path("status").asText()).isEqualTo("FAILED");
        assertThat(summary.path("failure").asText()).contains("(onViolation: fail)");
        assertThat(run.err()).contains("payments.amount.maximum (amount: '500' is above the maximum 100)");
        assertThat(csv("SELECT count(*) AS n FROM sales.payments")).isEqualTo("n\n0\n");
    }

    @Test
    void usageErrorsAndRecover() {
        CliRun missing = northstar("ingest", "--product", "shop.orders");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing SOURCE");

        CliRun noTable = northstar("ingest", "orders.csv", "--product", "shop.nope");
        assertThat(noTable.exitCode()).isEqualTo(3);

        CliRun badEncoding = northstar("ingest", "orders.csv", "--product", "shop.orders", "--encoding", "ebcdic");
        assertThat(badEncoding.exitCode()).isEqualTo(2);
        assertThat(badEncoding.err()).contains("Encoding 'ebcdic' is not supported");

        CliRun recover = northstar("ingest", "--recover", "--product", "shop.orders");
        assertThat(recover.exitCode()).as(recover.toString()).isZero();
        assertThat(recover.out()).contains("No half-done run on shop.orders");

        CliRun noQuarantine = northstar("quarantine", "show", "shop.orders");
        assertThat(noQuarantine.exitCode()).isEqualTo(3);
        assertThat(noQuarantine.err()).contains("has no quarantine table yet");
    }

    @Test
    void progressLineShowsRowsRateAndEta() {
        String line = IngestProgressBar.render(new ProgressListener.Progress("validate", 1200, 0.5, 1000));
        assertThat(line).isEqualTo("validate [###############---------------]  50%  1,200 rows  1,200 rows/s  ETA 1s");
    }
}
