package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.config.Settings;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    private static final Path HOME = Path.of("/tmp/northstar-home");

    @Test
    void defaults() {
        ServerConfig config = ServerConfig.from(Settings.of(HOME, Map.of()));

        assertThat(config).isEqualTo(ServerConfig.defaults());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
    }

    @Test
    void everyKeyIsRead() {
        ServerConfig config = ServerConfig.from(Settings.of(HOME, Map.of(
                "server.host", "0.0.0.0",
                "server.port", "9090")));

        assertThat(config).isEqualTo(new ServerConfig("0.0.0.0", 9090));
    }

    @Test
    void environmentOverridesTheFile() {
        ServerConfig config = ServerConfig.from(Settings.load(HOME, Map.of("NORTHSTAR_SERVER_PORT", "0")));

        assertThat(config.port()).isZero();
    }

    @Test
    void invalidValuesAreConfigurationErrors() {
        assertThatThrownBy(() -> ServerConfig.from(Settings.of(HOME, Map.of("server.port", "70000"))))
                .isInstanceOf(NorthstarException.class)
                .hasMessage("server.port must be between 0 and 65535, got 70000")
                .extracting(failure -> ((NorthstarException) failure).code())
                .isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThatThrownBy(() -> ServerConfig.from(Settings.of(HOME, Map.of("server.port", "eighty"))))
                .isInstanceOf(NorthstarException.class)
                .hasMessageContaining("server.port");
        assertThatThrownBy(() -> new ServerConfig(" ", 80))
                .isInstanceOf(NorthstarException.class)
                .hasMessage("server.host is blank");
    }

    @Test
    void portInUseIsAnUnavailableError() {
        InMemoryMetadataStore store = new InMemoryMetadataStore();
        try (NorthstarServer first = NorthstarServer.start(ServerConfig.ephemeral(), new BrokenLakehouse(), store)) {
            assertThatThrownBy(() -> NorthstarServer.start(ServerConfig.ephemeral().withPort(first.port()),
                    new BrokenLakehouse(), store))
                    .isInstanceOf(NorthstarException.class)
                    .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + first.port())
                    .extracting(failure -> ((NorthstarException) failure).code())
                    .isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(first.baseUrl()).isEqualTo("http://127.0.0.1:" + first.port());
        }
    }
}
