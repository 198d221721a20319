package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.QueryResult;
import dev.northstar.spi.error.CloseMatches;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Labelled rows in the layout the trainer and the metrics read: a dense row-major feature matrix (missing values are
 * NaN), 0/1 labels, event times and the protected attributes' group of each row. Arrays are owned by this object;
 * callers must not change them.
 */
public final class TrainingData {
    /** The group of a row whose protected attribute is null. */
    public static final String MISSING_GROUP = "(missing)";

    private final List<String> features;
    private final float[] matrix;
    private final float[] labels;
    private final long[] times;
    private final Map<String, String[]> groups;

    /**
     * @param features feature names, the matrix's columns
     * @param matrix row-major values, {@code rows * features.size()} of them
     * @param labels 0 or 1 per row
     * @param times event time per row, epoch milliseconds
     * @param groups per protected attribute, the group of each row
     */
    public TrainingData(List<String> features, float[] matrix, float[] labels, long[] times,
            Map<String, String[]> groups) {
        this.features = List.copyOf(features);
        this.matrix = requireNonNull(matrix, "matrix is null");
        this.labels = requireNonNull(labels, "labels is null");
        this.times = requireNonNull(times, "times is null");
        this.groups = new LinkedHashMap<>(groups);
        int rows = labels.length;
        if (matrix.length != rows * features.size() || times.length != rows) {
            throw new IllegalArgumentException("matrix, labels and times disagree on the number of rows");
        }
        for (Map.Entry<String, String[]> group : groups.entrySet()) {
            if (group.getValue().length != rows) {
                throw new IllegalArgumentException("groups of " + group.getKey() + " do not cover every row");
            }
        }
    }

    /**
     * Reads a query result by column name (case-insensitive). Numbers and booleans become features (null is
     * missing); the label must be boolean or 0/1; the timestamp a timestamp, date or epoch milliseconds.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} naming a missing column (with close matches) or a value of
     *     the wrong kind
     */
    public static TrainingData from(QueryResult result, List<String> features, String label, String timestamp,
            List<String> protectedAttributes) {
        List<String> names = result.columns().stream().map(QueryResult.Column::name).toList();
        int[] featureIndex = features.stream().mapToInt(name -> index(names, name, "feature")).toArray();
        int labelIndex = index(names, label, "label");
        int timeIndex = index(names, timestamp, "timestamp");
        int[] groupIndex = protectedAttributes.stream().mapToInt(name -> index(names, name, "protected attribute"))
                .toArray();
        int rows = result.rows().size();
        int width = features.size();
        float[] matrix = new float[rows * width];
        float[] labels = new float[rows];
        long[] times = new long[rows];
        List<String[]> groupValues = new ArrayList<>();
        for (int i = 0; i < groupIndex.length; i++) {
            groupValues.add(new String[rows]);
        }
        for (int row = 0; row < rows; row++) {
            List<Object> values = result.rows().get(row);
            for (int column = 0; column < width; column++) {
                matrix[row * width + column] = feature(values.get(featureIndex[column]), features.get(column));
            }
            labels[row] = label(values.get(labelIndex), label);
            times[row] = epochMillis(values.get(timeIndex), timestamp);
            for (int i = 0; i < groupIndex.length; i++) {
                Object value = values.get(groupIndex[i]);
                groupValues.get(i)[row] = value == null ? MISSING_GROUP : value.toString();
            }
        }
        Map<String, String[]> groups = new LinkedHashMap<>();
        for (int i = 0; i < groupIndex.length; i++) {
            groups.put(protectedAttributes.get(i), groupValues.get(i));
        }
        return new TrainingData(features, matrix, labels, times, groups);
    }

    private static int index(List<String> names, String wanted, String role) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(wanted)) {
                return i;
            }
        }
        List<String> close = CloseMatches.of(wanted, names);
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The training data has no " + role + " column '"
                + wanted + "'", close.isEmpty() ? "Its columns are " + names : "Did you mean " + close + "?");
    }

    static float feature(Object value, String column) {
        if (value == null) {
            return Float.NaN;
        }
        if (value instanceof Number number) {
            return number.floatValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1f : 0f;
        }
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Feature '" + column + "' holds "
                + value.getClass().getSimpleName() + " value '" + value + "', not a number",
                "Encode categories as numbers in the feature view or training query (e.g. a CASE expression)");
    }

    private static float label(Object value, String column) {
        if (value instanceof Boolean bool) {
            return bool ? 1f : 0f;
        }
        if (value instanceof Number number && (number.doubleValue() == 0 || number.doubleValue() == 1)) {
            return number.floatValue();
        }
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Label '" + column + "' holds '" + value
                + "'; a binary label is true/false or 0/1", "Filter out unlabelled rows or fix the label column");
    }

    private static long epochMillis(Object value, String column) {
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant().toEpochMilli();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant().toEpochMilli();
        }
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigDecimal) {
            return ((Number) value).longValue();
        }
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Timestamp '" + column + "' holds '" + value
                + "'" + (value == null ? "" : " (" + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ")"),
                "The split column must be a non-null timestamp, date or epoch milliseconds");
    }

    public List<String> features() {
        return features;
    }

    public int rows() {
        return labels.length;
    }

    public int width() {
        return features.size();
    }

    /** Row-major features; do not modify. */
    public float[] matrix() {
        return matrix;
    }

    /** One row's features, copied. */
    public float[] row(int row) {
        return Arrays.copyOfRange(matrix, row * width(), (row + 1) * width());
    }

    /** Labels 0/1; do not modify. */
    public float[] labels() {
        return labels;
    }

    /** Event times, epoch milliseconds; do not modify. */
    public long[] times() {
        return times;
    }

    /** Per protected attribute, each row's group; do not modify. */
    public Map<String, String[]> groups() {
        return java.util.Collections.unmodifiableMap(groups);
    }

    /** The rows at the given indexes, in that order. */
    public TrainingData select(int[] indexes) {
        int width = width();
        float[] selectedMatrix = new float[indexes.length * width];
        float[] selectedLabels = new float[indexes.length];
        long[] selectedTimes = new long[indexes.length];
        Map<String, String[]> selectedGroups = new LinkedHashMap<>();
        groups.forEach((attribute, values) -> selectedGroups.put(attribute, new String[indexes.length]));
        for (int i = 0; i < indexes.length; i++) {
            int row = indexes[i];
            System.arraycopy(matrix, row * width, selectedMatrix, i * width, width);
            selectedLabels[i] = labels[row];
            selectedTimes[i] = times[row];
            for (Map.Entry<String, String[]> group : groups.entrySet()) {
                selectedGroups.get(group.getKey())[i] = group.getValue()[row];
            }
        }
        return new TrainingData(features, selectedMatrix, selectedLabels, selectedTimes, selectedGroups);
    }
}
