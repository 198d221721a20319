package dev.northstar.cockpit.review;

import java.util.Locale;

/** How far an item of the readiness checklist or the 100-day plan is met. */
public enum ReadinessStatus {
    DONE(1.0),
    PARTIAL(0.5),
    MISSING(0.0);

    private final double credit;

    ReadinessStatus(double credit) {
        this.credit = credit;
    }

    /** What the item counts for in the maturity score: 1, ½ or 0. */
    public double credit() {
        return credit;
    }

    /** The lower-case name used in JSON, CSS classes and tables. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
