package dev.northstar.govern.catalog;

import static dev.northstar.govern.catalog.CatalogFixture.LEDGER;
import static dev.northstar.govern.catalog.CatalogFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.govern.catalog.SearchRequest.Facet;
import dev.northstar.spi.schema.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search index follows the platform: changes appear in the next search, and only changes rebuild it. */
class CatalogFreshnessTest {
    @TempDir
    Path directory;

    private CatalogFixture fixture;
    private CatalogSearch search;

    @BeforeEach
    void build() throws Exception {
        fixture = new CatalogFixture(directory);
        search = new CatalogSearch(fixture.catalog);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static List<String> tables(SearchResult result) {
        return result.hits().stream().map(SearchResult.Hit::table).toList();
    }

    @Test
    void newProductsGlossaryLinksAndTagsAppearWithoutRestartAndOnlyThen() throws Exception {
        search.search(SearchRequest.of("warmup"));
        int builds = search.builds();
        search.search(SearchRequest.of("customer"));
        assertThat(search.builds()).as("an unchanged catalog is not re-indexed").isEqualTo(builds);
        assertThat(search.search(SearchRequest.of("invoice")).hits()).isEmpty();

        Path more = Files.createDirectories(directory.resolve("more"));
        Files.writeString(more.resolve("invoices.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: billing-invoices
                name: Invoices
                version: 1.0.0
                status: active
                domain: billing
                dataProduct: invoicing
                description:
                  purpose: Invoices sent to customers
                schema:
                  - name: invoices
                    properties:
                      - name: invoice_id
                        logicalType: integer
                        physicalType: long
                """);
        fixture.registry.apply(more);
        assertThat(tables(search.search(SearchRequest.of("invoice")))).containsExactly("billing.invoices");
        assertThat(search.builds()).isEqualTo(builds + 1);

        assertThat(search.search(SearchRequest.of("lifetime")).hits()).isEmpty();
        fixture.catalog.glossary().define(new GlossaryTerm.Definition("Customer Lifetime Value",
                "Revenue expected from a customer over the whole relationship", List.of("CLV"), "finance-team",
                GlossaryTerm.Status.APPROVED));
        assertThat(search.search(SearchRequest.of("lifetime")).hits()).as("a term linked to nothing finds nothing")
                .isEmpty();
        fixture.catalog.glossary().link("customer lifetime value", ORDERS, "AMOUNT", "bob");
        SearchResult linked = search.search(SearchRequest.of("lifetime"));
        assertThat(tables(linked)).containsExactly(ORDERS.toString());
        assertThat(linked.hits().get(0).snippet().field()).isEqualTo("glossary");
        assertThat(tables(search.search(SearchRequest.of("clv")))).containsExactly(ORDERS.toString());

        fixture.catalog.tags().add(LEDGER, "Audited", "bob");
        assertThat(tables(search.search(SearchRequest.of("").with(Facet.TAG, "audited"))))
                .containsExactly(LEDGER.toString());
        fixture.catalog.tags().remove(LEDGER, "audited");
        assertThat(search.search(SearchRequest.of("").with(Facet.TAG, "audited")).hits()).isEmpty();

        fixture.catalog.glossary().unlink("Customer Lifetime Value", ORDERS, "amount");
        assertThat(search.search(SearchRequest.of("lifetime")).hits()).isEmpty();
        fixture.catalog.glossary().delete("Customer Lifetime Value");
        fixture.lake.dropTable(TableId.parse("billing.invoices"));
        assertThat(search.search(SearchRequest.of("invoice")).hits()).isEmpty();
    }
}
