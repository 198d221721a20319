package dev.northstar.govern.catalog;

import static dev.northstar.govern.catalog.CatalogFixture.CAMPAIGNS;
import static dev.northstar.govern.catalog.CatalogFixture.CUSTOMERS;
import static dev.northstar.govern.catalog.CatalogFixture.LEDGER;
import static dev.northstar.govern.catalog.CatalogFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.govern.catalog.SearchRequest.Facet;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Search over a realistic catalog: ranking, prefixes, typos, snippets, facets, filters and freshness. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogSearchTest {
    @TempDir
    static Path directory;

    private CatalogFixture fixture;
    private CatalogSearch search;

    @BeforeAll
    void build() throws Exception {
        fixture = new CatalogFixture(directory);
        search = new CatalogSearch(fixture.catalog);
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    private static List<String> tables(SearchResult result) {
        return result.hits().stream().map(SearchResult.Hit::table).toList();
    }

    private static Map<String, Long> counts(SearchResult result, Facet facet) {
        return result.facets().get(facet.key()).stream().collect(Collectors.toMap(SearchResult.FacetCount::value,
                SearchResult.FacetCount::count));
    }

    @Test
    void ranksNamesAboveDescriptionsAboveColumns() {
        SearchResult result = search.search(SearchRequest.of("customer"));

        // customers by its name; orders by its description ("by customers") and a column; the ledger only by a column.
        assertThat(tables(result)).containsExactly(CUSTOMERS.toString(), ORDERS.toString(), LEDGER.toString());
        assertThat(result.hits().get(0).score()).isGreaterThan(result.hits().get(1).score());
        assertThat(result.hits().get(1).score()).isGreaterThan(result.hits().get(2).score());
        assertThat(result.total()).isEqualTo(3);
        assertThat(result.fuzzy()).isFalse();
        assertThat(result.didYouMean()).isEmpty();
    }

    @Test
    void everyWordMustMatchSomewhere() {
        assertThat(tables(search.search(SearchRequest.of("customer revenue ")))).containsExactly(ORDERS.toString());
        assertThat(tables(search.search(SearchRequest.of("ledger accounting ")))).containsExactly(LEDGER.toString());
    }

    @Test
    void theLastWordMatchesAsAPrefixForTypeAhead() {
        assertThat(tables(search.search(SearchRequest.of("camp")))).containsExactly(CAMPAIGNS.toString());
        assertThat(tables(search.search(SearchRequest.of("web shop ord")))).containsExactly(ORDERS.toString());
        // A finished word (followed by a space) is not a prefix.
        assertThat(search.search(SearchRequest.of("camp ")).hits()).isEmpty();
    }

    @Test
    void snippetsMarkTheMatchedWordsOfTheBestField() {
        SearchResult result = search.search(SearchRequest.of("contact"));

        assertThat(tables(result)).containsExactly(CUSTOMERS.toString());
        SearchResult.Snippet snippet = result.hits().get(0).snippet();
        assertThat(snippet.field()).isEqualTo("description");
        assertThat(snippet.marked("[", "]")).startsWith("Every customer of the web shop with [contact] details");

        SearchResult.Snippet column = search.search(SearchRequest.of("paying")).hits().get(0).snippet();
        assertThat(column.field()).isEqualTo("columns");
        assertThat(column.marked("[", "]")).contains("customer_ref: Reference of the [paying] party");
    }

    @Test
    void typosFallBackToFuzzyMatchingAndSuggestTheIndexedWord() {
        SearchResult result = search.search(SearchRequest.of("custmers"));

        assertThat(result.fuzzy()).isTrue();
        assertThat(tables(result)).startsWith(CUSTOMERS.toString());
        assertThat(result.didYouMean()).contains("customer");
        assertThat(result.hits().get(0).snippet().fragments()).anyMatch(SearchResult.Fragment::highlighted);

        SearchResult nothing = search.search(SearchRequest.of("zzqqxx"));
        assertThat(nothing.hits()).isEmpty();
        assertThat(nothing.fuzzy()).isFalse();
        assertThat(nothing.didYouMean()).isEmpty();
    }

    @Test
    void facetsCountEveryValueOverTheHits() {
        SearchResult all = search.search(SearchRequest.of(""));

        assertThat(all.total()).isEqualTo(4);
        assertThat(counts(all, Facet.DOMAIN)).isEqualTo(Map.of("sales", 2L, "marketing", 1L, "finance", 1L));
        assertThat(counts(all, Facet.QUALITY)).isEqualTo(Map.of("passed", 1L, "failed", 1L, "warning", 1L,
                "unchecked", 1L));
        assertThat(counts(all, Facet.CLASSIFICATION)).isEqualTo(Map.of("internal", 2L, "restricted", 1L,
                "confidential", 1L));
        assertThat(counts(all, Facet.TAG)).isEqualTo(Map.of("crm", 1L, "pii", 1L, "finance", 1L, "marketing", 1L));
        assertThat(counts(all, Facet.OWNER)).isEqualTo(Map.of("crm-team", 1L, "alice", 1L, "order-team", 1L,
                "grace", 1L, "growth-team", 1L, "hector", 1L));
        // Largest count first.
        assertThat(all.facets().get("domain").get(0)).isEqualTo(new SearchResult.FacetCount("sales", 2, false));
    }

    @Test
    void filtersCombineWithTheQueryAndFacetsCountSideways() {
        SearchRequest customer = SearchRequest.of("customer");
        SearchResult sales = search.search(customer.with(Facet.DOMAIN, "sales"));

        assertThat(tables(sales)).containsExactly(CUSTOMERS.toString(), ORDERS.toString());
        // The domain facet still counts the other domains (selecting finance too would add its 1 hit)...
        assertThat(counts(sales, Facet.DOMAIN)).isEqualTo(Map.of("sales", 2L, "finance", 1L));
        assertThat(sales.facets().get("domain")).contains(new SearchResult.FacetCount("sales", 2, true));
        // ...while other facets count within the filtered hits.
        assertThat(counts(sales, Facet.QUALITY)).isEqualTo(Map.of("passed", 1L, "failed", 1L));

        assertThat(tables(search.search(customer.with(Facet.DOMAIN, "sales").with(Facet.QUALITY, "failed"))))
                .containsExactly(ORDERS.toString());
        assertThat(tables(search.search(customer.with(Facet.DOMAIN, "sales").with(Facet.DOMAIN, "finance"))))
                .containsExactly(CUSTOMERS.toString(), ORDERS.toString(), LEDGER.toString());
        assertThat(tables(search.search(SearchRequest.of("").with(Facet.CLASSIFICATION, "Internal"))))
                .containsExactly(CAMPAIGNS.toString(), ORDERS.toString());
        assertThat(tables(search.search(SearchRequest.of("").with(Facet.OWNER, "alice"))))
                .containsExactly(CUSTOMERS.toString());
    }

    @Test
    void limitsCutTheListButNotTheTotal() {
        SearchResult result = search.search(SearchRequest.of("customer").withLimit(1));

        assertThat(tables(result)).containsExactly(CUSTOMERS.toString());
        assertThat(result.total()).isEqualTo(3);
        assertThatThrownBy(() -> SearchRequest.of("x").withLimit(0))
                .isInstanceOfSatisfying(NorthstarException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("limit must be between 1 and 500, got 0");
        assertThatThrownBy(() -> Facet.of("colour"))
                .isInstanceOfSatisfying(NorthstarException.class,
                        e -> assertThat(e.hint()).contains("domain, tag, classification, owner, quality"))
                .hasMessageContaining("Unknown search facet 'colour'");
    }
}
