package dev.northstar.server;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.ingest.IngestRequest;
import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.plan.ContractRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.quality.ContractChecks;
import dev.northstar.quality.QualityConfig;
import dev.northstar.quality.QualityMonitor;
import dev.northstar.quality.QualityReport;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A real data product for tests, built through the real modules: an embedded lake and JDBC metadata store, the
 * contract {@code sales-orders} applied from a folder (its purpose carries HTML), a messy CSV of 6 rows ingested
 * (4 valid, 2 quarantined: a negative amount and an unknown status), quality checks run twice (the row count
 * check, more than 5, fails and opens an incident), and a server on an
 * ephemeral port with a token for an analyst.
 */
final class ProductPlatform extends ServerPlatform {
    static final TableId ORDERS = TableId.parse("sales.orders");
    static final String MALICIOUS = "<script>alert('owned')</script>";
    static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: sales-orders
            name: Orders
            version: 1.2.0
            status: active
            domain: sales
            dataProduct: order-book
            description:
              purpose: Orders of the web shop %s
              usage: Revenue reporting
              limitations: Amounts in EUR only
            team:
              name: order-team
              members:
                - username: grace
                  role: owner
            customProperties:
              - property: northstar.onViolation
                value: quarantine
              - property: northstar.maxQuarantineShare
                value: 0.5
            schema:
              - name: orders
                properties:
                  - name: id
                    logicalType: integer
                    physicalType: long
                    primaryKey: true
                    required: true
                  - name: email
                    logicalType: string
                    classification: confidential
                  - name: status
                    logicalType: string
                    quality:
                      - metric: invalidValues
                        arguments:
                          validValues: [new, paid]
                        mustBe: 0
                  - name: amount
                    logicalType: number
                    physicalType: decimal(10,2)
                    logicalTypeOptions:
                      minimum: 0
                      maximum: 1000
                quality:
                  - metric: rowCount
                    mustBeGreaterThan: 5
            slaProperties:
              - property: latency
                value: 2
                unit: d
              - property: availability
                value: 95
                unit: percent
            """.formatted(MALICIOUS);
    static final String MESSY_CSV = """
            id,email,status,amount
            1,a@example.com,new,10.50
            2,b@example.com,paid,20.00
            3,c@example.com,new,-5.00
            4,d@example.com,lost,7.25
            5,,paid,99.99
            6,f@example.com,new,1000
            """;

    final String token;
    final IngestResult run;
    final QualityReport quality;

    private ProductPlatform(Path home, Lakehouse lake, JdbcMetadataStore store, NorthstarServer server, String token,
            IngestResult run, QualityReport quality) {
        super(home, lake, store, server);
        this.token = token;
        this.run = run;
        this.quality = quality;
    }

    static ProductPlatform start() {
        try {
            Path home = Files.createTempDirectory("northstar-products-test");
            Path contracts = Files.createDirectories(home.resolve("contracts"));
            Files.writeString(contracts.resolve("orders.yaml"), CONTRACT);
            Path csv = home.resolve("orders.csv");
            Files.writeString(csv, MESSY_CSV);
            Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home.resolve("data")));
            JdbcMetadataStore store = JdbcMetadataStore.open(lake.config());
            ProductRegistry registry = new ProductRegistry(store.database(), lake);
            registry.apply(contracts);
            var active = registry.activeContract(ORDERS).orElseThrow();
            IngestResult run = new Ingestion(lake, store, IngestSettings.defaults()).ingest(IngestRequest.of(
                    Source.file(csv, Optional.empty(), CsvOptions.defaults()), ContractRules.of(active)));
            QualityMonitor monitor = new QualityMonitor(lake, store.database(), QualityConfig.defaults(),
                    Clock.systemUTC());
            monitor.run(ORDERS, ContractChecks.checks(active.contract(), active.schemaObject()));
            QualityReport quality = monitor.run(ORDERS, ContractChecks.checks(active.contract(),
                    active.schemaObject()));
            // The sales and finance data steward: reads the team's domains (baseline policy), curates the catalog.
            String token = store.tokens().create(new Principal("ada", Set.of("analyst", "steward"),
                    Map.of("domains", "sales,finance")), Optional.empty()).secret();
            NorthstarServer server = NorthstarServer.start(ServerConfig.ephemeral(), lake, store);
            return new ProductPlatform(home, lake, store, server, token, run, quality);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
