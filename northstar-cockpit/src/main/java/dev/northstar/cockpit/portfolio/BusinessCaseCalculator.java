package dev.northstar.cockpit.portfolio;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.MeasuredCosts;
import dev.northstar.cockpit.portfolio.BusinessCase.Amounts;
import dev.northstar.cockpit.portfolio.BusinessCase.Scenario;
import dev.northstar.cockpit.portfolio.BusinessCaseResult.Figures;
import dev.northstar.cockpit.portfolio.BusinessCaseResult.Line;
import dev.northstar.cockpit.portfolio.BusinessCaseResult.LineKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Computes a business case exactly, in {@link BigDecimal}, for each scenario. With B the annual benefits, C the annual
 * costs (data + cloud + opex), O the one-off costs (change + build) and H the horizon in years:
 *
 * <ul>
 *   <li><b>totals</b>: benefits = B × H; costs = C × H + O; net = benefits − costs;</li>
 *   <li><b>ROI</b> = net / total costs, rounded half-up to four decimals; none when the total costs are zero;</li>
 *   <li><b>payback</b>: one-off costs are spent at month 0 and annual figures are spread evenly over the months, so
 *       the cumulative net cash flow at month m is −O + m × (B − C) / 12. The payback is the first month m (0 to
 *       12 × H) where it is ≥ 0, i.e. ⌈12 × O / (B − C)⌉ when B &gt; C; 0 when O = 0 and B ≥ C; none when B &lt; C,
 *       when B = C and O &gt; 0, or when it falls after the horizon;</li>
 *   <li><b>NPV</b> at the rate r: one-off costs at t = 0, each year's net flow B − C at the end of year t (1 to H):
 *       NPV = −O + Σ (B − C) / (1 + r)^t, each term to 34 significant digits, the sum rounded half-up to the
 *       cent.</li>
 * </ul>
 *
 * <p>Money figures are rounded half-up to the cent. When the platform measures the run cost of the data products or
 * models a use case links to ({@link MeasuredCosts}), their sum replaces the declared cloud line in every scenario.
 */
public final class BusinessCaseCalculator {
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final MathContext PRECISION = MathContext.DECIMAL128;

    private final MeasuredCosts measured;

    public BusinessCaseCalculator(MeasuredCosts measured) {
        this.measured = requireNonNull(measured, "measured is null");
    }

    /** Computes a use case's business case, with measured cloud costs for its links where available. */
    public Optional<BusinessCaseResult> compute(UseCase useCase) {
        requireNonNull(useCase, "useCase is null");
        return useCase.businessCase().map(businessCase -> compute(businessCase, useCase.links()));
    }

    /** Computes a business case whose use case links to these assets. */
    public BusinessCaseResult compute(BusinessCase businessCase, UseCase.Links links) {
        requireNonNull(businessCase, "businessCase is null");
        requireNonNull(links, "links is null");
        Line cloud = cloudLine(businessCase.cloud(), links);
        List<Line> lines = List.of(
                new Line("benefits", LineKind.BENEFIT, false, businessCase.benefits(), List.of()),
                new Line("data", LineKind.ANNUAL_COST, false, businessCase.data(), List.of()),
                cloud,
                new Line("opex", LineKind.ANNUAL_COST, false, businessCase.opex(), List.of()),
                new Line("change", LineKind.ONE_OFF_COST, false, businessCase.change(), List.of()),
                new Line("build", LineKind.ONE_OFF_COST, false, businessCase.build(), List.of()));
        Map<Scenario, Figures> scenarios = new EnumMap<>(Scenario.class);
        for (Scenario scenario : Scenario.values()) {
            scenarios.put(scenario, figures(businessCase, lines, scenario));
        }
        return new BusinessCaseResult(businessCase.currency(), businessCase.horizonYears(),
                businessCase.discountRate(), businessCase.start(), lines, scenarios);
    }

    private Line cloudLine(Amounts declared, UseCase.Links links) {
        BigDecimal sum = BigDecimal.ZERO;
        List<String> assets = new ArrayList<>();
        for (String product : links.products()) {
            OptionalDouble cost = measured.annualCost("product", product);
            if (cost.isPresent()) {
                sum = sum.add(money(BigDecimal.valueOf(cost.getAsDouble())));
                assets.add("product:" + product);
            }
        }
        for (String model : links.models()) {
            OptionalDouble cost = measured.annualCost("model", model);
            if (cost.isPresent()) {
                sum = sum.add(money(BigDecimal.valueOf(cost.getAsDouble())));
                assets.add("model:" + model);
            }
        }
        return assets.isEmpty() ? new Line("cloud", LineKind.ANNUAL_COST, false, declared, List.of())
                : new Line("cloud", LineKind.ANNUAL_COST, true, Amounts.same(sum), assets);
    }

    /** The figures of one scenario from the case's lines (see the class description). */
    static Figures figures(BusinessCase businessCase, List<Line> lines, Scenario scenario) {
        BigDecimal benefits = BigDecimal.ZERO;
        BigDecimal annualCosts = BigDecimal.ZERO;
        BigDecimal oneOff = BigDecimal.ZERO;
        for (Line line : lines) {
            BigDecimal amount = line.amounts().in(scenario);
            switch (line.kind()) {
                case BENEFIT -> benefits = benefits.add(amount);
                case ANNUAL_COST -> annualCosts = annualCosts.add(amount);
                case ONE_OFF_COST -> oneOff = oneOff.add(amount);
            }
        }
        int horizon = businessCase.horizonYears();
        BigDecimal years = BigDecimal.valueOf(horizon);
        BigDecimal totalBenefits = benefits.multiply(years);
        BigDecimal totalCosts = annualCosts.multiply(years).add(oneOff);
        BigDecimal net = totalBenefits.subtract(totalCosts);
        Optional<BigDecimal> roi = totalCosts.signum() == 0 ? Optional.empty()
                : Optional.of(net.divide(totalCosts, 4, RoundingMode.HALF_UP));
        BigDecimal yearlyNet = benefits.subtract(annualCosts);
        Optional<Integer> payback = payback(oneOff, yearlyNet, horizon);
        BigDecimal npv = oneOff.negate();
        BigDecimal factor = BigDecimal.ONE.add(businessCase.discountRate());
        for (int year = 1; year <= horizon; year++) {
            npv = npv.add(yearlyNet.divide(factor.pow(year, PRECISION), PRECISION), PRECISION);
        }
        return new Figures(money(benefits), money(annualCosts), money(oneOff), money(totalBenefits),
                money(totalCosts), money(net), roi, payback,
                payback.map(months -> businessCase.start().plusMonths(months)), money(npv));
    }

    /** The first month whose cumulative net cash flow is ≥ 0, within the horizon. */
    static Optional<Integer> payback(BigDecimal oneOff, BigDecimal yearlyNet, int horizonYears) {
        if (oneOff.signum() <= 0) {
            return yearlyNet.signum() >= 0 ? Optional.of(0) : Optional.empty();
        }
        if (yearlyNet.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal months = oneOff.multiply(TWELVE).divide(yearlyNet, 0, RoundingMode.CEILING);
        return months.compareTo(BigDecimal.valueOf(12L * horizonYears)) <= 0 ? Optional.of(months.intValueExact())
                : Optional.empty();
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
