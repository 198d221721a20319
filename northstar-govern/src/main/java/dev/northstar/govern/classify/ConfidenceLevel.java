package dev.northstar.govern.classify;

/** Bands of confidence, coarse enough to tell whether new evidence is materially stronger. */
public enum ConfidenceLevel {
    /** Below 0.5: a name hint alone. */
    LOW,
    /** 0.5 to 0.8: values match a pattern, no name hint. */
    MEDIUM,
    /** 0.8 and above: a checksum, or a pattern confirmed by the name. */
    HIGH;

    /** The band of a confidence. */
    public static ConfidenceLevel of(double confidence) {
        if (confidence >= 0.8) {
            return HIGH;
        }
        return confidence >= 0.5 ? MEDIUM : LOW;
    }
}
