package dev.northstar.spi.store;

import dev.northstar.spi.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * API tokens, hashed at rest.
 *
 * <p>A secret reads {@code ns_<id>_<random>}: the public token id (safe to log, used to find the token) followed by
 * at least 256 random bits. Only a hash of the secret is stored.
 */
public interface TokenStore {
    /**
     * Creates a token for a principal.
     *
     * @param principal who the token authenticates, with roles and attributes
     * @param timeToLive how long the token is valid, empty for no expiry; must be positive
     * @return the token and its secret, which is shown once and never stored
     * @throws dev.northstar.spi.error.NorthstarException with {@code INVALID_ARGUMENT} if the principal name is
     *     blank or the time to live is not positive
     */
    IssuedToken create(Principal principal, Optional<Duration> timeToLive);

    /**
     * Resolves a bearer secret to its principal, if the token exists, is not revoked and has not expired.
     * Records the time of use (implementations may coarsen it, e.g. to the minute, to spare a write per request).
     * Comparison of hashes is constant-time. A malformed secret is not an error: it authenticates no one.
     *
     * @param secret the secret as presented by the client, without any {@code Bearer } prefix
     * @return the principal, or empty when the secret is unknown, wrong, malformed, revoked or expired
     */
    Optional<Principal> authenticate(String secret);

    /** The token with this public id, revoked and expired ones included, without its secret. */
    Optional<ApiToken> find(String tokenId);

    /** All tokens, newest first, revoked and expired ones included, without secrets. */
    List<ApiToken> list();

    /** Revokes a token by id; returns false when no such token exists. Revoking twice is harmless. */
    boolean revoke(String tokenId);
}
