package dev.northstar.server;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.lineage.Lineage;
import dev.northstar.ingest.IngestRequest;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A running server over a lake with lineage: {@code retail.orders} and {@code retail.customers} ingested from CSV
 * files, and {@code retail.customer_revenue} created from SQL joining them.
 */
final class LineagePlatform extends ServerPlatform {
    static final TableId ORDERS = TableId.parse("retail.orders");
    static final TableId CUSTOMERS = TableId.parse("retail.customers");
    static final TableId REVENUE = TableId.parse("retail.customer_revenue");

    static final String ORDERS_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: retail-orders
            name: Orders
            version: 1.0.0
            status: active
            domain: retail
            schema:
              - name: orders
                properties:
                  - name: id
                    logicalType: integer
                    physicalType: long
                    required: true
                  - name: customer_id
                    logicalType: integer
                    physicalType: long
                  - name: amount
                    logicalType: number
                    physicalType: decimal(10,2)
            """;

    final String token;
    final Lineage lineage;
    final Path ordersFile;

    private LineagePlatform(Path home, Lakehouse lake, JdbcMetadataStore store, NorthstarServer server, String token,
            Lineage lineage, Path ordersFile) {
        super(home, lake, store, server);
        this.token = token;
        this.lineage = lineage;
        this.ordersFile = ordersFile;
    }

    static LineagePlatform start() {
        try {
            Path home = Files.createTempDirectory("northstar-lineage-test");
            Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home.resolve("data")));
            JdbcMetadataStore store = JdbcMetadataStore.open(lake.config());
            // retail.orders is a data product: its applied contract creates the table.
            Path contracts = Files.createDirectories(home.resolve("contracts"));
            Files.writeString(contracts.resolve("orders.yaml"), ORDERS_CONTRACT);
            new ProductRegistry(store.database(), lake).apply(contracts);
            lake.createTable(CUSTOMERS, TableDefinition.of(TableSchema.of(Column.parse("id!:long"),
                    Column.parse("email:string"))));
            Ingestion ingestion = new Ingestion(lake, store, IngestSettings.defaults());
            Path orders = home.resolve("orders.csv");
            Files.writeString(orders, "id,customer_id,amount\n1,10,5.00\n2,10,7.50\n3,11,1.25\n");
            ingestion.ingest(IngestRequest.of(Source.file(orders, Optional.empty(), CsvOptions.defaults()),
                    ProductRules.fromTable(lake.describe(ORDERS))));
            Path customers = home.resolve("customers.csv");
            Files.writeString(customers, "id,email\n10,a@example.com\n11,b@example.com\n");
            ingestion.ingest(IngestRequest.of(Source.file(customers, Optional.empty(), CsvOptions.defaults()),
                    ProductRules.fromTable(lake.describe(CUSTOMERS))));
            Lineage lineage = new Lineage(lake, store.database());
            lineage.createTableAs(REVENUE, "SELECT c.email, sum(o.amount) AS revenue, count(*) AS orders"
                    + " FROM retail.orders o JOIN retail.customers c ON c.id = o.customer_id GROUP BY c.email");
            String token = store.tokens().create(new Principal("ada", Set.of("steward"), Map.of()),
                    Optional.empty()).secret();
            NorthstarServer server = NorthstarServer.start(ServerConfig.ephemeral(), lake, store);
            return new LineagePlatform(home, lake, store, server, token, lineage, orders);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
