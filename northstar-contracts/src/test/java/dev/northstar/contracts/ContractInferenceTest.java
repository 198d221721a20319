package dev.northstar.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractInferenceTest {
    @TempDir
    Path temporary;

    private Path customers() throws IOException {
        StringBuilder csv = new StringBuilder("customer_id,email,phone,status,balance,joined_on,card_number,"
                + "date_of_birth,note\n");
        String[] statuses = {"active", "paused", "closed"};
        for (int index = 1; index <= 30; index++) {
            csv.append(String.format("CUS-%04d,user%d@example.com,+41 79 555 %04d,%s,%d.50,2024-01-%02d,"
                            + "4111111111111111,1990-02-%02d,%s\n", index, index, index, statuses[index % 3], index * 10,
                    index, index % 28 + 1, index % 2 == 0 ? "" : "n" + index));
        }
        Path file = temporary.resolve("customers.csv");
        Files.writeString(file, csv);
        return file;
    }

    private static SchemaProperty property(DataContract contract, String name) {
        return contract.schema().get(0).property(name).orElseThrow();
    }

    @Test
    void draftsAContractFromACsvFile() throws IOException {
        ContractInference.InferredContract inferred = ContractInference.fromFile(customers());
        DataContract contract = inferred.contract();

        assertThat(ContractValidator.lint(inferred.yaml(), "inferred.yaml")).isEmpty();
        assertThat(contract.apiVersion()).isEqualTo("v3.1.0");
        assertThat(contract.status()).isEqualTo("draft");
        assertThat(contract.version()).isEqualTo("0.1.0");
        assertThat(contract.id()).isEqualTo("default.customers");
        assertThat(contract.schema().get(0).description()).contains("30 rows");

        SchemaProperty id = property(contract, "customer_id");
        assertThat(id.logicalType()).isEqualTo("string");
        assertThat(id.required()).isTrue();
        assertThat(id.unique()).isTrue();
        assertThat(id.logicalTypeOptions().pattern()).contains("^[A-Z]{3}-[0-9]{4}$");
        assertThat(id.logicalTypeOptions().minLength()).contains(8L);
        assertThat(id.examples()).containsExactly("CUS-0001", "CUS-0002", "CUS-0003");

        SchemaProperty email = property(contract, "email");
        assertThat(email.classification()).isEqualTo("pii-candidate");
        assertThat(email.examples()).isEmpty();
        assertThat(CustomProperty.find(email.customProperties(), EnforcementPolicy.PII_CANDIDATE).orElseThrow().text())
                .isEqualTo("email: the column name suggests email and 100% of the values look like emails");
        assertThat(CustomProperty.find(property(contract, "phone").customProperties(),
                EnforcementPolicy.PII_CANDIDATE).orElseThrow().text()).startsWith("phone:");
        assertThat(CustomProperty.find(property(contract, "card_number").customProperties(),
                EnforcementPolicy.PII_CANDIDATE).orElseThrow().text()).startsWith("card number:");
        assertThat(CustomProperty.find(property(contract, "date_of_birth").customProperties(),
                EnforcementPolicy.PII_CANDIDATE).orElseThrow().text())
                .isEqualTo("date of birth: the column name suggests date of birth");

        SchemaProperty status = property(contract, "status");
        assertThat(status.classification()).isEmpty();
        assertThat(status.unique()).isFalse();
        assertThat(status.quality()).singleElement().satisfies(rule -> {
            assertThat(rule.libraryMetric()).contains(QualityRule.Metric.INVALID_VALUES);
            assertThat(rule.validValues()).containsExactly("active", "closed", "paused");
        });

        SchemaProperty balance = property(contract, "balance");
        assertThat(balance.logicalType()).isEqualTo("number");
        assertThat(balance.logicalTypeOptions().minimum()).contains(new java.math.BigDecimal("10.5"));
        assertThat(balance.logicalTypeOptions().maximum()).contains(new java.math.BigDecimal("300.5"));

        SchemaProperty joined = property(contract, "joined_on");
        assertThat(joined.logicalType()).isEqualTo("date");
        assertThat(joined.logicalTypeOptions().minimum()).contains("2024-01-01");
        assertThat(joined.logicalTypeOptions().maximum()).contains("2024-01-30");

        SchemaProperty note = property(contract, "note");
        assertThat(note.required()).isFalse();
        assertThat(note.logicalTypeOptions().pattern()).isEmpty();
    }

    @Test
    void draftsAContractFromALakeTable() {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(temporary.resolve("home")))) {
            TableId table = new TableId("sales", "orders");
            lake.createTable(table, TableDefinition.of(new TableSchema(List.of(
                    Column.required("order_id", ColumnType.Primitive.LONG),
                    Column.optional("amount", new ColumnType.Decimal(12, 2)),
                    Column.optional("tags", new ColumnType.ListOf(ColumnType.Primitive.STRING))))));
            lake.write(table, RowSource.sql("SELECT range + 1 AS order_id, (range * 2.5)::DECIMAL(12,2) AS amount,"
                    + " ['a'] AS tags FROM range(5)"), WriteOptions.append());

            DataContract contract = ContractInference.fromTable(lake, table).contract();

            assertThat(contract.domain()).isEqualTo("sales");
            assertThat(contract.schema().get(0).name()).isEqualTo("orders");
            SchemaProperty id = property(contract, "order_id");
            assertThat(id.logicalType()).isEqualTo("integer");
            assertThat(id.physicalType()).isEqualTo("long");
            assertThat(id.required()).isTrue();
            assertThat(id.unique()).isTrue();
            assertThat(id.logicalTypeOptions().minimum()).contains(1L);
            assertThat(id.logicalTypeOptions().maximum()).contains(5L);
            assertThat(property(contract, "amount").physicalType()).isEqualTo("decimal(12,2)");
            assertThat(property(contract, "tags").logicalType()).isEqualTo("array");
            assertThat(ContractTables.definition(contract.schema().get(0)).schema().columns())
                    .extracting(column -> column.type().text())
                    .containsExactly("long", "decimal(12,2)", "list<string>");
        }
    }

    @Test
    void readsJsonAndParquetFiles() throws Exception {
        Path json = Files.writeString(temporary.resolve("events.ndjson"),
                "{\"id\": 1, \"kind\": \"click\", \"at\": \"2026-11-20T10:00:00\"}\n"
                        + "{\"id\": 2, \"kind\": null, \"at\": \"2026-11-21T10:00:00\"}\n");
        DataContract fromJson = ContractInference.fromFile(json).contract();
        assertThat(fromJson.schema().get(0).name()).isEqualTo("events");
        assertThat(fromJson.schema().get(0).properties()).extracting(SchemaProperty::name, SchemaProperty::logicalType,
                SchemaProperty::required).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", "integer", true),
                        org.assertj.core.groups.Tuple.tuple("kind", "string", false),
                        org.assertj.core.groups.Tuple.tuple("at", "string", true));

        Path parquet = temporary.resolve("amounts.parquet");
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT range::INTEGER AS n, (range / 4)::DECIMAL(9,2) AS share FROM range(4))"
                    + " TO '" + parquet + "' (FORMAT PARQUET)");
        }
        DataContract fromParquet = ContractInference.fromFile(parquet).contract();
        assertThat(fromParquet.schema().get(0).properties()).extracting(SchemaProperty::physicalType)
                .containsExactly("int", "decimal(9,2)");
    }

    @Test
    void aMissingFileIsReported() {
        assertThatThrownBy(() -> ContractInference.fromFile(temporary.resolve("missing.csv")))
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
    }

    @Test
    void shapesBecomePatterns() {
        assertThat(ContractInference.shapePattern("AAA-9999")).contains("^[A-Z]{3}-[0-9]{4}$");
        assertThat(ContractInference.shapePattern("a.9(A)")).contains("^[a-z]\\.[0-9]\\([A-Z]\\)$");
        assertThat(ContractInference.shapePattern("--")).isEmpty();
        assertThat(ContractInference.luhn("4111111111111111")).isTrue();
        assertThat(ContractInference.luhn("4111111111111112")).isFalse();
    }
}
