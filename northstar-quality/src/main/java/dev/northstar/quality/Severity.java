package dev.northstar.quality;

/** How much a failed check matters: an {@link #ERROR} fails the run ({@code quality check} exits non-zero). */
public enum Severity {
    /** Recorded only. */
    INFO,
    /** Raises an incident, does not fail the run. */
    WARNING,
    /** Raises an incident and fails the run. */
    ERROR
}
