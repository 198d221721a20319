package dev.northstar.cli;

import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.server.NorthstarServer;
import dev.northstar.server.ServerConfig;
import dev.northstar.spi.store.MetadataStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code northstar serve}: the HTTP API and console over the data directory, until Ctrl-C. */
@Command(name = "serve", description = "Start the HTTP API and the web console; stop with Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    private NorthstarCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT",
            description = "TCP port (default: server.port, 8080); 0 picks a free one.")
    private Integer port;

    @Option(names = "--host", paramLabel = "HOST",
            description = "Interface to listen on (default: server.host, 127.0.0.1); 0.0.0.0 for all.")
    private String host;

    @Override
    public Integer call() throws InterruptedException {
        Path home = root.initializedHome();
        Settings settings = root.settings(home);
        ServerConfig config = ServerConfig.from(settings);
        if (port != null) {
            config = config.withPort(port);
        }
        if (host != null) {
            config = config.withHost(host);
        }
        Running running = Running.start(LakeConfig.from(settings), config, IngestSettings.from(settings));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Northstar is serving " + home);
        out.println("  console  " + running.server().baseUrl() + "/console");
        out.println("  API      " + running.server().baseUrl() + "/api/v1");
        out.println("Create a token to sign in: northstar token create --principal NAME --role admin");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        running.awaitShutdown();
        return 0;
    }

    /**
     * An open lakehouse, metadata store and server, closed in reverse order by a shutdown hook (Ctrl-C).
     *
     * @param lake the lakehouse
     * @param store the metadata store
     * @param server the started server
     */
    record Running(Lakehouse lake, MetadataStore store, NorthstarServer server) {
        static Running start(LakeConfig lakeConfig, ServerConfig serverConfig) {
            return start(lakeConfig, serverConfig, IngestSettings.defaults());
        }

        static Running start(LakeConfig lakeConfig, ServerConfig serverConfig, IngestSettings ingestSettings) {
            Lakehouse lake = Lakehouse.open(lakeConfig);
            try {
                return start(lake, serverConfig, ingestSettings);
            } catch (RuntimeException e) {
                lake.close();
                throw e;
            }
        }

        static Running start(Lakehouse lake, ServerConfig serverConfig) {
            return start(lake, serverConfig, IngestSettings.defaults());
        }

        /** With the ingest settings (lineage endpoint, largest upload) the server's ingest route uses. */
        static Running start(Lakehouse lake, ServerConfig serverConfig, IngestSettings ingestSettings) {
            MetadataStore store = JdbcMetadataStore.open(lake.config());
            try {
                return new Running(lake, store, NorthstarServer.start(serverConfig, lake, store, ingestSettings));
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }

        /** Blocks until the JVM shuts down (Ctrl-C, SIGTERM), then closes server, store and lake. */
        void awaitShutdown() throws InterruptedException {
            CountDownLatch closed = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    close();
                } finally {
                    closed.countDown();
                }
            }, "northstar-shutdown"));
            // The main thread waits here until the hook has closed everything.
            closed.await();
        }

        void close() {
            try {
                server.close();
            } finally {
                try {
                    store.close();
                } finally {
                    lake.close();
                }
            }
        }
    }
}
