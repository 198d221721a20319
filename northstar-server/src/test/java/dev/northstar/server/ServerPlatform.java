package dev.northstar.server;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import java.nio.file.Path;

/**
 * What the server's test platforms share: a temporary data directory with an embedded lake and JDBC metadata store,
 * a server on a free port over them, and a close that stops the server and deletes everything.
 */
abstract class ServerPlatform implements AutoCloseable {
    final Path home;
    final Lakehouse lake;
    final JdbcMetadataStore store;
    final NorthstarServer server;

    ServerPlatform(Path home, Lakehouse lake, JdbcMetadataStore store, NorthstarServer server) {
        this.home = home;
        this.lake = lake;
        this.store = store;
        this.server = server;
    }

    /** The absolute URL of a path on the server. */
    String url(String path) {
        return server.baseUrl() + path;
    }

    @Override
    public void close() {
        server.close();
        store.close();
        lake.close();
        TestFiles.deleteTree(home);
    }
}
