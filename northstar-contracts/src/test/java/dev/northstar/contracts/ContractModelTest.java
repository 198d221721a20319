package dev.northstar.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.schema.ColumnType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContractModelTest {
    private static boolean passes(QualityRule.Operator operator, String measure, Object... values) {
        return QualityRule.Comparison.of(operator, values).test(new BigDecimal(measure));
    }

    @Test
    void comparisonsTestMeasures() {
        assertThat(passes(QualityRule.Operator.MUST_BE, "0", 0L)).isTrue();
        assertThat(passes(QualityRule.Operator.MUST_BE, "0.0", 0L)).isTrue();
        assertThat(passes(QualityRule.Operator.MUST_NOT_BE, "0", 0L)).isFalse();
        assertThat(passes(QualityRule.Operator.MUST_BE_GREATER_THAN, "10", 10L)).isFalse();
        assertThat(passes(QualityRule.Operator.MUST_BE_GREATER_OR_EQUAL_TO, "10", 10L)).isTrue();
        assertThat(passes(QualityRule.Operator.MUST_BE_LESS_THAN, "9.99", 10L)).isTrue();
        assertThat(passes(QualityRule.Operator.MUST_BE_LESS_OR_EQUAL_TO, "10.01", new BigDecimal("10"))).isFalse();
        assertThat(passes(QualityRule.Operator.MUST_BE_BETWEEN, "1", 1L, 3L)).isTrue();
        assertThat(passes(QualityRule.Operator.MUST_BE_BETWEEN, "3.5", 1L, 3L)).isFalse();
        assertThat(passes(QualityRule.Operator.MUST_NOT_BE_BETWEEN, "2", 1L, 3L)).isFalse();
        assertThat(passes(QualityRule.Operator.MUST_NOT_BE_BETWEEN, "0", 1L, 3L)).isTrue();
        assertThat(QualityRule.Operator.fromKey("mustBeLessThanOrEqualTo"))
                .contains(QualityRule.Operator.MUST_BE_LESS_OR_EQUAL_TO);
        assertThat(QualityRule.Comparison.of(QualityRule.Operator.MUST_BE_BETWEEN, 1L, 3L).text())
                .isEqualTo("mustBeBetween [1, 3]");
        assertThatThrownBy(() -> passes(QualityRule.Operator.MUST_BE, "1", "open"))
                .isInstanceOf(IllegalStateException.class).hasMessage("mustBe value 'open' is not a number");
    }

    @Test
    void semanticVersionsOrder() {
        assertThat(SemanticVersion.parse("1.10.0").orElseThrow())
                .isGreaterThan(SemanticVersion.parse("1.9.3").orElseThrow());
        assertThat(SemanticVersion.parse("2.0.0-rc.1").orElseThrow())
                .isLessThan(SemanticVersion.parse("2.0.0").orElseThrow());
        assertThat(SemanticVersion.parse("v3.1.0")).contains(new SemanticVersion(3, 1, 0, ""));
        assertThat(SemanticVersion.parse("1.0")).isEmpty();
        assertThat(SemanticVersion.parse("01.0.0")).isEmpty();
    }

    @Test
    void slaValuesBecomeDurations() {
        assertThat(sla(4, "d").duration()).contains(Duration.ofDays(4));
        assertThat(sla(90, "min").duration()).contains(Duration.ofMinutes(90));
        assertThat(sla(2, "weeks").duration()).contains(Duration.ofDays(14));
        assertThat(sla(1.5, "h").duration()).contains(Duration.ofMinutes(90));
        assertThat(sla(1, "M").duration()).isEmpty();
        assertThat(sla(3, "").duration()).isEmpty();
    }

    private static SlaProperty sla(Number value, String unit) {
        return new SlaProperty("", "latency", value, null, unit, "", "", "", Position.unknown("slaProperties[0]"));
    }

    @Test
    void namesBecomeIdentifiers() {
        assertThat(ContractTables.identifier("Seller Ops")).isEqualTo("seller_ops");
        assertThat(ContractTables.identifier("2024 sales!")).isEqualTo("_2024_sales");
        assertThat(ContractTables.identifier("Air_Quality")).isEqualTo("air_quality");
        assertThat(ContractTables.columnName(SchemaProperty.of("unit price", "number", "", false)))
                .isEqualTo("unit_price");
    }

    @Test
    void physicalTypesMapToColumnTypes() {
        assertThat(type("string", "varchar(18)")).isEqualTo(ColumnType.Primitive.STRING);
        assertThat(type("integer", "bigint")).isEqualTo(ColumnType.Primitive.LONG);
        assertThat(type("number", "int")).isEqualTo(ColumnType.Primitive.INT);
        assertThat(type("number", "NUMBER(10, 3)")).isEqualTo(new ColumnType.Decimal(10, 3));
        assertThat(type("number", "float(3,2)")).isEqualTo(ColumnType.Primitive.FLOAT);
        assertThat(type("timestamp", "TIMESTAMP WITH TIME ZONE")).isEqualTo(ColumnType.Primitive.TIMESTAMPTZ);
        assertThat(type("date", "timestamp")).isEqualTo(ColumnType.Primitive.TIMESTAMP);
        assertThat(type("string", "uuid")).isEqualTo(ColumnType.Primitive.UUID);
        // A physical type that contradicts the logical one loses (the validator reports it).
        assertThat(type("integer", "varchar")).isEqualTo(ColumnType.Primitive.LONG);
        assertThat(type("boolean", "")).isEqualTo(ColumnType.Primitive.BOOLEAN);
        assertThat(type("object", "json")).isEqualTo(ColumnType.Primitive.STRING);
        assertThat(type("", "")).isEqualTo(ColumnType.Primitive.STRING);
    }

    private static ColumnType type(String logical, String physical) {
        return ContractTables.columnType(SchemaProperty.of("c", logical, physical, false));
    }

    @Test
    void contractPositionsFallBackToTheNearestNode() {
        DataContract contract = ContractParser.parse("""
                apiVersion: v3.1.0
                kind: DataContract
                id: c
                version: 1.0.0
                status: active
                schema:
                  - name: t
                    properties:
                      - name: a
                """, "p.yaml");
        assertThat(contract.position("schema[0].properties[0].name"))
                .isEqualTo(new Position("p.yaml", 9, 9, "schema[0].properties[0].name"));
        assertThat(contract.position("schema[0].properties[0].logicalType"))
                .isEqualTo(new Position("p.yaml", 9, 9, "schema[0].properties[0].logicalType"));
        assertThat(contract.position("domain")).isEqualTo(new Position("p.yaml", 1, 1, "domain"));
        assertThat(contract.position("domain").toString()).isEqualTo("p.yaml:1:1: domain");
        assertThat(contract.majorVersion()).contains(1);
        assertThat(EnforcementPolicy.of(contract, contract.schema().get(0))).isEqualTo(EnforcementPolicy.defaults());
        assertThat(contract.schemaObject("T")).map(SchemaObject::name).isEqualTo(Optional.of("t"));
    }

    @Test
    void aContractExceptionNeedsProblemsAndListsThem() {
        ContractProblem problem = new ContractProblem(new Position("a.yaml", 2, 3, "kind"), "bad", "fix it");
        ContractException exception = new ContractException(List.of(problem));
        assertThat(exception.getMessage()).isEqualTo("1 problem in a.yaml:" + System.lineSeparator()
                + "  a.yaml:2:3: kind: bad (fix it)");
        assertThatThrownBy(() -> new ContractException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
