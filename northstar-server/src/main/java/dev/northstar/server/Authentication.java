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

    /**
     * Before-matched handler: attaches the principal, or rejects the request as its route's {@link Access} says.
     * Public routes and static files are served without looking at any token, so they cost no store lookup. A route
     * declared without an {@link Access} needs a token: forgetting to say is never an opening.
     */
    void authenticate(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Access.PUBLIC)) {
            return;
        }
        Optional<Principal> principal = resolve(ctx);
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
        String header = ctx.header("Authorization");
        String detail;
        if (header != null && !isBearer(header)) {
            detail = "The Authorization header must read 'Bearer <token>'";
        } else if (header != null || ctx.cookie(COOKIE) != null) {
            detail = "The API token is unknown, revoked or expired";
        } else {
            detail = "This request needs an API token";
        }
        throw new NorthstarException(ErrorCode.UNAUTHENTICATED, detail,
                "Send 'Authorization: Bearer <token>'; create a token with: northstar token create --principal NAME"
                        + " --role ROLE");
    }

    /** The principal of the token the request presents, if it is valid. */
    Optional<Principal> resolve(Context ctx) {
        return secret(ctx).flatMap(tokens::authenticate);
    }

    private static void attach(Context ctx, Principal principal) {
        ctx.attribute(PRINCIPAL_ATTRIBUTE, principal);
    }

    /** The secret presented by the request: the bearer header wins over the cookie. */
    private static Optional<String> secret(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && isBearer(header)) {
            String secret = header.substring(BEARER.length()).trim();
            return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
        }
        String cookie = ctx.cookie(COOKIE);
        return cookie == null || cookie.isBlank() ? Optional.empty() : Optional.of(cookie);
    }

    private static boolean isBearer(String header) {
        return header.regionMatches(true, 0, BEARER, 0, BEARER.length());
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
