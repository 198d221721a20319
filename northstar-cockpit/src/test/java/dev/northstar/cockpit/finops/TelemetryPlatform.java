package dev.northstar.cockpit.finops;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.GovernedQuery;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.govern.policy.PolicyStore;
import dev.northstar.ingest.IngestRequest;
import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.MutableClock;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
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
 * A small real platform for the cockpit's tests: a lake in a temporary directory with a retail customers product
 * under contract (two personal columns, one masked by the reporting policy) and a finance ledger without contract,
 * loaded by real ingestion runs; the governed gateway, the audit log and the token store, all on a clock the test
 * moves.
 */
public final class TelemetryPlatform implements AutoCloseable {
    public static final TableId CUSTOMERS = TableId.parse("retail.customers");
    public static final TableId LEDGER = TableId.parse("finance.ledger");

    public static final String CUSTOMERS_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: retail-customers
            name: Customers
            version: 1.0.0
            status: active
            domain: retail
            dataProduct: customer-360
            slaProperties:
              - property: availability
                value: 99
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
                  - name: phone
                    logicalType: string
                    classification: personal
                  - name: city
                    logicalType: string
            """;

    /** Analysts read retail and finance, e-mails (class pii) hashed; the phone column is not masked. */
    public static final String REPORTING_POLICY = """
            kind: AccessPolicy
            name: reporting
            rules:
              - effect: allow
                subjects: {roles: [analyst]}
                resources: {domains: [retail, finance]}
              - effect: mask
                subjects: {roles: [analyst]}
                resources: {classifications: [pii]}
                mask: keyed_hash
            """;

    public final MutableClock clock;
    public final Lakehouse lake;
    public final JdbcMetadataStore store;
    public final ProductRegistry registry;
    public final AuditLog audit;
    public final SqlGateway gateway;
    private final Path directory;

    public TelemetryPlatform(Path directory, Instant start) throws IOException {
        this.directory = directory;
        clock = new MutableClock(start);
        Path home = Files.createDirectories(directory.resolve("home"));
        lake = Lakehouse.open(LakeConfig.embedded(home));
        store = JdbcMetadataStore.open(lake.config());
        registry = new ProductRegistry(store.database(), lake, clock);
        Path contracts = Files.createDirectories(directory.resolve("contracts"));
        Files.writeString(contracts.resolve("customers.yaml"), CUSTOMERS_CONTRACT);
        registry.apply(contracts);
        lake.createTable(LEDGER, TableDefinition.of(TableSchema.of(Column.parse("entry_id!:long"),
                Column.parse("amount:double"))));
        audit = new AuditLog(store.database(), clock);
        gateway = SqlGateway.open(lake, store.database(), Settings.of(home, Map.of()));
        new PolicyStore(store.database(), clock, PolicyStore.columnsOf(lake)).apply(List.of(
                new PolicyStore.Source("reporting.yaml", REPORTING_POLICY)), "steward");
    }

    /** Loads the standard rows: 20 customers and 50 ledger entries, by real ingestion runs. */
    public TelemetryPlatform loaded() throws IOException {
        StringBuilder customers = new StringBuilder("customer_id,email,phone,city\n");
        for (int i = 1; i <= 20; i++) {
            customers.append(i).append(",c").append(i).append("@example.org,+3360000").append(100 + i).append(',')
                    .append(i % 2 == 0 ? "Lyon" : "Lille").append('\n');
        }
        ingest(CUSTOMERS, customers.toString());
        StringBuilder ledger = new StringBuilder("entry_id,amount\n");
        for (int i = 1; i <= 50; i++) {
            ledger.append(i).append(',').append(i * 2.5).append('\n');
        }
        ingest(LEDGER, ledger.toString());
        return this;
    }

    /** Ingests CSV text into a table: a real run, recorded in {@code ns_runs}. */
    public IngestResult ingest(TableId table, String csv) throws IOException {
        Path file = Files.createTempFile(directory, table.name(), ".csv");
        Files.writeString(file, csv);
        return new Ingestion(lake, store, IngestSettings.defaults()).ingest(IngestRequest.of(
                Source.file(file, Optional.empty(), CsvOptions.defaults()),
                ProductRules.fromTable(lake.describe(table))));
    }

    /** An analyst (reporting policy). */
    public static Principal analyst(String name) {
        return new Principal(name, Set.of("analyst"), Map.of());
    }

    /** Runs a query through the gateway as the server does: answered or refused, it is audited. */
    public GovernedQuery read(Principal principal, String sql) {
        try {
            GovernedQuery answer = gateway.query(principal, Optional.empty(), sql, QueryOptions.defaults());
            audit.append(AuditEvent.governedRead(principal.name(), "api", Optional.empty(), sql, answer));
            return answer;
        } catch (NorthstarException e) {
            audit.append(AuditEvent.failedRead(principal.name(), "api", Optional.empty(), sql, List.of(), e));
            throw e;
        }
    }

    @Override
    public void close() {
        store.close();
        lake.close();
    }
}
