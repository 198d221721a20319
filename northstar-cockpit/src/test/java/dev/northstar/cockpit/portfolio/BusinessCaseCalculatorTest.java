package dev.northstar.cockpit.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.cockpit.MeasuredCosts;
import dev.northstar.cockpit.portfolio.BusinessCase.Amounts;
import dev.northstar.cockpit.portfolio.BusinessCase.Scenario;
import dev.northstar.cockpit.portfolio.BusinessCaseResult.Figures;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** ROI, payback and NPV against cases computed by hand, to the cent. */
class BusinessCaseCalculatorTest {
    private static final BusinessCaseCalculator DECLARED = new BusinessCaseCalculator(MeasuredCosts.NONE);
    private static final YearMonth START = YearMonth.of(2026, 1);

    private static BusinessCase simple(String benefits, String data, String cloud, String opex, String change,
            String build, int years, String rate) {
        return new BusinessCase("EUR", years, new BigDecimal(rate), START, same(benefits), same(data), same(cloud),
                same(opex), same(change), same(build));
    }

    private static Amounts same(String value) {
        return Amounts.same(new BigDecimal(value));
    }

    private static Figures base(BusinessCase businessCase) {
        return DECLARED.compute(businessCase, UseCase.Links.none()).base();
    }

    @Test
    void paysBackExactlyWhenTheCumulativeCashFlowReachesZero() {
        // B = 100 000, C = 10 000 + 20 000 + 10 000 = 40 000, O = 30 000, H = 3, r = 10 %.
        // Totals: benefits 300 000, costs 3 × 40 000 + 30 000 = 150 000, net 150 000, ROI 150 000 / 150 000 = 1.
        // Payback: 60 000 a year = 5 000 a month; -30 000 + 6 × 5 000 = 0 at month 6.
        // NPV = -30 000 + 60 000/1.1 + 60 000/1.21 + 60 000/1.331
        //     = -30 000 + 54 545.4545 + 49 586.7769 + 45 078.8881 = 119 211.1195 -> 119 211.12.
        Figures figures = base(simple("100000", "10000", "20000", "10000", "30000", "0", 3, "0.10"));

        assertThat(figures.totalBenefits()).isEqualByComparingTo("300000");
        assertThat(figures.totalCosts()).isEqualByComparingTo("150000");
        assertThat(figures.net()).isEqualByComparingTo("150000");
        assertThat(figures.roi()).contains(new BigDecimal("1.0000"));
        assertThat(figures.paybackMonths()).contains(6);
        assertThat(figures.paybackMonth()).contains(YearMonth.of(2026, 7));
        assertThat(figures.npv()).isEqualTo(new BigDecimal("119211.12"));
    }

    @Test
    void neverPaysBackWhenCostsExceedBenefits() {
        // B = 50 000, C = 60 000, O = 10 000, H = 2, r = 5 %.
        // ROI = (100 000 - 130 000) / 130 000 = -0.230769... -> -0.2308.
        // NPV = -10 000 - 10 000/1.05 - 10 000/1.1025 = -10 000 - 9 523.8095 - 9 070.2948 = -28 594.10.
        Figures figures = base(simple("50000", "0", "60000", "0", "10000", "0", 2, "0.05"));

        assertThat(figures.roi()).contains(new BigDecimal("-0.2308"));
        assertThat(figures.paybackMonths()).isEmpty();
        assertThat(figures.paybackMonth()).isEmpty();
        assertThat(figures.npv()).isEqualTo(new BigDecimal("-28594.10"));
    }

    @Test
    void withoutDiscountTheNpvIsTheNetAndPaybackRoundsUpToTheMonth() {
        // B = 120 000, C = 48 000, O = 100 000 (change 40 000 + build 60 000), H = 2, r = 0.
        // 72 000 a year = 6 000 a month: 100 000 / 6 000 = 16.67 -> month 17 (month 16 is still at -4 000).
        // ROI = (240 000 - 196 000) / 196 000 = 0.224489... -> 0.2245; NPV = -100 000 + 2 × 72 000 = 44 000.
        Figures figures = base(simple("120000", "12000", "24000", "12000", "40000", "60000", 2, "0"));

        assertThat(figures.oneOffCosts()).isEqualByComparingTo("100000");
        assertThat(figures.roi()).contains(new BigDecimal("0.2245"));
        assertThat(figures.paybackMonths()).contains(17);
        assertThat(figures.npv()).isEqualTo(new BigDecimal("44000.00"));
        assertThat(figures.npv()).isEqualByComparingTo(figures.net());
    }

    @Test
    void zeroCostsHaveNoRoiAndPayBackAtOnce() {
        // Nothing spent: ROI is undefined (division by zero), payback is month 0, NPV = 10 000 × 3 at r = 0.
        Figures figures = base(simple("10000", "0", "0", "0", "0", "0", 3, "0"));

        assertThat(figures.roi()).isEmpty();
        assertThat(figures.paybackMonths()).contains(0);
        assertThat(figures.npv()).isEqualTo(new BigDecimal("30000.00"));
    }

    @Test
    void paybackAfterTheHorizonIsNone() {
        // B = 60 000, O = 200 000, H = 3: 5 000 a month needs 40 months > 36. ROI = -20 000 / 200 000 = -0.1.
        // NPV at 4 %: -200 000 + 60 000 × (1/1.04 + 1/1.0816 + 1/1.124864) = -200 000 + 166 505.46 = -33 494.54.
        Figures figures = base(simple("60000", "0", "0", "0", "200000", "0", 3, "0.04"));

        assertThat(figures.paybackMonths()).isEmpty();
        assertThat(figures.roi()).contains(new BigDecimal("-0.1000"));
        assertThat(figures.npv()).isEqualTo(new BigDecimal("-33494.54"));
        assertThat(BusinessCaseCalculator.payback(new BigDecimal("180000"), new BigDecimal("60000"), 3))
                .as("exactly at the horizon's last month").contains(36);
        assertThat(BusinessCaseCalculator.payback(BigDecimal.ZERO, new BigDecimal("-1"), 3)).isEmpty();
        assertThat(BusinessCaseCalculator.payback(new BigDecimal("1"), BigDecimal.ZERO, 3)).isEmpty();
    }

    @Test
    void eachScenarioTakesItsOwnValues() {
        // low: B 80 000, cloud 30 000 -> C 30 000, net 50 000/yr, O 25 000: ROI (160 000 - 85 000)/85 000 = 0.8824
        // high: B 150 000, cloud 10 000 -> net 140 000/yr: ROI (300 000 - 45 000)/45 000 = 5.6667; payback
        // ceil(12 × 25 000 / 140 000) = ceil(2.14) = 3.
        BusinessCase businessCase = new BusinessCase("EUR", 2, BigDecimal.ZERO, START,
                new Amounts(new BigDecimal("80000"), new BigDecimal("100000"), new BigDecimal("150000")),
                Amounts.ZERO, new Amounts(new BigDecimal("30000"), new BigDecimal("20000"), new BigDecimal("10000")),
                Amounts.ZERO, same("25000"), Amounts.ZERO);
        BusinessCaseResult result = DECLARED.compute(businessCase, UseCase.Links.none());

        assertThat(result.scenarios().get(Scenario.LOW).roi()).contains(new BigDecimal("0.8824"));
        assertThat(result.scenarios().get(Scenario.LOW).paybackMonths()).contains(6);
        assertThat(result.scenarios().get(Scenario.HIGH).roi()).contains(new BigDecimal("5.6667"));
        assertThat(result.scenarios().get(Scenario.HIGH).paybackMonths()).contains(3);
        assertThat(result.base().npv()).isEqualTo(new BigDecimal("135000.00"));
    }

    @Test
    void measuredCostsOfLinkedAssetsReplaceTheDeclaredCloudLine() {
        MeasuredCosts measured = (kind, name) -> kind.equals("product") && name.equals("retail.orders")
                ? OptionalDouble.of(1234.567) : kind.equals("model") && name.equals("card-fraud")
                ? OptionalDouble.of(765.43) : OptionalDouble.empty();
        UseCase.Links links = new UseCase.Links(List.of("retail.orders", "retail.customers"), List.of("card-fraud"),
                List.of());
        BusinessCase businessCase = simple("10000", "1000", "5000", "0", "0", "0", 1, "0");

        BusinessCaseResult result = new BusinessCaseCalculator(measured).compute(businessCase, links);

        BusinessCaseResult.Line cloud = result.lines().stream().filter(line -> line.name().equals("cloud"))
                .findFirst().orElseThrow();
        assertThat(cloud.source()).isEqualTo("measured");
        assertThat(cloud.measuredAssets()).containsExactly("product:retail.orders", "model:card-fraud");
        // 1 234.57 + 765.43 = 2 000.00 replaces the declared 5 000: costs 3 000, ROI 7 000 / 3 000 = 2.3333.
        assertThat(cloud.amounts().base()).isEqualByComparingTo("2000.00");
        assertThat(result.base().annualCosts()).isEqualByComparingTo("3000");
        assertThat(result.base().roi()).contains(new BigDecimal("2.3333"));
        assertThat(result.lines().stream().filter(line -> !line.name().equals("cloud")))
                .allSatisfy(line -> assertThat(line.source()).isEqualTo("declared"));

        BusinessCaseResult declared = DECLARED.compute(businessCase, links);
        assertThat(declared.base().roi()).contains(new BigDecimal("0.6667"));
        assertThat(declared.lines()).allSatisfy(line -> assertThat(line.measured()).isFalse());
        assertThat(DECLARED.compute(businessCase, links).base().paybackMonth()).isEqualTo(Optional.of(START));
    }
}
