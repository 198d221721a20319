package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A data key of the {@link Keystore} as listed: never its material.
 *
 * @param id {@code pseudonymise-v<version>} or {@code subject-<sha256 of the subject>}
 * @param kind what the key is for
 * @param version the pseudonymisation key version (1 for subject keys)
 * @param status active, retired (kept to verify and re-identify older values) or shredded
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param retiredAt when it was retired or superseded, if it was
 * @param shreddedAt when its material was destroyed, if it was
 */
public record KeyInfo(String id, Kind kind, long version, Status status, Instant createdAt, String createdBy,
        Optional<Instant> retiredAt, Optional<Instant> shreddedAt) {
    /** What a data key is for. */
    public enum Kind {
        /** HMAC-SHA256 key of keyed pseudonyms. */
        PSEUDONYMISE,
        /** AES-256 key of one data subject's encrypted values; shredding it crypto-shreds the subject. */
        SUBJECT
    }

    /** The life of a data key. */
    public enum Status { ACTIVE, RETIRED, SHREDDED }

    public KeyInfo {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(status, "status is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(retiredAt, "retiredAt is null");
        requireNonNull(shreddedAt, "shreddedAt is null");
    }
}
