package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog API over real HTTP: search with snippets, facets and filters, the full entry of a product table,
 * usage recorded by the SQL and preview routes, glossary CRUD and links, steward tags, and precise errors.
 */
class CatalogApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableId LEDGER = TableId.parse("finance.ledger");

    private static ProductPlatform platform;
    private static final Http HTTP = new Http();

    @BeforeAll
    static void start() {
        platform = ProductPlatform.start();
        platform.lake.createTable(LEDGER, TableDefinition.of(TableSchema.of(
                new Column("entry_id", ColumnType.parse("long"), true, ""),
                new Column("order_ref", ColumnType.parse("long"), false, "The order paid by this entry")))
                .withDescription("General ledger of the accounting system"));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static Http.Response get(String path) {
        return HTTP.get(platform.url(path), Http.bearer(platform.token));
    }

    private static Http.Response post(String path, String json) {
        return HTTP.post(platform.url(path), "application/json", json, Http.bearer(platform.token));
    }

    private static JsonNode send(String method, String path, String json, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.url(path)))
                .header("Authorization", "Bearer " + platform.token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static List<String> tables(JsonNode result) {
        List<String> tables = new ArrayList<>();
        result.get("hits").forEach(hit -> tables.add(hit.get("table").asText()));
        return tables;
    }

    private static long count(JsonNode result, String facet, String value) {
        for (JsonNode count : result.get("facets").get(facet)) {
            if (count.get("value").asText().equals(value)) {
                return count.get("count").asLong();
            }
        }
        return 0;
    }

    @Test
    void searchRanksSnippetsAndCountsFacets() {
        Http.Response response = get("/api/v1/catalog/search?q=order");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode result = response.json();

        // The product and its quarantine table (a table like any other, holding raw rows) by their names, the
        // ledger only by a column.
        assertThat(tables(result)).containsExactly("sales.orders", "sales.orders__quarantine", "finance.ledger");
        JsonNode top = result.get("hits").get(0);
        assertThat(top.get("product").asText()).isEqualTo("order-book");
        assertThat(top.get("owners").toString()).isEqualTo("[\"order-team\",\"grace\"]");
        assertThat(top.get("snippet_field").asText()).isEqualTo("name");
        assertThat(top.get("snippet").toString()).contains("{\"text\":\"orders\",\"highlighted\":true}");
        assertThat(top.get("score").asDouble()).isGreaterThan(result.get("hits").get(1).get("score").asDouble());
        assertThat(count(result, "domain", "sales")).isEqualTo(2);
        assertThat(count(result, "domain", "finance")).isEqualTo(1);
        assertThat(count(result, "classification", "confidential")).isEqualTo(1);
        assertThat(count(result, "owner", "order-team")).isEqualTo(1);
        assertThat(count(result, "quality", "unchecked")).isEqualTo(2);

        JsonNode filtered = get("/api/v1/catalog/search?q=order&domain=finance").json();
        assertThat(tables(filtered)).containsExactly("finance.ledger");
        assertThat(count(filtered, "domain", "sales")).as("facets count sideways").isEqualTo(2);
        assertThat(tables(get("/api/v1/catalog/search?q=order&classification=confidential&domain=finance")
                .json())).isEmpty();

        JsonNode typo = get("/api/v1/catalog/search?q=ledgr").json();
        assertThat(typo.get("fuzzy").asBoolean()).isTrue();
        assertThat(typo.get("did_you_mean").asText()).isEqualTo("ledger");
        assertThat(tables(typo)).containsExactly("finance.ledger");

        Http.Response badLimit = get("/api/v1/catalog/search?q=x&limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body()).contains("limit");
    }

    @Test
    void anEntryCarriesTheContractOwnersClassificationQualityAndUsage() {
        JsonNode before = get("/api/v1/catalog/tables/sales/orders").json();
        long reads = before.get("usage").get("queries").asLong();

        Http.Response sql = post("/api/v1/sql", "{\"sql\": \"SELECT count(*) FROM sales.orders\"}");
        assertThat(sql.status()).as(sql.body()).isEqualTo(200);
        assertThat(get("/api/v1/tables/sales/orders/preview?limit=2").status()).isEqualTo(200);
        assertThat(post("/api/v1/sql", "{\"sql\": \"SELECT nope FROM sales.orders\"}").status())
                .as("a failed query reads nothing").isEqualTo(400);

        JsonNode entry = get("/api/v1/catalog/tables/sales/orders").json();
        assertThat(entry.get("table").asText()).isEqualTo("sales.orders");
        assertThat(entry.get("rows").asLong()).isEqualTo(4);
        assertThat(entry.get("last_commit").isNull()).isFalse();
        JsonNode product = entry.get("product");
        assertThat(product.get("contract_id").asText()).isEqualTo("sales-orders");
        assertThat(product.get("version").asText()).isEqualTo("1.2.0");
        assertThat(product.get("status").asText()).isEqualTo("active");
        assertThat(product.get("usage").asText()).isEqualTo("Revenue reporting");
        assertThat(entry.get("owners").toString()).isEqualTo("[\"order-team\",\"grace\"]");
        assertThat(entry.get("quality").asText()).isEqualTo("failed");
        assertThat(entry.get("slos").size()).isGreaterThan(0);
        JsonNode email = entry.get("columns").get(1);
        assertThat(email.get("name").asText()).isEqualTo("email");
        assertThat(email.get("classification").asText()).isEqualTo("confidential");
        assertThat(entry.get("usage").get("queries").asLong()).isEqualTo(reads + 2);
        assertThat(entry.get("usage").get("distinct_users").asLong()).isEqualTo(1);
        assertThat(entry.get("usage").get("last_access").isNull()).isFalse();

        Http.Response missing = get("/api/v1/catalog/tables/sales/ordrs");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("TABLE_NOT_FOUND");
    }

    @Test
    void glossaryTermsAreDefinedLinkedSearchedAndRemoved() throws Exception {
        JsonNode created = send("POST", "/api/v1/catalog/glossary", "{\"name\": \"Gross Merchandise Value\","
                + " \"definition\": \"Total value of goods sold before deductions\", \"synonyms\": [\"GMV\"],"
                + " \"status\": \"approved\"}", 201);
        assertThat(created.get("owner").asText()).as("the caller by default").isEqualTo("ada");
        assertThat(created.get("status").asText()).isEqualTo("approved");

        JsonNode duplicate = send("POST", "/api/v1/catalog/glossary", "{\"name\": \"gross merchandise value\","
                + " \"definition\": \"x\"}", 409);
        assertThat(duplicate.get("code").asText()).isEqualTo("ALREADY_EXISTS");
        JsonNode badStatus = send("POST", "/api/v1/catalog/glossary", "{\"name\": \"Other\", \"definition\": \"x\","
                + " \"status\": \"final\"}", 400);
        assertThat(badStatus.toString()).contains("must be draft, approved or deprecated");

        JsonNode linked = send("POST", "/api/v1/catalog/glossary/Gross%20Merchandise%20Value/links",
                "{\"table\": \"sales.orders\", \"column\": \"amount\"}", 200);
        assertThat(linked.get("links").get(0).get("table").asText()).isEqualTo("sales.orders");
        assertThat(linked.get("links").get(0).get("linked_by").asText()).isEqualTo("ada");
        JsonNode amount = get("/api/v1/catalog/tables/sales/orders").json().get("columns").get(3);
        assertThat(amount.get("glossary_terms").toString()).isEqualTo("[\"Gross Merchandise Value\"]");
        assertThat(tables(get("/api/v1/catalog/search?q=gmv").json())).containsExactly("sales.orders");

        JsonNode wrongColumn = send("POST", "/api/v1/catalog/glossary/Gross%20Merchandise%20Value/links",
                "{\"table\": \"sales.orders\", \"column\": \"amout\"}", 404);
        assertThat(wrongColumn.get("hint").asText()).isEqualTo("Did you mean amount?");

        JsonNode updated = send("PUT", "/api/v1/catalog/glossary/gross%20merchandise%20value",
                "{\"definition\": \"Value of goods sold\", \"status\": \"deprecated\"}", 200);
        assertThat(updated.get("name").asText()).isEqualTo("Gross Merchandise Value");
        assertThat(updated.get("synonyms").toString()).as("kept when not sent").isEqualTo("[\"GMV\"]");
        assertThat(updated.get("status").asText()).isEqualTo("deprecated");
        assertThat(get("/api/v1/catalog/glossary").json().get("terms").size()).isEqualTo(1);

        JsonNode unlinked = send("DELETE",
                "/api/v1/catalog/glossary/Gross%20Merchandise%20Value/links/sales/orders/amount", null, 200);
        assertThat(unlinked.get("links").size()).isZero();
        assertThat(get("/api/v1/catalog/search?q=gmv").json().get("hits").size()).isZero();
        send("DELETE", "/api/v1/catalog/glossary/Gross%20Merchandise%20Value", null, 200);
        JsonNode gone = send("GET", "/api/v1/catalog/glossary/Gross%20Merchandise%20Value", null, 404);
        assertThat(gone.get("code").asText()).isEqualTo("RESOURCE_NOT_FOUND");
    }

    @Test
    void stewardTagsAreAddedFilteredAndRemoved() throws Exception {
        JsonNode tagged = send("POST", "/api/v1/catalog/tables/finance/ledger/tags", "{\"tag\": \"SOX\"}", 200);
        assertThat(tagged.get("steward_tags").toString()).isEqualTo("[\"sox\"]");
        assertThat(tables(get("/api/v1/catalog/search?tag=sox").json())).containsExactly("finance.ledger");

        JsonNode invalid = send("POST", "/api/v1/catalog/tables/finance/ledger/tags", "{\"tag\": \"a b\"}", 400);
        assertThat(invalid.get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        JsonNode missing = send("POST", "/api/v1/catalog/tables/finance/nothing/tags", "{\"tag\": \"x\"}", 404);
        assertThat(missing.get("code").asText()).isEqualTo("TABLE_NOT_FOUND");

        JsonNode removed = send("DELETE", "/api/v1/catalog/tables/finance/ledger/tags/sox", null, 200);
        assertThat(removed.get("steward_tags").size()).isZero();
        assertThat(get("/api/v1/catalog/search?tag=sox").json().get("hits").size()).isZero();
        send("DELETE", "/api/v1/catalog/tables/finance/ledger/tags/sox", null, 404);
    }

    @Test
    void withoutTheJdbcMetadataStoreTheCatalogIsUnavailable() {
        InMemoryMetadataStore memory = new InMemoryMetadataStore();
        String secret = memory.tokens().create(new dev.northstar.spi.security.Principal("ada",
                java.util.Set.of("analyst"), java.util.Map.of()), java.util.Optional.empty()).secret();
        try (NorthstarServer other = NorthstarServer.start(ServerConfig.ephemeral(), platform.lake, memory)) {
            Http.Response response = HTTP.get(other.baseUrl() + "/api/v1/catalog/search?q=orders",
                    Http.bearer(secret));
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().get("code").asText()).isEqualTo("UNAVAILABLE");
            assertThat(response.json().get("detail").asText()).contains("JDBC metadata store");
            // Without the metadata database there are no policies: only administrators read, with no usage log.
            String sql = "{\"sql\": \"SELECT count(*) FROM sales.orders\"}";
            assertThat(HTTP.post(other.baseUrl() + "/api/v1/sql", "application/json", sql, Http.bearer(secret))
                    .status()).isEqualTo(403);
            String admin = memory.tokens().create(dev.northstar.spi.security.Principal.of("root", "admin"),
                    java.util.Optional.empty()).secret();
            assertThat(HTTP.post(other.baseUrl() + "/api/v1/sql", "application/json", sql, Http.bearer(admin))
                    .status()).isEqualTo(200);
        }
    }
}
