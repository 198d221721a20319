package dev.northstar.ml.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Group fairness of decisions for one protected attribute, as Fairlearn defines it: demographic parity difference
 * (max - min selection rate), equal opportunity difference (max - min true-positive rate, over groups with positives)
 * and disparate impact ratio (min / max selection rate; 1 when no group is selected), with per-group counts and
 * ROC-AUC.
 *
 * @param attribute the protected attribute
 * @param groups per group, sorted by group
 * @param demographicParityDifference max - min selection rate
 * @param equalOpportunityDifference max - min true-positive rate; NaN when fewer than two groups have positives
 * @param disparateImpactRatio min / max selection rate
 */
public record Fairness(String attribute, List<GroupMetrics> groups, double demographicParityDifference,
        double equalOpportunityDifference, double disparateImpactRatio) {
    public Fairness {
        groups = List.copyOf(groups);
    }

    /**
     * One group's outcomes.
     *
     * @param group the attribute's value
     * @param count rows of the group
     * @param positives rows labelled 1
     * @param selected rows flagged positive by the decision
     * @param selectionRate selected / count
     * @param truePositiveRate flagged positives / positives; NaN without positives
     * @param rocAuc ROC-AUC within the group; NaN without both classes
     */
    public record GroupMetrics(String group, long count, long positives, long selected, double selectionRate,
            double truePositiveRate, double rocAuc) {}

    /**
     * Measures one attribute.
     *
     * @param groups each row's group
     * @param scores each row's score
     * @param labels each row's 0/1 label
     * @param threshold rows scoring at least this are selected (flagged positive)
     */
    public static Fairness of(String attribute, String[] groups, double[] scores, float[] labels, double threshold) {
        Map<String, List<Integer>> rowsByGroup = new TreeMap<>();
        for (int i = 0; i < groups.length; i++) {
            rowsByGroup.computeIfAbsent(groups[i], key -> new ArrayList<>()).add(i);
        }
        List<GroupMetrics> metrics = new ArrayList<>();
        double minSelection = Double.POSITIVE_INFINITY;
        double maxSelection = Double.NEGATIVE_INFINITY;
        double minTruePositive = Double.POSITIVE_INFINITY;
        double maxTruePositive = Double.NEGATIVE_INFINITY;
        int groupsWithPositives = 0;
        for (Map.Entry<String, List<Integer>> entry : rowsByGroup.entrySet()) {
            List<Integer> rows = entry.getValue();
            double[] groupScores = new double[rows.size()];
            float[] groupLabels = new float[rows.size()];
            long positives = 0;
            long selected = 0;
            long selectedPositives = 0;
            for (int k = 0; k < rows.size(); k++) {
                int row = rows.get(k);
                groupScores[k] = scores[row];
                groupLabels[k] = labels[row];
                boolean positive = labels[row] > 0.5f;
                boolean flagged = scores[row] >= threshold;
                positives += positive ? 1 : 0;
                selected += flagged ? 1 : 0;
                selectedPositives += positive && flagged ? 1 : 0;
            }
            double selectionRate = selected / (double) rows.size();
            double truePositiveRate = Evaluation.ratio(selectedPositives, positives);
            minSelection = Math.min(minSelection, selectionRate);
            maxSelection = Math.max(maxSelection, selectionRate);
            if (positives > 0) {
                groupsWithPositives++;
                minTruePositive = Math.min(minTruePositive, truePositiveRate);
                maxTruePositive = Math.max(maxTruePositive, truePositiveRate);
            }
            metrics.add(new GroupMetrics(entry.getKey(), rows.size(), positives, selected, selectionRate,
                    truePositiveRate, Evaluation.rocAuc(groupScores, groupLabels)));
        }
        if (metrics.isEmpty()) {
            return new Fairness(attribute, metrics, Double.NaN, Double.NaN, Double.NaN);
        }
        double parity = maxSelection - minSelection;
        double opportunity = groupsWithPositives >= 2 ? maxTruePositive - minTruePositive : Double.NaN;
        double impact = maxSelection == 0 ? 1.0 : minSelection / maxSelection;
        return new Fairness(attribute, metrics, parity, opportunity, impact);
    }
}
