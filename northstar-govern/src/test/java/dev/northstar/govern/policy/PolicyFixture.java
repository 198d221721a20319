package dev.northstar.govern.policy;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.MutableClock;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small bank and shop governed by contracts and a realistic policy set: analysts report on both (restricted
 * columns hashed, rows of their own region only), fraud investigators with confidential clearance see transactions
 * (card numbers partially), marketing reads customers for campaigns without birth years and with e-mails redacted,
 * and one principal is denied everything. The contracts restrict purposes with {@code northstar.purposes}.
 */
final class PolicyFixture implements AutoCloseable {
    static final TableId TRANSACTIONS = TableId.parse("banking.transactions");
    static final TableId CUSTOMERS = TableId.parse("retail.customers");
    static final Instant START = Instant.parse("2026-11-22T09:00:00Z");

    static final String TRANSACTIONS_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: banking-transactions
            name: Transactions
            version: 1.0.0
            status: active
            domain: banking
            dataProduct: payments
            tags: [finance]
            description:
              purpose: Card and transfer transactions
              usage: Fraud investigation and regulatory reporting only
            customProperties:
              - property: northstar.purposes
                value: [fraud-investigation, reporting]
            team:
              name: fraud-office
              members:
                - username: fiona
                  role: owner
            schema:
              - name: transactions
                properties:
                  - name: txn_id
                    logicalType: integer
                    physicalType: long
                    required: true
                  - name: account_iban
                    logicalType: string
                    classification: restricted
                    tags: [pii]
                  - name: card_number
                    logicalType: string
                    classification: restricted
                  - name: amount
                    logicalType: number
                    physicalType: double
                  - name: region
                    logicalType: string
            """;

    static final String CUSTOMERS_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: retail-customers
            name: Customers
            version: 1.0.0
            status: active
            domain: retail
            dataProduct: customer-360
            tags: [crm]
            customProperties:
              - property: northstar.purposes
                value: [marketing, reporting]
            team:
              name: crm-team
              members:
                - username: carol
                  role: owner
            schema:
              - name: customers
                properties:
                  - name: customer_id
                    logicalType: integer
                    physicalType: long
                    required: true
                  - name: email
                    logicalType: string
                    classification: pii
                  - name: birth_year
                    logicalType: integer
                    physicalType: long
                  - name: region
                    logicalType: string
            """;

    static final String ANALYSTS = """
            kind: AccessPolicy
            name: analysts
            description: Analysts report on banking and retail, restricted columns hashed, their own region only
            rules:
              - effect: allow
                subjects: {roles: [analyst]}
                resources: {domains: [banking, retail]}
                purposes: [reporting]
              - effect: mask
                subjects: {roles: [analyst]}
                resources: {classifications: [restricted]}
                mask: keyed_hash
              - effect: filter
                subjects: {roles: [analyst]}
                resources: {tables: [banking.transactions]}
                filter: region = ${subject.region}
            """;

    static final String FRAUD = """
            kind: AccessPolicy
            name: fraud
            description: Fraud investigators with confidential clearance see transactions, card numbers partially
            rules:
              - effect: allow
                subjects: {roles: [fraud-investigator], clearance: confidential}
                resources: {tables: [banking.transactions]}
                purposes: [fraud-investigation]
              - effect: mask
                subjects: {roles: [fraud-investigator]}
                resources: {columns: [card_number]}
                mask: {kind: partial, keep: 4, from: end}
            """;

    static final String MARKETING = """
            kind: AccessPolicy
            name: marketing
            description: Marketing reads customers for campaigns, without birth years, e-mails redacted
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
                mask: {kind: redact, with: '***'}
            """;

    static final String BLOCKED = """
            kind: AccessPolicy
            name: blocked
            description: Suspended accounts read nothing
            rules:
              - effect: deny
                subjects: {attributes: {status: [suspended]}}
                resources: {domains: ["*"]}
            """;

    final MutableClock clock = new MutableClock(START);
    final Lakehouse lake;
    final JdbcMetadataStore store;
    final ProductRegistry registry;
    final PolicyStore policies;
    final AccessRequests requests;
    final PolicyEngine engine;
    final PolicySimulator simulator;

    PolicyFixture(Path directory) throws IOException {
        this(directory, LakeConfig.embedded(Files.createDirectories(directory.resolve("home"))));
    }

    PolicyFixture(Path directory, LakeConfig config) throws IOException {
        lake = Lakehouse.open(config);
        store = JdbcMetadataStore.open(lake.config());
        registry = new ProductRegistry(store.database(), lake, clock);
        Path contracts = Files.createDirectories(directory.resolve("contracts"));
        Files.writeString(contracts.resolve("transactions.yaml"), TRANSACTIONS_CONTRACT);
        Files.writeString(contracts.resolve("customers.yaml"), CUSTOMERS_CONTRACT);
        registry.apply(contracts);
        lake.write(TRANSACTIONS, RowSource.sql("SELECT range AS txn_id, 'FR76300060000112345678901' || range AS"
                + " account_iban, '4970' || lpad(range::VARCHAR, 12, '0') AS card_number, 10.0 * range AS amount,"
                + " CASE WHEN range % 2 = 0 THEN 'EU' ELSE 'US' END AS region FROM range(10)"), WriteOptions.append());
        lake.write(CUSTOMERS, RowSource.sql("SELECT range AS customer_id, 'c' || range || '@example.com' AS email,"
                + " 1970 + range AS birth_year, 'EU' AS region FROM range(4)"), WriteOptions.append());
        policies = new PolicyStore(store.database(), clock, PolicyStore.columnsOf(lake));
        requests = new AccessRequests(store.database(), Optional.of(registry), clock);
        engine = new PolicyEngine(policies, requests, Optional.of(registry), store.database());
        simulator = new PolicySimulator(lake, engine);
    }

    /** Applies the realistic policy set. */
    PolicyFixture withPolicies() {
        policies.apply(List.of(new PolicyStore.Source("analysts.yaml", ANALYSTS),
                new PolicyStore.Source("fraud.yaml", FRAUD), new PolicyStore.Source("marketing.yaml", MARKETING),
                new PolicyStore.Source("blocked.yaml", BLOCKED)), "steward");
        return this;
    }

    static Principal principal(String name, Set<String> roles, Map<String, String> attributes) {
        return new Principal(name, roles, attributes);
    }

    @Override
    public void close() throws Exception {
        store.close();
        lake.close();
    }
}
