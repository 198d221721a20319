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
 * A governed customer table for the policy tests: the contract {@code retail-customers} (owned by carol, usable for
 * marketing and reporting) with 4 customers written, and a server with tokens for a steward (sofia), the owner
 * (carol), a marketer in the EU (mark) and an intern (dave).
 */
final class PolicyPlatform extends ServerPlatform {
    static final TableId CUSTOMERS = TableId.parse("retail.customers");
    static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: retail-customers
            name: Customers
            version: 1.0.0
            status: active
            domain: retail
            dataProduct: customer-360
            customProperties:
              - property: northstar.purposes
                value: [marketing, reporting]
            team:
              name: crm-team
              members:
                - username: carol
            schema:
              - name: customers
                properties:
                  - name: customer_id
                    logicalType: integer
                    physicalType: long
                  - name: email
                    logicalType: string
                    classification: pii
                  - name: birth_year
                    logicalType: integer
                    physicalType: long
                  - name: region
                    logicalType: string
            """;
    static final String MARKETING = """
            kind: AccessPolicy
            name: marketing
            description: Marketing reads customers for campaigns, e-mails redacted, own region
            rules:
              - effect: allow
                subjects: {roles: [marketing]}
                resources: {products: [customer-360]}
                purposes: [marketing]
              - effect: deny
                subjects: {roles: [marketing]}
                resources: {columns: [birth_year]}
              - effect: mask
                subjects: {roles: [marketing]}
                resources: {classifications: [pii]}
                mask: redact
              - effect: filter
                subjects: {roles: [marketing]}
                resources: {domains: [retail]}
                filter: region = ${subject.region}
            """;

    final Map<String, String> tokens;

    private PolicyPlatform(Path home, Lakehouse lake, JdbcMetadataStore store, NorthstarServer server,
            Map<String, String> tokens) {
        super(home, lake, store, server);
        this.tokens = tokens;
    }

    static PolicyPlatform start() {
        try {
            Path home = Files.createTempDirectory("northstar-policy-test");
            Path contracts = Files.createDirectories(home.resolve("contracts"));
            Files.writeString(contracts.resolve("customers.yaml"), CONTRACT);
            Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home.resolve("data")));
            JdbcMetadataStore store = JdbcMetadataStore.open(lake.config());
            new ProductRegistry(store.database(), lake).apply(contracts);
            lake.write(CUSTOMERS, RowSource.sql("SELECT range AS customer_id, 'c' || range || '@example.com' AS email,"
                    + " 1980 + range AS birth_year, CASE WHEN range < 2 THEN 'EU' ELSE 'US' END AS region"
                    + " FROM range(4)"), WriteOptions.append());
            Map<String, String> tokens = Map.of(
                    "sofia", token(store, new Principal("sofia", Set.of("steward"), Map.of())),
                    "carol", token(store, new Principal("carol", Set.of(), Map.of())),
                    "mark", token(store, new Principal("mark", Set.of("marketing"), Map.of("region", "EU"))),
                    "dave", token(store, new Principal("dave", Set.of("intern"), Map.of())));
            NorthstarServer server = NorthstarServer.start(ServerConfig.ephemeral(), lake, store);
            return new PolicyPlatform(home, lake, store, server, tokens);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(JdbcMetadataStore store, Principal principal) {
        return store.tokens().create(principal, Optional.empty()).secret();
    }
}
