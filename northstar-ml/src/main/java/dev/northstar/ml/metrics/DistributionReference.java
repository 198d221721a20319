package dev.northstar.ml.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What drift is measured against: the training reference of one variable (a feature or the score) — quantile bin
 * edges with the reference share of each bin for PSI, and a sample of reference values for the KS test.
 *
 * @param name the feature, or {@link #SCORE} for the model's score
 * @param edges ascending cut points; bin {@code i} holds values {@code edges[i-1] <= x < edges[i]}
 * @param expected reference share of each of the {@code edges.length + 1} bins, then of missing values (last)
 * @param sample reference values (without missing ones), at most the size requested, sorted
 */
public record DistributionReference(String name, double[] edges, double[] expected, double[] sample) {
    /** The name of the score's reference. */
    public static final String SCORE = "__score__";

    public DistributionReference {
        requireNonNull(name, "name is null");
        edges = edges.clone();
        expected = expected.clone();
        sample = sample.clone();
        if (expected.length != edges.length + 2) {
            throw new IllegalArgumentException("expected needs one share per bin plus one for missing values");
        }
    }

    /**
     * Builds the reference of a variable from its training values (NaN is missing).
     *
     * @param bins quantile bins wanted (fewer when values repeat)
     * @param sampleSize reference values kept for the KS test
     * @param seed chooses the sample, so the same data gives the same reference
     */
    public static DistributionReference of(String name, double[] values, int bins, int sampleSize, long seed) {
        double[] present = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
        double[] edges;
        if (present.length == 0) {
            edges = new double[0];
        } else {
            edges = java.util.stream.IntStream.range(1, bins)
                    .mapToDouble(i -> present[(int) Math.min(present.length - 1, (long) i * present.length / bins)])
                    .filter(edge -> edge > present[0])
                    .distinct()
                    .toArray();
        }
        double[] expected = shares(edges, values);
        double[] sample;
        if (present.length <= sampleSize) {
            sample = present;
        } else {
            SplittableRandom random = new SplittableRandom(seed);
            double[] copy = present.clone();
            for (int i = 0; i < sampleSize; i++) {
                int j = i + random.nextInt(copy.length - i);
                double swap = copy[i];
                copy[i] = copy[j];
                copy[j] = swap;
            }
            sample = Arrays.copyOf(copy, sampleSize);
            Arrays.sort(sample);
        }
        return new DistributionReference(name, edges, expected, sample);
    }

    /** The share of values in each bin of {@code edges}, then of missing values. */
    static double[] shares(double[] edges, double[] values) {
        double[] counts = new double[edges.length + 2];
        for (double value : values) {
            if (Double.isNaN(value)) {
                counts[edges.length + 1]++;
            } else {
                int bin = Arrays.binarySearch(edges, value);
                // An exact match of edge i belongs to bin i + 1 (edges are lower bounds, inclusive).
                counts[bin >= 0 ? bin + 1 : -bin - 1]++;
            }
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = values.length == 0 ? 0 : counts[i] / values.length;
        }
        return counts;
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] expected() {
        return expected.clone();
    }

    @Override
    public double[] sample() {
        return sample.clone();
    }
}
