package dev.northstar.ingest.plan;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.Locale;

/** What a run does with rows that break the contract (contract custom property {@code northstar.onViolation}). */
public enum OnViolation {
    /** Valid rows go to the product, the others to its quarantine table (the default). */
    QUARANTINE,
    /** Any broken row fails the run: nothing is committed. */
    FAIL,
    /**
     * Every row that can be typed goes to the product; the reasons of rows breaking other rules are recorded in the
     * quarantine table with status {@code warned}. Rows that cannot be typed are quarantined.
     */
    WARN;

    /** Parses {@code quarantine}, {@code fail} or {@code warn} (case-insensitive). */
    public static OnViolation parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "onViolation '" + text + "' is not known",
                    "Use quarantine, fail or warn");
        }
    }
}
