package dev.northstar.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContractParserTest {
    static final String ORDERS = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:contract:sales:orders
            name: Orders
            version: 1.0.0
            status: active
            domain: Sales
            dataProduct: orders
            description:
              purpose: Orders placed in the web shop
              usage: Revenue reporting
              limitations: No returns
            schema:
              - name: orders
                physicalType: table
                description: One row per order
                properties:
                  - name: order_id
                    logicalType: string
                    physicalType: varchar(18)
                    required: true
                    unique: true
                    primaryKey: true
                    primaryKeyPosition: 1
                    logicalTypeOptions:
                      pattern: "^ORD-[0-9]+$"
                      maxLength: 18
                  - name: amount
                    logicalType: number
                    physicalType: decimal(12,2)
                    logicalTypeOptions:
                      minimum: 0
                    quality:
                      - metric: nullValues
                        mustBeLessOrEqualTo: 5
                        unit: percent
                  - name: status
                    logicalType: string
                    quality:
                      - metric: invalidValues
                        arguments:
                          validValues: [open, shipped, null]
                        mustBe: 0
                  - name: ordered_at
                    logicalType: timestamp
                    physicalType: timestamp with time zone
                    required: true
                quality:
                  - metric: rowCount
                    mustBeBetween: [1, 1000000]
                  - type: sql
                    query: SELECT COUNT(*) FROM ${table} WHERE amount > 10000
                    mustBeLessThan: 10
                customProperties:
                  - property: northstar.partitioning
                    value: day(ordered_at)
            slaProperties:
              - property: latency
                value: 4
                unit: h
              - property: retention
                value: 3
                unit: y
            team:
              name: sales-data
              members:
                - username: ada
                  role: owner
            customProperties:
              - property: northstar.onViolation
                value: fail
              - property: northstar.maxQuarantineShare
                value: 0.1
            """;

    @Test
    void readsEveryPartOfAContract() {
        DataContract contract = ContractParser.parse(ORDERS, "orders.yaml");

        assertThat(contract.apiVersion()).isEqualTo("v3.1.0");
        assertThat(contract.id()).isEqualTo("urn:contract:sales:orders");
        assertThat(contract.majorVersion()).contains(1);
        assertThat(contract.description().purpose()).isEqualTo("Orders placed in the web shop");
        assertThat(contract.team().members()).extracting(Team.Member::username).containsExactly("ada");
        SchemaObject orders = contract.schema().get(0);
        assertThat(orders.properties()).extracting(SchemaProperty::name)
                .containsExactly("order_id", "amount", "status", "ordered_at");
        SchemaProperty orderId = orders.properties().get(0);
        assertThat(orderId.required()).isTrue();
        assertThat(orderId.primaryKeyPosition()).isEqualTo(1);
        assertThat(orderId.logicalTypeOptions().pattern()).contains("^ORD-[0-9]+$");
        assertThat(orderId.logicalTypeOptions().maxLength()).contains(18L);
        assertThat(orderId.position()).isEqualTo(new Position("orders.yaml", 18, 9, "schema[0].properties[0]"));

        QualityRule nulls = orders.properties().get(1).quality().get(0);
        assertThat(nulls.type()).isEqualTo(QualityRule.Type.LIBRARY);
        assertThat(nulls.libraryMetric()).contains(QualityRule.Metric.NULL_VALUES);
        assertThat(nulls.isPercent()).isTrue();
        assertThat(nulls.comparison().orElseThrow().operator())
                .isEqualTo(QualityRule.Operator.MUST_BE_LESS_OR_EQUAL_TO);
        assertThat(nulls.comparison().orElseThrow().test(new BigDecimal("5"))).isTrue();
        assertThat(nulls.comparison().orElseThrow().test(new BigDecimal("5.01"))).isFalse();

        QualityRule valid = orders.properties().get(2).quality().get(0);
        assertThat(valid.validValues()).containsExactly("open", "shipped", null);

        QualityRule rowCount = orders.quality().get(0);
        assertThat(rowCount.comparison().orElseThrow().values()).containsExactly(1L, 1000000L);
        assertThat(rowCount.comparison().orElseThrow().test(BigDecimal.ZERO)).isFalse();
        QualityRule sql = orders.quality().get(1);
        assertThat(sql.type()).isEqualTo(QualityRule.Type.SQL);
        assertThat(sql.query()).contains("${table}");

        assertThat(contract.slaProperties().get(0).duration()).contains(Duration.ofHours(4));
        assertThat(contract.slaProperties().get(1).duration()).contains(Duration.ofDays(3 * 365));

        EnforcementPolicy policy = EnforcementPolicy.of(contract, orders);
        assertThat(policy.onViolation()).isEqualTo(EnforcementPolicy.OnViolation.FAIL);
        assertThat(policy.maxQuarantineShare()).isEqualTo(0.1);
        assertThat(policy.partitioning()).extracting(field -> field.text()).containsExactly("day(ordered_at)");
    }

    @Test
    void readsVersionThreeZeroRulesAndTeamLists() {
        DataContract contract = ContractParser.parse("""
                apiVersion: v3.0.2
                kind: DataContract
                id: c1
                version: 2.0.0
                status: draft
                schema:
                  - name: t
                    properties:
                      - name: a
                        logicalType: integer
                        quality:
                          - rule: nullValues
                            mustBeGreaterThanOrEqualTo: 0
                team:
                  - username: grace
                    role: owner
                """, "v30.yaml");
        QualityRule rule = contract.schema().get(0).properties().get(0).quality().get(0);
        assertThat(rule.metric()).isEqualTo("nullValues");
        assertThat(rule.comparison().orElseThrow().operator())
                .isEqualTo(QualityRule.Operator.MUST_BE_GREATER_OR_EQUAL_TO);
        assertThat(contract.team().members()).extracting(Team.Member::username).containsExactly("grace");
    }

    @Test
    void collectsEveryProblemWithItsLineColumnPathAndHint() {
        assertThatThrownBy(() -> ContractParser.parse("""
                apiVersion: v9.9.9
                kind: DataContract
                version: 1.0.0
                status: active
                schema:
                  - name: orders
                    properties:
                      - name: id
                        logicalType: strin
                        required: "yes"
                        quality:
                          - metric: nullValues
                          - metric: rowcount
                            mustBe: 0
                            mustBeBetween: [3]
                """, "broken.yaml"))
                .isInstanceOfSatisfying(ContractException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(error.problems()).extracting(ContractProblem::toString).containsExactly(
                            "broken.yaml:1:1: id: 'id' is required in the contract but is missing (Add 'id: ...' at the top of the file)",
                            "broken.yaml:1:1: apiVersion: apiVersion 'v9.9.9' is not supported (Use one of v3.1.0, v3.0.2, v3.0.1, v3.0.0)",
                            "broken.yaml:9:9: schema[0].properties[0].logicalType: logicalType 'strin' is not an ODCS logical type (Use one of string, date, timestamp, time, number, integer, object, array, boolean; did you mean 'string'?)",
                            "broken.yaml:10:9: schema[0].properties[0].required: 'required' must be true or false, found the text 'yes' (Write required: true or required: false, without quotes)",
                            "broken.yaml:12:13: schema[0].properties[0].quality[0]: A library quality rule needs a comparison (Add one of mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween, e.g. 'mustBe: 0')",
                            "broken.yaml:15:13: schema[0].properties[0].quality[1].mustBeBetween: A quality rule takes one comparison, found mustBe and mustBeBetween (Keep one; use mustBeBetween for a range)",
                            "broken.yaml:13:13: schema[0].properties[0].quality[1].metric: Quality metric 'rowcount' is unknown (Use one of nullValues, missingValues, invalidValues, duplicateValues, rowCount; did you mean 'rowCount'?)");
                    assertThat(error.getMessage()).startsWith("7 problems in broken.yaml:");
                });
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirPosition() {
        assertThatThrownBy(() -> ContractParser.parse("apiVersion: v3.1.0\nkind: [DataContract\n", "bad.yaml"))
                .isInstanceOfSatisfying(ContractException.class, error -> {
                    assertThat(error.problems()).hasSize(1);
                    assertThat(error.problems().get(0).toString()).startsWith("bad.yaml:2:20: (document): Not valid YAML: while parsing a flow sequence");
                });
    }

    @Test
    void reportsDuplicateKeysAndUnknownFields() {
        ContractParser.Result result = ContractParser.read("""
                apiVersion: v3.1.0
                kind: DataContract
                id: a
                id: b
                version: 1.0.0
                status: active
                domian: sales
                """, "dup.yaml");
        assertThat(result.contract()).isEmpty();
        assertThat(result.problems()).extracting(ContractProblem::toString).containsExactly(
                "dup.yaml:4:1: id: 'id' is written twice; the first one, at line 3, would be ignored (Remove one of them)",
                "dup.yaml:7:1: domian: 'domian' is not a field of an ODCS data contract (Remove it, or keep it under customProperties; did you mean 'domain'?)");
    }

    @Test
    void aMissingFileIsFileNotFound() {
        assertThatThrownBy(() -> ContractParser.parse(Path.of("no-such-contract.yaml")))
                .isInstanceOfSatisfying(NorthstarException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND))
                .hasMessageContaining("no-such-contract.yaml does not exist");
    }

    @Test
    void everyOfficialExampleParses() {
        for (Path example : ConformanceFiles.examples()) {
            DataContract contract = ContractParser.parse(example);
            assertThat(contract.kind()).as(example.toString()).isEqualTo("DataContract");
        }
    }
}
