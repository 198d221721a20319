package dev.northstar.server;

import io.javalin.security.RouteRole;

/** Who may call a route; {@link Authentication} enforces it before every matched route. */
enum Access implements RouteRole {
    /** Anyone: health, readiness, metrics, the OpenAPI document, the console sign-in page, static assets. */
    PUBLIC,
    /** A principal, by {@code Authorization: Bearer <secret>} or the console cookie; else a 401 problem. */
    API,
    /** A principal, by the console cookie; else a redirect to the sign-in page. */
    CONSOLE
}
