package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The privacy routes over real HTTP: requests with deadlines, access, erasure with a certificate, keys. */
class PrivacyApiTest {
    private static final Http HTTP = new Http();
    private static final String API = "/api/v1/privacy";

    private PrivacyPlatform platform;

    @BeforeEach
    void start() {
        platform = PrivacyPlatform.start();
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

    @Test
    void registerAnswerAndEraseWithACertificate() {
        Http.Response received = post(API + "/requests", "{\"kind\": \"access\", \"subject\": \"C-1\"}");
        assertThat(received.status()).as(received.body()).isEqualTo(200);
        String id = received.json().get("id").asText();
        assertThat(id).startsWith("dsr-");
        assertThat(received.json().get("status").asText()).isEqualTo("received");
        assertThat(received.json().get("requested_by").asText()).isEqualTo("dana");
        assertThat(received.json().get("deadline").asText()).isNotBlank();

        Http.Response bundle = post(API + "/requests/" + id + "/access", "");
        assertThat(bundle.status()).as(bundle.body()).isEqualTo(200);
        JsonNode table = bundle.json().get("tables").get(0);
        assertThat(table.get("table").asText()).isEqualTo("crm.customers");
        assertThat(table.get("rows").get(0).get("email").asText()).isEqualTo("person1@example.org");

        Http.Response erased = post(API + "/erasures", "{\"subject\": \"C-1\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        JsonNode certificate = erased.json();
        assertThat(certificate.get("verified").asBoolean()).isTrue();
        assertThat(certificate.get("erased_by").asText()).isEqualTo("dana");
        assertThat(certificate.get("tables").get(0).get("rows_deleted").asLong()).isEqualTo(1);
        String erasure = certificate.get("request_id").asText();
        assertThat(get(API + "/requests/" + erasure + "/certificate").json()).isEqualTo(certificate);

        JsonNode listing = get(API + "/requests").json();
        assertThat(listing.get("requests")).hasSize(2);
        assertThat(listing.get("metrics").get("completed").asLong()).isEqualTo(2);
        assertThat(listing.get("metrics").get("overdue").asLong()).isZero();
        assertThat(post(API + "/access", "{\"subject\": \"C-1\"}").json().get("tables")).isEmpty();
    }

    @Test
    void badRequestsAreClearProblems() {
        Http.Response kind = post(API + "/requests", "{\"kind\": \"forget\", \"subject\": \"C-1\"}");
        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.body()).contains("must be access or erase");
        Http.Response missing = get(API + "/requests/dsr-000000000000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asText()).contains("No data-subject request with id");
        Http.Response blank = post(API + "/erasures", "{\"subject\": \" \"}");
        assertThat(blank.status()).isEqualTo(400);
        String access = post(API + "/requests", "{\"kind\": \"access\", \"subject\": \"C-2\"}").json().get("id")
                .asText();
        Http.Response wrongKind = post(API + "/requests/" + access + "/erase", "");
        assertThat(wrongKind.status()).isEqualTo(400);
        assertThat(wrongKind.json().get("detail").asText()).contains("is an ACCESS request, not ERASE");
        assertThat(HTTP.get(platform.url(API + "/requests")).status()).isEqualTo(401);
    }

    @Test
    void reidentificationOnlyForAnAllowedPrincipal() {
        dev.northstar.govern.privacy.Protector protector = new dev.northstar.govern.privacy.Protector(
                dev.northstar.govern.privacy.Privacy.open(platform.lake, platform.store.database(),
                        dev.northstar.govern.privacy.PrivacyAudit.NONE).keystore());
        String ciphertext = protector.encrypt("C-1", "phone", "+33611111111");
        String body = "{\"table\": \"crm.customers\", \"column\": \"phone\", \"subject\": \"C-1\", \"value\": \""
                + ciphertext + "\", \"purpose\": \"fraud investigation\"}";
        Http.Response allowed = post(API + "/reidentify", body);
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.json().get("value").asText()).isEqualTo("+33611111111");
        Http.Response denied = HTTP.post(platform.url(API + "/reidentify"), "application/json", body,
                Http.bearer(platform.analystToken));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("detail").asText())
                .isEqualTo("Principal 'alex' may not re-identify crm.customers.phone for purpose 'fraud investigation'");
        assertThat(denied.body()).doesNotContain("33611111111");
        // Both attempts are in the tamper-evident audit log, the refused one as denied, neither with the value.
        java.util.List<dev.northstar.govern.audit.AuditEntry> entries = new dev.northstar.govern.audit.AuditLog(
                platform.store.database()).list(dev.northstar.govern.audit.AuditQuery.latest()).entries();
        assertThat(entries).filteredOn(entry -> entry.event().action().equals("privacy.reidentify"))
                .extracting(entry -> entry.event().principal() + ":" + entry.event().decision())
                .contains("alex:DENIED");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.toString()).doesNotContain("33611111111"));
    }

    @Test
    void keysAreListedAndRotatedWithoutTheirMaterial() {
        Http.Response rotated = post(API + "/keys/rotate", "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().get("id").asText()).isEqualTo("pseudonymise-v1");
        assertThat(post(API + "/keys/rotate", "").json().get("version").asLong()).isEqualTo(2);
        JsonNode keys = get(API + "/keys").json().get("keys");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(1).get("status").asText()).isEqualTo("retired");
        assertThat(keys.toString()).doesNotContain("wrapped").doesNotContain("material");
    }
}
