package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's Features, Models and Serve pages over HTTP: what each shows, escaping, refusals of the registry and
 * the access policy shown on the page, live decisions and the alert queue after scoring.
 */
class ModelConsoleTest {
    private static final Http HTTP = new Http();
    private static ModelConsolePlatform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = ModelConsolePlatform.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    private static Http.Response get(String who, String path) {
        return HTTP.get(platform.url(path), Http.bearer(platform.tokens.get(who)));
    }

    private static Http.Response post(String who, String path, String form) {
        return HTTP.post(platform.url(path), "application/x-www-form-urlencoded", form,
                Http.bearer(platform.tokens.get(who)));
    }

    @Test
    void navigationLinksTheNewStages() {
        String page = get("bob", "/console/models").body();
        assertThat(page).contains("id=\"stage-features\"").contains("id=\"stage-models\"")
                .contains("id=\"stage-serve\"").contains("id=\"nav-models\"");
    }

    @Test
    void modelsListVersionsWithAliasesAndGates() {
        Http.Response page = get("bob", "/console/models");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"model-card-fraud-lite\"").contains("id=\"model-credit-approval-lite\"")
                .contains("champion").contains("gates-failed")
                // The description is text, not markup.
                .contains("&lt;b&gt;velocity&lt;/b&gt;").doesNotContain("<b>velocity</b>");
    }

    @Test
    void cardShowsFailedFairnessGatesAndRefusals() {
        String card = "/console/models/credit-approval-lite/versions/1";
        Http.Response page = get("bob", card);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"fairness-gender\"").contains("id=\"gates\"").contains("gate-failed")
                .contains("FAILED").contains("id=\"confusion\"").contains("id=\"calibration\"")
                .contains("href=\"/console/lineage?name=lab.card_payments\"");

        // Four-eyes: the trainer cannot approve her own version; the page says so.
        Http.Response self = post("ada", card + "/approve", "comment=mine");
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.body()).contains("id=\"refused\"").contains("four-eyes");
        // The gates keep it from becoming champion, even approved.
        Http.Response approved = post("bob", card + "/approve", "comment=" + "%3Cscript%3E");
        assertThat(approved.status()).isEqualTo(303);
        assertThat(get("bob", card).body()).contains("id=\"approvals\"").contains("&lt;script&gt;")
                .doesNotContain("<script>x");
        Http.Response promote = post("bob", card + "/promote", "alias=champion");
        assertThat(promote.status()).isEqualTo(403);
        assertThat(promote.body()).contains("id=\"refused\"").contains("gate");
        assertThat(get("bob", "/console/models/nope/versions/1").status()).isEqualTo(404);
    }

    @Test
    void featuresListViewsAndLookUpThroughThePolicy() {
        Http.Response page = get("root", "/console/features");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"view-card_velocity\"").contains("card-transactions");
        Http.Response denied = get("root", "/console/features?view=card_velocity&key=1");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).contains("id=\"refused\"").contains("banking.card_transactions");
        Http.Response found = get("root", "/console/features?view=card_velocity&key=1&purpose=fraud-detection");
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains("id=\"values\"").contains("txn_count_10m");
    }

    @Test
    void serveShowsLiveDecisionsAlertsAndDrift() {
        for (int i = 0; i < 6; i++) {
            Http.Response scored = HTTP.post(platform.url("/api/v1/score/" + ModelConsolePlatform.FRAUD),
                    "application/json", ModelConsolePlatform.scoreRequest("console-" + i, 990_100 + i, 100 + i * 90),
                    Http.bearer(platform.tokens.get("checkout")));
            assertThat(scored.status()).as(scored.body()).isEqualTo(200);
        }
        JsonNode recent = get("checkout", "/api/v1/score/recent?n=3").json();
        assertThat(recent.get("scores")).hasSize(3);
        assertThat(recent.get("scores").get(0).get("request_id").asText()).isEqualTo("console-5");
        assertThat(recent.get("scores").get(0).get("reasons")).hasSize(3);
        assertThat(get("bob", "/api/v1/score/recent").status()).isEqualTo(403);

        Http.Response page = get("root", "/console/serve");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"live\"").contains("card_id=990105")
                .contains("/static/serve.js").contains("id=\"drift-card-fraud-lite\"");
        assertThat(page.body()).containsAnyOf("id=\"alerts\"", "id=\"no-alerts\"");
        // Without the scorer role, no entity keys of live traffic.
        assertThat(get("bob", "/console/serve").body()).contains("id=\"live-refused\"");
    }
}
