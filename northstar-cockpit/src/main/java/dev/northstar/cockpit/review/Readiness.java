package dev.northstar.cockpit.review;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The readiness checklist and 100-day plan as evaluated, with the maturity score they give.
 *
 * <p>The score is the share of credit earned over every item: {@code score = round(100 × Σ credit / items)}, where a
 * done item earns 1, a partial one ½ and a missing one 0. The level is {@code min(5, 1 + score / 20)} (integer
 * division): 1 Initial (0–19), 2 Developing (20–39), 3 Defined (40–59), 4 Managed (60–79), 5 Optimised (80–100).
 *
 * @param items the items, checklist first, then the plan's milestones
 * @param score maturity score, 0 to 100
 * @param level maturity level, 1 to 5
 * @param levelName the level's name
 */
public record Readiness(List<ReadinessItem> items, int score, int level, String levelName) {
    private static final List<String> LEVEL_NAMES = List.of("Initial", "Developing", "Defined", "Managed",
            "Optimised");

    public Readiness {
        items = List.copyOf(items);
        requireNonNull(levelName, "levelName is null");
        if (score < 0 || score > 100 || level < 1 || level > 5) {
            throw new IllegalArgumentException("Maturity score " + score + " or level " + level + " out of range");
        }
    }

    /** Scores the items with the formula of the class comment. */
    public static Readiness of(List<ReadinessItem> items) {
        if (items.isEmpty()) {
            return new Readiness(items, 0, 1, LEVEL_NAMES.get(0));
        }
        double credit = items.stream().mapToDouble(item -> item.status().credit()).sum();
        int score = (int) Math.round(100.0 * credit / items.size());
        int level = Math.min(5, 1 + score / 20);
        return new Readiness(items, score, level, LEVEL_NAMES.get(level - 1));
    }

    /** Items of one group, {@code checklist} or {@code plan}, in order. */
    public List<ReadinessItem> group(String group) {
        return items.stream().filter(item -> item.group().equals(group)).toList();
    }

    /** How many items have this status. */
    public long count(ReadinessStatus status) {
        return items.stream().filter(item -> item.status() == status).count();
    }
}
