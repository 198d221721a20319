package dev.northstar.server;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Least privilege on the administrative routes, checked after authentication and before any handler: changing the
 * catalog (tags, glossary) and classifications needs a steward; data-subject requests and privacy keys (whose pages
 * show subjects' identifiers and rows) need a privacy officer. Administrators pass everywhere. Reading the catalog
 * and classifications stays open to every signed-in principal; data itself is governed by the access policies.
 */
final class RoleGate {
    /** Principals who curate the catalog. */
    static final Set<String> STEWARDS = Set.of("admin", "steward");
    /** Principals who answer data-subject requests. */
    static final Set<String> PRIVACY_OFFICERS = Set.of("admin", "privacy-officer");
    /** Principals (people or services) who post events to streams. */
    static final Set<String> PRODUCERS = Set.of("admin", "producer");
    /** Principals (usually services) who score requests with models. */
    static final Set<String> SCORERS = Set.of("admin", ModelRoutes.SCORER);
    /** Principals who run the CDO's business KPIs. */
    static final Set<String> CDO_OFFICE = Set.of("admin", "cdo");

    /**
     * One gate.
     *
     * @param prefix the route templates it covers (the path and everything below it)
     * @param changesOnly whether reads (GET, HEAD) pass
     * @param roles any one of these roles passes
     * @param action what the principal tries to do, for the message
     * @param exempt route templates under the prefix that decide for themselves
     */
    record Gate(String prefix, boolean changesOnly, Set<String> roles, String action, Set<String> exempt) {
        Gate(String prefix, boolean changesOnly, Set<String> roles, String action) {
            this(prefix, changesOnly, roles, action, Set.of());
        }

        boolean covers(String path, HandlerType method) {
            boolean under = (path.equals(prefix) || path.startsWith(prefix + "/")) && !exempt.contains(path);
            return under && (!changesOnly || method != HandlerType.GET && method != HandlerType.HEAD);
        }
    }

    static final List<Gate> GATES = List.of(
            new Gate(ApiRoutes.PREFIX + "/catalog", true, STEWARDS, "change the catalog"),
            new Gate("/console/catalog", true, STEWARDS, "change the catalog"),
            new Gate(ApiRoutes.PREFIX + "/classification", true, STEWARDS, "scan or decide classifications"),
            new Gate(ClassificationRoutes.CONSOLE, true, STEWARDS, "scan or decide classifications"),
            // Re-identification has its own policy (privacy.reidentifiers) and audits every attempt.
            new Gate(ApiRoutes.PREFIX + "/privacy", false, PRIVACY_OFFICERS, "handle data-subject requests",
                    Set.of(ApiRoutes.PREFIX + "/privacy/reidentify")),
            new Gate(PrivacyRoutes.CONSOLE, false, PRIVACY_OFFICERS, "handle data-subject requests"),
            new Gate(ApiRoutes.PREFIX + "/events", false, PRODUCERS, "post events to streams"),
            new Gate(UseCaseRoutes.API, true, STEWARDS, "change the use-case portfolio"),
            new Gate(ModelRoutes.SCORE, false, SCORERS, "score with models"),
            new Gate(ApiRoutes.PREFIX + "/kpis", true, CDO_OFFICE, "evaluate business KPIs"),
            // Notifications hold recipients' addresses: reading them is the CDO office's too.
            new Gate(CockpitApiRoutes.NOTIFICATIONS, false, CDO_OFFICE, "read or deliver notifications"));

    private RoleGate() {}

    /** Installs the gates; call after the authentication handler so the principal is known. */
    static void install(Javalin app) {
        app.beforeMatched(RoleGate::check);
    }

    private static void check(Context ctx) {
        String path = ctx.endpointHandlerPath();
        for (Gate gate : GATES) {
            if (gate.covers(path, ctx.method())) {
                Principal principal = Authentication.principal(ctx);
                if (principal.roles().stream().noneMatch(gate.roles()::contains)) {
                    throw new NorthstarException(ErrorCode.FORBIDDEN, principal.name() + " may not " + gate.action()
                            + ": it needs one of the roles " + new TreeSet<>(gate.roles()),
                            "Ask an administrator for a token with one of those roles");
                }
            }
        }
    }
}
