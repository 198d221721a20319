package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's data product pages over real HTTP: what they show and that every contract value is escaped. */
class ProductConsoleTest {
    private static final Http HTTP = new Http();
    private static final String ESCAPED = "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;";

    private static ProductPlatform platform;

    @BeforeAll
    static void start() {
        platform = ProductPlatform.start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static String page(String path) {
        Http.Response response = HTTP.get(platform.url(path), "Cookie", Authentication.COOKIE + "=" + platform.token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        return response.body();
    }

    private static Http.Response lint(String yaml) {
        return HTTP.post(platform.url("/console/contracts/lint"), "application/x-www-form-urlencoded",
                "contract=" + URLEncoder.encode(yaml, StandardCharsets.UTF_8), "Cookie",
                Authentication.COOKIE + "=" + platform.token);
    }

    @Test
    void productsPageListsTheProductUnderTheIngestStage() {
        String body = page("/console/products");

        assertThat(body).contains("id=\"stage-ingest\">Ingest</a>", "id=\"nav-products\">Products</a>",
                "id=\"nav-lint\">Contract lint</a>");
        assertThat(body).contains("href=\"/console/products/sales/orders\">sales.orders</a>", "order-book",
                "order-team", "sales-orders");
        assertThat(body).containsPattern("6 in, 2 quarantined");
    }

    @Test
    void productPageShowsContractSchemaRunsQualitySlosAndQuarantine() {
        String body = page("/console/products/sales/orders");

        assertThat(body).contains("<h1 class=\"h3 font-monospace\" id=\"product-name\">sales.orders</h1>");
        // The product leads to its lineage graph and to its governance tab in the catalog.
        assertThat(body).contains("id=\"product-lineage\" href=\"/console/lineage?name=sales.orders\"")
                .contains("id=\"product-governance\" href=\"/console/catalog/sales/orders?tab=governance\"");
        assertThat(body).contains("Revenue reporting", "Amounts in EUR only", "id=\"on-violation\">quarantine<");
        assertThat(body).contains("<pre class=\"ns-yaml mt-2\" id=\"contract-yaml\"><code>apiVersion: v3.1.0");
        assertThat(body).contains("<span class=\"badge text-bg-info\">confidential</span>", "maximum = 1000");
        assertThat(body).contains("<td class=\"ns-num ns-quarantined\">2</td>", "<td class=\"ns-num ns-valid\">4</td>",
                platform.run.runId());
        assertThat(body).contains("id=\"check-results\"", "data-chart=\"{&quot;x&quot;:[");
        assertThat(body).contains("id=\"slo-completeness\"", "breached");
        assertThat(body).contains("id=\"quarantine-rows\"",
                "<div class=\"ns-blamed\"><span class=\"text-body-secondary\">amount:</span> -5.00</div>",
                "<div><span class=\"text-body-secondary\">email:</span> c@example.com</div>");
        assertThat(body).contains("99 % over 28 d, data at most 2 d old");
    }

    @Test
    void quarantineFilterByRun() {
        String all = page("/console/products/sales/orders");
        String none = page("/console/products/sales/orders?run=unknown-run");

        assertThat(all).contains("<option value=\"" + platform.run.runId() + "\">");
        assertThat(none).contains("id=\"no-quarantine\"").doesNotContain("id=\"quarantine-rows\"");
        assertThat(page("/console/products/sales/orders?run=" + platform.run.runId()))
                .contains("<option value=\"" + platform.run.runId() + "\" selected>", "id=\"quarantine-rows\"");
    }

    @Test
    void contractValuesAreEscaped() {
        String body = page("/console/products/sales/orders");

        assertThat(body).contains("id=\"purpose\">Orders of the web shop " + ESCAPED + "</dd>");
        assertThat(body).doesNotContain(ProductPlatform.MALICIOUS);
        assertThat(lint("x: " + ProductPlatform.MALICIOUS).body()).doesNotContain(ProductPlatform.MALICIOUS)
                .contains(ESCAPED);
    }

    @Test
    void lintPageListsProblemsWithLineAndColumn() {
        Http.Response response = lint("""
                apiVersion: v3.1.0
                kind: DataContract
                id: broken
                version: one
                status: active
                """);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("id=\"lint-problems\"",
                "<td class=\"font-monospace text-nowrap ns-position\">4:1</td>",
                "version &#39;one&#39; is not a semantic version");
        assertThat(lint(ProductPlatform.CONTRACT).body()).contains("id=\"lint-valid\"", "No problems");
        assertThat(page("/console/contracts/lint")).contains("id=\"lint-form\"")
                .doesNotContain("id=\"lint-problems\"", "id=\"lint-valid\"");
    }

    @Test
    void observeStageShowsLatestChecksSlosAndUnresolvedIncidents() {
        String body = page("/console/quality");

        assertThat(body).contains("id=\"stage-observe\">Observe</a>", "id=\"nav-quality\">Quality and SLOs</a>");
        assertThat(body).contains("href=\"/console/products/sales/orders#quality\">sales.orders</a>",
                "<span class=\"badge text-bg-danger\">failed</span>", "1 of 4 checks failed",
                "completeness: breached");
        assertThat(body).contains("id=\"incident-count\">1<", "Check &#39;orders.rowCount&#39; failed on sales.orders");
    }

    @Test
    void aTableWithoutContractIsAnErrorPage() {
        Http.Response response = HTTP.get(platform.url("/console/products/sales/nothing"), "Cookie",
                Authentication.COOKIE + "=" + platform.token);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("No data contract governs sales.nothing");
    }
}
