package dev.northstar.ingest;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.Arrays;
import java.util.Locale;

/** Where a row of a quarantine table stands; stored in {@code _status} as {@link #text()}. */
public enum QuarantineStatus {
    /** Rejected by the contract, not in the product; replay may move it there. */
    QUARANTINED,
    /** Broke only non-blocking rules under {@code onViolation: warn}: kept for the record, also in the product. */
    WARNED,
    /** Passed a later replay and was appended to the product; kept for the record. */
    REPLAYED;

    /** The stored form: lower case, e.g. {@code quarantined}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status stored as {@code text}.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} naming the statuses there are
     */
    public static QuarantineStatus of(String text) {
        for (QuarantineStatus status : values()) {
            if (status.text().equalsIgnoreCase(text.strip())) {
                return status;
            }
        }
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Unknown quarantine status '" + text + "'",
                "Use one of " + Arrays.stream(values()).map(QuarantineStatus::text).toList());
    }
}
