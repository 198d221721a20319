package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.TokenStore;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.security.RouteRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the principal of every request from an API token, before any matched route runs.
 *
 * <p>The token comes from {@code Authorization: Bearer <secret>} or, for the console (and the console's calls to the
 * API), from an HttpOnly, SameSite=Strict cookie. Secrets are never logged; only the principal name is.
 */
final class Authentication {
    /** Name of the console's cookie, holding the token secret. */
    static final String COOKIE = "northstar_token";
    /** Path of the console sign-in page. */
    static final String LOGIN_PATH = "/console/login";

    private static final String PRINCIPAL_ATTRIBUTE = "northstar.principal";
    private static final String BEARER = "Bearer ";

    private final TokenStore tokens;

    Authentication(TokenStore tokens) {
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    /** Before-matched handler: attaches the principal, or rejects the request as its route's {@link Access} says. */
    void authenticate(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() || roles.contains(Access.PUBLIC)) {
            // Public routes still know who calls when a valid token is presented (the sign-in page uses it).
            secret(ctx).flatMap(tokens::authenticate).ifPresent(principal -> attach(ctx, principal));
            return;
        }
        Optional<Principal> principal = secret(ctx).flatMap(tokens::authenticate);
        if (principal.isPresent()) {
            attach(ctx, principal.get());
            return;
        }
        if (roles.contains(Access.CONSOLE)) {
            ctx.redirect(LOGIN_PATH + "?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8),
                    HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        boolean presented = ctx.header("Authorization") != null || ctx.cookie(COOKIE) != null;
        throw new NorthstarException(ErrorCode.UNAUTHENTICATED,
                presented ? "The API token is unknown, revoked or expired" : "This request needs an API token",
                "Send 'Authorization: Bearer <token>'; create a token with: northstar token create --principal NAME"
                        + " --role ROLE");
    }

    private static void attach(Context ctx, Principal principal) {
        ctx.attribute(PRINCIPAL_ATTRIBUTE, principal);
    }

    /** The secret presented by the request: the bearer header wins over the cookie. */
    private static Optional<String> secret(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String secret = header.substring(BEARER.length()).trim();
            return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
        }
        String cookie = ctx.cookie(COOKIE);
        return cookie == null || cookie.isBlank() ? Optional.empty() : Optional.of(cookie);
    }

    /** The principal of an authenticated request. */
    static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL_ATTRIBUTE);
        if (principal == null) {
            throw new NorthstarException(ErrorCode.UNAUTHENTICATED, "This request needs an API token");
        }
        return principal;
    }

    /** The principal of the request, if it presented a valid token. */
    static Optional<Principal> optionalPrincipal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL_ATTRIBUTE));
    }

    /** Checks a secret typed into the sign-in form. */
    Optional<Principal> verify(String secret) {
        return secret == null || secret.isBlank() ? Optional.empty() : tokens.authenticate(secret.trim());
    }

    /** Sets the console cookie: HttpOnly so scripts cannot read it, SameSite=Strict so other sites cannot use it. */
    static void setCookie(Context ctx, String secret) {
        Cookie cookie = new Cookie(COOKIE, secret.trim());
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setSecure("https".equalsIgnoreCase(ctx.scheme()));
        ctx.cookie(cookie);
    }

    /** Clears the console cookie. */
    static void clearCookie(Context ctx) {
        Cookie cookie = new Cookie(COOKIE, "");
        cookie.setPath("/");
        cookie.setMaxAge(0);
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        ctx.cookie(cookie);
    }
}
