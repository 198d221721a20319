package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.ingest.IngestSettings;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product page's "Ingest a file" form over real HTTP: what a refused upload shows on the page (the browser test,
 * {@link ProductIngestBrowserTest}, sends a good one), and that the form cannot be posted from another site.
 */
class ProductIngestConsoleTest {
    private static final Http HTTP = new Http();
    private static final String FORM = "/console/products/sales/orders/ingest";
    private static final String BOUNDARY = "northstar-test-boundary-7f3a";

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

    private static Http.Response post(String baseUrl, String fileName, String content, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Cookie";
        all[1] = Authentication.COOKIE + "=" + platform.token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return HTTP.post(baseUrl + FORM, "multipart/form-data; boundary=" + BOUNDARY,
                ProductIngestApiTest.multipart(Map.of(), fileName, content), all);
    }

    @Test
    void theProductPageOffersTheForm() {
        Http.Response page = HTTP.get(platform.url("/console/products/sales/orders"), "Cookie",
                Authentication.COOKIE + "=" + platform.token);

        assertThat(page.body()).contains("id=\"section-ingest\"", "<form method=\"post\" action=\"/console/products/"
                + "sales/orders/ingest#ingest\" enctype=\"multipart/form-data\"", "name=\"file\"", "Up to 512 MiB");
        assertThat(page.body()).doesNotContain("id=\"ingest-result\"", "id=\"ingest-error\"");
    }

    @Test
    void aFileTheReaderRefusesIsShownOnThePageWithItsStatus() {
        Http.Response response = post(platform.server.baseUrl(), "orders.xlsx", "not a csv");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("id=\"ingest-error\"", "Cannot tell the format of",
                "id=\"ingest-form\"", "id=\"product-name\">sales.orders<");
    }

    @Test
    void aBatchThePolicyRejectsIsShownAsAFailedRun() {
        Http.Response response = post(platform.server.baseUrl(), "bad.csv",
                "id,email,status,amount\n41,a@example.com,lost,-1\n");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).contains("data-status=\"FAILED\"", "Failed: nothing was committed.",
                "above the maximum quarantine share 50.0%");
        assertThat(response.body()).doesNotContain("id=\"ingest-quarantine-link\"");
    }

    @Test
    void anUploadAboveTheLimitIsShownAs413() {
        try (NorthstarServer limited = NorthstarServer.start(ServerConfig.ephemeral(), platform.lake, platform.store,
                IngestSettings.defaults().withMaxUploadBytes(100))) {
            Http.Response response = post(limited.baseUrl(), "big.csv",
                    "id,email,status,amount\n" + "51,big@example.com,new,1.00\n".repeat(20));

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).contains("id=\"ingest-error\"", "Payload too large",
                    "is larger than the 100 bytes", "Up to 100 B");
        }
    }

    @Test
    void theFormCannotBePostedFromAnotherSite() {
        Http.Response response = post(platform.server.baseUrl(), "orders.csv", "id\n1\n", "Origin",
                "https://evil.example");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("Console forms cannot be sent from another site");
    }
}
