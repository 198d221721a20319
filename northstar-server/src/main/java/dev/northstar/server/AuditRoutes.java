package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditQuery;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The audit routes of the governance module: listing the tamper-evident audit log with filters and verifying its
 * hash chain, in the API and the console ({@code /console/audit}). Also installs the {@link AuditTrail} that the query
 * paths append their reads to. Only auditors and administrators (roles {@code auditor}, {@code admin}) read the log.
 */
final class AuditRoutes {
    /** Roles that may read the audit log. */
    static final Set<String> READER_ROLES = Set.of("auditor", "admin");

    private static final String API = ApiRoutes.PREFIX + "/audit";
    static final String CONSOLE = "/console/audit";
    private static final String TAG = "Audit";

    private final Optional<AuditLog> log;

    AuditRoutes(Lakehouse lakehouse, MetadataStore store) {
        requireNonNull(lakehouse, "lakehouse is null");
        requireNonNull(store, "store is null");
        this.log = store instanceof JdbcMetadataStore jdbc ? Optional.of(new AuditLog(jdbc.database()))
                : Optional.empty();
    }

    /** The API routes. */
    List<ApiRoute> api() {
        return List.of(
                ApiRoute.get(API + "/entries", "listAuditEntries", "Audit log entries, newest first, with filters;"
                                + " for the roles auditor and admin", TAG, AuditBodies.AuditEntryList.class,
                                ctx -> ctx.json(AuditBodies.AuditEntryList.of(log(ctx).list(query(ctx)))))
                        .withParameter(ApiRoute.Parameter.query("principal", "string", "Only this principal"))
                        .withParameter(ApiRoute.Parameter.query("action", "string",
                                "Only this action, e.g. data.read, data.denied, token.create"))
                        .withParameter(ApiRoute.Parameter.query("table", "string",
                                "Only entries on this table (domain.table) or its columns"))
                        .withParameter(ApiRoute.Parameter.query("from", "string",
                                "Only entries at or after this ISO-8601 instant or date (UTC)"))
                        .withParameter(ApiRoute.Parameter.query("to", "string",
                                "Only entries before this ISO-8601 instant or date (UTC)"))
                        .withParameter(ApiRoute.Parameter.query("before", "integer",
                                "Only entries older than this sequence number: next_before of the previous page"))
                        .withParameter(ApiRoute.Parameter.query("limit", "integer", "Entries per page, 1 to "
                                + AuditQuery.MAX_LIMIT + " (default " + AuditQuery.DEFAULT_LIMIT + ")")),
                ApiRoute.get(API + "/verify", "verifyAuditLog", "Walks the hash chain: intact with its head, or the"
                                + " first edited, removed or moved entry; for the roles auditor and admin", TAG,
                                AuditBodies.AuditVerificationBody.class, ctx -> ctx.json(
                                        AuditBodies.AuditVerificationBody.of(log(ctx).verify(anchor(ctx)))))
                        .withParameter(ApiRoute.Parameter.query("anchor", "string",
                                "A head printed earlier (SEQUENCE:HASH): the log must still hold it, which detects a"
                                        + " truncated tail")));
    }

    /** Installs the console page and the audit trail of the query paths. */
    void console(Javalin app, ConsoleLayout layout) {
        requireNonNull(app, "app is null");
        requireNonNull(layout, "layout is null");
        log.ifPresent(audit -> {
            new AuditTrail(audit).install(app);
            new ChangeTrail(audit).install(app);
        });
        app.addHttpHandler(HandlerType.GET, CONSOLE, ctx -> {
            AuditQuery query = query(ctx);
            layout.render(ctx, "Audit log", Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE,
                    AuditPages.log(query, AuditBodies.AuditEntryList.of(log(ctx).list(query)), Optional.empty(),
                            Optional.empty()));
        }, Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, CONSOLE + "/verify", ctx -> {
            AuditLog audit = log(ctx);
            Optional<String> anchor = anchor(ctx);
            AuditQuery query = AuditQuery.latest();
            layout.render(ctx, "Audit log", Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE,
                    AuditPages.log(query, AuditBodies.AuditEntryList.of(audit.list(query)),
                            Optional.of(AuditBodies.AuditVerificationBody.of(audit.verify(anchor))), anchor));
        }, Access.CONSOLE);
    }

    /** The log, for a principal allowed to read it. */
    private AuditLog log(Context ctx) {
        Principal principal = Authentication.principal(ctx);
        if (principal.roles().stream().noneMatch(READER_ROLES::contains)) {
            throw new NorthstarException(ErrorCode.FORBIDDEN, "Principal '" + principal.name()
                    + "' may not read the audit log: it needs the role auditor or admin",
                    "Ask an administrator for a token with the role auditor");
        }
        return log.orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "The audit log needs the JDBC metadata store (SQLite or PostgreSQL)",
                "Configure catalog.jdbc-url"));
    }

    private static Optional<String> anchor(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("anchor")).map(String::trim).filter(text -> !text.isEmpty());
    }

    /** The filters of a request's query parameters. */
    static AuditQuery query(Context ctx) {
        return new AuditQuery(parameter(ctx, "principal"), parameter(ctx, "action"), parameter(ctx, "table"),
                parameter(ctx, "from").map(text -> instant("from", text)),
                parameter(ctx, "to").map(text -> instant("to", text)),
                parameter(ctx, "before").map(text -> number("before", text)),
                parameter(ctx, "limit").map(text -> (int) number("limit", text)).orElse(AuditQuery.DEFAULT_LIMIT));
    }

    private static Optional<String> parameter(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::trim).filter(text -> !text.isEmpty());
    }

    private static long number(String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Query parameter '" + name + "' must be a"
                    + " whole number, got '" + text + "'", "Write e.g. " + name + "=50", e);
        }
    }

    /** An ISO-8601 instant, or a date taken as UTC midnight. */
    static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Query parameter '" + name + "' is not an"
                        + " ISO-8601 instant or date: '" + text + "'", "Write e.g. 2026-11-02T10:15:30Z or 2026-11-02",
                        e);
            }
        }
    }
}
