package dev.northstar.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContractValidatorTest {
    private static List<String> lint(String body) {
        String yaml = """
                apiVersion: v3.1.0
                kind: DataContract
                id: c
                version: 1.0.0
                status: active
                domain: sales
                """ + body;
        return ContractValidator.lint(yaml, "c.yaml").stream().map(ContractProblem::toString).toList();
    }

    @Test
    void reportsKeyPositionsReferencesAndRuleArguments() {
        assertThat(lint("""
                schema:
                  - name: orders
                    properties:
                      - name: id
                        logicalType: integer
                        primaryKey: true
                        primaryKeyPosition: 1
                        logicalTypeOptions:
                          pattern: "[0-9]+"
                      - name: code
                        logicalType: string
                        primaryKeyPosition: 1
                        logicalTypeOptions:
                          minLength: -1
                        quality:
                          - metric: nullValues
                            mustBeLessThan: 150
                            unit: percent
                        relationships:
                          - to: customers.nope
                    quality:
                      - metric: duplicateValues
                        arguments:
                          properties: [id, missing]
                        mustBe: 0
                    relationships:
                      - from: [orders.idd]
                        to: [customers.id]
                  - name: customers
                    properties:
                      - name: id
                        logicalType: string
                """)).containsExactly(
                "c.yaml:15:11: schema[0].properties[0].logicalTypeOptions.pattern: pattern applies to strings, but the logicalType is 'integer' (Remove the pattern, or use a string logicalType)",
                "c.yaml:18:9: schema[0].properties[1].primaryKeyPosition: Property 'code' has a primaryKeyPosition but is not a primary key (Add 'primaryKey: true' or remove primaryKeyPosition)",
                "c.yaml:18:9: schema[0].properties[1].primaryKeyPosition: Properties 'id' and 'code' both have primaryKeyPosition 1 (Number the primary key columns 1, 2, 3...)",
                "c.yaml:20:11: schema[0].properties[1].logicalTypeOptions.minLength: A length cannot be negative, found -1 (Use 0 or more)",
                "c.yaml:23:13: schema[0].properties[1].quality[0].mustBeLessThan: A percentage must be between 0 and 100, found 150 (Use unit: rows for counts, or a value from 0 to 100)",
                "c.yaml:26:13: schema[0].properties[1].relationships[0].to[0]: Reference 'customers.nope' names no property of customers (Use one of [id])",
                "c.yaml:30:11: schema[0].quality[0].arguments.properties: arguments.properties names 'missing', which is not a property of orders (Use one of [id, code])",
                "c.yaml:33:16: schema[0].relationships[0].from[0]: Reference 'orders.idd' names no property of orders (Use one of [id, code]; did you mean 'id'?)");
    }

    @Test
    void reportsBadNorthstarSettingsAndTablesThatCollide() {
        assertThat(lint("""
                schema:
                  - name: Orders
                    properties:
                      - name: id
                        logicalType: string
                    customProperties:
                      - property: northstar.onViolation
                        value: explode
                      - property: northstar.maxQuarantineShare
                        value: 2
                      - property: northstar.partitioning
                        value: day(created_at)
                  - name: orders
                    properties:
                      - name: id
                        logicalType: string
                """)).containsExactly(
                "c.yaml:13:9: schema[0].customProperties[0]: northstar.onViolation 'explode' is unknown (Use quarantine, fail or warn)",
                "c.yaml:15:9: schema[0].customProperties[1]: northstar.maxQuarantineShare '2' is not a share between 0 and 1 (Write e.g. 0.05 for 5% of a batch)",
                "c.yaml:17:9: schema[0].customProperties[2]: northstar.partitioning names column 'created_at', which is not a property of Orders (Use one of [id])",
                "c.yaml:19:5: schema[1].name: Schema objects 'Orders' and 'orders' both become table 'orders' (Give each schema object a distinct name)");
    }

    @Test
    void columnSettingsAreCheckedWhereTheyBelong() {
        assertThat(lint("""
                schema:
                  - name: customers
                    properties:
                      - name: id
                        logicalType: string
                        customProperties:
                          - property: northstar.subjectKey
                            value: true
                      - name: email
                        logicalType: string
                        customProperties:
                          - property: northstar.protec
                            value: pseudonymise
                """)).singleElement().asString()
                .startsWith("c.yaml:18:13: schema[0].properties[1].customProperties[0].property: Custom property"
                        + " 'northstar.protec' is not a Northstar setting here")
                .contains("did you mean 'northstar.protect'?");
    }

    @Test
    void oneLintShowsStructuralAndSemanticProblemsTogether() {
        assertThat(lint("""
                schema:
                  - name: orders
                    properties:
                      - name: id
                        logicalType: strng
                      - name: code
                        logicalType: string
                        logicalTypeOptions:
                          pattern: "[a-z"
                """)).containsExactly(
                "c.yaml:11:9: schema[0].properties[0].logicalType: logicalType 'strng' is not an ODCS logical type (Use one of string, date, timestamp, time, number, integer, object, array, boolean; did you mean 'string'?)",
                "c.yaml:15:11: schema[0].properties[1].logicalTypeOptions.pattern: pattern '[a-z' is not a valid regular expression: Unclosed character class near index 3 (Fix the expression; escape literal characters such as . ( [ with \\)");
    }

    @Test
    void loadThrowsEveryProblem() {
        assertThatThrownBy(() -> ContractValidator.load("""
                apiVersion: v3.1.0
                kind: DataContract
                id: c
                version: one
                status: active
                """, "v.yaml"))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("v.yaml:4:1: version: version 'one' is not a semantic version");
    }

    @Test
    void mapsContractsToTables() {
        DataContract contract = ContractValidator.load("""
                apiVersion: v3.1.0
                kind: DataContract
                id: c
                version: 1.0.0
                status: active
                domain: Seller Ops
                schema:
                  - name: Daily Sales
                    description: Sales per day
                    properties:
                      - name: day
                        logicalType: date
                        required: true
                        partitioned: true
                        partitionKeyPosition: 2
                      - name: region
                        logicalType: string
                        physicalType: varchar(2)
                        partitioned: true
                        partitionKeyPosition: 1
                      - name: units
                        logicalType: integer
                        logicalTypeOptions:
                          format: i32
                      - name: revenue
                        logicalType: number
                        physicalType: numeric(14,2)
                      - name: ratio
                        logicalType: number
                      - name: tags
                        logicalType: array
                        items:
                          logicalType: string
                      - name: address
                        logicalType: object
                        properties:
                          - name: city
                            logicalType: string
                      - name: seen_at
                        logicalType: timestamp
                        physicalType: timestamp with time zone
                """, "t.yaml");
        SchemaObject object = contract.schema().get(0);
        assertThat(ContractTables.tableId(contract, object)).hasToString("seller_ops.daily_sales");
        var definition = ContractTables.definition(contract, object);
        assertThat(definition.schema().columns()).extracting(column -> column.name() + ":" + column.type().text()
                + (column.required() ? "!" : "")).containsExactly("day:date!", "region:string", "units:int",
                "revenue:decimal(14,2)", "ratio:double", "tags:list<string>", "address:struct<city:string>",
                "seen_at:timestamptz");
        assertThat(definition.partitioning()).extracting(field -> field.text()).containsExactly("region", "day");
        assertThat(definition.description()).isEqualTo("Sales per day");
    }
}
