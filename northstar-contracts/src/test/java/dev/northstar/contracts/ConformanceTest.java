package dev.northstar.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Northstar's verdict against the official ODCS JSON Schemas, on the official examples and on broken documents
 * derived here.
 *
 * <p>Deliberate disagreements:
 * <ul>
 *   <li>Three official v3.0.2 examples are rejected by the official v3.0.2 schema itself: they use v3.1 features
 *       (timestamp/time logical types and value-typed exclusiveMinimum in {@code all-data-types}, {@code metric}
 *       instead of {@code rule} in {@code column-completeness}, a team object in {@code basic-four-dpo}). Northstar
 *       reads v3.0.x documents with the v3.1 vocabulary and accepts them.</li>
 *   <li>Northstar is stricter where the schema cannot judge meaning (see {@link #stricterThanTheSchema}): unknown
 *       SLA properties, a physicalType that contradicts the logicalType, a pattern that does not compile, minimum
 *       above maximum, invalidValues with nothing to compare to, a version that is not semantic, ODCS v2
 *       documents.</li>
 *   <li>Northstar is looser where ODCS versions differ (see {@link #ourParserIsLooserWhereODCSVersionsDiffer}): v3.0
 *       operator spellings in v3.1 documents, v3.1 fields in v3.0 documents.</li>
 * </ul>
 */
class ConformanceTest {
    private static final Map<String, String> SCHEMA_REJECTS_ITS_OWN_EXAMPLE = Map.of(
            "all-data-types.odcs.yaml", "logicalType: does not have a value in the enumeration",
            "column-completeness.odcs.yaml", "required property 'rule' not found",
            "basic-four-dpo.odcs.yaml", "$.team: object found, array expected");

    static final String VALID = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:orders
            name: orders
            version: 1.0.0
            status: active
            domain: sales
            schema:
              - name: orders
                properties:
                  - name: order_id
                    logicalType: string
                    required: true
                    quality:
                      - metric: nullValues
                        mustBe: 0
                  - name: amount
                    logicalType: number
                    logicalTypeOptions:
                      minimum: 0
                      maximum: 100000
                quality:
                  - metric: rowCount
                    mustBeGreaterThan: 0
            slaProperties:
              - property: latency
                value: 4
                unit: h
            """;

    @Test
    void everyOfficialExampleParsesAndPassesOurValidation() throws IOException {
        List<Path> examples = ConformanceFiles.examples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(18);
        for (Path example : examples) {
            assertThat(ContractValidator.lint(example)).as(example.toString()).isEmpty();
            DataContract contract = ContractValidator.load(example);
            assertThat(contract.source()).isEqualTo(example.toString());
        }
    }

    @Test
    void theOfficialSchemaAgreesOnEveryExampleExceptTheDocumentedOnes() throws IOException {
        for (Path example : ConformanceFiles.examples()) {
            String name = example.getFileName().toString();
            List<String> schemaErrors = OfficialSchema.errors(Files.readString(example));
            if (SCHEMA_REJECTS_ITS_OWN_EXAMPLE.containsKey(name)) {
                assertThat(schemaErrors).as(name).anySatisfy(error ->
                        assertThat(error).contains(SCHEMA_REJECTS_ITS_OWN_EXAMPLE.get(name)));
            } else {
                assertThat(schemaErrors).as(name).isEmpty();
            }
        }
    }

    @Test
    void theBaseDocumentIsValidForBoth() {
        assertThat(OfficialSchema.errors(VALID)).isEmpty();
        assertThat(ContractValidator.lint(VALID, "valid.yaml")).isEmpty();
    }

    static Stream<Arguments> brokenDocuments() {
        return Stream.of(
                broken("missing apiVersion", VALID.replace("apiVersion: v3.1.0\n", ""), "apiVersion"),
                broken("missing kind", VALID.replace("kind: DataContract\n", ""), "kind"),
                broken("missing id", VALID.replace("id: urn:orders\n", ""), "id"),
                broken("missing version", VALID.replace("version: 1.0.0\n", ""), "version"),
                broken("missing status", VALID.replace("status: active\n", ""), "status"),
                broken("unknown apiVersion", VALID.replace("apiVersion: v3.1.0", "apiVersion: v4.0.0"), "apiVersion"),
                broken("wrong kind", VALID.replace("kind: DataContract", "kind: DataProduct"), "kind"),
                broken("unknown logicalType", VALID.replace("logicalType: number", "logicalType: numeric"),
                        "schema[0].properties[1].logicalType"),
                broken("required as text", VALID.replace("required: true", "required: \"true\""),
                        "schema[0].properties[0].required"),
                broken("schema not a list", VALID.replace("schema:\n  - name: orders", "schema:\n  name: orders")
                        .replace("\n    properties:", "\n  properties:").replace("\n    quality:", "\n  quality:"),
                        "schema"),
                broken("property without name", VALID.replace("  - name: amount\n", "  - businessName: amount\n"),
                        "schema[0].properties[1].name"),
                broken("unknown dimension", VALID.replace("metric: nullValues\n",
                        "metric: nullValues\n            dimension: correctness\n"),
                        "schema[0].properties[0].quality[0].dimension"),
                broken("unknown metric", VALID.replace("metric: nullValues", "metric: nullCount"),
                        "schema[0].properties[0].quality[0].metric"),
                broken("between with three values", VALID.replace("mustBeGreaterThan: 0", "mustBeBetween: [1, 2, 3]"),
                        "schema[0].quality[0].mustBeBetween"),
                broken("greater than a text", VALID.replace("mustBeGreaterThan: 0", "mustBeGreaterThan: zero"),
                        "schema[0].quality[0].mustBeGreaterThan"),
                broken("two comparisons", VALID.replace("mustBe: 0", "mustBe: 0\n            mustBeLessThan: 3"),
                        "schema[0].properties[0].quality[0].mustBeLessThan"),
                broken("unknown top-level field", VALID + "owner: ada\n", "owner"),
                broken("sla without value", VALID.replace("    value: 4\n", ""), "slaProperties[0].value"),
                broken("version as a number", VALID.replace("version: 1.0.0", "version: 1.0"), "version"),
                broken("primary key position as text", VALID.replace("required: true",
                        "required: true\n        primaryKeyPosition: first"),
                        "schema[0].properties[0].primaryKeyPosition"),
                broken("tags not a list", VALID.replace("status: active", "status: active\ntags: sales"), "tags"));
    }

    private static Arguments broken(String name, String yaml, String path) {
        return Arguments.of(name, yaml, path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDocuments")
    void bothRejectADeliberatelyBrokenDocument(String name, String yaml, String expectedPath) {
        assertThat(yaml).isNotEqualTo(VALID);
        assertThat(OfficialSchema.errors(yaml)).as("schema verdict on " + name).isNotEmpty();
        List<ContractProblem> problems = ContractValidator.lint(yaml, "broken.yaml");
        assertThat(problems).as("our verdict on " + name)
                .anySatisfy(problem -> assertThat(problem.position().path()).isEqualTo(expectedPath));
        assertThat(problems).allSatisfy(problem -> {
            assertThat(problem.position().line()).isPositive();
            assertThat(problem.hint()).isNotEmpty();
        });
    }

    static Stream<Arguments> stricterThanTheSchema() {
        return Stream.of(
                broken("unknown SLA property", VALID.replace("property: latency", "property: latnecy"),
                        "slaProperties[0].property"),
                broken("SLA duration without a time unit", VALID.replace("unit: h", "unit: parsecs"),
                        "slaProperties[0].unit"),
                broken("physicalType contradicting logicalType", VALID.replace("logicalType: number",
                        "logicalType: number\n        physicalType: varchar(10)"),
                        "schema[0].properties[1].physicalType"),
                broken("pattern that does not compile", VALID.replace("maximum: 100000", "maximum: 100000")
                        .replace("logicalType: string", "logicalType: string\n        logicalTypeOptions:\n"
                                + "          pattern: \"[a-z\""),
                        "schema[0].properties[0].logicalTypeOptions.pattern"),
                broken("minimum above maximum", VALID.replace("minimum: 0", "minimum: 200000"),
                        "schema[0].properties[1].logicalTypeOptions.minimum"),
                broken("invalidValues with nothing to compare", VALID.replace("metric: nullValues",
                        "metric: invalidValues"), "schema[0].properties[0].quality[0].arguments"),
                broken("version not semantic", VALID.replace("version: 1.0.0", "version: first"), "version"),
                broken("rowCount on a property", VALID.replace("metric: nullValues", "metric: rowCount"),
                        "schema[0].properties[0].quality[0].metric"),
                broken("duplicate property", VALID.replace("- name: amount", "- name: ORDER_ID"),
                        "schema[0].properties[1].name"),
                broken("unknown Northstar setting", VALID + "customProperties:\n  - property: northstar.onViolaton\n"
                        + "    value: fail\n", "customProperties[0].property"),
                broken("between low above high", VALID.replace("mustBeGreaterThan: 0", "mustBeBetween: [9, 1]"),
                        "schema[0].quality[0].mustBeBetween"),
                broken("ODCS v2 apiVersion", VALID.replace("apiVersion: v3.1.0", "apiVersion: v2.2.2"),
                        "apiVersion"));
    }

    @Test
    void ourParserIsLooserWhereODCSVersionsDiffer() {
        // v3.0 documents wrote mustBeGreaterThanOrEqualTo; the v3.1 schema no longer knows it, Northstar reads it.
        String alias = VALID.replace("mustBeGreaterThan: 0", "mustBeGreaterThanOrEqualTo: 1");
        assertThat(OfficialSchema.errors(alias)).isNotEmpty();
        assertThat(ContractValidator.lint(alias, "alias.yaml")).isEmpty();
        // v3.1 relationships in a v3.0.2 document: the v3.0.2 schema rejects them, Northstar reads them.
        String relationships = VALID.replace("apiVersion: v3.1.0", "apiVersion: v3.0.2")
                .replace("    quality:\n      - metric: rowCount", "    relationships:\n      - type: foreignKey\n"
                        + "        from: [orders.order_id]\n        to: [orders.order_id]\n    quality:\n"
                        + "      - metric: rowCount");
        assertThat(OfficialSchema.errors(relationships)).isNotEmpty();
        assertThat(ContractValidator.lint(relationships, "relationships.yaml")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stricterThanTheSchema")
    void ourSemanticChecksAreStricterThanTheSchema(String name, String yaml, String expectedPath) {
        assertThat(OfficialSchema.errors(yaml)).as("schema verdict on " + name).isEmpty();
        assertThat(ContractValidator.lint(yaml, "strict.yaml")).as("our verdict on " + name)
                .anySatisfy(problem -> assertThat(problem.position().path()).isEqualTo(expectedPath));
    }
}
