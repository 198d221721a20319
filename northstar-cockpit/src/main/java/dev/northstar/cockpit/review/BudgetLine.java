package dev.northstar.cockpit.review;

import static java.util.Objects.requireNonNull;

/**
 * A budget and what was spent against it over the period.
 *
 * @param dimension what the budget covers: {@code domain}, {@code product}, {@code use-case} or {@code tag}
 * @param key the domain, product, use case or tag
 * @param budget the amount budgeted for the period
 * @param spent the amount spent
 * @param currency currency of the amounts (ISO 4217)
 * @param alert {@code ok}, {@code warning} or {@code exceeded}, as the budget's alert thresholds say
 */
public record BudgetLine(String dimension, String key, double budget, double spent, String currency, String alert) {
    public BudgetLine {
        requireNonNull(dimension, "dimension is null");
        requireNonNull(key, "key is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(alert, "alert is null");
        if (!(budget > 0)) {
            throw new IllegalArgumentException("Budget of " + dimension + " " + key + " must be positive: " + budget);
        }
    }

    /** Spent as a share of the budget (1.0 is all of it). */
    public double share() {
        return spent / budget;
    }
}
