package dev.northstar.server;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.privacy.MasterKey;
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
 * A lake with one product about data subjects for the privacy tests: the contract {@code crm-customers} marks
 * {@code customer_id} as the subject key, three customers are written, a master key file is configured in the data
 * directory's {@code northstar.yaml} with dana allowed to re-identify, and a server runs on an ephemeral port with a token for a privacy officer.
 */
final class PrivacyPlatform extends ServerPlatform {
    static final TableId CUSTOMERS = TableId.parse("crm.customers");
    static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: crm-customers
            name: Customers
            version: 1.0.0
            status: active
            domain: crm
            schema:
              - name: customers
                properties:
                  - name: customer_id
                    logicalType: string
                    customProperties:
                      - property: northstar.subjectKey
                        value: true
                  - name: email
                    logicalType: string
                  - name: city
                    logicalType: string
            """;

    final String token;
    /** A principal that privacy.reidentifiers does not list. */
    final String analystToken;

    private PrivacyPlatform(Path home, Lakehouse lake, JdbcMetadataStore store, NorthstarServer server,
            String token, String analystToken) {
        super(home, lake, store, server);
        this.token = token;
        this.analystToken = analystToken;
    }

    static PrivacyPlatform start() {
        try {
            Path home = Files.createTempDirectory("northstar-privacy-test");
            Path contracts = Files.createDirectories(home.resolve("contracts"));
            Files.writeString(contracts.resolve("customers.yaml"), CONTRACT);
            Path data = Files.createDirectories(home.resolve("data"));
            Files.writeString(data.resolve("master.key"), MasterKey.generateBase64());
            Files.writeString(data.resolve("northstar.yaml"), "privacy:\n  master-key-file: master.key\n"
                    + "  reidentifiers: dana\n");
            Lakehouse lake = Lakehouse.open(LakeConfig.embedded(data));
            JdbcMetadataStore store = JdbcMetadataStore.open(lake.config());
            new ProductRegistry(store.database(), lake).apply(contracts);
            lake.write(CUSTOMERS, RowSource.sql("SELECT 'C-' || range AS customer_id,"
                    + " 'person' || range || '@example.org' AS email, 'Lyon' AS city FROM range(3)"),
                    WriteOptions.append());
            String token = store.tokens().create(new Principal("dana", Set.of("privacy-officer"), Map.of()),
                    Optional.empty()).secret();
            String analystToken = store.tokens().create(new Principal("alex", Set.of("analyst"), Map.of()),
                    Optional.empty()).secret();
            NorthstarServer server = NorthstarServer.start(ServerConfig.ephemeral(), lake, store);
            return new PrivacyPlatform(home, lake, store, server, token, analystToken);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
