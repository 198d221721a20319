package dev.northstar.govern.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.ingest.IngestRequest;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.lineage.LineageLog;
import dev.northstar.ingest.lineage.OpenLineageConformance;
import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.TableFromQuery;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lineage end to end: ingestion, a table created from SQL and an outside producer's events in one graph. */
class LineageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableId ORDERS = TableId.parse("retail.orders");
    private static final TableId CUSTOMERS = TableId.parse("retail.customers");
    private static final TableId REVENUE = TableId.parse("retail.customer_revenue");

    @TempDir
    Path home;

    private Lakehouse lake;
    private JdbcMetadataStore store;
    private Lineage lineage;
    private Path ordersFile;

    /** The lake and metadata database to run on: embedded SQLite here, PostgreSQL in a subclass. */
    protected LakeConfig config(LakeConfig embedded) throws Exception {
        return embedded;
    }

    /** Drops what {@link #config} created outside the temporary directory. */
    protected void dropDatabases() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        LakeConfig config = config(LakeConfig.embedded(home.resolve("data")));
        lake = Lakehouse.open(config);
        store = JdbcMetadataStore.open(config);
        lake.createTable(ORDERS, TableDefinition.of(TableSchema.of(Column.parse("id!:long"),
                Column.parse("customer_id:long"), Column.parse("amount:decimal(10,2)"))));
        lake.createTable(CUSTOMERS, TableDefinition.of(TableSchema.of(Column.parse("id!:long"),
                Column.parse("email:string"))));
        Ingestion ingestion = new Ingestion(lake, store, IngestSettings.defaults());
        ordersFile = home.resolve("orders.csv");
        Files.writeString(ordersFile, "ID,customer_id,amount\n1,10,5.00\n2,10,7.50\n3,11,1.25\n");
        ingestion.ingest(IngestRequest.of(Source.file(ordersFile, Optional.empty(), CsvOptions.defaults()),
                ProductRules.fromTable(lake.describe(ORDERS))));
        Path customersFile = home.resolve("customers.csv");
        Files.writeString(customersFile, "id,email\n10,a@example.com\n11,b@example.com\n");
        ingestion.ingest(IngestRequest.of(Source.file(customersFile, Optional.empty(), CsvOptions.defaults()),
                ProductRules.fromTable(lake.describe(CUSTOMERS))));
        lineage = new Lineage(lake, store.database());
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
        if (lake != null) {
            lake.close();
        }
        dropDatabases();
    }

    private DatasetRef table(TableId id) {
        return DatasetRef.of(lineage.lakeNamespace(), id);
    }

    private TableFromQuery createRevenue() {
        return lineage.createTableAs(REVENUE, "SELECT c.email, sum(o.amount) AS revenue, count(*) AS orders"
                + " FROM retail.orders o JOIN retail.customers c ON c.id = o.customer_id GROUP BY c.email");
    }

    @Test
    void ingestionShowsColumnLineageFromTheSourceFile() {
        LineageGraph graph = lineage.graph();
        DatasetRef file = new DatasetRef("file", ordersFile.toAbsolutePath().toString());
        assertThat(graph.upstream(new ColumnRef(table(ORDERS), "id")))
                .containsExactly(new LineageGraph.ColumnHop(new ColumnRef(file, "ID"), 1, "IDENTITY"));
        LineageGraph.View view = graph.around(table(ORDERS), 2, LineageGraph.Direction.UPSTREAM);
        assertThat(view.nodes()).extracting(LineageGraph.Node::id).containsExactlyInAnyOrder(
                "dataset:" + table(ORDERS), "job:northstar/ingest.retail.orders", "dataset:" + file);
        assertThat(view.nodes()).filteredOn(node -> node.kind().equals("job")).singleElement()
                .satisfies(job -> assertThat(job.state()).contains("COMPLETE"));
        assertThat(view.nodes()).filteredOn(node -> node.id().equals("dataset:" + table(ORDERS))).singleElement()
                .satisfies(node -> assertThat(node.columns()).containsExactly("id", "customer_id", "amount"));
        assertThat(view.edges()).containsExactlyInAnyOrder(
                new LineageGraph.Edge("dataset:" + file, "job:northstar/ingest.retail.orders"),
                new LineageGraph.Edge("job:northstar/ingest.retail.orders", "dataset:" + table(ORDERS)));
    }

    @Test
    void aTableCreatedFromSqlHasItsRowsAndColumnLineage() throws Exception {
        TableFromQuery created = createRevenue();
        assertThat(created.write().rows()).isEqualTo(2);
        assertThat(lake.query("SELECT email, revenue, orders FROM retail.customer_revenue ORDER BY email",
                QueryOptions.defaults()).rows()).extracting(row -> row.get(0) + "=" + row.get(1) + "/" + row.get(2))
                .containsExactly("a@example.com=12.50/2", "b@example.com=1.25/1");
        assertThat(created.inputs()).containsExactlyInAnyOrder(ORDERS, CUSTOMERS);

        LineageLog log = new LineageLog(store.database(), Optional.empty());
        List<LineageLog.StoredEvent> events = log.eventsOfJob("sql.retail.customer_revenue", 10);
        assertThat(events).extracting(LineageLog.StoredEvent::eventType).containsExactly("COMPLETE", "START");
        OpenLineageConformance conformance = OpenLineageConformance.load();
        for (LineageLog.StoredEvent event : events) {
            assertThat(conformance.problems(event.json())).as(event.json()).isEmpty();
        }
        JsonNode complete = JSON.readTree(events.get(0).json());
        assertThat(complete.path("job").path("facets").path("sql").path("query").asText()).contains("sum(o.amount)");
        JsonNode fields = complete.path("outputs").get(0).path("facets").path("columnLineage").path("fields");
        assertThat(fields.path("revenue").path("inputFields").get(0).path("field").asText()).isEqualTo("amount");
        assertThat(fields.path("revenue").path("inputFields").get(0).path("transformations").get(0).path("subtype")
                .asText()).isEqualTo("AGGREGATION");

        LineageGraph graph = lineage.graph();
        ColumnRef revenue = new ColumnRef(table(REVENUE), "revenue");
        DatasetRef file = new DatasetRef("file", ordersFile.toAbsolutePath().toString());
        assertThat(graph.upstream(revenue)).containsExactly(
                new LineageGraph.ColumnHop(new ColumnRef(table(ORDERS), "amount"), 1, "AGGREGATION"),
                new LineageGraph.ColumnHop(new ColumnRef(file, "amount"), 2, "IDENTITY"));
        assertThat(graph.inputsByColumn()).containsEntry(new ColumnRef(table(REVENUE), "email"),
                java.util.Set.of(new ColumnRef(table(CUSTOMERS), "email")));

        LineageGraph.Impact impact = graph.impact(new ColumnRef(file, "amount"));
        assertThat(impact.columns()).extracting(hop -> hop.column() + "@" + hop.hops()).containsExactly(
                table(ORDERS) + "#amount@1", table(REVENUE) + "#revenue@2");
        assertThat(impact.datasets()).extracting(LineageGraph.DatasetHop::dataset)
                .containsExactly(table(ORDERS), table(REVENUE));

        LineageGraph.View downstream = graph.around(table(ORDERS), 4, LineageGraph.Direction.DOWNSTREAM);
        assertThat(downstream.nodes()).extracting(node -> node.name() + "@" + node.hops()).containsExactly(
                "retail.orders@0", "sql.retail.customer_revenue@1", "retail.customer_revenue@2");
        assertThat(downstream.columnEdges()).extracting(edge -> edge.source().column() + "->"
                + edge.target().column() + ":" + edge.transformation())
                .containsExactlyInAnyOrder("amount->revenue:AGGREGATION");
        LineageGraph.View oneHop = graph.around(table(ORDERS), 1, LineageGraph.Direction.BOTH);
        assertThat(oneHop.nodes()).extracting(LineageGraph.Node::kind).containsExactlyInAnyOrder("dataset", "job",
                "job");
    }

    @Test
    void aTableFromSqlRefusesFilesAndExistingTablesLeavesNoTableAndRecordsTheFailedRun() {
        createRevenue();
        assertThatThrownBy(this::createRevenue).isInstanceOf(NorthstarException.class)
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.TABLE_ALREADY_EXISTS);
        assertThatThrownBy(() -> lineage.createTableAs(TableId.parse("retail.stolen"),
                "SELECT * FROM read_csv('/etc/passwd')")).isInstanceOf(NorthstarException.class)
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> lineage.createTableAs(TableId.parse("retail.unnamed"),
                "SELECT amount * 2 FROM retail.orders")).isInstanceOf(NorthstarException.class)
                .hasMessageContaining("Result column '(amount * 2)'")
                .extracting(e -> ((NorthstarException) e).hint()).asString().contains("AS total");
        assertThat(lake.exists(TableId.parse("retail.unnamed"))).isFalse();
        assertThat(lake.exists(TableId.parse("retail.stolen"))).isFalse();
        List<LineageLog.StoredEvent> stolen = new LineageLog(store.database(), Optional.empty())
                .eventsOfJob("sql.retail.stolen", 10);
        assertThat(stolen).extracting(LineageLog.StoredEvent::eventType).containsExactlyInAnyOrder("FAIL", "START");
        assertThat(stolen).filteredOn(event -> event.eventType().equals("FAIL")).singleElement()
                .satisfies(event -> assertThat(event.json()).contains("is not allowed"));
        assertThat(lineage.graph().state(new LineageGraph.JobRef("northstar", "sql.retail.stolen"))).contains("FAIL");
    }

    @Test
    void anOutsideProducersEventsJoinTheGraphAndCyclesAreSafe() {
        createRevenue();
        String spark = """
                {"eventType": "COMPLETE", "eventTime": "2024-06-01T12:00:00.000Z",
                 "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.0.0/integration/spark",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run": {"runId": "0190a7b2-7c4e-7a1e-9f00-1234567890ab"},
                 "job": {"namespace": "spark", "name": "revenue_report"},
                 "inputs": [{"namespace": "%s", "name": "retail.customer_revenue"}],
                 "outputs": [{"namespace": "s3://reports", "name": "revenue.parquet", "facets": {"columnLineage": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.0.0/integration/spark",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
                    "fields": {"total": {"inputFields": [{"namespace": "%s", "name": "retail.customer_revenue",
                        "field": "revenue", "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]}]}}}}}]}
                """.formatted(lineage.lakeNamespace(), lineage.lakeNamespace());
        assertThat(lineage.accept(spark).kind()).isEqualTo("RUN");
        // A loop back into the lake: the report feeds orders (cycles must not hang any walk).
        String loop = """
                {"eventTime": "2024-06-02T12:00:00Z", "producer": "https://example.com/airflow",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
                 "job": {"namespace": "airflow", "name": "feedback"},
                 "inputs": [{"namespace": "s3://reports", "name": "revenue.parquet"}],
                 "outputs": [{"namespace": "%s", "name": "retail.orders", "facets": {"columnLineage": {
                    "_producer": "https://example.com/airflow", "_schemaURL": "https://example.com/schema",
                    "fields": {"amount": {"inputFields": [{"namespace": "s3://reports", "name": "revenue.parquet",
                        "field": "total"}]}}}}}]}
                """.formatted(lineage.lakeNamespace());
        assertThat(lineage.accept(loop).kind()).isEqualTo("JOB");

        LineageGraph graph = lineage.graph();
        DatasetRef report = new DatasetRef("s3://reports", "revenue.parquet");
        assertThat(lineage.dataset(graph, Optional.empty(), "revenue.parquet")).isEqualTo(report);
        assertThat(graph.state(new LineageGraph.JobRef("spark", "revenue_report"))).contains("COMPLETE");
        assertThat(graph.state(new LineageGraph.JobRef("airflow", "feedback"))).isEmpty();
        LineageGraph.Impact impact = graph.impact(new ColumnRef(table(ORDERS), "amount"));
        assertThat(impact.columns()).extracting(hop -> hop.column().column() + "@" + hop.hops())
                .containsExactly("revenue@1", "total@2");
        assertThat(graph.upstream(new ColumnRef(report, "total"))).extracting(hop -> hop.column().column())
                .contains("revenue", "amount");
        LineageGraph.View all = graph.around(report, 100, LineageGraph.Direction.BOTH);
        assertThat(all.nodes()).extracting(LineageGraph.Node::name).contains("revenue_report", "feedback",
                "retail.orders", "retail.customers", "retail.customer_revenue");

        assertThatThrownBy(() -> lineage.dataset(graph, Optional.empty(), "retail.ordres"))
                .isInstanceOf(NorthstarException.class).hasMessageContaining("retail.ordres")
                .extracting(e -> ((NorthstarException) e).hint()).asString().contains("retail.orders");
    }

    @Test
    void nonConformingEventsAreRejectedWithEveryProblem() {
        assertThatThrownBy(() -> lineage.accept("""
                {"eventType": "DONE", "eventTime": "yesterday", "producer": "not a uri",
                 "run": {"runId": "42", "facets": {"nominalTime": {"nominalStartTime": "2024-06-01T00:00:00Z"}}},
                 "job": {"namespace": "spark"}}
                """)).isInstanceOfSatisfying(InvalidLineageEventException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.violations()).extracting(OpenLineageValidator.Violation::pointer).containsExactly(
                            "/eventTime", "/producer", "/schemaURL", "/eventType", "/run/runId",
                            "/run/facets/nominalTime/_producer", "/run/facets/nominalTime/_schemaURL", "/job/name");
                    assertThat(e.violations().get(0).problem()).isEqualTo("'yesterday' is not an RFC 3339 date-time");
                    assertThat(e.violations().get(4).fix()).contains("UUID");
                });
        assertThatThrownBy(() -> lineage.accept("{nope")).isInstanceOf(InvalidLineageEventException.class)
                .hasMessageContaining("not JSON");
        assertThat(new LineageLog(store.database(), Optional.empty()).all())
                .noneMatch(event -> event.json().contains("DONE"));
    }
}
