package dev.northstar.ingest.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.northstar.ingest.IngestRequest;
import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.plan.OnViolation;
import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageEventsTest {
    private static final TableId ORDERS = TableId.parse("shop.orders");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private Lakehouse lake;
    private JdbcMetadataStore store;
    private HttpServer server;
    private final List<String> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        LakeConfig config = LakeConfig.embedded(home.resolve("data"));
        lake = Lakehouse.open(config);
        store = JdbcMetadataStore.open(config);
        lake.createTable(ORDERS, TableDefinition.of(TableSchema.of(Column.parse("id!:long"),
                Column.parse("amount:decimal(10,2)"))));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/lineage", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void close() {
        server.stop(0);
        if (store != null) {
            store.close();
        }
        if (lake != null) {
            lake.close();
        }
    }

    private Ingestion ingestion() {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage");
        IngestSettings settings = IngestSettings.from(Settings.of(home, Map.of("lineage.endpoint", endpoint.toString())));
        assertThat(settings.lineageEndpoint()).contains(endpoint);
        return new Ingestion(lake, store, settings);
    }

    private Source file(String text) throws Exception {
        Path file = home.resolve("orders-" + text.hashCode() + ".csv");
        Files.writeString(file, text);
        return Source.file(file, Optional.empty(), CsvOptions.defaults());
    }

    @Test
    void everyRunRecordsConformingStartAndCompleteEventsAndPostsThem() throws Exception {
        OpenLineageConformance conformance = OpenLineageConformance.load();
        Ingestion ingestion = ingestion();
        IngestResult result = ingestion.ingest(IngestRequest.of(file("id,amount\n1,5\n2,x\n,7\n"),
                ProductRules.fromTable(lake.describe(ORDERS))));

        List<LineageLog.StoredEvent> events = ingestion.lineage().events(result.runId());
        assertThat(events).extracting(LineageLog.StoredEvent::eventType).containsExactly("START", "COMPLETE");
        assertThat(events).extracting(LineageLog.StoredEvent::jobName).containsOnly("ingest.shop.orders");
        for (LineageLog.StoredEvent event : events) {
            assertThat(conformance.problems(event.json())).as(event.json()).isEmpty();
        }
        String complete = events.get(1).json();
        assertThat(OpenLineageConformance.facetKeys(complete))
                .contains("dataQualityMetrics", "dataQualityAssertions", "outputStatistics");
        JsonNode root = JSON.readTree(complete);
        assertThat(root.path("run").path("runId").asText()).isEqualTo(result.runId());
        JsonNode input = root.path("inputs").get(0);
        assertThat(input.path("namespace").asText()).isEqualTo("file");
        assertThat(input.path("inputFacets").path("dataQualityMetrics").path("rowCount").asLong()).isEqualTo(3);
        assertThat(input.path("inputFacets").path("dataQualityMetrics").path("columnMetrics").path("id")
                .path("nullCount").asLong()).isEqualTo(1);
        assertThat(input.path("inputFacets").path("dataQualityAssertions").path("assertions"))
                .extracting(node -> node.path("assertion").asText() + "=" + node.path("success").asBoolean())
                .containsExactly("orders.id.type=true", "orders.id.required=false", "orders.amount.type=false");
        assertThat(root.path("outputs")).extracting(node -> node.path("name").asText() + ":"
                + node.path("outputFacets").path("outputStatistics").path("rowCount").asLong())
                .containsExactly("shop.orders:1", "shop.orders__quarantine:2");
        assertThat(root.path("outputs").get(0).path("namespace").asText()).startsWith("northstar://");
        JsonNode columnLineage = root.path("outputs").get(0).path("facets").path("columnLineage").path("fields");
        assertThat(columnLineage.path("amount").path("inputFields").get(0).path("field").asText()).isEqualTo("amount");
        assertThat(columnLineage.path("id").path("inputFields").get(0).path("namespace").asText()).isEqualTo("file");
        assertThat(columnLineage.path("id").path("inputFields").get(0).path("name").asText())
                .isEqualTo(input.path("name").asText());
        assertThat(columnLineage.path("id").path("inputFields").get(0).path("transformations").get(0)
                .path("subtype").asText()).isEqualTo("IDENTITY");

        assertThat(posted).hasSize(2);
        assertThat(posted.stream().map(body -> readEventType(body)).toList()).containsExactly("START", "COMPLETE");
    }

    @Test
    void aFailedRunRecordsAConformingFailEvent() throws Exception {
        OpenLineageConformance conformance = OpenLineageConformance.load();
        Ingestion ingestion = ingestion();
        IngestResult result = ingestion.ingest(IngestRequest.of(file("id,amount\n1,x\n"),
                ProductRules.fromTable(lake.describe(ORDERS)).withOnViolation(OnViolation.FAIL)));

        List<LineageLog.StoredEvent> events = ingestion.lineage().events(result.runId());
        assertThat(events).extracting(LineageLog.StoredEvent::eventType).containsExactly("START", "FAIL");
        assertThat(conformance.problems(events.get(1).json())).isEmpty();
        assertThat(JSON.readTree(events.get(1).json()).path("run").path("facets").path("errorMessage")
                .path("message").asText()).contains("1 of 1 rows break the contract");
    }

    @Test
    void theConformanceCheckRejectsBrokenEvents() throws Exception {
        OpenLineageConformance conformance = OpenLineageConformance.load();
        Ingestion ingestion = ingestion();
        IngestResult result = ingestion.ingest(IngestRequest.of(file("id,amount\n1,1\n"),
                ProductRules.fromTable(lake.describe(ORDERS))));
        String complete = ingestion.lineage().events(result.runId()).get(1).json();
        com.fasterxml.jackson.databind.node.ObjectNode broken = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(complete);
        broken.remove("eventTime");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("inputs").get(0).path("inputFacets")
                .path("dataQualityMetrics")).remove("columnMetrics");
        assertThat(conformance.problems(broken.toString()))
                .anySatisfy(problem -> assertThat(problem).startsWith("event:").contains("eventTime"))
                .anySatisfy(problem -> assertThat(problem).startsWith("facet dataQualityMetrics:")
                        .contains("columnMetrics"));
    }

    @Test
    void anUnreachableEndpointNeverFailsTheRun() throws Exception {
        server.stop(0);
        IngestResult result = ingestion().ingest(IngestRequest.of(file("id,amount\n1,1\n"),
                ProductRules.fromTable(lake.describe(ORDERS))));
        assertThat(result.rowsValid()).isEqualTo(1);
    }

    @Test
    void settingsDefaultsAndInvalidEndpoint() {
        IngestSettings defaults = IngestSettings.from(Settings.of(home, Map.of()));
        assertThat(defaults).isEqualTo(IngestSettings.defaults());
        assertThat(defaults.deadRunTimeout()).isEqualTo(Duration.ofDays(1));
        assertThat(IngestSettings.from(Settings.of(home, Map.of("ingest.dead-run-timeout-minutes", "5")))
                .deadRunTimeout()).isEqualTo(Duration.ofMinutes(5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IngestSettings.from(Settings.of(home,
                        Map.of("lineage.endpoint", "ftp://x"))))
                .isInstanceOf(NorthstarException.class)
                .hasMessageContaining("lineage.endpoint 'ftp://x' is not an http(s) URL")
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
    }

    private static String readEventType(String body) {
        try {
            return JSON.readTree(body).path("eventType").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
