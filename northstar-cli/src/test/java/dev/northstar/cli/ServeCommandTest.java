package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.lake.LakeConfig;
import dev.northstar.server.ServerConfig;
import dev.northstar.spi.security.Principal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code serve} and {@code demo} run: lake, store and server together, on a free port. */
class ServeCommandTest {
    @TempDir
    Path directory;

    @Test
    void servesTheTablesOfTheDataDirectoryToATokenHolder() throws Exception {
        assertThat(CliRun.run(directory, "init").exitCode()).isZero();
        assertThat(CliRun.run(directory, "table", "create", "retail.orders", "--column", "id:long").exitCode())
                .isZero();
        ServeCommand.Running running = ServeCommand.Running.start(
                LakeConfig.embedded(directory.resolve("northstar-data")), ServerConfig.ephemeral());
        try {
            String secret = running.store().tokens().create(Principal.of("tester", "admin"), Optional.empty())
                    .secret();
            HttpClient client = HttpClient.newHttpClient();

            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create(running.server().baseUrl() + "/api/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> tables = client.send(HttpRequest.newBuilder(
                            URI.create(running.server().baseUrl() + "/api/v1/tables"))
                    .header("Authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(
                    URI.create(running.server().baseUrl() + "/api/v1/tables")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(tables.statusCode()).isEqualTo(200);
            assertThat(tables.body()).contains("orders");
            assertThat(anonymous.statusCode()).isEqualTo(401);
        } finally {
            running.close();
        }
    }

    @Test
    void refusesAnUninitializedDirectory() {
        CliRun run = CliRun.run(directory, "serve", "--port", "0");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("No Northstar data directory");
    }
}
