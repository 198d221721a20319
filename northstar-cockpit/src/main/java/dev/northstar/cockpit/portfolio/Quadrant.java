package dev.northstar.cockpit.portfolio;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Where a use case falls in the impact × feasibility matrix (scores 1 to 5), and the horizon that goes with it. A score
 * is high at {@value #HIGH} or more:
 *
 * <ul>
 *   <li>{@link #QUICK_WIN}: high impact and high feasibility, delivered in 0–3 months;</li>
 *   <li>{@link #CORE_BET}: high impact, lower feasibility: worth the 3–12 months of work it takes;</li>
 *   <li>{@link #EXPLORATION}: lower impact but feasible: a cheap experiment to learn whether the value is there,
 *       beyond 12 months before it pays;</li>
 *   <li>{@link #BACKLOG}: low impact and low feasibility: kept in the backlog, not started.</li>
 * </ul>
 */
public enum Quadrant {
    QUICK_WIN("T0–T3 months"),
    CORE_BET("T3–T12 months"),
    EXPLORATION("> 12 months"),
    BACKLOG("not scheduled");

    /** The score from which impact or feasibility counts as high. */
    public static final String HIGH = "3.0";
    private static final BigDecimal THRESHOLD = new BigDecimal(HIGH);

    private final String horizon;

    Quadrant(String horizon) {
        this.horizon = horizon;
    }

    /** The quadrant of an impact score and a feasibility score. */
    public static Quadrant of(BigDecimal impact, BigDecimal feasibility) {
        boolean highImpact = impact.compareTo(THRESHOLD) >= 0;
        boolean feasible = feasibility.compareTo(THRESHOLD) >= 0;
        if (highImpact) {
            return feasible ? QUICK_WIN : CORE_BET;
        }
        return feasible ? EXPLORATION : BACKLOG;
    }

    /** The delivery horizon, e.g. {@code T0–T3 months}. */
    public String horizon() {
        return horizon;
    }

    /** The YAML and JSON name, e.g. {@code quick_win}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
