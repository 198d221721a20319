package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Where an SLO stands.
 *
 * @param slo the objective
 * @param budget good and total events over the window and the error budget they leave
 * @param from start of the measured period: the window's start, or the first data commit or run if later
 * @param to end of the period (now)
 */
public record SloStatus(Slo slo, ErrorBudget budget, Instant from, Instant to) {
    public SloStatus {
        requireNonNull(slo, "slo is null");
        requireNonNull(budget, "budget is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
    }
}
