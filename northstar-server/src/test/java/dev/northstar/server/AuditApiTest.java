package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.spi.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit log over real HTTP: the SQL and preview routes append every read and failure, auditors list them with
 * filters and verify the chain, which reports an entry edited directly in the database; others are refused.
 */
class AuditApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http HTTP = new Http();

    private static ProductPlatform platform;
    private static String auditor;

    @BeforeAll
    static void start() {
        platform = ProductPlatform.start();
        auditor = token("ivy", "auditor");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String token(String name, String role) {
        // The sales team: the baseline policy lets principals read their own domains.
        return platform.store.tokens().create(new Principal(name, Set.of(role), Map.of("domains", "sales")),
                Optional.empty()).secret();
    }

    private static Http.Response sql(String token, String sql) {
        return HTTP.post(platform.url("/api/v1/sql"), "application/json", "{\"sql\": \"" + sql + "\"}",
                Http.bearer(token));
    }

    private static JsonNode get(String path, String token, int expectedStatus) throws Exception {
        Http.Response response = HTTP.get(platform.url(path), Http.bearer(token));
        assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    @Test
    void sqlAndPreviewReadsAndFailuresAreAppended() throws Exception {
        String analyst = token("bea", "analyst");
        assertThat(sql(analyst, "SELECT count(*) FROM sales.orders").status()).isEqualTo(200);
        assertThat(sql(analyst, "SELECT nope FROM sales.orders").status()).isEqualTo(400);
        assertThat(HTTP.get(platform.url("/api/v1/tables/sales/orders/preview?limit=2"), Http.bearer(analyst))
                .status()).isEqualTo(200);

        JsonNode entries = get("/api/v1/audit/entries?principal=bea", auditor, 200).get("entries");

        assertThat(entries).hasSize(3);
        JsonNode preview = entries.get(0);
        assertThat(preview.get("action").asText()).isEqualTo("data.read");
        assertThat(preview.get("resources").get(0).asText()).isEqualTo("sales.orders");
        assertThat(preview.get("row_count").asLong()).isEqualTo(2);
        assertThat(preview.get("details").get("channel").asText()).isEqualTo("preview");
        JsonNode failure = entries.get(1);
        assertThat(failure.get("decision").asText()).isEqualTo("failed");
        assertThat(failure.get("details").get("error_code").asText()).isEqualTo("INVALID_SQL");
        assertThat(failure.get("details").get("error").asText()).contains("nope");
        JsonNode read = entries.get(2);
        assertThat(read.get("decision").asText()).isEqualTo("allowed");
        assertThat(read.get("resources").get(0).asText()).isEqualTo("sales.orders");
        assertThat(read.get("row_count").asLong()).isEqualTo(1);
        assertThat(read.get("details").get("channel").asText()).isEqualTo("api");
        assertThat(read.get("hash").asText()).matches("[0-9a-f]{64}");
        assertThat(preview.get("previous_hash").asText()).isNotEmpty();

        JsonNode failed = get("/api/v1/audit/entries?principal=bea&action=data.read&table=sales.orders&limit=1",
                auditor, 200);
        assertThat(failed.get("entries")).hasSize(1);
        assertThat(failed.get("next_before").asLong())
                .isEqualTo(failed.get("entries").get(0).get("sequence").asLong());
    }

    @Test
    void onlyAuditorsReadTheLog() throws Exception {
        JsonNode problem = get("/api/v1/audit/entries", platform.token, 403);

        assertThat(problem.get("detail").asText()).isEqualTo(
                "Principal 'ada' may not read the audit log: it needs the role auditor or admin");
        get("/api/v1/audit/verify", platform.token, 403);
    }

    @Test
    void badFiltersAreNamed() throws Exception {
        assertThat(get("/api/v1/audit/entries?limit=abc", auditor, 400).get("detail").asText())
                .isEqualTo("Query parameter 'limit' must be a whole number, got 'abc'");
        assertThat(get("/api/v1/audit/entries?from=yesterday", auditor, 400).get("detail").asText())
                .isEqualTo("Query parameter 'from' is not an ISO-8601 instant or date: 'yesterday'");
        assertThat(get("/api/v1/audit/verify?anchor=abc", auditor, 400).get("detail").asText())
                .isEqualTo("The anchor 'abc' is not valid");
    }

    @Test
    void verifyReportsAnEntryEditedInTheDatabase() throws Exception {
        String analyst = token("cy", "analyst");
        assertThat(sql(analyst, "SELECT count(*) FROM sales.orders").status()).isEqualTo(200);
        JsonNode intact = get("/api/v1/audit/verify", auditor, 200);
        assertThat(intact.get("intact").asBoolean()).isTrue();
        String head = intact.get("head").asText();
        assertThat(head).matches("\\d+:[0-9a-f]{64}");
        assertThat(get("/api/v1/audit/verify?anchor=" + head, auditor, 200).get("intact").asBoolean()).isTrue();
        long sequence = get("/api/v1/audit/entries?principal=cy", auditor, 200).get("entries").get(0)
                .get("sequence").asLong();

        edit("UPDATE ns_audit_log SET row_count = 1000 WHERE sequence = " + sequence);
        try {
            JsonNode tampered = get("/api/v1/audit/verify", auditor, 200);
            assertThat(tampered.get("intact").asBoolean()).isFalse();
            assertThat(tampered.get("first_break").get("sequence").asLong()).isEqualTo(sequence);
            assertThat(tampered.get("first_break").get("problem").asText()).isEqualTo("edited");
            assertThat(tampered.get("first_break").get("message").asText())
                    .startsWith("entry " + sequence + " was altered");
        } finally {
            edit("UPDATE ns_audit_log SET row_count = 1 WHERE sequence = " + sequence);
        }
        assertThat(get("/api/v1/audit/verify", auditor, 200).get("intact").asBoolean()).isTrue();
    }

    private static void edit(String sql) {
        platform.store.database().call("tamper with the audit log", handle -> handle.execute(sql));
    }

    @Test
    void administrativeChangesAreAppendedAndRefusedOnesAreNot() throws Exception {
        String steward = token("sam", "steward");
        String analyst = token("abe", "analyst");
        Http.Response tagged = HTTP.post(platform.url("/api/v1/catalog/tables/sales/orders/tags"), "application/json",
                "{\"tag\": \"gold\"}", Http.bearer(steward));
        assertThat(tagged.status()).as(tagged.body()).isLessThan(300);
        Http.Response refused = HTTP.post(platform.url("/api/v1/catalog/tables/sales/orders/tags"),
                "application/json", "{\"tag\": \"tin\"}", Http.bearer(analyst));
        assertThat(refused.status()).isEqualTo(403);

        JsonNode changes = get("/api/v1/audit/entries?action=catalog.tag_add", auditor, 200).get("entries");
        assertThat(changes).hasSize(1);
        JsonNode change = changes.get(0);
        assertThat(change.get("principal").asText()).isEqualTo("sam");
        assertThat(change.get("resources").get(0).asText()).isEqualTo("sales.orders");
        assertThat(change.get("details").get("channel").asText()).isEqualTo("api");
        assertThat(get("/api/v1/audit/verify", auditor, 200).get("intact").asBoolean()).isTrue();
    }
}
