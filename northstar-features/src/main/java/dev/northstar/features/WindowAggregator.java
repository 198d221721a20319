package dev.northstar.features;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes a view's features from an entity's events, with the semantics of the offline SQL ({@link FeatureSql}):
 * events with {@code t - window <= time < t}; NULL inputs ignored; count and sum 0 and the rest NULL when empty;
 * {@code last} is the latest event's value, ties broken by the largest value (the offline SQL orders ties by value);
 * text compares by code point, as DuckDB compares UTF-8 bytes.
 *
 * <p>Sums and averages add doubles in time order; DuckDB's window aggregates add them in a tree, so the two can differ
 * in the last bits when values are not exactly representable — the only difference between the paths.
 */
final class WindowAggregator {
    private WindowAggregator() {}

    /**
     * @param events the entity's events with {@code t - ttl <= time < t}, oldest first
     * @param values where to put the values, in feature order
     */
    static void compute(ResolvedView view, List<OnlineEvent> events, long tMicros, Object[] values) {
        List<Feature> features = view.view().features();
        for (int f = 0; f < features.size(); f++) {
            long from = tMicros - view.windowMicros(f);
            int start = firstAtOrAfter(events, from);
            int input = view.featureInputs().get(f);
            values[f] = switch (features.get(f).aggregation()) {
                case COUNT -> count(events, start, input);
                case SUM -> sum(events, start, input);
                case AVG -> average(events, start, input);
                case MIN -> extreme(events, start, input, -1);
                case MAX -> extreme(events, start, input, 1);
                case COUNT_DISTINCT -> distinct(events, start, input);
                case LAST -> last(events, start, input);
            };
        }
    }

    private static int firstAtOrAfter(List<OnlineEvent> events, long micros) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (events.get(middle).timeMicros() < micros) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static Long count(List<OnlineEvent> events, int start, int input) {
        if (input < 0) {
            return (long) (events.size() - start);
        }
        long count = 0;
        for (int i = start; i < events.size(); i++) {
            if (events.get(i).inputs().get(input) != null) {
                count++;
            }
        }
        return count;
    }

    private static Double sum(List<OnlineEvent> events, int start, int input) {
        double sum = 0;
        for (int i = start; i < events.size(); i++) {
            Object value = events.get(i).inputs().get(input);
            if (value != null) {
                sum += (Double) value;
            }
        }
        return sum;
    }

    private static Double average(List<OnlineEvent> events, int start, int input) {
        double sum = 0;
        long count = 0;
        for (int i = start; i < events.size(); i++) {
            Object value = events.get(i).inputs().get(input);
            if (value != null) {
                sum += (Double) value;
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }

    private static Object extreme(List<OnlineEvent> events, int start, int input, int sign) {
        Object best = null;
        for (int i = start; i < events.size(); i++) {
            Object value = events.get(i).inputs().get(input);
            if (value != null && (best == null || sign * compare(value, best) > 0)) {
                best = value;
            }
        }
        return best;
    }

    private static Long distinct(List<OnlineEvent> events, int start, int input) {
        Set<Object> seen = new HashSet<>();
        for (int i = start; i < events.size(); i++) {
            Object value = events.get(i).inputs().get(input);
            if (value != null) {
                seen.add(value);
            }
        }
        return (long) seen.size();
    }

    private static Object last(List<OnlineEvent> events, int start, int input) {
        Object best = null;
        long bestTime = Long.MIN_VALUE;
        for (int i = start; i < events.size(); i++) {
            OnlineEvent event = events.get(i);
            Object value = event.inputs().get(input);
            if (value != null && (event.timeMicros() > bestTime
                    || event.timeMicros() == bestTime && compare(value, best) > 0)) {
                best = value;
                bestTime = event.timeMicros();
            }
        }
        return best;
    }

    /** DuckDB's order: doubles numerically, text by code point (the order of UTF-8 bytes). */
    static int compare(Object left, Object right) {
        if (left instanceof Double a && right instanceof Double b) {
            return Double.compare(a, b);
        }
        String a = (String) left;
        String b = (String) right;
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
