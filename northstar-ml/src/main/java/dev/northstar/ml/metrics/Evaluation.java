package dev.northstar.ml.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well scores rank and calibrate against 0/1 labels, and the decision threshold that minimises the expected cost
 * of errors.
 *
 * @param rows rows evaluated
 * @param positives rows labelled 1
 * @param rocAuc area under the ROC curve (ties count half); NaN without both classes
 * @param prAuc average precision (area under the precision-recall curve, stepwise); NaN without positives
 * @param brierScore mean squared difference between score and label
 * @param calibration ten equal-width score bins, only the non-empty ones
 * @param expectedCalibrationError row-weighted mean |mean predicted - observed| over the bins
 * @param threshold rows scoring at least this are flagged positive; chosen to minimise {@code cost}
 * @param confusion the confusion matrix at {@code threshold}
 * @param cost {@code costFalsePositive * fp + costFalseNegative * fn} at {@code threshold}
 */
public record Evaluation(long rows, long positives, double rocAuc, double prAuc, double brierScore,
        List<CalibrationBin> calibration, double expectedCalibrationError, double threshold,
        ConfusionMatrix confusion, double cost) {
    /** Bins of the calibration table. */
    public static final int CALIBRATION_BINS = 10;

    public Evaluation {
        calibration = List.copyOf(calibration);
    }

    /**
     * One bin of the calibration table.
     *
     * @param lower lowest score of the bin (inclusive)
     * @param upper highest score of the bin (exclusive, but 1.0 falls in the last bin)
     * @param count rows in the bin
     * @param meanPredicted mean score of those rows
     * @param observedRate share of those rows labelled 1
     */
    public record CalibrationBin(double lower, double upper, long count, double meanPredicted, double observedRate) {}

    /** Counts of decisions against labels. */
    public record ConfusionMatrix(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {
        /** tp / (tp + fp), NaN when nothing is flagged. */
        public double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }

        /** tp / (tp + fn), the true-positive rate; NaN without positives. */
        public double recall() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        /** fp / (fp + tn); NaN without negatives. */
        public double falsePositiveRate() {
            return ratio(falsePositives, falsePositives + trueNegatives);
        }
    }

    /**
     * Evaluates scores against labels.
     *
     * @param scores predicted probabilities (or any scores, for the ranking metrics)
     * @param labels 0 or 1 per row
     * @param costFalsePositive cost of flagging a negative
     * @param costFalseNegative cost of missing a positive
     */
    public static Evaluation of(double[] scores, float[] labels, double costFalsePositive, double costFalseNegative) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.length + " labels");
        }
        int n = scores.length;
        long positives = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            positives += labels[i] > 0.5f ? 1 : 0;
            double error = scores[i] - labels[i];
            brier += error * error;
        }
        List<CalibrationBin> calibration = calibration(scores, labels);
        double calibrationError = 0;
        for (CalibrationBin bin : calibration) {
            calibrationError += bin.count() * Math.abs(bin.meanPredicted() - bin.observedRate());
        }
        Integer[] order = descending(scores);
        // Walk the distinct scores from the highest: flagging every row scoring at least s gives tp and fp.
        long negatives = n - positives;
        long truePositives = 0;
        long falsePositives = 0;
        double previousRecall = 0;
        double averagePrecision = 0;
        double bestCost = costFalseNegative * positives;
        double bestThreshold = n == 0 ? 1.0 : Math.nextUp(scores[order[0]]);
        long bestTruePositives = 0;
        long bestFalsePositives = 0;
        for (int i = 0; i < n; ) {
            double score = scores[order[i]];
            while (i < n && scores[order[i]] == score) {
                if (labels[order[i]] > 0.5f) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
                i++;
            }
            if (positives > 0) {
                double recall = truePositives / (double) positives;
                averagePrecision += (recall - previousRecall) * truePositives / (double) (truePositives
                        + falsePositives);
                previousRecall = recall;
            }
            double cost = costFalsePositive * falsePositives + costFalseNegative * (positives - truePositives);
            if (cost < bestCost) {
                bestCost = cost;
                bestThreshold = score;
                bestTruePositives = truePositives;
                bestFalsePositives = falsePositives;
            }
        }
        ConfusionMatrix confusion = new ConfusionMatrix(bestTruePositives, bestFalsePositives,
                negatives - bestFalsePositives, positives - bestTruePositives);
        return new Evaluation(n, positives, rocAuc(scores, labels), positives == 0 ? Double.NaN : averagePrecision,
                n == 0 ? Double.NaN : brier / n, calibration, n == 0 ? Double.NaN : calibrationError / n,
                bestThreshold, confusion, bestCost);
    }

    /** The confusion matrix of flagging rows scoring at least {@code threshold}. */
    public static ConfusionMatrix confusion(double[] scores, float[] labels, double threshold) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] >= threshold;
            boolean positive = labels[i] > 0.5f;
            if (flagged && positive) {
                tp++;
            } else if (flagged) {
                fp++;
            } else if (positive) {
                fn++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    /**
     * ROC-AUC by the Mann-Whitney statistic: the probability that a random positive scores above a random negative,
     * ties counting half (average ranks). NaN without both classes.
     */
    public static double rocAuc(double[] scores, float[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        for (int i = 0; i < n; ) {
            int end = i;
            while (end < n && scores[order[end]] == scores[order[i]]) {
                end++;
            }
            double averageRank = (i + 1 + end) / 2.0;
            for (int k = i; k < end; k++) {
                if (labels[order[k]] > 0.5f) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = end;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static List<CalibrationBin> calibration(double[] scores, float[] labels) {
        long[] counts = new long[CALIBRATION_BINS];
        double[] predicted = new double[CALIBRATION_BINS];
        double[] observed = new double[CALIBRATION_BINS];
        for (int i = 0; i < scores.length; i++) {
            int bin = (int) Math.min(CALIBRATION_BINS - 1, Math.max(0, Math.floor(scores[i] * CALIBRATION_BINS)));
            counts[bin]++;
            predicted[bin] += scores[i];
            observed[bin] += labels[i] > 0.5f ? 1 : 0;
        }
        List<CalibrationBin> bins = new ArrayList<>();
        for (int bin = 0; bin < CALIBRATION_BINS; bin++) {
            if (counts[bin] > 0) {
                bins.add(new CalibrationBin(bin / (double) CALIBRATION_BINS, (bin + 1) / (double) CALIBRATION_BINS,
                        counts[bin], predicted[bin] / counts[bin], observed[bin] / counts[bin]));
            }
        }
        return bins;
    }

    private static Integer[] descending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < scores.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return order;
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : numerator / (double) denominator;
    }
}
