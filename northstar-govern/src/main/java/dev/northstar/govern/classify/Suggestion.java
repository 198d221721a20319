package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.time.Instant;
import java.util.Optional;

/**
 * A class a scan suggested for a column, and where its review stands.
 *
 * @param id stable id, {@code cls-<12 hex>}
 * @param table the table
 * @param column the column
 * @param dataClass the suggested class
 * @param confidence from 0 to 1
 * @param evidence why (masked examples only)
 * @param status pending until a steward accepts or rejects it
 * @param scannedAt when a scan last found it
 * @param review who accepted or rejected it and when; empty while pending
 * @param note the steward's note, or why a scan reopened a rejected suggestion
 */
public record Suggestion(String id, TableId table, String column, DataClass dataClass, double confidence,
        Evidence evidence, Status status, Instant scannedAt, Optional<Review> review, Optional<String> note) {
    public Suggestion {
        requireNonNull(id, "id is null");
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
        requireNonNull(dataClass, "dataClass is null");
        requireNonNull(evidence, "evidence is null");
        requireNonNull(status, "status is null");
        requireNonNull(scannedAt, "scannedAt is null");
        requireNonNull(review, "review is null");
        requireNonNull(note, "note is null");
    }

    /** The band of the confidence. */
    public ConfidenceLevel level() {
        return ConfidenceLevel.of(confidence);
    }

    /** Where the review of a suggestion stands. */
    public enum Status {
        PENDING,
        ACCEPTED,
        REJECTED;

        /**
         * The status named in any case: {@code pending}, {@code accepted} or {@code rejected}.
         *
         * @throws NorthstarException {@code INVALID_ARGUMENT} for another word
         */
        public static Status parse(String text) {
            for (Status status : values()) {
                if (status.name().equalsIgnoreCase(text.trim())) {
                    return status;
                }
            }
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Unknown suggestion status '" + text + "'",
                    "Use pending, accepted or rejected");
        }
    }

    /**
     * A steward's decision.
     *
     * @param reviewer the principal's name
     * @param at when
     */
    public record Review(String reviewer, Instant at) {
        public Review {
            requireNonNull(reviewer, "reviewer is null");
            requireNonNull(at, "at is null");
        }
    }
}
