package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's pages over real HTTP: sign-in, cookies, rendering and escaping. */
class ConsoleTest {
    private static TestPlatform platform;
    private static final Http HTTP = new Http();

    @BeforeAll
    static void start() {
        platform = TestPlatform.start();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String[] cookie() {
        return new String[] {"Cookie", Authentication.COOKIE + "=" + platform.token};
    }

    private static Http.Response page(String path) {
        return HTTP.get(platform.url(path), cookie());
    }

    private static String form(String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(namesAndValues[i]).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    @Test
    void unauthenticatedConsoleRequestsRedirectToSignIn() {
        Http.Response response = HTTP.get(platform.url("/console/tables/retail/orders"));

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).hasValue("/console/login?next=%2Fconsole%2Ftables%2Fretail%2Forders");
        assertThat(HTTP.get(platform.url("/")).header("Location")).hasValue("/console");
    }

    @Test
    void signInPageIsPublic() {
        Http.Response response = HTTP.get(platform.url("/console/login?next=/console/sql"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("<input type=\"hidden\" name=\"next\" value=\"/console/sql\">");
        assertThat(response.header("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'self'", "frame-ancestors 'none'"));
    }

    @Test
    void signInSetsAStrictHttpOnlyCookieAndRedirects() {
        Http.Response response = HTTP.post(platform.url("/console/login"), "application/x-www-form-urlencoded",
                form("token", platform.token, "next", "/console/tables"));

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).hasValue("/console/tables");
        String setCookie = response.header("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(Authentication.COOKIE + "=" + platform.token)
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .contains("Path=/");
    }

    @Test
    void signInWithAWrongTokenShowsTheFormAgain() {
        Http.Response response = HTTP.post(platform.url("/console/login"), "application/x-www-form-urlencoded",
                form("token", "ns_nothing_here", "next", "/console"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Set-Cookie")).isEmpty();
        assertThat(response.body()).contains("id=\"login-error\">That token is unknown, revoked or expired.</div>");
    }

    @Test
    void signInNeverRedirectsOutsideTheConsole() {
        for (String next : new String[] {"https://evil.example/", "//evil.example/console", "/api/v1/me",
                "/console/../x\\y"}) {
            Http.Response response = HTTP.post(platform.url("/console/login"), "application/x-www-form-urlencoded",
                    form("token", platform.token, "next", next));
            assertThat(response.header("Location")).as(next).hasValue("/console");
        }
    }

    @Test
    void formsFromOtherSitesAreRefused() {
        Http.Response foreignOrigin = HTTP.post(platform.url("/console/logout"), "application/x-www-form-urlencoded",
                "", "Origin", "https://evil.example");
        Http.Response crossSite = HTTP.post(platform.url("/console/login"), "application/x-www-form-urlencoded",
                form("token", platform.token), "Sec-Fetch-Site", "cross-site");
        Http.Response sameOrigin = HTTP.post(platform.url("/console/login"), "application/x-www-form-urlencoded",
                form("token", platform.token), "Origin", platform.server.baseUrl(), "Sec-Fetch-Site", "same-origin");

        assertThat(foreignOrigin.status()).isEqualTo(403);
        assertThat(foreignOrigin.body()).contains("Console forms cannot be sent from another site");
        assertThat(foreignOrigin.header("Set-Cookie")).isEmpty();
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.header("Set-Cookie")).isEmpty();
        assertThat(sameOrigin.status()).isEqualTo(303);
    }

    @Test
    void signOutClearsTheCookie() {
        Http.Response response = HTTP.post(platform.url("/console/logout"), "application/x-www-form-urlencoded", "",
                cookie());

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).hasValue("/console/login");
        assertThat(response.header("Set-Cookie").orElseThrow()).startsWith(Authentication.COOKIE + "=;")
                .contains("Max-Age=0");
    }

    @Test
    void overviewShowsTotals() {
        Http.Response response = page("/console/overview");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .contains("id=\"stat-domains\">2<", "id=\"stat-tables\">2<", "id=\"stat-rows\">101<")
                .contains("<a href=\"/console/tables?domain=retail\">retail</a>")
                .contains("id=\"principal\" title=\"Roles: analyst\">ada</span>");
    }

    @Test
    void navigationFollowsTheValueChainAndGreysStagesNotBuilt() {
        String body = page("/console/tables").body();

        assertThat(body).containsSubsequence("Ingest", "Lake", "Govern", "Process", "Features", "Models", "Serve",
                "Observe", "Value");
        assertThat(body).contains("<a class=\"nav-link active\" aria-current=\"page\" href=\"/console/tables\" "
                + "id=\"stage-lake\">Lake</a>");
        assertThat(body).contains("<a class=\"nav-link\" href=\"/console/products\" id=\"stage-ingest\">Ingest</a>");
        assertThat(body).contains("<a class=\"nav-link\" href=\"/console/catalog\" id=\"stage-govern\">Govern</a>");
        assertThat(body).contains("aria-disabled=\"true\" title=\"Process is not built yet\">Process</span>");
        assertThat(body).doesNotContain("href=\"/console/process", "href=\"/console/value");
        assertThat(body).contains("href=\"/console/models\" id=\"stage-models\"");
        assertThat(body).contains("<a class=\"nav-link\" href=\"/console\" id=\"stage-value\">Value</a>");
    }

    @Test
    void withoutAppliedContractsTheProductAndQualityPagesSayHowToStart() {
        assertThat(page("/console/products").body()).contains("id=\"no-products\"",
                "<code>northstar apply contracts/</code>");
        assertThat(page("/console/quality").body()).contains("No data products yet.", "id=\"no-incidents\"");
        assertThat(HTTP.get(platform.url("/api/v1/products"), Http.bearer(platform.token)).json().get("products"))
                .isEmpty();
    }

    @Test
    void tablesPageListsTables() {
        String body = page("/console/tables").body();

        assertThat(body).contains("<a class=\"ns-table-link\" href=\"/console/tables/retail/orders\">orders</a>")
                .contains("<td class=\"ns-num\">100</td>");
        assertThat(page("/console/tables?domain=crm").body()).contains("/console/tables/crm/notes")
                .doesNotContain("/console/tables/retail/orders\"");
    }

    @Test
    void tablePageShowsSchemaHistoryAndPreview() {
        String body = page("/console/tables/retail/orders").body();
        assertThat(body).contains("id=\"table-lineage\" href=\"/console/lineage?name=retail.orders\"")
                .contains("id=\"table-governance\" href=\"/console/catalog/retail/orders?tab=governance\"");

        assertThat(body).contains("id=\"table-name\">retail.orders</h1>", "Orders of the web shop")
                .contains("<td class=\"font-monospace\">amount</td>", "decimal(12,2)")
                .contains(platform.firstRunId)
                .contains("id=\"preview-meta\">first 50 rows<")
                .contains("href=\"/console/sql?sql=SELECT+*+FROM+retail.orders+LIMIT+100\"");
    }

    @Test
    void missingTableIsAnErrorPage() {
        Http.Response response = page("/console/tables/retail/nothing");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("id=\"error-title\">Table not found</h1>", "TABLE_NOT_FOUND");
    }

    @Test
    void sqlPageRunsAQuery() {
        Http.Response response = HTTP.post(platform.url("/console/sql"), "application/x-www-form-urlencoded",
                form("sql", "SELECT customer, count(*) AS orders FROM retail.orders GROUP BY customer "
                        + "ORDER BY customer LIMIT 2"), cookie());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("id=\"row-count\">2</strong> rows")
                .contains("<td>customer-0</td><td class=\"ns-num\">15</td>")
                .contains("<span class=\"ns-col-name\">orders</span><span class=\"ns-col-type\">bigint</span>");
    }

    @Test
    void sqlErrorsAreShownWithTheQueryKept() {
        Http.Response response = HTTP.post(platform.url("/console/sql"), "application/x-www-form-urlencoded",
                form("sql", "SELECT nope FROM retail.orders"), cookie());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("id=\"sql-error\"", "Invalid SQL", "nope")
                .contains(">SELECT nope FROM retail.orders</textarea>");
    }

    @Test
    void everyDynamicValueIsEscaped() {
        String table = page("/console/tables/crm/notes").body();
        Http.Response query = HTTP.post(platform.url("/console/sql"), "application/x-www-form-urlencoded",
                form("sql", "SELECT '" + TestPlatform.MALICIOUS.replace("'", "''") + "' AS \"<b>x</b>\""),
                cookie());
        String login = HTTP.get(platform.url("/console/login?next=/console/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"))
                .body();

        String escaped = "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;";
        assertThat(table).contains("Notes " + escaped).contains("<td>" + escaped + "</td>");
        assertThat(query.body()).contains("<td>" + escaped + "</td>", "&lt;b&gt;x&lt;/b&gt;");
        assertThat(login).contains("value=\"/console/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
        for (String body : new String[] {table, query.body(), login}) {
            assertThat(body).doesNotContain(TestPlatform.MALICIOUS, "<script>alert(1)", "<b>x</b>");
        }
    }

    @Test
    void staticAssetsAndWebJarsArePublic() {
        Http.Response css = HTTP.get(platform.url(WebJarAssets.bootstrapCss()));
        Http.Response own = HTTP.get(platform.url("/static/console.css"));

        assertThat(css.status()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(css.body()).contains("Bootstrap");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains(".ns-chain");
    }
}
