package dev.northstar.spi.store;

import static java.util.Objects.requireNonNull;

/**
 * A freshly created token: the only moment the secret exists outside the caller's hands.
 *
 * @param token the stored token description
 * @param secret the bearer secret to give to the user; it is not stored and cannot be shown again
 */
public record IssuedToken(ApiToken token, String secret) {
    public IssuedToken {
        requireNonNull(token, "token is null");
        requireNonNull(secret, "secret is null");
    }

    @Override
    public String toString() {
        return "IssuedToken[id=" + token.id() + ", secret=***]";
    }
}
