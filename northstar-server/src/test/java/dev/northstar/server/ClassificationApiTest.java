package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The classification routes over real HTTP, on a real table with e-mails and IBANs under a contract. */
class ClassificationApiTest {
    private static final Http HTTP = new Http();
    private static final String API = "/api/v1/classification";

    private ClassificationPlatform platform;

    @BeforeEach
    void start() {
        platform = ClassificationPlatform.start();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private Http.Response get(String path) {
        return HTTP.get(platform.url(path), Http.bearer(platform.token));
    }

    private Http.Response post(String path, String json) {
        return HTTP.post(platform.url(path), "application/json", json, Http.bearer(platform.token));
    }

    private static JsonNode suggestion(JsonNode suggestions, String column, String classId) {
        for (JsonNode suggestion : suggestions) {
            if (suggestion.get("column").asText().equals(column)
                    && suggestion.get("class_id").asText().equals(classId)) {
                return suggestion;
            }
        }
        throw new AssertionError("No " + classId + " on " + column + " in " + suggestions);
    }

    @Test
    void scanReviewAndEffectiveClassification() {
        Http.Response scan = post(API + "/scans", "{\"table\": \"crm.customers\", \"sample_rows\": 10}");
        assertThat(scan.status()).as(scan.body()).isEqualTo(200);
        JsonNode body = scan.json();
        assertThat(body.get("table").asText()).isEqualTo("crm.customers");
        assertThat(body.get("scan").get("sampled_rows").asLong()).isEqualTo(10);
        assertThat(body.get("scan").get("scanned_by").asText()).isEqualTo("sam");
        assertThat(body.get("created").asInt()).isEqualTo(3);
        JsonNode iban = suggestion(body.get("suggestions"), "iban", "pii.iban");
        assertThat(iban.get("level").asText()).isEqualTo("HIGH");
        assertThat(iban.get("status").asText()).isEqualTo("pending");
        assertThat(iban.get("evidence").get("matched").asInt()).isEqualTo(10);
        assertThat(iban.get("evidence").get("rule").asText()).isEqualTo("the IBAN mod-97 checksum");
        assertThat(iban.get("evidence").get("summary").asText())
                .isEqualTo("name matches 'iban'; 10 of 10 sampled values pass the IBAN mod-97 checksum");
        JsonNode contact = suggestion(body.get("suggestions"), "contact", "pii.email");
        assertThat(contact.get("contradicts_contract").asBoolean()).isTrue();
        assertThat(contact.get("contract_classification").asText()).isEqualTo("public");
        assertThat(scan.body()).doesNotContain("client1@", "example.com", "30006000011234567890");

        String email = suggestion(body.get("suggestions"), "email", "pii.email").get("id").asText();
        Http.Response accepted = post(API + "/suggestions/" + email + "/accept", "{\"note\": \"customer e-mails\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("accepted");
        assertThat(accepted.json().get("reviewer").asText()).isEqualTo("sam");
        assertThat(accepted.json().get("note").asText()).isEqualTo("customer e-mails");
        Http.Response rejected = post(API + "/suggestions/" + contact.get("id").asText() + "/reject", "");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("status").asText()).isEqualTo("rejected");

        Http.Response again = post(API + "/suggestions/" + email + "/accept", "{}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("detail").asText()).startsWith("Suggestion " + email
                + " (pii.email on crm.customers.email) was already accepted by sam at ");

        Http.Response pending = get(API + "/suggestions?status=pending&table=crm.customers");
        assertThat(pending.status()).isEqualTo(200);
        List<String> pendingColumns = new ArrayList<>();
        pending.json().get("suggestions").forEach(item -> pendingColumns.add(item.get("column").asText()));
        assertThat(pendingColumns).containsExactly("iban");
        assertThat(get(API + "/suggestions/" + email).json().get("status").asText()).isEqualTo("accepted");

        Http.Response effective = get(API + "/tables/crm/customers");
        assertThat(effective.status()).as(effective.body()).isEqualTo(200);
        JsonNode columns = effective.json().get("columns");
        assertThat(effective.json().get("contract").asText()).isEqualTo("crm-customers 1.0.0");
        JsonNode emailColumn = columns.get(1);
        assertThat(emailColumn.get("column").asText()).isEqualTo("email");
        assertThat(emailColumn.get("personal").asBoolean()).isTrue();
        assertThat(emailColumn.get("classes").get(0).get("class_id").asText()).isEqualTo("pii.email");
        assertThat(emailColumn.get("classes").get(0).get("source").asText()).isEqualTo("accepted");
        assertThat(emailColumn.get("classes").get(0).get("evidence").get("examples").get(0).asText())
                .isEqualTo("c***@e***.com");
        JsonNode contactColumn = columns.get(3);
        assertThat(contactColumn.get("classes").get(0).get("class_id").asText()).isEqualTo("public");
        assertThat(contactColumn.get("classes").get(0).get("source").asText()).isEqualTo("contract");
        assertThat(contactColumn.get("personal").asBoolean()).isFalse();
    }

    @Test
    void badRequestsAreProblemsThatSayWhatToFix() {
        Http.Response status = get(API + "/suggestions?status=maybe");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().get("detail").asText()).isEqualTo("Unknown suggestion status 'maybe'");
        assertThat(status.json().get("hint").asText()).isEqualTo("Use pending, accepted or rejected");

        Http.Response missing = get(API + "/suggestions/cls-000000000000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("RESOURCE_NOT_FOUND");

        Http.Response sample = post(API + "/scans", "{\"table\": \"crm.customers\", \"sample_rows\": 0}");
        assertThat(sample.status()).isEqualTo(400);
        assertThat(sample.body()).contains("sample_rows", "must be between 1 and 100000");

        Http.Response table = post(API + "/scans", "{\"table\": \"crm.customer\"}");
        assertThat(table.status()).isEqualTo(404);
        assertThat(table.json().get("code").asText()).isEqualTo("TABLE_NOT_FOUND");

        Http.Response unknownField = post(API + "/scans", "{\"table\": \"crm.customers\", \"sampleRows\": 5}");
        assertThat(unknownField.status()).isEqualTo(400);

        Http.Response anonymous = HTTP.get(platform.url(API + "/suggestions"));
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentDescribesTheRoutes() {
        String document = HTTP.get(platform.url("/api/v1/openapi.json")).body();
        assertThat(document).contains("\"scanTable\"", "\"listClassificationSuggestions\"",
                "\"acceptClassificationSuggestion\"", "\"rejectClassificationSuggestion\"",
                "\"tableClassification\"", "/api/v1/classification/tables/{domain}/{table}");
    }
}
