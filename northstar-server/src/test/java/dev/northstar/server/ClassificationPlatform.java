package dev.northstar.server;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A lake table with personal data for the classification tests, built through the real modules: the contract
 * {@code crm-customers} applied (its {@code contact} column declared public), 12 customers written (e-mails, valid
 * IBANs, e-mails again in {@code contact}, cities), and a server on an ephemeral port with a token for a steward.
 */
final class ClassificationPlatform extends ServerPlatform {
    static final TableId CUSTOMERS = TableId.parse("crm.customers");
    static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: crm-customers
            name: Customers
            version: 1.0.0
            status: active
            domain: crm
            dataProduct: customer-base
            schema:
              - name: customers
                properties:
                  - name: customer_id
                    logicalType: integer
                  - name: email
                    logicalType: string
                  - name: iban
                    logicalType: string
                  - name: contact
                    logicalType: string
                    classification: public
                  - name: city
                    logicalType: string
            """;
    static final String ROWS = "SELECT range AS customer_id, 'client' || range || '@example.com' AS email,"
            + " ['FR7630006000011234567890189', 'DE89370400440532013000', 'GB82WEST12345698765432'][range % 3 + 1]"
            + " AS iban, 'desk' || range || '@corp.fr' AS contact, 'Lyon' AS city FROM range(12)";

    final String token;

    private ClassificationPlatform(Path home, Lakehouse lake, JdbcMetadataStore store, NorthstarServer server,
            String token) {
        super(home, lake, store, server);
        this.token = token;
    }

    static ClassificationPlatform start() {
        try {
            Path home = Files.createTempDirectory("northstar-classification-test");
            Path contracts = Files.createDirectories(home.resolve("contracts"));
            Files.writeString(contracts.resolve("customers.yaml"), CONTRACT);
            Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home.resolve("data")));
            JdbcMetadataStore store = JdbcMetadataStore.open(lake.config());
            new ProductRegistry(store.database(), lake).apply(contracts);
            lake.write(CUSTOMERS, RowSource.sql(ROWS), WriteOptions.append());
            String token = store.tokens().create(new Principal("sam", Set.of("steward"), Map.of()),
                    Optional.empty()).secret();
            NorthstarServer server = NorthstarServer.start(ServerConfig.ephemeral(), lake, store);
            return new ClassificationPlatform(home, lake, store, server, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
