package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.spi.security.Principal;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server whose lakehouse and metadata store fail: problems are generic, readiness says no, nothing leaks. */
class FailureTest {
    private static final Http HTTP = new Http();
    private static InMemoryMetadataStore store;
    private static NorthstarServer server;
    private static String token;

    @BeforeAll
    static void start() {
        store = new InMemoryMetadataStore();
        token = store.tokens().create(Principal.of("ops", "admin"), Optional.empty()).secret();
        server = NorthstarServer.start(ServerConfig.ephemeral(), new BrokenLakehouse(), store.failing());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unexpectedFailureIsAGenericInternalProblem() {
        Http.Response response = HTTP.get(server.baseUrl() + "/api/v1/domains", Http.bearer(token));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText()).isEqualTo("INTERNAL");
        assertThat(problem.get("title").asText()).isEqualTo("Internal error");
        assertThat(problem.get("detail").asText()).matches("An unexpected error occurred \\(incident [0-9a-f-]{36}\\)");
        assertThat(response.body()).doesNotContain("hunter2", "db.internal", "IllegalStateException", "at dev.");
    }

    @Test
    void consoleShowsTheSameProblemAsAPage() {
        Http.Response response = HTTP.get(server.baseUrl() + "/console/tables",
                "Cookie", Authentication.COOKIE + "=" + token);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("id=\"error-title\">Internal error</h1>", "incident")
                .doesNotContain("hunter2", "db.internal");
    }

    @Test
    void readinessFailsWhenTheCatalogAndStoreDoNotAnswer() {
        Http.Response response = HTTP.get(server.baseUrl() + "/api/v1/ready");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("code").asText()).isEqualTo("UNAVAILABLE");
        assertThat(response.json().get("detail").asText()).isEqualTo("Not ready: catalog and metadata did not answer");
        assertThat(response.body()).doesNotContain("hunter2", "db.internal", "unreachable");
    }

    @Test
    void livenessStillAnswers() {
        assertThat(HTTP.get(server.baseUrl() + "/api/v1/health").status()).isEqualTo(200);
    }
}
