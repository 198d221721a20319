package dev.northstar.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContractDiffTest {
    private static final String BASE = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:orders
            version: 1.0.0
            status: active
            domain: sales
            schema:
              - name: orders
                properties:
                  - name: order_id
                    logicalType: string
                    physicalType: varchar(18)
                    required: true
                  - name: quantity
                    logicalType: integer
                    physicalType: int
                    logicalTypeOptions:
                      minimum: 1
                      maximum: 100
                  - name: amount
                    logicalType: number
                    physicalType: decimal(12,2)
                  - name: status
                    logicalType: string
                    quality:
                      - metric: invalidValues
                        arguments:
                          validValues: [open, shipped, cancelled]
                        mustBe: 0
                  - name: note
                    logicalType: string
                    logicalTypeOptions:
                      maxLength: 200
                quality:
                  - metric: rowCount
                    mustBeGreaterThan: 10
              - name: customers
                properties:
                  - name: customer_id
                    logicalType: string
            slaProperties:
              - property: latency
                value: 4
                unit: h
              - property: retention
                value: 3
                unit: y
            """;

    private static List<String> changes(String before, String after) {
        ContractDiff diff = ContractDiff.between(ContractParser.parse(before, "old.yaml"),
                ContractParser.parse(after, "new.yaml"));
        return diff.changes().stream().map(change -> change.impact().text() + " " + change.path() + ": "
                + change.description()).toList();
    }

    @Test
    void identicalContractsHaveNoChanges() {
        ContractDiff diff = ContractDiff.between(ContractParser.parse(BASE, "a"), ContractParser.parse(BASE, "b"));
        assertThat(diff.changes()).isEmpty();
        assertThat(diff.isBreaking()).isFalse();
    }

    @Test
    void classifiesBreakingChanges() {
        String after = BASE
                .replace("physicalType: varchar(18)", "physicalType: varchar(10)")
                .replace("physicalType: int\n", "physicalType: int\n        required: true\n")
                .replace("maximum: 100\n", "maximum: 50\n")
                .replace("decimal(12,2)", "decimal(10,2)")
                .replace("[open, shipped, cancelled]", "[open, shipped]")
                .replace("maxLength: 200", "maxLength: 100")
                .replace("mustBeGreaterThan: 10", "mustBeGreaterThan: 100")
                .replace("  - name: customers\n    properties:\n      - name: customer_id\n        logicalType: string\n",
                        "")
                .replace("value: 4\n", "value: 2\n")
                .replace("value: 3\n", "value: 1\n")
                + "";
        ContractDiff diff = ContractDiff.between(ContractParser.parse(BASE, "old.yaml"),
                ContractParser.parse(after, "new.yaml"));
        assertThat(diff.isBreaking()).isTrue();
        assertThat(changes(BASE, after)).containsExactly(
                "breaking schema[orders].properties[order_id].physicalType: physicalType changed from varchar(18) to varchar(10)",
                "breaking schema[orders].properties[quantity].required: column 'quantity' made required",
                "breaking schema[orders].properties[quantity].logicalTypeOptions.maximum: maximum changed from 100 to 50",
                "breaking schema[orders].properties[amount].logicalType: type narrowed from decimal(12,2) to decimal(10,2)",
                "breaking schema[orders].properties[status].quality[invalidValues].arguments.validValues: validValues narrowed: [cancelled] no longer valid",
                "breaking schema[orders].properties[note].logicalTypeOptions.maxLength: maxLength changed from 200 to 100",
                "breaking schema[orders].quality[rowCount]: comparison changed from mustBeGreaterThan 10 to mustBeGreaterThan 100",
                "breaking schema[customers]: schema object 'customers' removed",
                "breaking slaProperties[latency]: SLA latency changed from 4 h to 2 h",
                "breaking slaProperties[retention]: SLA retention changed from 3 y to 1 y");
    }

    @Test
    void removedAndAddedColumnsOfTheSameTypeAreAProbableRename() {
        String after = BASE.replace("- name: note", "- name: remark").replace("- name: amount", "- name: total");
        assertThat(changes(BASE, after)).containsExactly(
                "breaking schema[orders].properties[total]: column 'amount' probably renamed to 'total' (same type decimal(12,2))",
                "breaking schema[orders].properties[remark]: column 'note' probably renamed to 'remark' (same type string)");
    }

    @Test
    void aRemovedColumnWithoutAMatchIsRemovedAndANewRequiredColumnIsBreaking() {
        String after = BASE.replace("""
                      - name: amount
                        logicalType: number
                        physicalType: decimal(12,2)
                """, """
                      - name: channel
                        logicalType: string
                        required: true
                """);
        assertThat(changes(BASE, after)).containsExactly(
                "breaking schema[orders].properties[amount]: column 'amount' removed",
                "breaking schema[orders].properties[channel]: required column 'channel' added");
    }

    @Test
    void classifiesCompatibleChanges() {
        String after = BASE
                .replace("physicalType: int\n", "physicalType: bigint\n")
                .replace("decimal(12,2)", "decimal(16,2)")
                .replace("required: true", "required: false")
                .replace("[open, shipped, cancelled]", "[open, shipped, cancelled, returned]")
                .replace("maxLength: 200", "maxLength: 400")
                .replace("mustBeGreaterThan: 10", "mustBeGreaterThan: 1")
                .replace("minimum: 1\n", "")
                .replace("value: 4\n", "value: 8\n")
                .replace("status: active", "status: active\ndescription:\n  purpose: Orders")
                .replace("      - name: customer_id\n        logicalType: string\n",
                        "      - name: customer_id\n        logicalType: string\n"
                                + "      - name: coupon\n        logicalType: string\n");
        ContractDiff diff = ContractDiff.between(ContractParser.parse(BASE, "old.yaml"),
                ContractParser.parse(after, "new.yaml"));
        assertThat(diff.isBreaking()).isFalse();
        assertThat(changes(BASE, after)).containsExactly(
                "compatible description.purpose: description.purpose changed from '' to 'Orders'",
                "compatible schema[orders].properties[order_id].required: column 'order_id' made optional",
                "compatible schema[orders].properties[quantity].logicalType: type widened from int to long",
                "compatible schema[orders].properties[quantity].logicalTypeOptions.minimum: minimum 1 removed",
                "compatible schema[orders].properties[amount].logicalType: type widened from decimal(12,2) to decimal(16,2)",
                "compatible schema[orders].properties[status].quality[invalidValues].arguments.validValues: validValues widened to [open, shipped, cancelled, returned]",
                "compatible schema[orders].properties[note].logicalTypeOptions.maxLength: maxLength changed from 200 to 400",
                "compatible schema[orders].quality[rowCount]: comparison changed from mustBeGreaterThan 10 to mustBeGreaterThan 1",
                "compatible schema[customers].properties[coupon]: optional column 'coupon' added",
                "compatible slaProperties[latency]: SLA latency changed from 4 h to 8 h");
    }

    @Test
    void newRulesPatternsAndUniquenessTighten() {
        String after = BASE.replace("""
                      - name: customer_id
                        logicalType: string
                """, """
                      - name: customer_id
                        logicalType: string
                        unique: true
                        logicalTypeOptions:
                          pattern: "^C[0-9]+$"
                        quality:
                          - metric: nullValues
                            mustBe: 0
                """).replace("domain: sales", "domain: retail");
        assertThat(changes(BASE, after)).containsExactly(
                "breaking domain: domain changed from 'sales' to 'retail'",
                "breaking schema[customers].properties[customer_id].unique: column 'customer_id' made unique",
                "breaking schema[customers].properties[customer_id].logicalTypeOptions.pattern: pattern added: ^C[0-9]+$",
                "breaking schema[customers].properties[customer_id].quality[nullValues]: quality rule nullValues added (mustBe 0)");
    }
}
