package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

/**
 * One promotion gate checked against a version.
 *
 * @param gate the gate's key in the spec, e.g. {@code disparate_impact_min}
 * @param subject what was measured: {@code model}, or the protected attribute
 * @param limit the gate's threshold
 * @param value the measured value (NaN when it could not be measured, which fails the gate)
 * @param passed whether the value is on the right side of the limit
 */
public record GateResult(String gate, String subject, double limit, double value, boolean passed) {
    public GateResult {
        requireNonNull(gate, "gate is null");
        requireNonNull(subject, "subject is null");
    }

    static GateResult minimum(String gate, String subject, double limit, double value) {
        return new GateResult(gate, subject, limit, value, !Double.isNaN(value) && value >= limit);
    }

    static GateResult maximum(String gate, String subject, double limit, double value) {
        return new GateResult(gate, subject, limit, value, !Double.isNaN(value) && value <= limit);
    }
}
