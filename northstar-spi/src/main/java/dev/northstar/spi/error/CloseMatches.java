package dev.northstar.spi.error;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Close-match suggestions for names the user mistyped, for "did you mean" hints. */
public final class CloseMatches {
    private CloseMatches() {}

    /** Up to three candidates within a small edit distance of {@code name}, closest first. */
    public static List<String> of(String name, List<String> candidates) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, wanted.length() / 3);
        return candidates.stream()
                .filter(candidate -> distance(wanted, candidate.toLowerCase(Locale.ROOT)) <= limit
                        || candidate.toLowerCase(Locale.ROOT).endsWith("." + wanted)
                        || candidate.toLowerCase(Locale.ROOT).contains(wanted))
                .sorted(Comparator.comparingInt(candidate -> distance(wanted, candidate.toLowerCase(Locale.ROOT))))
                .limit(3)
                .toList();
    }

    /** Levenshtein distance. */
    public static int distance(String left, String right) {
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int j = 0; j <= right.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= right.length(); j++) {
                int cost = left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }
}
