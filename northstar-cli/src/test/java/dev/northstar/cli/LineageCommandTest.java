package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LineageCommandTest extends InitializedHomeTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void ingestOrders() throws IOException {
        assertThat(northstar("table", "create", "retail.orders", "--column", "id!:long", "--column",
                "amount:decimal(10,2)", "--column", "status:string").exitCode()).isZero();
        Files.writeString(directory.resolve("orders.csv"), "id,amount,status\n1,5.00,paid\n2,7.50,paid\n3,1.25,open\n");
        CliRun ingest = northstar("ingest", "orders.csv", "--product", "retail.orders");
        assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    }

    @Test
    void createAsWritesTheTableAndItsLineageShowsTheSource() throws IOException {
        CliRun created = northstar("table", "create-as", "retail.revenue_by_status",
                "SELECT status, sum(amount) AS revenue FROM retail.orders GROUP BY status");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).contains("Created table retail.revenue_by_status with 2 columns and 2 rows from"
                + " retail.orders");
        assertThat(csv("SELECT status, revenue FROM retail.revenue_by_status ORDER BY status"))
                .isEqualTo("status,revenue\nopen,1.25\npaid,12.50\n");

        CliRun show = northstar("lineage", "show", "retail.revenue_by_status", "--upstream", "--depth", "4");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("sql.retail.revenue_by_status", "ingest.retail.orders",
                directory.resolve("orders.csv").toRealPath().toString(),
                "retail.orders.amount -> retail.revenue_by_status.revenue (AGGREGATION)",
                "retail.orders.status -> retail.revenue_by_status.status (IDENTITY)");

        CliRun json = northstar("lineage", "show", "retail.orders", "--downstream", "--json");
        assertThat(json.exitCode()).isZero();
        JsonNode graph = JSON.readTree(json.out());
        assertThat(graph.path("direction").asText()).isEqualTo("downstream");
        assertThat(graph.path("nodes")).extracting(node -> node.path("name").asText()).containsExactly(
                "retail.orders", "sql.retail.revenue_by_status", "retail.revenue_by_status");

        CliRun impact = northstar("lineage", "impact", "retail.orders.amount", "--json");
        assertThat(impact.exitCode()).as(impact.toString()).isZero();
        assertThat(JSON.readTree(impact.out()).path("datasets")).extracting(node -> node.path("name").asText()
                + "@" + node.path("hops").asInt()).containsExactly("retail.revenue_by_status@1");
        assertThat(northstar("lineage", "impact", "retail.orders.amount").out())
                .contains("revenue", "1 dataset(s) affected: retail.revenue_by_status (1 hop)");
    }

    @Test
    void importAcceptsNdjsonAndRejectsABrokenFileWhole() throws IOException {
        String run = "{\"eventType\": \"COMPLETE\", \"eventTime\": \"2024-06-01T12:00:00Z\","
                + " \"producer\": \"https://example.com/spark\","
                + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + " \"run\": {\"runId\": \"0190a7b2-7c4e-7a1e-9f00-1234567890ab\"},"
                + " \"job\": {\"namespace\": \"spark\", \"name\": \"export\"},"
                + " \"inputs\": [{\"namespace\": \"s3://raw\", \"name\": \"clicks\"}],"
                + " \"outputs\": [{\"namespace\": \"s3://clean\", \"name\": \"clicks\"}]}";
        String dataset = "{\"eventTime\": \"2024-06-01T12:00:00Z\", \"producer\": \"https://example.com/dbt\","
                + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent\","
                + " \"dataset\": {\"namespace\": \"s3://clean\", \"name\": \"clicks\"}}";
        Files.writeString(directory.resolve("broken.ndjson"), run + "\n" + run.replace("COMPLETE", "DONE") + "\n");
        CliRun rejected = northstar("lineage", "import", "broken.ndjson");
        assertThat(rejected.exitCode()).isEqualTo(2);
        assertThat(rejected.err()).contains("broken.ndjson:2: /eventType: 'DONE' is not a run state",
                "nothing imported");

        Files.writeString(directory.resolve("events.ndjson"), run + "\n\n" + dataset + "\n");
        CliRun imported = northstar("lineage", "import", "events.ndjson", "--json");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        JsonNode summary = JSON.readTree(imported.out());
        assertThat(summary.path("imported").asInt()).isEqualTo(2);
        assertThat(summary.path("by_kind").path("RUN").asInt()).isEqualTo(1);
        assertThat(summary.path("by_kind").path("DATASET").asInt()).isEqualTo(1);

        CliRun show = northstar("lineage", "show", "clicks", "--namespace", "s3://raw");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("export", "COMPLETE", "s3://clean");
        CliRun ambiguous = northstar("lineage", "show", "clicks");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("Several datasets are named clicks", "namespace");
    }
}
