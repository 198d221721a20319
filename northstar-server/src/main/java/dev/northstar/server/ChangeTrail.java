package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the administrative changes made through the API and the console to the audit log: catalog tags and glossary,
 * classification scans and decisions, access requests and their decisions, uploads ingested into products. Policies,
 * privacy operations and tokens are recorded where they happen (their stores); reads by {@link AuditTrail}.
 *
 * <p>A change is recorded after its handler succeeded (status below 400), as {@code AuditEvent.change} with the route's
 * action, the resources named by its path (tables as {@code domain.table}) and the channel. The change is already
 * made at that point: if the log cannot be written the failure is logged and the request answers 500, so the caller
 * learns the trail is broken.
 */
final class ChangeTrail {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeTrail.class);

    /** A route that changes something, and the audit action it records. */
    record Change(HandlerType method, String path, String action) {}

    private static final String CATALOG = ApiRoutes.PREFIX + "/catalog";
    private static final String CLASSIFICATION = ApiRoutes.PREFIX + "/classification";
    private static final String REQUESTS = ApiRoutes.PREFIX + "/access-requests";

    static final List<Change> CHANGES = List.of(
            new Change(HandlerType.POST, CATALOG + "/tables/{domain}/{table}/tags", "catalog.tag_add"),
            new Change(HandlerType.DELETE, CATALOG + "/tables/{domain}/{table}/tags/{tag}", "catalog.tag_remove"),
            new Change(HandlerType.POST, CATALOG + "/glossary", "catalog.term_define"),
            new Change(HandlerType.PUT, CATALOG + "/glossary/{term}", "catalog.term_update"),
            new Change(HandlerType.DELETE, CATALOG + "/glossary/{term}", "catalog.term_delete"),
            new Change(HandlerType.POST, CATALOG + "/glossary/{term}/links", "catalog.term_link"),
            new Change(HandlerType.DELETE, CATALOG + "/glossary/{term}/links/{domain}/{table}/{column}",
                    "catalog.term_unlink"),
            new Change(HandlerType.POST, "/console/catalog/glossary", "catalog.term_define"),
            new Change(HandlerType.POST, "/console/catalog/glossary/link", "catalog.term_link"),
            new Change(HandlerType.POST, "/console/catalog/{domain}/{table}/tags", "catalog.tag_add"),
            new Change(HandlerType.POST, CLASSIFICATION + "/scans", "classification.scan"),
            new Change(HandlerType.POST, CLASSIFICATION + "/suggestions/{id}/accept", "classification.accept"),
            new Change(HandlerType.POST, CLASSIFICATION + "/suggestions/{id}/reject", "classification.reject"),
            new Change(HandlerType.POST, ClassificationRoutes.CONSOLE + "/scan", "classification.scan"),
            new Change(HandlerType.POST, ClassificationRoutes.CONSOLE + "/suggestions/{id}/accept",
                    "classification.accept"),
            new Change(HandlerType.POST, ClassificationRoutes.CONSOLE + "/suggestions/{id}/reject",
                    "classification.reject"),
            new Change(HandlerType.POST, UseCaseRoutes.API, "usecase.apply"),
            new Change(HandlerType.PUT, UseCaseRoutes.API + "/{id}", "usecase.apply"),
            new Change(HandlerType.DELETE, UseCaseRoutes.API + "/{id}", "usecase.delete"),
            new Change(HandlerType.POST, REQUESTS, "access.request"),
            new Change(HandlerType.POST, REQUESTS + "/{id}/approve", "access.approve"),
            new Change(HandlerType.POST, REQUESTS + "/{id}/deny", "access.deny"),
            new Change(HandlerType.POST, PolicyRoutes.CONSOLE + "/requests", "access.request"),
            new Change(HandlerType.POST, PolicyRoutes.CONSOLE + "/requests/{id}/approve", "access.approve"),
            new Change(HandlerType.POST, PolicyRoutes.CONSOLE + "/requests/{id}/deny", "access.deny"),
            new Change(HandlerType.POST, ApiRoutes.PREFIX + "/products/{domain}/{table}/ingest", "data.ingest"),
            new Change(HandlerType.POST, "/console/products/{domain}/{table}/ingest", "data.ingest"));

    private final AuditLog log;

    ChangeTrail(AuditLog log) {
        this.log = requireNonNull(log, "log is null");
    }

    /** Records the changes of every listed route. */
    void install(Javalin app) {
        for (Change change : CHANGES) {
            app.after(change.path(), ctx -> record(ctx, change));
        }
    }

    private void record(Context ctx, Change change) {
        if (ctx.method() != change.method() || ctx.statusCode() >= 400 || !ctx.endpointHandlerPath()
                .equals(change.path())) {
            return;
        }
        Map<String, String> parameters = ctx.pathParamMap();
        List<String> resources = new ArrayList<>();
        if (parameters.containsKey("domain") && parameters.containsKey("table")) {
            resources.add(parameters.get("domain") + "." + parameters.get("table")
                    + (parameters.containsKey("column") ? "." + parameters.get("column") : ""));
        }
        Map<String, String> details = new TreeMap<>();
        details.put("channel", change.path().startsWith("/console") ? AuditTrail.CONSOLE : AuditTrail.API);
        parameters.forEach((name, value) -> {
            if (!name.equals("domain") && !name.equals("table") && !name.equals("column")) {
                details.put(name, value);
            }
        });
        try {
            log.append(AuditEvent.change(Authentication.principal(ctx).name(), change.action(), resources, details));
        } catch (RuntimeException e) {
            LOG.error("Could not append {} by {} to the audit log", change.action(),
                    Authentication.principal(ctx).name(), e);
            throw e;
        }
    }
}
