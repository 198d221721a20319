package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.ingest.IngestSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/products/{domain}/{table}/ingest} over real HTTP: multipart uploads ingested by the real
 * ingestion into a product built by the real modules (see {@link ProductPlatform}).
 */
class ProductIngestApiTest {
    private static final Http HTTP = new Http();
    private static final String INGEST = "/api/v1/products/sales/orders/ingest";
    private static final String BOUNDARY = "northstar-test-boundary-7f3a";
    /**
     * Ids 11-18: four valid, a negative amount, an unknown status, a missing id, a ragged line (half the rows: the
     * contract's maxQuarantineShare, 0.5, lets it through).
     */
    static final String MESSY_UPLOAD = """
            id,email,status,amount
            11,k@example.com,new,1.00
            12,l@example.com,paid,2.00
            13,m@example.com,new,-3.00
            14,n@example.com,lost,4.00
            ,o@example.com,new,5.00
            16,p@example.com,new,6.00,extra
            17,q@example.com,paid,7.00
            18,r@example.com,new,8.00
            """;

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

    /** A multipart/form-data body: the text fields, then the file. */
    static String multipart(Map<String, String> fields, String fileName, String content) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(BOUNDARY).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        if (fileName != null) {
            body.append("--").append(BOUNDARY).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName)
                    .append("\"\r\nContent-Type: text/csv\r\n\r\n").append(content).append("\r\n");
        }
        return body.append("--").append(BOUNDARY).append("--\r\n").toString();
    }

    private static Http.Response upload(String baseUrl, Map<String, String> fields, String fileName,
            String content) {
        return HTTP.post(baseUrl + INGEST, "multipart/form-data; boundary=" + BOUNDARY,
                multipart(fields, fileName, content), Http.bearer(platform.token));
    }

    private static Set<Path> uploadDirectories() throws IOException {
        try (Stream<Path> paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return paths.filter(path -> path.getFileName().toString().startsWith("northstar-upload-"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void aMessyCsvIsIngestedUnderTheContractAndAnswersTheRunSummary() throws IOException {
        Set<Path> before = uploadDirectories();

        Http.Response response = upload(platform.server.baseUrl(), Map.of(), "../../etc/orders-11.csv",
                MESSY_UPLOAD);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode summary = response.json();
        String runId = summary.get("run_id").asText();
        assertThat(summary.get("table").asText()).isEqualTo("sales.orders");
        assertThat(summary.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.get("rows_in").asLong()).isEqualTo(8);
        assertThat(summary.get("rows_valid").asLong()).isEqualTo(4);
        assertThat(summary.get("rows_quarantined").asLong()).isEqualTo(4);
        assertThat(summary.get("rows_in").asLong())
                .isEqualTo(summary.get("rows_valid").asLong() + summary.get("rows_quarantined").asLong());
        assertThat(summary.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        List<String> reasons = new ArrayList<>();
        summary.get("reasons").forEach(reason -> reasons.add(reason.asText()));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).startsWith("line 4:").contains("amount"));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason).startsWith("line 5:").contains("status"));

        // The quarantine link lists the run's rows, from the file under the name it was sent with (path removed).
        Http.Response quarantine = HTTP.get(platform.url(summary.get("quarantine").asText()),
                Http.bearer(platform.token));
        assertThat(quarantine.status()).isEqualTo(200);
        JsonNode rows = quarantine.json().get("rows");
        assertThat(rows).hasSize(4);
        rows.forEach(row -> {
            assertThat(row.get("run_id").asText()).isEqualTo(runId);
            assertThat(row.get("source").asText()).endsWith("/orders-11.csv").doesNotContain("etc");
        });
        assertThat(HTTP.get(platform.url("/api/v1/products/sales/orders/runs"), Http.bearer(platform.token)).json()
                .get("runs").get(0).get("run_id").asText()).isEqualTo(runId);
        assertThat(platform.lake.query("SELECT count(*) FROM sales.orders WHERE id IN (11, 12, 17, 18)",
                dev.northstar.lake.QueryOptions.defaults()).rows().get(0).get(0)).isEqualTo(4L);
        // The upload's temporary directory is gone.
        assertThat(uploadDirectories()).isEqualTo(before);

        // The same file again is skipped (same run id); with force it runs again: its valid ids are now in the
        // product, so every row is quarantined, above the contract's share, and the run fails committing nothing.
        Http.Response again = upload(platform.server.baseUrl(), Map.of(), "orders-11.csv", MESSY_UPLOAD);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("SKIPPED");
        assertThat(again.json().get("run_id").asText()).isEqualTo(runId);
        Http.Response forced = upload(platform.server.baseUrl(), Map.of("force", "true"), "orders-11.csv",
                MESSY_UPLOAD);
        assertThat(forced.status()).as(forced.body()).isEqualTo(422);
        assertThat(forced.json().get("code").asText()).isEqualTo("INVALID_DATA");
        assertThat(forced.json().get("detail").asText()).contains("nothing committed");
        assertThat(uploadDirectories()).isEqualTo(before);
    }

    @Test
    void formatEncodingAndDelimiterFieldsAreHonoured() throws Exception {
        String latin = "id;email;status;amount\n21;caf\u00e9@example.com;new;1.50\n";
        byte[] body = multipart(new LinkedHashMap<>(Map.of("format", "csv", "encoding", "iso-8859-1",
                "delimiter", ";")), "orders-21.txt", latin).getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.url(INGEST)))
                .header("Authorization", "Bearer " + platform.token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"rows_valid\":1");
        assertThat(platform.lake.query("SELECT email, amount FROM sales.orders WHERE id = 21",
                dev.northstar.lake.QueryOptions.defaults()).rows().get(0))
                .containsExactly("caf\u00e9@example.com", new java.math.BigDecimal("1.50"));
    }

    @Test
    void anUploadAboveTheConfiguredLimitIs413AndIngestsNothing() throws Exception {
        String big = "id,email,status,amount\n" + "31,big@example.com,new,1.00\n".repeat(200);
        long runsBefore = platform.store.runs().forTarget("sales.orders", 1000).size();
        try (NorthstarServer limited = NorthstarServer.start(ServerConfig.ephemeral(), platform.lake, platform.store,
                IngestSettings.defaults().withMaxUploadBytes(1024))) {
            Http.Response response = upload(limited.baseUrl(), Map.of(), "big.csv", big);

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
            // Within the room for form fields, the multipart parser measures the file itself.
            assertThat(response.json().get("detail").asText())
                    .isEqualTo("The uploaded file is larger than the 1024 bytes (1.0 KiB) this server accepts");
            assertThat(response.json().get("hint").asText()).contains("ingest.max-upload-bytes");

            // Far above the limit (and its room for form fields), the Content-Length alone refuses it, unread.
            String huge = "id,email,status,amount\n" + "33,huge@example.com,new,1.00\n".repeat(3000);
            String hugeBody = multipart(Map.of(), "huge.csv", huge);
            Http.Response refused = upload(limited.baseUrl(), Map.of(), "huge.csv", huge);
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.json().get("detail").asText()).isEqualTo("The upload ("
                    + hugeBody.getBytes(StandardCharsets.UTF_8).length + " bytes) is larger than the 1024 bytes"
                    + " (1.0 KiB) this server accepts");

            // Without a Content-Length (chunked), the multipart parser enforces the same limit.
            HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(limited.baseUrl() + INGEST))
                    .header("Authorization", "Bearer " + platform.token)
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                            multipart(Map.of(), "big.csv", big).getBytes(StandardCharsets.UTF_8))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
            assertThat(chunked.body()).contains("PAYLOAD_TOO_LARGE");

            // A small file still passes through the limited server.
            Http.Response small = upload(limited.baseUrl(), Map.of(), "small.csv",
                    "id,email,status,amount\n32,s@example.com,paid,3.00\n");
            assertThat(small.status()).as(small.body()).isEqualTo(200);
        }
        assertThat(platform.store.runs().forTarget("sales.orders", 1000)).hasSize((int) runsBefore + 1);
    }

    @Test
    void badUploadsAreClearProblems() {
        Http.Response notMultipart = HTTP.post(platform.url(INGEST), "text/csv", MESSY_UPLOAD,
                Http.bearer(platform.token));
        assertThat(notMultipart.status()).isEqualTo(400);
        assertThat(notMultipart.json().get("detail").asText())
                .isEqualTo("The upload must be multipart/form-data, got 'text/csv'");

        Http.Response noFile = upload(platform.server.baseUrl(), Map.of("format", "csv"), null, null);
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.json().get("detail").asText()).isEqualTo("The upload has no file part named 'file'");

        Http.Response unknownFormat = upload(platform.server.baseUrl(), Map.of(), "orders.xlsx", "x");
        assertThat(unknownFormat.status()).isEqualTo(400);
        assertThat(unknownFormat.json().get("detail").asText()).contains("Cannot tell the format");

        Http.Response badForce = upload(platform.server.baseUrl(), Map.of("force", "maybe"), "o.csv", "id\n1\n");
        assertThat(badForce.status()).isEqualTo(400);
        assertThat(badForce.json().get("detail").asText())
                .isEqualTo("The form field 'force' must be true or false, got 'maybe'");

        Http.Response notAProduct = HTTP.post(platform.url("/api/v1/products/sales/nothing/ingest"),
                "multipart/form-data; boundary=" + BOUNDARY, multipart(Map.of(), "o.csv", MESSY_UPLOAD),
                Http.bearer(platform.token));
        assertThat(notAProduct.status()).isEqualTo(404);
        assertThat(notAProduct.json().get("detail").asText()).isEqualTo("No data contract governs sales.nothing");

        Http.Response anonymous = HTTP.post(platform.url(INGEST), "multipart/form-data; boundary=" + BOUNDARY,
                multipart(Map.of(), "o.csv", MESSY_UPLOAD));
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void theUploadNameCannotLeaveTheUploadDirectory() {
        assertThat(IngestUpload.safeName("../../etc/passwd.csv")).isEqualTo("passwd.csv");
        assertThat(IngestUpload.safeName("C:\\Users\\me\\orders 2024.csv")).isEqualTo("orders_2024.csv");
        assertThat(IngestUpload.safeName("..")).isEqualTo("upload");
        assertThat(IngestUpload.safeName(".hidden.csv")).isEqualTo("hidden.csv");
    }
}
