package dev.northstar.ml.metrics;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.ArrayList;
import java.util.List;

/** Drift of every feature and of the score of live traffic against a model version's references. */
public record DriftReport(List<Drift> variables) {
    public DriftReport {
        variables = List.copyOf(variables);
    }

    /** Whether any variable raised an alert. */
    public boolean drifted() {
        return variables.stream().anyMatch(Drift::drifted);
    }

    /** The variables that raised alerts. */
    public List<Drift> alerts() {
        return variables.stream().filter(Drift::drifted).toList();
    }

    /**
     * Compares live rows with the references.
     *
     * @param references a version's references: features by name, and {@link DistributionReference#SCORE}
     * @param features the live matrix's columns
     * @param matrix live feature values, row-major (NaN is missing)
     * @param scores the model's scores of those rows
     * @throws NorthstarException {@code INVALID_ARGUMENT} when a column has no reference
     */
    public static DriftReport of(List<DistributionReference> references, List<String> features, float[] matrix,
            double[] scores, Drift.Thresholds thresholds) {
        int rows = scores.length;
        int width = features.size();
        if (matrix.length != rows * width) {
            throw new IllegalArgumentException("matrix holds " + matrix.length + " values, not " + rows + " x "
                    + width);
        }
        List<Drift> drifts = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            DistributionReference reference = reference(references, features.get(column));
            double[] values = new double[rows];
            for (int row = 0; row < rows; row++) {
                values[row] = matrix[row * width + column];
            }
            drifts.add(Drift.of(reference, values, thresholds));
        }
        drifts.add(Drift.of(reference(references, DistributionReference.SCORE), scores, thresholds));
        return new DriftReport(drifts);
    }

    private static DistributionReference reference(List<DistributionReference> references, String name) {
        return references.stream().filter(reference -> reference.name().equals(name)).findFirst()
                .orElseThrow(() -> new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The model has no drift"
                        + " reference for '" + name + "'", "Its references cover " + references.stream()
                        .map(DistributionReference::name).toList()));
    }
}
