package dev.northstar.govern.catalog;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.MutableClock;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.quality.CheckResult;
import dev.northstar.quality.CheckRun;
import dev.northstar.quality.MeasureUnit;
import dev.northstar.quality.QualityConfig;
import dev.northstar.quality.QualityHistory;
import dev.northstar.quality.Severity;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * A realistic small catalog built through the real modules: an embedded lake and metadata store, three data
 * products applied from ODCS contracts (sales.customers, sales.orders, marketing.campaigns) with rows written, one
 * table no contract governs (finance.ledger), and quality runs: orders failed an error check, customers passed, the
 * campaigns had a warning.
 */
final class CatalogFixture implements AutoCloseable {
    static final TableId CUSTOMERS = TableId.parse("sales.customers");
    static final TableId ORDERS = TableId.parse("sales.orders");
    static final TableId CAMPAIGNS = TableId.parse("marketing.campaigns");
    static final TableId LEDGER = TableId.parse("finance.ledger");
    static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

    static final String CUSTOMERS_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: sales-customers
            name: Customers
            version: 1.0.0
            status: active
            domain: sales
            dataProduct: customer-360
            tags: [crm, pii]
            description:
              purpose: Every customer of the web shop with contact details
              usage: Customer service and marketing consent
              limitations: Only customers who created an account
            team:
              name: crm-team
              members:
                - username: alice
                  role: owner
                - username: bob
                  role: steward
            schema:
              - name: customers
                properties:
                  - name: customer_id
                    logicalType: integer
                    physicalType: long
                    required: true
                  - name: email
                    logicalType: string
                    classification: restricted
                    description: E-mail address used to sign in
                  - name: full_name
                    logicalType: string
                    classification: confidential
                  - name: country
                    logicalType: string
            """;

    static final String ORDERS_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: sales-orders
            name: Orders
            version: 1.2.0
            status: active
            domain: sales
            dataProduct: order-book
            tags: [finance]
            description:
              purpose: Orders placed on the web shop by customers
              usage: Revenue reporting
              limitations: Amounts in EUR only
            team:
              name: order-team
              members:
                - username: grace
                  role: owner
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
                    description: The customer who placed the order
                  - name: amount
                    logicalType: number
                    physicalType: double
                    classification: internal
                  - name: status
                    logicalType: string
            """;

    static final String CAMPAIGNS_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: marketing-campaigns
            name: Campaigns
            version: 2.0.0
            status: draft
            domain: marketing
            dataProduct: campaign-planner
            tags: [marketing]
            description:
              purpose: Marketing campaigns with their channel and budget
            team:
              name: growth-team
              members:
                - username: hector
                  role: owner
            schema:
              - name: campaigns
                properties:
                  - name: campaign_id
                    logicalType: integer
                    physicalType: long
                  - name: title
                    logicalType: string
                  - name: channel
                    logicalType: string
                  - name: budget
                    logicalType: number
                    physicalType: double
                    classification: internal
            """;

    final Path home;
    final MutableClock clock = new MutableClock(START);
    final Lakehouse lake;
    final JdbcMetadataStore store;
    final ProductRegistry registry;
    final Catalog catalog;

    /** On the embedded SQLite database of a home in {@code directory}. */
    CatalogFixture(Path directory) throws IOException {
        this(directory, LakeConfig.embedded(Files.createDirectories(directory.resolve("home"))));
    }

    /** On the catalog database of {@code config}, the warehouse and contracts in {@code directory}. */
    CatalogFixture(Path directory, LakeConfig config) throws IOException {
        this.home = Files.createDirectories(directory.resolve("home"));
        this.lake = Lakehouse.open(config);
        this.store = JdbcMetadataStore.open(lake.config());
        this.registry = new ProductRegistry(store.database(), lake, clock);
        Path contracts = Files.createDirectories(directory.resolve("contracts"));
        Files.writeString(contracts.resolve("customers.yaml"), CUSTOMERS_CONTRACT);
        Files.writeString(contracts.resolve("orders.yaml"), ORDERS_CONTRACT);
        Files.writeString(contracts.resolve("campaigns.yaml"), CAMPAIGNS_CONTRACT);
        registry.apply(contracts);
        lake.write(CUSTOMERS, RowSource.sql("SELECT range AS customer_id, 'c' || range || '@example.com' AS email,"
                + " 'Name ' || range AS full_name, 'FR' AS country FROM range(5)"), WriteOptions.append());
        lake.write(ORDERS, RowSource.sql("SELECT range AS id, range % 5 AS customer_id, 10.5 * range AS amount,"
                + " 'paid' AS status FROM range(12)"), WriteOptions.append());
        lake.createTable(LEDGER, TableDefinition.of(TableSchema.of(
                        new Column("entry_id", dev.northstar.spi.schema.ColumnType.parse("long"), true, ""),
                        new Column("customer_ref", dev.northstar.spi.schema.ColumnType.parse("string"), false,
                                "Reference of the paying party"),
                        new Column("booked_amount", dev.northstar.spi.schema.ColumnType.parse("double"), false, "")))
                .withDescription("General ledger entries of the accounting system"));
        QualityHistory history = new QualityHistory(store.database());
        history.record(run(CUSTOMERS, true, Severity.ERROR));
        history.record(run(ORDERS, false, Severity.ERROR));
        history.record(run(CAMPAIGNS, false, Severity.WARNING));
        this.catalog = new Catalog(lake, store.database(), store.runs(), QualityConfig.defaults(), clock);
    }

    private CheckRun run(TableId table, boolean passed, Severity severity) {
        CheckResult result = new CheckResult("rows", "row_count", OptionalDouble.of(passed ? 5 : 0),
                MeasureUnit.ROWS, "> 0", passed, severity, "row_count");
        return new CheckRun(UUID.randomUUID().toString(), table, clock.instant(), Optional.empty(), List.of(result),
                Map.of("row_count", passed ? 5.0 : 0.0), 1);
    }

    @Override
    public void close() {
        store.close();
        lake.close();
    }
}
