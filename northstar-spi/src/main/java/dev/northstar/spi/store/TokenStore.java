package dev.northstar.spi.store;

import dev.northstar.spi.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * API tokens, hashed at rest.
 */
public interface TokenStore {
    /**
     * Creates a token for a principal.
     *
     * @param principal who the token authenticates, with roles and attributes
     * @param timeToLive how long the token is valid, empty for no expiry
     * @return the token and its secret, which is shown once and never stored
     */
    IssuedToken create(Principal principal, Optional<Duration> timeToLive);

    /**
     * Resolves a bearer secret to its principal, if the token exists, is not revoked and has not expired.
     * Records the time of use. Comparison of hashes is constant-time.
     */
    Optional<Principal> authenticate(String secret);

    /** All tokens, newest first, without secrets. */
    List<ApiToken> list();

    /** Revokes a token by id; returns false when no such token exists. */
    boolean revoke(String tokenId);
}
