package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;
import java.time.Duration;
import java.util.Optional;

/**
 * A service level objective of a data product over a rolling window.
 *
 * @param kind what is measured
 * @param objectivePercent the share of good events (runs, rows, seconds) promised, e.g. 99 (strictly between 0
 *     and 100: a 100 % objective leaves no error budget)
 * @param window the rolling window, e.g. 28 days
 * @param maxAge for {@link Kind#FRESHNESS}: the age beyond which the table is stale (the contract's latency or
 *     frequency); empty for the other kinds
 */
public record Slo(Kind kind, double objectivePercent, Duration window, Optional<Duration> maxAge) {
    /** The three SLOs of a data product. */
    public enum Kind {
        /** Share of the window's time during which the latest data commit was at most {@code maxAge} old. */
        FRESHNESS("seconds"),
        /** Share of valid rows: {@code sum(rows_valid) / sum(rows_in)} of the window's successful load runs. */
        COMPLETENESS("rows"),
        /** Share of the window's finished runs that succeeded. */
        AVAILABILITY("runs");

        private final String unit;

        Kind(String unit) {
            this.unit = unit;
        }

        /** What the events of this SLO are: seconds, rows or runs. */
        public String unit() {
            return unit;
        }
    }

    public Slo {
        requireNonNull(kind, "kind is null");
        requireNonNull(window, "window is null");
        requireNonNull(maxAge, "maxAge is null");
        NorthstarException.checkArgument(objectivePercent > 0 && objectivePercent < 100,
                "The %s objective must be strictly between 0 and 100 percent, got %s", kind.name().toLowerCase(
                        java.util.Locale.ROOT), objectivePercent);
        NorthstarException.checkArgument(!window.isNegative() && !window.isZero(),
                "The SLO window must be positive, got %s", window);
        NorthstarException.checkArgument(kind == Kind.FRESHNESS ? maxAge.isPresent() : maxAge.isEmpty(),
                "A freshness SLO needs a maximum age, and only a freshness SLO takes one");
        maxAge.ifPresent(age -> NorthstarException.checkArgument(!age.isNegative() && !age.isZero(),
                "The freshness maximum age must be positive, got %s", age));
    }

    public static Slo freshness(double objectivePercent, Duration window, Duration maxAge) {
        return new Slo(Kind.FRESHNESS, objectivePercent, window, Optional.of(maxAge));
    }

    public static Slo completeness(double objectivePercent, Duration window) {
        return new Slo(Kind.COMPLETENESS, objectivePercent, window, Optional.empty());
    }

    public static Slo availability(double objectivePercent, Duration window) {
        return new Slo(Kind.AVAILABILITY, objectivePercent, window, Optional.empty());
    }
}
