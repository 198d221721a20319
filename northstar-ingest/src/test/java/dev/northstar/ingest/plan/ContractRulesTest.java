package dev.northstar.ingest.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.ingest.IngestRequest;
import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractRulesTest {
    private static final String CUSTOMERS = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:sales:customers
            name: Customers
            version: 1.0.0
            status: active
            domain: Sales
            schema:
              - name: customers
                properties:
                  - name: code
                    logicalType: string
                    primaryKey: true
            """;
    private static final String ORDERS = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:sales:orders
            name: Orders
            version: 1.0.0
            status: active
            domain: Sales
            customProperties:
              - property: northstar.onViolation
                value: quarantine
              - property: northstar.maxQuarantineShare
                value: 0.9
            schema:
              - name: orders
                properties:
                  - name: order_id
                    logicalType: integer
                    physicalType: long
                    primaryKey: true
                  - name: customer
                    logicalType: string
                    relationships:
                      - to: customers.code
                  - name: status
                    logicalType: string
                    quality:
                      - metric: invalidValues
                        arguments:
                          validValues: [open, paid]
                        mustBe: 0
                      - metric: nullValues
                        mustBe: 0
                  - name: amount
                    logicalType: number
                    physicalType: decimal(10,2)
                    logicalTypeOptions:
                      minimum: 0
                      exclusiveMaximum: 1000
                  - name: email
                    logicalType: string
                    logicalTypeOptions:
                      pattern: "[^@]+@[^@]+"
                      maxLength: 20
                    quality:
                      - metric: nullValues
                        mustBeLessThan: 10
                        unit: percent
            """;

    @TempDir
    Path home;

    @Test
    void aContractCompilesToRowRulesEnforcedByIngestion() throws Exception {
        LakeConfig config = LakeConfig.embedded(home.resolve("data"));
        try (Lakehouse lake = Lakehouse.open(config); JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            Path project = Files.createDirectories(home.resolve("contracts"));
            Files.writeString(project.resolve("customers.yaml"), CUSTOMERS);
            Files.writeString(project.resolve("orders.yaml"), ORDERS);
            ProductRegistry registry = new ProductRegistry(store.database(), lake);
            registry.apply(project);
            TableId orders = TableId.parse("sales.orders");
            ActiveContract active = registry.activeContract(orders).orElseThrow();

            ProductRules rules = ContractRules.of(active);

            assertThat(rules.product()).isEqualTo(orders);
            assertThat(rules.onViolation()).isEqualTo(OnViolation.QUARANTINE);
            assertThat(rules.maxQuarantineShare()).isEqualTo(0.9);
            assertThat(rules.columns().get(0)).isEqualTo(ColumnRules.of("order_id", ColumnType.Primitive.LONG)
                    .withRequired(true).withUnique(true));
            assertThat(rules.columns().get(1).reference())
                    .contains(new ColumnReference(TableId.parse("sales.customers"), "code"));
            assertThat(rules.columns().get(2).validValues()).containsExactly("open", "paid");
            assertThat(rules.columns().get(2).required()).isTrue();
            assertThat(rules.columns().get(3).minimum()).contains("0");
            assertThat(rules.columns().get(3).maximum()).contains("1000");
            assertThat(rules.columns().get(3).exclusiveMaximum()).isTrue();
            assertThat(rules.columns().get(4).pattern()).contains("[^@]+@[^@]+");
            assertThat(rules.columns().get(4).maxLength()).contains(20);
            assertThat(rules.columns().get(4).required()).as("a 10% tolerance is a batch threshold").isFalse();

            Ingestion ingestion = new Ingestion(lake, store, IngestSettings.defaults());
            Path customers = Files.writeString(home.resolve("customers.csv"), "code\nC1\n");
            ingestion.ingest(IngestRequest.of(Source.file(customers, Optional.empty(), CsvOptions.defaults()),
                    ContractRules.of(registry.activeContract(TableId.parse("sales.customers")).orElseThrow())));
            Path file = Files.writeString(home.resolve("orders.csv"), "order_id,customer,status,amount,email\n"
                    + "1,C1,open,10,a@b\n"
                    + "2,C2,paid,1000,nope\n"
                    + "1,C1,,5,a@b\n");
            IngestResult result = ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(),
                    CsvOptions.defaults()), rules));

            assertThat(result.rowsValid()).isZero();
            assertThat(result.rowsQuarantined()).isEqualTo(3);
            assertThat(result.sampleReasons()).containsExactly(
                    "line 2: orders.order_id.unique (order_id: '1' appears 2 times in this batch)",
                    "line 3: orders.customer.reference (customer: 'C2' is not in sales.customers.code),"
                            + " orders.amount.maximum (amount: '1000' is above the exclusive maximum 1000),"
                            + " orders.email.pattern (email: 'nope' does not match the pattern [^@]+@[^@]+)",
                    "line 4: orders.order_id.unique (order_id: '1' appears 2 times in this batch),"
                            + " orders.status.required (status: a value is required)");
        }
    }
}
