package dev.northstar.cockpit.review;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Cost attributed to one key of a dimension over the period.
 *
 * @param dimension {@code domain}, {@code product}, {@code use-case} or {@code tag}
 * @param key the domain, product, use case or tag
 * @param amount cost over the period
 * @param currency currency of the amount (ISO 4217)
 * @param trend cost per earlier period, oldest first
 */
public record CostLine(String dimension, String key, double amount, String currency, List<TrendPoint> trend) {
    public CostLine {
        requireNonNull(dimension, "dimension is null");
        requireNonNull(key, "key is null");
        requireNonNull(currency, "currency is null");
        trend = List.copyOf(trend);
    }
}
