package dev.northstar.cockpit.review;

/** How a KPI stands against its target. */
public enum KpiStatus {
    /** Measured and at or beyond its target. */
    ON_TARGET,
    /** Measured, short of its target but within the warning band. */
    AT_RISK,
    /** Measured and short of its target. */
    OFF_TARGET,
    /** Measured, without a target. */
    NO_TARGET,
    /** The platform has nothing to measure it from yet. */
    NOT_MEASURED
}
