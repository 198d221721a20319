package dev.northstar.ingest.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesValidationTest {
    private static final TableId ORDERS = TableId.parse("shop.orders");

    @Test
    void rulesAreCheckedWhenBuilt() {
        ColumnRules id = ColumnRules.of("id", ColumnType.Primitive.LONG);
        assertThatThrownBy(() -> new ProductRules(ORDERS, List.of(id, ColumnRules.of("ID", ColumnType.Primitive.INT)),
                OnViolation.QUARANTINE, 1))
                .hasMessage("Column ID of shop.orders has rules twice");
        assertThatThrownBy(() -> new ProductRules(ORDERS, List.of(id), OnViolation.QUARANTINE, 1.5))
                .hasMessage("maxQuarantineShare must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> new ProductRules(ORDERS, List.of(), OnViolation.QUARANTINE, 1))
                .hasMessage("The rules of shop.orders name no column");
        assertThatThrownBy(() -> id.withPattern("[unclosed"))
                .isInstanceOf(NorthstarException.class)
                .hasMessageStartingWith("The pattern of column id is not a valid regular expression");
    }

    @Test
    void onViolationParses() {
        assertThat(OnViolation.parse(" Warn ")).isEqualTo(OnViolation.WARN);
        assertThatThrownBy(() -> OnViolation.parse("drop"))
                .isInstanceOf(NorthstarException.class)
                .hasMessage("onViolation 'drop' is not known")
                .extracting(e -> ((NorthstarException) e).hint()).isEqualTo("Use quarantine, fail or warn");
    }

    @Test
    void duckTypesOfColumnTypes() {
        assertThat(ValidationPlan.duckType(ColumnType.parse("decimal(12,2)"))).isEqualTo("DECIMAL(12,2)");
        assertThat(ValidationPlan.duckType(ColumnType.parse("list<int>"))).isEqualTo("INTEGER[]");
        assertThat(ValidationPlan.duckType(ColumnType.parse("struct<a:string,b:timestamptz>")))
                .isEqualTo("STRUCT(\"a\" VARCHAR, \"b\" TIMESTAMPTZ)");
    }

    @Test
    void ruleIdsAreStableAndReadable() {
        ProductRules rules = new ProductRules(ORDERS, List.of(ColumnRules.of("amount", ColumnType.parse("decimal(9,2)"))
                .withRequired(true).withRange(java.util.Optional.of("0"), java.util.Optional.of("10"))),
                OnViolation.QUARANTINE, 1);
        ValidationPlan plan = ValidationPlan.compile(rules, List.of("AMOUNT"));
        assertThat(plan.checks()).extracting(ValidationPlan.Check::rule).containsExactly("orders.amount.type",
                "orders.amount.required", "orders.amount.minimum", "orders.amount.maximum");
        assertThat(plan.createCheckedSql()).contains("\"AMOUNT\" AS r_0").contains("TRY_CAST(r_0"
                + " AS DECIMAL(9,2)) AS t_0");
        assertThat(plan.lookups()).isEmpty();
        assertThatThrownBy(() -> ValidationPlan.compile(rules, null)).isInstanceOf(NullPointerException.class);
        assertThat(ErrorCode.INVALID_DATA.exitCode()).isEqualTo(5);
    }
}
