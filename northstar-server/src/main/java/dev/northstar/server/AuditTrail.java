package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.GovernedQuery;
import dev.northstar.lake.QueryResult;
import dev.northstar.spi.error.NorthstarException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends the data reads of requests to the {@link AuditLog}: the query paths (SQL API, console SQL, table previews)
 * call {@link #read} before they answer and {@link #failed} when the read failed or was denied. The append happens
 * inside the handler, before the answer is written: a read the log cannot record fails instead of going unaudited.
 * A before-handler on the reading paths puts the trail on the request, so the endpoints need no new constructor
 * arguments; without a metadata database (in-memory test stores) there is no trail and nothing is recorded.
 */
final class AuditTrail {
    /** The channels of the details: where a read came from. */
    static final String API = "api";
    static final String CONSOLE = "console";
    static final String PREVIEW = "preview";

    private static final String ATTRIBUTE = "northstar.audit.trail";

    /** The paths whose handlers read data; before-handlers on these paths only, so route metrics stay exact. */
    private static final List<String> READING_PATHS = List.of(ApiRoutes.PREFIX + "/sql",
            ApiRoutes.PREFIX + "/tables/{domain}/{table}/preview", "/console/sql", "/console/tables/{domain}/{table}",
            ApiRoutes.PREFIX + "/products/{domain}/{table}/quarantine", "/console/products/{domain}/{table}",
            "/console/products/{domain}/{table}/ingest", ApiRoutes.PREFIX + "/models/{name}/evaluation");

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = requireNonNull(log, "log is null");
    }

    /** Puts this trail on every request of the reading paths. */
    void install(Javalin app) {
        READING_PATHS.forEach(path -> app.before(path, ctx -> ctx.attribute(ATTRIBUTE, this)));
    }

    /** Records a read answered with {@code result}, without a declared purpose. */
    static void read(Context ctx, String channel, String sql, QueryResult result) {
        read(ctx, channel, Optional.empty(), sql, result);
    }

    /** Records a read answered with {@code result}, for the purpose the caller declared. */
    static void read(Context ctx, String channel, Optional<String> purpose, String sql, QueryResult result) {
        AuditTrail trail = ctx.attribute(ATTRIBUTE);
        if (trail != null) {
            trail.log.append(AuditEvent.read(Authentication.principal(ctx).name(), channel, purpose, sql, result));
        }
    }

    /** Records a read the governed gateway answered, with the policy decisions it applied. */
    static void governed(Context ctx, String channel, Optional<String> purpose, String sql, GovernedQuery answer) {
        AuditTrail trail = ctx.attribute(ATTRIBUTE);
        if (trail != null) {
            trail.log.append(AuditEvent.governedRead(Authentication.principal(ctx).name(), channel, purpose, sql,
                    answer));
        }
    }

    /** Records a read that is not SQL (e.g. quarantined rows) of {@code rowCount} rows from {@code resources}. */
    static void rows(Context ctx, String channel, Optional<String> purpose, List<String> resources, long rowCount) {
        AuditTrail trail = ctx.attribute(ATTRIBUTE);
        if (trail != null) {
            trail.log.append(new AuditEvent(Authentication.principal(ctx).name(), AuditEvent.DATA_READ, resources,
                    purpose, AuditEvent.Decision.ALLOWED, Optional.of(rowCount), Map.of("channel", channel)));
        }
    }

    /** Records a read that failed or was denied; the caller then rethrows or renders the failure. */
    static void failed(Context ctx, String channel, String sql, List<String> resources, NorthstarException failure) {
        failed(ctx, channel, Optional.empty(), sql, resources, failure);
    }

    /** Records a read, for a declared purpose, that failed or was denied (a denial names its table or column). */
    static void failed(Context ctx, String channel, Optional<String> purpose, String sql, List<String> resources,
            NorthstarException failure) {
        AuditTrail trail = ctx.attribute(ATTRIBUTE);
        if (trail != null) {
            trail.log.append(AuditEvent.failedRead(Authentication.principal(ctx).name(), channel, purpose, sql,
                    resources, failure));
        }
    }
}
