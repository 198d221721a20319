package dev.northstar.server;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A real platform for tests: an embedded lakehouse (Iceberg tables, DuckDB) in a temp directory holding
 * {@code retail.orders} (100 rows in two commits) and {@code crm.notes} (whose description and rows carry HTML), the
 * SQLite metadata store beside its catalog, a server on an ephemeral port and a token for an analyst.
 */
final class TestPlatform implements AutoCloseable {
    static final TableId ORDERS = TableId.parse("retail.orders");
    static final TableId NOTES = TableId.parse("crm.notes");
    static final String MALICIOUS = "<script>alert('owned')</script>";

    final Path home;
    final Lakehouse lakehouse;
    final MetadataStore store;
    final NorthstarServer server;
    final String token;
    final String firstRunId;

    private TestPlatform(Path home, Lakehouse lakehouse, MetadataStore store, NorthstarServer server, String token,
            String firstRunId) {
        this.home = home;
        this.lakehouse = lakehouse;
        this.store = store;
        this.server = server;
        this.token = token;
        this.firstRunId = firstRunId;
    }

    static TestPlatform start() {
        Path home;
        try {
            home = Files.createTempDirectory("northstar-server-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Lakehouse lakehouse = Lakehouse.open(LakeConfig.embedded(home));
        lakehouse.createTable(ORDERS, TableDefinition.of(TableSchema.of(
                        Column.parse("id!:long"),
                        Column.parse("amount:decimal(12,2)"),
                        Column.parse("customer:string"),
                        Column.parse("ordered_at:timestamp")))
                .withDescription("Orders of the web shop"));
        String firstRunId = lakehouse.write(ORDERS, RowSource.sql(orders(0, 60)), WriteOptions.append()).runId();
        lakehouse.write(ORDERS, RowSource.sql(orders(60, 100)), WriteOptions.append());
        lakehouse.createTable(NOTES, TableDefinition.of(TableSchema.of(
                        Column.parse("id!:long"),
                        Column.parse("body:string")))
                .withDescription("Notes " + MALICIOUS));
        lakehouse.write(NOTES, RowSource.sql("SELECT 1 AS id, '" + MALICIOUS.replace("'", "''") + "' AS body"),
                WriteOptions.append());
        MetadataStore store = JdbcMetadataStore.open(lakehouse.config());
        String token = store.tokens().create(new Principal("ada", Set.of("analyst"),
                Map.of("domains", "retail,crm", "clearance", "internal")), Optional.empty()).secret();
        NorthstarServer server = NorthstarServer.start(ServerConfig.ephemeral(), lakehouse, store);
        return new TestPlatform(home, lakehouse, store, server, token, firstRunId);
    }

    private static String orders(int from, int to) {
        return "SELECT range AS id, (range * 1.5)::DECIMAL(12,2) AS amount, 'customer-' || (range % 7) AS customer, "
                + "TIMESTAMP '2026-01-01 00:00:00' + to_hours(range) AS ordered_at FROM range(" + from + ", " + to
                + ")";
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    @Override
    public void close() {
        server.close();
        store.close();
        lakehouse.close();
        TestFiles.deleteTree(home);
    }
}
