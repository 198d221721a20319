package dev.northstar.cockpit.portfolio;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Locale;

/**
 * A use case's business case, as declared in its {@code business_case:} section: annual benefits, annual costs by
 * category and one-off costs, each in three scenarios, over a horizon at a discount rate. {@link BusinessCaseCalculator}
 * turns it into ROI, payback and NPV.
 *
 * @param currency ISO 4217 code, e.g. {@code EUR}
 * @param horizonYears how many years the case runs, 1 to 30
 * @param discountRate the yearly rate for the NPV, e.g. {@code 0.08}; 0 to 1
 * @param start the month the case starts (month 0, when the one-off costs are spent)
 * @param benefits annual benefits
 * @param data annual data costs (acquisition, licences, storage)
 * @param cloud annual cloud costs (compute); replaced by measured costs when the platform measures the linked assets
 * @param opex annual operating costs (people, support)
 * @param change one-off change costs (training, communication, process change)
 * @param build one-off build costs (project)
 */
public record BusinessCase(String currency, int horizonYears, BigDecimal discountRate, YearMonth start,
        Amounts benefits, Amounts data, Amounts cloud, Amounts opex, Amounts change, Amounts build) {

    public BusinessCase {
        requireNonNull(currency, "currency is null");
        requireNonNull(discountRate, "discountRate is null");
        requireNonNull(start, "start is null");
        requireNonNull(benefits, "benefits is null");
        requireNonNull(data, "data is null");
        requireNonNull(cloud, "cloud is null");
        requireNonNull(opex, "opex is null");
        requireNonNull(change, "change is null");
        requireNonNull(build, "build is null");
        if (horizonYears < 1) {
            throw new IllegalArgumentException("horizonYears must be at least 1, got " + horizonYears);
        }
    }

    /** The three scenarios of every figure. */
    public enum Scenario {
        LOW, BASE, HIGH;

        /** The YAML and JSON name. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One figure in the three scenarios (a plain number in YAML means the same in all three).
     *
     * @param low the pessimistic value
     * @param base the expected value
     * @param high the optimistic value
     */
    public record Amounts(BigDecimal low, BigDecimal base, BigDecimal high) {
        /** Nothing, in every scenario. */
        public static final Amounts ZERO = same(BigDecimal.ZERO);

        public Amounts {
            requireNonNull(low, "low is null");
            requireNonNull(base, "base is null");
            requireNonNull(high, "high is null");
        }

        /** The same value in every scenario. */
        public static Amounts same(BigDecimal value) {
            return new Amounts(value, value, value);
        }

        /** The value in one scenario. */
        public BigDecimal in(Scenario scenario) {
            return switch (scenario) {
                case LOW -> low;
                case BASE -> base;
                case HIGH -> high;
            };
        }
    }
}
