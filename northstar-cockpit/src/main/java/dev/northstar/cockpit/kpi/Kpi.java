package dev.northstar.cockpit.kpi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One KPI of the CDO's dashboard, measured by the platform.
 *
 * @param id stable id, e.g. {@code adoption.active_users}
 * @param category adoption, time_to_value, quality, economics or compliance
 * @param label what it measures, for people
 * @param value the measured value; empty when it is not measured (see {@code notMeasured})
 * @param unit {@code users}, {@code queries/day}, {@code %}, {@code days}, {@code hours}, a currency...
 * @param target the target, if one is set
 * @param status how the value stands against the target
 * @param trend the value over the previous periods, oldest first (empty for a state measured now only)
 * @param evidence where to see what it is computed from (an API or console path)
 * @param detail facts behind the value (e.g. the count of entries checked), empty when none
 * @param notMeasured why there is no value, empty when there is one
 */
public record Kpi(String id, String category, String label, Optional<Double> value, String unit,
        Optional<Target> target, Status status, List<TrendPoint> trend, String evidence, String detail,
        Optional<String> notMeasured) {
    public Kpi {
        requireNonNull(id, "id is null");
        requireNonNull(category, "category is null");
        requireNonNull(label, "label is null");
        requireNonNull(value, "value is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(target, "target is null");
        requireNonNull(status, "status is null");
        trend = List.copyOf(trend);
        requireNonNull(evidence, "evidence is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(notMeasured, "notMeasured is null");
    }

    /** How a value stands against its target. */
    public enum Status {
        ON_TRACK, AT_RISK, OFF_TRACK, NO_TARGET, NOT_MEASURED;

        /** The lower-case label shown, e.g. {@code on track}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** Which way is better. */
    public enum Direction {
        HIGHER_IS_BETTER, LOWER_IS_BETTER
    }

    /**
     * A target value.
     *
     * @param value the target
     * @param direction which way is better
     */
    public record Target(double value, Direction direction) {
        public Target {
            requireNonNull(direction, "direction is null");
        }

        /**
         * On track when the value meets the target; at risk within 10 % of it; off track beyond.
         */
        public Status judge(double measured) {
            boolean met = direction == Direction.HIGHER_IS_BETTER ? measured >= value : measured <= value;
            if (met) {
                return Status.ON_TRACK;
            }
            double tolerance = Math.abs(value) * 0.1;
            boolean near = direction == Direction.HIGHER_IS_BETTER ? measured >= value - tolerance
                    : measured <= value + tolerance;
            return near ? Status.AT_RISK : Status.OFF_TRACK;
        }
    }

    /** A measured KPI. */
    public static Kpi measured(String id, String category, String label, double value, String unit,
            Optional<Target> target, List<TrendPoint> trend, String evidence, String detail) {
        Status status = target.map(goal -> goal.judge(value)).orElse(Status.NO_TARGET);
        return new Kpi(id, category, label, Optional.of(value), unit, target, status, trend, evidence, detail,
                Optional.empty());
    }

    /** A KPI the platform cannot measure yet, and why. */
    public static Kpi notMeasured(String id, String category, String label, String unit, Optional<Target> target,
            String evidence, String reason) {
        return new Kpi(id, category, label, Optional.empty(), unit, target, Status.NOT_MEASURED, List.of(), evidence,
                "", Optional.of(reason));
    }
}
