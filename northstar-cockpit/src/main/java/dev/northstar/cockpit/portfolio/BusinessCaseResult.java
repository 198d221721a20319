package dev.northstar.cockpit.portfolio;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.portfolio.BusinessCase.Amounts;
import dev.northstar.cockpit.portfolio.BusinessCase.Scenario;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A business case computed by {@link BusinessCaseCalculator}: the lines it used (declared, or measured by the
 * platform) and its figures in each scenario.
 *
 * @param currency ISO 4217 code
 * @param horizonYears the horizon
 * @param discountRate the NPV's yearly rate
 * @param start month 0
 * @param lines every line, benefits first
 * @param scenarios the figures of each scenario
 */
public record BusinessCaseResult(String currency, int horizonYears, BigDecimal discountRate, YearMonth start,
        List<Line> lines, Map<Scenario, Figures> scenarios) {

    public BusinessCaseResult {
        requireNonNull(currency, "currency is null");
        requireNonNull(discountRate, "discountRate is null");
        requireNonNull(start, "start is null");
        lines = List.copyOf(lines);
        scenarios = Map.copyOf(new EnumMap<>(scenarios));
    }

    /** The figures of the base scenario. */
    public Figures base() {
        return scenarios.get(Scenario.BASE);
    }

    /** Whether a line is a benefit, a yearly cost or a one-off cost. */
    public enum LineKind {
        BENEFIT, ANNUAL_COST, ONE_OFF_COST
    }

    /**
     * One line of the case.
     *
     * @param name {@code benefits}, {@code data}, {@code cloud}, {@code opex}, {@code change} or {@code build}
     * @param kind what it is
     * @param measured true when the platform measured it (the linked assets' run costs), false when declared
     * @param amounts its amounts per scenario (a year's worth for benefits and annual costs)
     * @param measuredAssets the assets measured, e.g. {@code product:retail.orders}; empty when declared
     */
    public record Line(String name, LineKind kind, boolean measured, Amounts amounts, List<String> measuredAssets) {
        public Line {
            requireNonNull(name, "name is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(amounts, "amounts is null");
            measuredAssets = List.copyOf(measuredAssets);
        }

        /** {@code measured} or {@code declared}. */
        public String source() {
            return measured ? "measured" : "declared";
        }
    }

    /**
     * The figures of one scenario; amounts in the case's currency to the cent.
     *
     * @param annualBenefits benefits per year
     * @param annualCosts data + cloud + opex per year
     * @param oneOffCosts change + build, spent at month 0
     * @param totalBenefits annual benefits × horizon
     * @param totalCosts annual costs × horizon + one-off costs
     * @param net total benefits − total costs
     * @param roi net / total costs, to four decimals (0.25 = 25 %); empty when there are no costs
     * @param paybackMonths the first month whose cumulative net cash flow is ≥ 0; empty when that never happens
     *     within the horizon
     * @param paybackMonth the calendar month of the payback, from the start
     * @param npv net present value at the discount rate
     */
    public record Figures(BigDecimal annualBenefits, BigDecimal annualCosts, BigDecimal oneOffCosts,
            BigDecimal totalBenefits, BigDecimal totalCosts, BigDecimal net, Optional<BigDecimal> roi,
            Optional<Integer> paybackMonths, Optional<YearMonth> paybackMonth, BigDecimal npv) {
        public Figures {
            requireNonNull(annualBenefits, "annualBenefits is null");
            requireNonNull(annualCosts, "annualCosts is null");
            requireNonNull(oneOffCosts, "oneOffCosts is null");
            requireNonNull(totalBenefits, "totalBenefits is null");
            requireNonNull(totalCosts, "totalCosts is null");
            requireNonNull(net, "net is null");
            requireNonNull(roi, "roi is null");
            requireNonNull(paybackMonths, "paybackMonths is null");
            requireNonNull(paybackMonth, "paybackMonth is null");
            requireNonNull(npv, "npv is null");
        }
    }
}
