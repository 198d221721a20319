package dev.northstar.quality;

import dev.northstar.spi.error.NorthstarException;

/**
 * The error budget of an objective over a window, from counts of good and total events.
 *
 * <p>With objective {@code o} (a fraction), {@code total} events and {@code good} of them good: the budget is
 * {@code (1 − o) × total} bad events, consumed is {@code total − good}, and the burn rate is the observed bad share
 * divided by the allowed one, {@code ((total − good) / total) / (1 − o)}: 1 spends the budget exactly by the end of
 * the window, 2 twice as fast.
 *
 * @param objective the objective as a fraction, e.g. 0.99
 * @param good good events (successful runs, valid rows, fresh seconds)
 * @param total all events
 */
public record ErrorBudget(double objective, double good, double total) {
    public ErrorBudget {
        NorthstarException.checkArgument(objective > 0 && objective < 1,
                "An objective must be strictly between 0 and 1, got %s", objective);
        NorthstarException.checkArgument(good >= 0 && total >= good,
                "Good events (%s) must be between 0 and the total (%s)", good, total);
    }

    /** The service level indicator: good / total, 1 when nothing happened. */
    public double indicator() {
        return total == 0 ? 1 : good / total;
    }

    /** Bad events the objective allows over the window. */
    public double budget() {
        return (1 - objective) * total;
    }

    /** Bad events so far. */
    public double consumed() {
        return total - good;
    }

    /** Budget left (negative once overspent). */
    public double remaining() {
        return budget() - consumed();
    }

    /** Share of the budget left: 1 untouched, 0 spent, negative overspent; 1 when nothing happened. */
    public double remainingFraction() {
        return total == 0 ? 1 : remaining() / budget();
    }

    /** How fast the budget burns: the bad share over the allowed bad share; 0 when nothing happened. */
    public double burnRate() {
        return total == 0 ? 0 : (consumed() / total) / (1 - objective);
    }

    /** Whether the indicator meets the objective. */
    public boolean met() {
        return indicator() >= objective;
    }
}
