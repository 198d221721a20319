package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.config.Settings;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;

/**
 * Typed configuration of the HTTP server.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code server.host}</td><td>{@code 127.0.0.1}</td><td>interface to listen on; {@code 0.0.0.0} for all
 * (put TLS in front: the console cookie is only marked {@code Secure} behind HTTPS)</td></tr>
 * <tr><td>{@code server.port}</td><td>{@code 8080}</td><td>TCP port; {@code 0} picks a free one</td></tr>
 * </table>
 *
 * <p>Like every key, each is overridable by an environment variable: {@code NORTHSTAR_SERVER_HOST},
 * {@code NORTHSTAR_SERVER_PORT}.
 *
 * @param host interface to listen on
 * @param port TCP port, 0 for an ephemeral one
 */
public record ServerConfig(String host, int port) {
    /** Default of {@code server.host}: loopback only, so a fresh install is not reachable from the network. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default of {@code server.port}. */
    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "server.host is blank",
                    "Set server.host to an interface address such as 127.0.0.1 or 0.0.0.0");
        }
        if (port < 0 || port > 65_535) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                    "server.port must be between 0 and 65535, got " + port,
                    "Set server.port to a free TCP port, or 0 to pick one");
        }
    }

    /** Defaults: {@code 127.0.0.1:8080}. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT);
    }

    /** Loopback on an ephemeral port (tests, embedded use). */
    public static ServerConfig ephemeral() {
        return new ServerConfig(DEFAULT_HOST, 0);
    }

    /** Reads the {@code server.*} keys. */
    public static ServerConfig from(Settings settings) {
        return new ServerConfig(
                settings.string("server.host", DEFAULT_HOST),
                settings.integer("server.port", DEFAULT_PORT));
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port);
    }
}
