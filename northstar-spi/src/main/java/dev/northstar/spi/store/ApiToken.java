package dev.northstar.spi.store;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.security.Principal;
import java.time.Instant;
import java.util.Optional;

/**
 * What the platform keeps of an API token: never the secret, only its hash (kept by the store, not exposed here).
 *
 * @param id public token id (the prefix of the secret), safe to log
 * @param principal the principal the token authenticates
 * @param createdAt creation time
 * @param expiresAt expiry, empty for tokens that do not expire
 * @param lastUsedAt last successful authentication, empty if never used
 * @param revoked whether the token was revoked
 */
public record ApiToken(
        String id,
        Principal principal,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> lastUsedAt,
        boolean revoked) {
    public ApiToken {
        requireNonNull(id, "id is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(lastUsedAt, "lastUsedAt is null");
    }

    /** Whether the token authenticates at this time: not revoked and not expired (expiry is exclusive). */
    public boolean isValidAt(Instant now) {
        requireNonNull(now, "now is null");
        return !revoked && expiresAt.map(now::isBefore).orElse(true);
    }
}
