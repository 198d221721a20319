package dev.northstar.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static Comparison of(String operator, double... values) {
        return new Comparison(Comparison.Operator.fromContractName(operator),
                java.util.Arrays.stream(values).boxed().toList());
    }

    @Test
    void everyOperatorCompares() {
        assertThat(of("mustBe", 5).test(5)).isTrue();
        assertThat(of("mustBe", 5).test(5.5)).isFalse();
        assertThat(of("mustNotBe", 5).test(5)).isFalse();
        assertThat(of("mustNotBe", 5).test(4)).isTrue();
        assertThat(of("mustBeGreaterThan", 5).test(5)).isFalse();
        assertThat(of("mustBeGreaterThan", 5).test(6)).isTrue();
        assertThat(of("mustBeGreaterOrEqualTo", 5).test(5)).isTrue();
        assertThat(of("mustBeGreaterOrEqualTo", 5).test(4.99)).isFalse();
        assertThat(of("mustBeLessThan", 5).test(5)).isFalse();
        assertThat(of("mustBeLessThan", 5).test(4)).isTrue();
        assertThat(of("mustBeLessOrEqualTo", 5).test(5)).isTrue();
        assertThat(of("mustBeLessOrEqualTo", 5).test(5.01)).isFalse();
        assertThat(of("mustBeBetween", 1, 3).test(1)).isTrue();
        assertThat(of("mustBeBetween", 1, 3).test(3)).isTrue();
        assertThat(of("mustBeBetween", 1, 3).test(3.5)).isFalse();
        assertThat(of("mustNotBeBetween", 1, 3).test(2)).isFalse();
        assertThat(of("mustNotBeBetween", 1, 3).test(0.5)).isTrue();
        assertThat(of("MUSTBE", 0).operator()).isEqualTo(Comparison.Operator.MUST_BE);
    }

    @Test
    void textReadsLikeTheExpectation() {
        assertThat(of("mustBeLessOrEqualTo", 5).text()).isEqualTo("<= 5");
        assertThat(of("mustBeBetween", 1, 2.5).text()).isEqualTo("between 1 and 2.5");
        assertThat(of("mustNotBeBetween", 0.125, 3).text()).isEqualTo("not between 0.125 and 3");
        assertThat(of("mustNotBe", 1.0 / 3).text()).isEqualTo("!= 0.3333");
    }

    @Test
    void valuesMustFitTheOperator() {
        assertThatThrownBy(() -> of("mustBeBetween", 1))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("mustBeBetween takes 2 value(s), got [1.0]");
                    assertThat(e.hint()).isEqualTo("Write the bounds as a list, e.g. mustBeBetween: [10, 20]");
                });
        assertThatThrownBy(() -> of("mustBeBetween", 3, 1))
                .hasMessage("mustBeBetween bounds [3.0, 1.0] are in the wrong order");
        assertThatThrownBy(() -> Comparison.Operator.fromContractName("mustBeAbout"))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo("Unknown comparison 'mustBeAbout'");
                });
    }

    @Test
    void metricsNameTheirKindAndColumns() {
        assertThat(Metric.rowCount().key()).isEqualTo("row_count");
        assertThat(Metric.duplicateValues(List.of("order_id", "line")).key())
                .isEqualTo("duplicate_values.order_id+line");
        assertThat(QualityEngine.percentKey(Metric.nullValues("email"))).isEqualTo("null_values_percent.email");
        assertThat(Metric.minimum("amount").isRowCount()).isFalse();
        assertThatThrownBy(() -> Metric.invalidValues("status", List.of(), Optional.empty()))
                .hasMessage("invalid_values of column 'status' needs validValues or a pattern");
        assertThatThrownBy(() -> Metric.outOfRange("amount", Optional.of(5.0), Optional.of(1.0)))
                .hasMessage("out_of_range of column 'amount': minimum 5.0 is above maximum 1.0");
        assertThatThrownBy(() -> Metric.duplicateValues(List.of()))
                .hasMessage("duplicate_values needs at least one column");
    }

    @Test
    void everyPlaceholderNamesTheTable() {
        TableId orders = TableId.parse("shop.orders");

        assertThat(QualityEngine.resolvePlaceholders("SELECT count(*) FROM {object} JOIN ${object} USING (id)"
                + " JOIN {table} USING (id) JOIN ${table} USING (id)", orders))
                .isEqualTo("SELECT count(*) FROM shop.orders JOIN shop.orders USING (id) JOIN shop.orders USING (id)"
                        + " JOIN shop.orders USING (id)");
    }
}
