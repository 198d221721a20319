package dev.northstar.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Labelled rows for benchmarks: {@code width} uniform features ({@code f0}, {@code f1}...), 2% of them missing, and a
 * label drawn from a logistic model of the first half of them with one interaction, so the trees have real structure
 * to find. The same seed gives the same rows.
 */
public final class SyntheticData {
    private SyntheticData() {}

    public static TrainingData generate(int rows, int width, long seed) {
        if (width < 2) {
            throw new IllegalArgumentException("width must be at least 2");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<String> features = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            features.add("f" + i);
        }
        float[] matrix = new float[rows * width];
        float[] labels = new float[rows];
        long[] times = new long[rows];
        for (int row = 0; row < rows; row++) {
            double logit = -1;
            for (int column = 0; column < width; column++) {
                float value = (float) random.nextDouble();
                matrix[row * width + column] = random.nextDouble() < 0.02 ? Float.NaN : value;
                if (column < width / 2) {
                    logit += (column % 2 == 0 ? 1.5 : -1.0) * value;
                }
            }
            float first = matrix[row * width];
            float second = matrix[row * width + 1];
            if (first > 0.7f && second > 0.5f) {
                logit += 2;
            }
            logit += random.nextGaussian() * 0.7;
            labels[row] = logit > 0 ? 1 : 0;
            times[row] = row;
        }
        return new TrainingData(features, matrix, labels, times, Map.of());
    }
}
