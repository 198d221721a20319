package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The policy API over real HTTP: apply with validation, lint, describe, simulate, access requests. */
class PolicyApiTest {
    private static final Http HTTP = new Http();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyPlatform platform;

    @BeforeEach
    void start() {
        platform = PolicyPlatform.start();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private Http.Response get(String who, String path) {
        return HTTP.get(platform.url(path), Http.bearer(platform.tokens.get(who)));
    }

    private Http.Response post(String who, String path, Object body) {
        try {
            return HTTP.post(platform.url(path), "application/json", JSON.writeValueAsString(body),
                    Http.bearer(platform.tokens.get(who)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stewardsApplyPoliciesOthersCannot() {
        Http.Response forbidden = post("mark", "/api/v1/policies", Map.of("yaml", PolicyPlatform.MARKETING));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("detail").asText()).contains("mark may not change access policies");

        Http.Response applied = post("sofia", "/api/v1/policies", Map.of("yaml", PolicyPlatform.MARKETING));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("version").asLong()).isEqualTo(1);
        assertThat(applied.json().get("changed").asBoolean()).isTrue();

        JsonNode list = get("dave", "/api/v1/policies").json().get("policies");
        assertThat(list).extracting(policy -> policy.get("name").asText())
                .containsExactly("marketing", "platform-baseline");
        assertThat(list.get(0).get("updated_by").asText()).isEqualTo("sofia");
        assertThat(list.get(1).get("updated_by").asText()).isEqualTo("northstar");
        JsonNode one = get("dave", "/api/v1/policies/marketing").json();
        assertThat(one.get("yaml").asText()).contains("filter: region = ${subject.region}");
        assertThat(one.get("history").get(0).get("action").asText()).isEqualTo("applied");
        assertThat(get("dave", "/api/v1/policies/nope").status()).isEqualTo(404);
    }

    @Test
    void invalidPoliciesAreRefusedWithPositions() {
        String bad = PolicyPlatform.MARKETING.replace("mask: redact", "mask: scramble");

        Http.Response refused = post("sofia", "/api/v1/policies", Map.of("yaml", bad));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).contains("request:15:5: rules[2].mask: Unknown mask kind"
                + " 'scramble'");

        JsonNode lint = post("dave", "/api/v1/policies/lint", Map.of("yaml", bad)).json();
        assertThat(lint.get("valid").asBoolean()).isFalse();
        assertThat(lint.get("problems").get(0).get("line").asInt()).isEqualTo(15);
        assertThat(lint.get("problems").get(0).get("column").asInt()).isEqualTo(5);
        assertThat(get("sofia", "/api/v1/policies").json().get("policies"))
                .extracting(policy -> policy.get("name").asText()).containsExactly("platform-baseline");
    }

    @Test
    void simulateWhatAPrincipalWouldSee() {
        post("sofia", "/api/v1/policies", Map.of("yaml", PolicyPlatform.MARKETING));

        Http.Response simulated = post("sofia", "/api/v1/policies/simulate", Map.of("principal", "mark",
                "roles", java.util.List.of("marketing"), "attributes", Map.of("region", "EU"), "purpose", "marketing",
                "table", "retail.customers"));
        assertThat(simulated.status()).as(simulated.body()).isEqualTo(200);
        JsonNode decision = simulated.json();
        assertThat(decision.get("allowed").asBoolean()).isTrue();
        assertThat(decision.get("denied_columns").get(0).asText()).isEqualTo("birth_year");
        assertThat(decision.get("masks").get("email").get("kind").asText()).isEqualTo("redact");
        assertThat(decision.get("row_filters").get(0).asText()).isEqualTo("region = 'EU'");

        // others may not simulate someone else; they may simulate themselves
        assertThat(post("dave", "/api/v1/policies/simulate", Map.of("principal", "mark", "table",
                "retail.customers")).status()).isEqualTo(403);
        JsonNode self = post("dave", "/api/v1/policies/simulate", Map.of("principal", "dave", "purpose", "reporting",
                "table", "retail.customers")).json();
        assertThat(self.get("allowed").asBoolean()).isFalse();
        assertThat(self.get("reasons").get(0).asText()).contains("default deny");
        assertThat(post("sofia", "/api/v1/policies/simulate", Map.of("principal", "x", "table", "retail.nope"))
                .status()).isEqualTo(404);
    }

    @Test
    void accessRequestsAreDecidedByTheTablesOwner() {
        Http.Response created = post("dave", "/api/v1/access-requests", Map.of("table", "retail.customers",
                "purpose", "reporting", "justification", "Churn report", "duration", "8h"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("principal").asText()).isEqualTo("dave");
        assertThat(created.json().get("status").asText()).isEqualTo("pending");

        Http.Response stranger = post("mark", "/api/v1/access-requests/" + id + "/approve", Map.of());
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.json().get("detail").asText()).contains("mark does not own retail.customers");

        Http.Response approved = post("carol", "/api/v1/access-requests/" + id + "/approve", Map.of("note", "ok"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("approved");
        assertThat(approved.json().get("expires_at").asText()).isNotEmpty();

        JsonNode self = post("dave", "/api/v1/policies/simulate", Map.of("principal", "dave", "roles",
                java.util.List.of("intern"), "purpose", "reporting", "table", "retail.customers")).json();
        assertThat(self.get("allowed").asBoolean()).isTrue();
        assertThat(get("carol", "/api/v1/access-requests?status=approved").json().get("requests")).hasSize(1);
        assertThat(post("dave", "/api/v1/access-requests", Map.of("table", "retail.customers", "purpose", "x",
                "justification", "y", "duration", "forever")).status()).isEqualTo(400);
    }
}
