package dev.northstar.ml.metrics;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * Drift of one variable between its training reference and live values: the population stability index over the
 * reference's quantile bins (shares floored at {@link #SHARE_FLOOR} so an empty bin stays finite) and the two-sample
 * Kolmogorov-Smirnov test against the reference sample (Hipparchus).
 *
 * @param name the feature, or {@link DistributionReference#SCORE}
 * @param liveCount live values compared (missing ones included in PSI)
 * @param psi population stability index
 * @param ksStatistic the largest distance between the two empirical CDFs; NaN without values on either side
 * @param ksPValue the KS test's p-value; NaN without values on either side
 * @param alerts why this variable drifted: empty when it did not
 */
public record Drift(String name, long liveCount, double psi, double ksStatistic, double ksPValue,
        List<String> alerts) {
    /** Smallest share a bin counts with in PSI. */
    public static final double SHARE_FLOOR = 1e-4;

    public Drift {
        requireNonNull(name, "name is null");
        alerts = List.copyOf(alerts);
    }

    /** Whether an alert was raised. */
    public boolean drifted() {
        return !alerts.isEmpty();
    }

    /**
     * Alert thresholds.
     *
     * @param psiMax PSI above this alerts (0.2 by default: a significant shift)
     * @param ksPValueMin a KS p-value below this alerts (0.01 by default)
     */
    public record Thresholds(double psiMax, double ksPValueMin) {
        public static Thresholds defaults() {
            return new Thresholds(0.2, 0.01);
        }
    }

    /** Compares live values (NaN is missing) with the reference. */
    public static Drift of(DistributionReference reference, double[] live, Thresholds thresholds) {
        double[] actual = DistributionReference.shares(reference.edges(), live);
        double[] expected = reference.expected();
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double a = Math.max(actual[i], SHARE_FLOOR);
            double e = Math.max(expected[i], SHARE_FLOOR);
            psi += (a - e) * Math.log(a / e);
        }
        double[] present = Arrays.stream(live).filter(value -> !Double.isNaN(value)).toArray();
        double[] sample = reference.sample();
        double statistic = Double.NaN;
        double pValue = Double.NaN;
        if (present.length > 0 && sample.length > 0) {
            // A fixed seed: Hipparchus breaks ties with random jitter, and the same inputs must give the same answer.
            KolmogorovSmirnovTest test = new KolmogorovSmirnovTest(7L);
            statistic = test.kolmogorovSmirnovStatistic(sample, present);
            pValue = test.kolmogorovSmirnovTest(sample, present, false);
        }
        List<String> alerts = new ArrayList<>();
        if (psi > thresholds.psiMax()) {
            alerts.add(String.format(java.util.Locale.ROOT, "PSI %.3f > %.3f", psi, thresholds.psiMax()));
        }
        if (pValue < thresholds.ksPValueMin()) {
            alerts.add(String.format(java.util.Locale.ROOT, "KS p-value %.2g < %.2g", pValue,
                    thresholds.ksPValueMin()));
        }
        return new Drift(reference.name(), live.length, psi, statistic, pValue, alerts);
    }
}
