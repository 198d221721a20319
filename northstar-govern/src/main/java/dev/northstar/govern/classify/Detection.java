package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

/**
 * A class a detector suggests for a column.
 *
 * @param dataClass the class
 * @param confidence from 0 to 1: high when values pass a checksum, medium for a value pattern without a name hint,
 *     low for a name hint alone
 * @param evidence why
 */
public record Detection(DataClass dataClass, double confidence, Evidence evidence) {
    public Detection {
        requireNonNull(dataClass, "dataClass is null");
        requireNonNull(evidence, "evidence is null");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " is not between 0 and 1");
        }
    }

    /** The band of the confidence. */
    public ConfidenceLevel level() {
        return ConfidenceLevel.of(confidence);
    }
}
