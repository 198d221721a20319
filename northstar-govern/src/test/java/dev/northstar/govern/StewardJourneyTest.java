package dev.northstar.govern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.govern.catalog.Catalog;
import dev.northstar.govern.catalog.CatalogSearch;
import dev.northstar.govern.catalog.SearchRequest;
import dev.northstar.govern.classify.Classifications;
import dev.northstar.govern.classify.ScanResult;
import dev.northstar.govern.classify.Suggestion;
import dev.northstar.govern.classify.TableClassification;
import dev.northstar.govern.lineage.ColumnRef;
import dev.northstar.govern.lineage.DatasetRef;
import dev.northstar.govern.lineage.Lineage;
import dev.northstar.ingest.IngestRequest;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's "done when", across the three parts on one real lake: a steward finds a table by search, the PII
 * detectors suggest its e-mail column with evidence, the steward accepts it, a table derived by SQL inherits the class
 * through the column lineage parsed from the query, and an outside producer's event joins the same graph.
 */
class StewardJourneyTest {
    private static final TableId CUSTOMERS = TableId.parse("crm.customers");
    private static final TableId SEGMENTS = TableId.parse("marketing.segments");

    @TempDir
    Path home;

    private Lakehouse lake;
    private JdbcMetadataStore store;

    @BeforeEach
    void open() throws Exception {
        LakeConfig config = LakeConfig.embedded(home.resolve("data"));
        lake = Lakehouse.open(config);
        store = JdbcMetadataStore.open(config);
        lake.createTable(CUSTOMERS, TableDefinition.of(TableSchema.of(Column.parse("id!:long"),
                Column.parse("email:string"), Column.parse("city:string"))));
        StringBuilder csv = new StringBuilder("id,email,city\n");
        for (int i = 1; i <= 60; i++) {
            csv.append(i).append(",customer").append(i).append("@example.org,").append(i % 2 == 0 ? "Lyon" : "Lille")
                    .append('\n');
        }
        Path file = home.resolve("customers.csv");
        Files.writeString(file, csv);
        new Ingestion(lake, store, IngestSettings.defaults()).ingest(IngestRequest.of(
                Source.file(file, Optional.empty(), CsvOptions.defaults()),
                ProductRules.fromTable(lake.describe(CUSTOMERS))));
    }

    @AfterEach
    void close() {
        store.close();
        lake.close();
    }

    @Test
    void searchReviewDeriveAndPropagate() {
        Catalog catalog = Catalog.of(lake, store);
        CatalogSearch search = new CatalogSearch(catalog);
        assertThat(search.search(SearchRequest.of("custom")).hits())
                .extracting(hit -> hit.table()).contains(CUSTOMERS.toString());

        Lineage lineage = new Lineage(lake, store.database());
        Classifications classifications = new Classifications(lake, store.database(),
                () -> lineage.graph().inputsByColumn());
        ScanResult scan = classifications.scan(CUSTOMERS, 1_000, "steward");
        Suggestion email = scan.suggestions().stream()
                .filter(suggestion -> suggestion.column().equals("email")).findFirst().orElseThrow();
        assertThat(email.dataClass().id()).isEqualTo("pii.email");
        assertThat(email.evidence().examples()).isNotEmpty()
                .allSatisfy(example -> assertThat(example).contains("***").doesNotContain("customer1@"));
        classifications.accept(email.id(), "steward", Optional.of("CRM e-mails"));
        // The accepted class is the column's classification in the catalog, and a search facet.
        assertThat(search.search(new SearchRequest("customers", Map.of(SearchRequest.Facet.CLASSIFICATION,
                Set.of("pii.email")), 10)).hits()).extracting(hit -> hit.table()).containsExactly(CUSTOMERS.toString());

        lineage.createTableAs(SEGMENTS, "SELECT lower(email) AS contact, city, count(*) AS customers"
                + " FROM crm.customers GROUP BY ALL");
        TableClassification derived = classifications.effective(SEGMENTS);
        assertThat(derived.columns()).filteredOn(column -> column.column().equals("contact")).singleElement()
                .satisfies(column -> assertThat(column.classes()).anySatisfy(tag -> {
                    assertThat(tag.classId()).isEqualTo("pii.email");
                    assertThat(tag.path()).extracting(ColumnRef::column).containsExactly("email", "contact");
                }));
        assertThat(derived.columns()).filteredOn(column -> column.column().equals("city")).singleElement()
                .satisfies(column -> assertThat(column.classes()).isEmpty());

        String namespace = lineage.lakeNamespace();
        lineage.accept("""
                {"eventType": "COMPLETE", "eventTime": "2026-11-20T08:00:00Z",
                 "producer": "https://github.com/apache/airflow",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "run": {"runId": "0193a9f2-5c1e-7b3a-9d4e-2f6a8b0c1d2e"},
                 "job": {"namespace": "airflow://prod", "name": "campaigns.export"},
                 "inputs": [{"namespace": "%s", "name": "marketing.segments"}],
                 "outputs": [{"namespace": "s3://campaigns", "name": "exports/segments.csv"}]}
                """.formatted(namespace));
        assertThat(lineage.graph().inputsByColumn().get(new ColumnRef(DatasetRef.of(namespace, SEGMENTS), "contact")))
                .containsExactly(new ColumnRef(DatasetRef.of(namespace, CUSTOMERS), "email"));
    }
}
