package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.policy.AccessRequest;
import dev.northstar.govern.policy.AccessRequests;
import dev.northstar.govern.policy.Decision;
import dev.northstar.govern.policy.PolicyEngine;
import dev.northstar.govern.policy.PolicyException;
import dev.northstar.govern.policy.PolicySimulator;
import dev.northstar.govern.policy.PolicyStore;
import dev.northstar.govern.policy.StoredPolicy;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy routes of the governance module: API routes (into the route registry) and console pages. Writing
 * policies and simulating other principals needs the {@code admin} or {@code steward} role; anyone signed in may
 * file an access request; the table's owners (its contract team) or an administrator decide it.
 */
final class PolicyRoutes {
    static final String CONSOLE = "/console/policies";
    private static final String API = ApiRoutes.PREFIX + "/policies";
    private static final String REQUESTS = ApiRoutes.PREFIX + "/access-requests";
    private static final String TAG = "Policies";
    private static final Set<String> STEWARDS = Set.of("admin", "steward");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*([mhd])");
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRoutes.class);

    private final Lakehouse lakehouse;
    private final Optional<Services> services;

    /** The policy services over the JDBC metadata store. */
    private record Services(PolicyStore store, AccessRequests requests, PolicyEngine engine,
            PolicySimulator simulator) {}

    PolicyRoutes(Lakehouse lakehouse, MetadataStore store) {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        requireNonNull(store, "store is null");
        if (store instanceof JdbcMetadataStore jdbc) {
            Optional<ProductRegistry> registry = Optional.of(new ProductRegistry(jdbc.database(), lakehouse));
            PolicyStore policies = new PolicyStore(jdbc.database(), Clock.systemUTC(),
                    PolicyStore.columnsOf(lakehouse));
            policies.installBaseline();
            AccessRequests requests = new AccessRequests(jdbc.database(), registry, Clock.systemUTC());
            PolicyEngine engine = new PolicyEngine(policies, requests, registry, jdbc.database());
            this.services = Optional.of(new Services(policies, requests, engine, new PolicySimulator(lakehouse,
                    engine)));
        } else {
            this.services = Optional.empty();
        }
    }

    /** The policy engine, for the SQL gateway; empty without the JDBC metadata store. */
    Optional<PolicyEngine> engine() {
        return services.map(Services::engine);
    }

    /** The API routes. */
    List<ApiRoute> api() {
        ApiRoute.Parameter name = ApiRoute.Parameter.path("name", "Policy name");
        ApiRoute.Parameter id = ApiRoute.Parameter.path("id", "Access request id, req-<12 hex>");
        return List.of(
                ApiRoute.get(API, "listPolicies", "The access policies in force", TAG, PolicyBodies.PolicyList.class,
                        this::list),
                ApiRoute.post(API, "applyPolicy", "Validates and stores a kind: AccessPolicy YAML document (a new"
                                + " version when its text changed); steward or admin", TAG,
                        PolicyBodies.PolicyText.class, PolicyBodies.Applied.class, this::apply),
                ApiRoute.post(API + "/lint", "lintPolicy", "Validates a policy document without storing it: every"
                                + " problem with its line and column", TAG, PolicyBodies.PolicyText.class,
                        PolicyBodies.LintResult.class, this::lint),
                ApiRoute.get(API + "/{name}", "describePolicy", "One policy: its YAML and history (who changed it"
                        + " when)", TAG, PolicyBodies.PolicyBody.class, this::describe).withParameter(name),
                new ApiRoute(HandlerType.DELETE, API + "/{name}", "deletePolicy", "Deletes a policy (its history is"
                        + " kept); steward or admin", TAG, Access.API, List.of(name), Optional.empty(),
                        "application/json", Optional.of(PolicyBodies.Applied.class), "application/json", this::delete),
                ApiRoute.post(API + "/simulate", "simulatePolicy", "What a principal would see of a table for a"
                                + " purpose, column by column, and why; steward or admin (anyone for themselves)",
                        TAG, PolicyBodies.SimulateRequest.class, PolicyBodies.DecisionBody.class, this::simulate),
                ApiRoute.post(REQUESTS, "createAccessRequest", "Asks the table's owners for temporary access for a"
                                + " purpose, as the calling principal", TAG, PolicyBodies.AccessRequestCreate.class,
                        PolicyBodies.AccessRequestBody.class, this::request),
                ApiRoute.get(REQUESTS, "listAccessRequests", "Access requests, newest first", TAG,
                                PolicyBodies.AccessRequestList.class, this::requests)
                        .withParameter(ApiRoute.Parameter.query("status", "string", "pending, approved or denied")),
                ApiRoute.post(REQUESTS + "/{id}/approve", "approveAccessRequest", "Approves a request: a grant that"
                                + " expires after its duration; an owner of the table or an admin", TAG,
                        PolicyBodies.DecideRequest.class, PolicyBodies.AccessRequestBody.class,
                        ctx -> decide(ctx, true)).withParameter(id),
                ApiRoute.post(REQUESTS + "/{id}/deny", "denyAccessRequest", "Denies a request; an owner of the"
                                + " table or an admin", TAG, PolicyBodies.DecideRequest.class,
                        PolicyBodies.AccessRequestBody.class, ctx -> decide(ctx, false)).withParameter(id));
    }

    private Services services() {
        return services.orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "Access policies need the JDBC metadata store, which this server was not given",
                "Run the server with its configured catalog database (northstar serve)"));
    }

    private static Principal steward(Context ctx, String action) {
        Principal principal = Authentication.principal(ctx);
        if (principal.roles().stream().noneMatch(STEWARDS::contains)) {
            throw new NorthstarException(ErrorCode.FORBIDDEN, principal.name() + " may not " + action
                    + ": it needs the steward or admin role", "Ask a data steward");
        }
        return principal;
    }

    // ---- API handlers ---------------------------------------------------------------------------------------------

    private void list(Context ctx) {
        ctx.json(new PolicyBodies.PolicyList(services().store().list().stream()
                .map(policy -> PolicyBodies.PolicyBody.of(policy, Optional.empty())).toList()));
    }

    private void describe(Context ctx) {
        String name = ctx.pathParam("name");
        StoredPolicy policy = services().store().get(name);
        ctx.json(PolicyBodies.PolicyBody.of(policy, Optional.of(services().store().history(name))));
    }

    private static String yaml(Context ctx) {
        PolicyBodies.PolicyText text = ctx.bodyValidator(PolicyBodies.PolicyText.class)
                .check("yaml", body -> body.yaml() != null && !body.yaml().isBlank(), "is required").get();
        return text.yaml();
    }

    private void apply(Context ctx) {
        Principal by = steward(ctx, "change access policies");
        PolicyStore.Applied applied = services().store().apply(List.of(new PolicyStore.Source("request",
                yaml(ctx))), by.name()).get(0);
        LOG.info("{} applied access policy {} (version {}, changed: {})", by.name(), applied.name(),
                applied.version(), applied.changed());
        ctx.json(new PolicyBodies.Applied(applied.name(), applied.version(), applied.changed()));
    }

    private void lint(Context ctx) {
        var problems = services().store().lint(yaml(ctx), "request");
        ctx.json(new PolicyBodies.LintResult(problems.isEmpty(),
                problems.stream().map(PolicyBodies.ProblemBody::of).toList()));
    }

    private void delete(Context ctx) {
        Principal by = steward(ctx, "change access policies");
        String name = ctx.pathParam("name");
        StoredPolicy policy = services().store().get(name);
        services().store().delete(name, by.name());
        LOG.info("{} deleted access policy {}", by.name(), name);
        ctx.json(new PolicyBodies.Applied(name, policy.version() + 1, true));
    }

    private void simulate(Context ctx) {
        PolicyBodies.SimulateRequest request = ctx.bodyValidator(PolicyBodies.SimulateRequest.class)
                .check("principal", body -> body.principal() != null && !body.principal().isBlank(), "is required")
                .check("table", body -> body.table() != null && !body.table().isBlank(), "is required")
                .get();
        Principal caller = Authentication.principal(ctx);
        Principal subject = new Principal(request.principal(), Set.copyOf(request.roles().orElse(List.of())),
                request.attributes().orElse(Map.of()));
        if (!caller.name().equals(subject.name())) {
            steward(ctx, "simulate another principal's access");
        }
        ctx.json(PolicyBodies.DecisionBody.of(services().simulator().simulate(subject, request.purpose(),
                TableId.parse(request.table()))));
    }

    private void request(Context ctx) {
        PolicyBodies.AccessRequestCreate body = ctx.bodyValidator(PolicyBodies.AccessRequestCreate.class)
                .check("table", value -> value.table() != null && !value.table().isBlank(), "is required")
                .check("duration", value -> value.duration() != null && !value.duration().isBlank(), "is required")
                .get();
        ctx.status(HttpStatus.CREATED).json(PolicyBodies.AccessRequestBody.of(file(Authentication.principal(ctx),
                body.table(), body.purpose(), body.justification(), body.duration())));
    }

    private AccessRequest file(Principal principal, String table, String purpose, String justification,
            String duration) {
        TableId id = TableId.parse(table == null ? "" : table.trim());
        if (!lakehouse.exists(id)) {
            throw new NorthstarException(ErrorCode.TABLE_NOT_FOUND, "Table " + id + " does not exist",
                    "Name an existing table, domain.table");
        }
        AccessRequest request = services().requests().request(principal.name(), id, purpose, justification,
                duration(duration));
        LOG.info("{} requested access to {} for {} ({})", principal.name(), id, request.purpose(), request.id());
        return request;
    }

    static Duration duration(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Duration '" + text + "' is not a duration",
                    "Write e.g. 30m, 8h, 7d or an ISO-8601 duration such as PT8H");
        }
    }

    private void requests(Context ctx) {
        Optional<AccessRequest.Status> status = Optional.ofNullable(ctx.queryParam("status"))
                .filter(text -> !text.isBlank()).map(PolicyRoutes::status);
        ctx.json(new PolicyBodies.AccessRequestList(services().requests().list(status).stream()
                .map(PolicyBodies.AccessRequestBody::of).toList()));
    }

    private static AccessRequest.Status status(String text) {
        try {
            return AccessRequest.Status.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Unknown request status '" + text + "'",
                    "Use pending, approved or denied");
        }
    }

    private void decide(Context ctx, boolean approve) {
        PolicyBodies.DecideRequest body = ctx.body().isBlank() ? new PolicyBodies.DecideRequest(Optional.empty())
                : ctx.bodyAsClass(PolicyBodies.DecideRequest.class);
        ctx.json(PolicyBodies.AccessRequestBody.of(decide(Authentication.principal(ctx), ctx.pathParam("id"),
                approve, body.note())));
    }

    private AccessRequest decide(Principal by, String id, boolean approve, Optional<String> note) {
        AccessRequest decided = approve ? services().requests().approve(id, by, note)
                : services().requests().deny(id, by, note);
        LOG.info("{} {} access request {} ({} on {} for {})", by.name(), approve ? "approved" : "denied", id,
                decided.principal(), decided.table(), decided.purpose());
        return decided;
    }

    // ---- console --------------------------------------------------------------------------------------------------

    /** Installs the console pages. */
    void console(Javalin app, ConsoleLayout layout) {
        requireNonNull(app, "app is null");
        requireNonNull(layout, "layout is null");
        app.addHttpHandler(HandlerType.GET, CONSOLE, ctx -> layout.render(ctx, "Access policies",
                Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE, PolicyPage.overview(services().store().list(),
                        services().requests().list(Optional.empty()), lakehouse.tables(), notice(ctx))),
                Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, CONSOLE + "/edit", ctx -> {
            String name = Optional.ofNullable(ctx.queryParam("name")).orElse("");
            String yaml = name.isBlank() ? PolicyPage.TEMPLATE : services().store().get(name).document().yaml();
            layout.render(ctx, name.isBlank() ? "New access policy" : "Edit " + name,
                    Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE, PolicyPage.editor(yaml, Optional.empty()));
        }, Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/edit", ctx -> save(ctx, layout), Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, CONSOLE + "/simulate", ctx -> simulateForm(ctx, layout), Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, CONSOLE + "/view/{name}", ctx -> {
            String name = ctx.pathParam("name");
            layout.render(ctx, "Policy " + name, Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE,
                    PolicyPage.policy(services().store().get(name), services().store().history(name)));
        }, Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/requests", ctx -> {
            AccessRequest request = file(Authentication.principal(ctx), ctx.formParam("table"),
                    ctx.formParam("purpose"), ctx.formParam("justification"), ctx.formParam("duration"));
            ctx.redirect(CONSOLE + "?requested=" + URLEncoder.encode(request.id(), StandardCharsets.UTF_8),
                    HttpStatus.SEE_OTHER);
        }, Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/requests/{id}/approve", ctx -> decideForm(ctx, true),
                Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/requests/{id}/deny", ctx -> decideForm(ctx, false),
                Access.CONSOLE);
    }

    private void save(Context ctx, ConsoleLayout layout) {
        String yaml = Optional.ofNullable(ctx.formParam("yaml")).orElse("");
        boolean check = "check".equals(ctx.formParam("action"));
        var problems = services().store().lint(yaml, "policy");
        if (check || !problems.isEmpty()) {
            if (!problems.isEmpty()) {
                ctx.status(HttpStatus.BAD_REQUEST);
            }
            layout.render(ctx, "Edit access policy", Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE,
                    PolicyPage.editor(yaml, Optional.of(problems)));
            return;
        }
        Principal by = steward(ctx, "change access policies");
        PolicyStore.Applied applied;
        try {
            applied = services().store().apply(List.of(new PolicyStore.Source("policy", yaml)), by.name()).get(0);
        } catch (PolicyException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            layout.render(ctx, "Edit access policy", Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE,
                    PolicyPage.editor(yaml, Optional.of(e.problems())));
            return;
        }
        LOG.info("{} applied access policy {} (version {}) from the console", by.name(), applied.name(),
                applied.version());
        ctx.redirect(CONSOLE + "/view/" + URLEncoder.encode(applied.name(), StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
    }

    private void simulateForm(Context ctx, ConsoleLayout layout) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String key : List.of("principal", "roles", "attributes", "purpose", "table")) {
            form.put(key, Optional.ofNullable(ctx.queryParam(key)).orElse("").trim());
        }
        Optional<Decision> decision = Optional.empty();
        if (!form.get("principal").isEmpty() && !form.get("table").isEmpty()) {
            Principal caller = Authentication.principal(ctx);
            if (!caller.name().equals(form.get("principal"))) {
                steward(ctx, "simulate another principal's access");
            }
            Set<String> roles = Set.copyOf(words(form.get("roles")));
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String pair : words(form.get("attributes"))) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Invalid attribute '" + pair + "'",
                            "Write attributes as key=value, separated by spaces, e.g. region=EU clearance=internal");
                }
                attributes.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            decision = Optional.of(services().simulator().simulate(new Principal(form.get("principal"), roles,
                    attributes), Optional.of(form.get("purpose")).filter(text -> !text.isEmpty()),
                    TableId.parse(form.get("table"))));
        }
        layout.render(ctx, "Simulate access", Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE,
                PolicyPage.simulator(form, lakehouse.tables(), decision));
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("[\\s,]+"));
    }

    private void decideForm(Context ctx, boolean approve) {
        Optional<String> note = Optional.ofNullable(ctx.formParam("note")).filter(text -> !text.isBlank());
        AccessRequest decided = decide(Authentication.principal(ctx), ctx.pathParam("id"), approve, note);
        ctx.redirect(CONSOLE + "?decided=" + URLEncoder.encode(decided.id(), StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
    }

    /** What the previous form did, looked up again from the id so a crafted link cannot make the page say more. */
    private Optional<String> notice(Context ctx) {
        for (String key : List.of("decided", "requested")) {
            String id = ctx.queryParam(key);
            if (id != null && id.matches("req-[0-9a-f]{12}")) {
                try {
                    AccessRequest request = services().requests().get(id);
                    return Optional.of((key.equals("requested") ? "Requested " : request.status() == AccessRequest
                            .Status.APPROVED ? "Approved " : "Denied ") + request.id() + " (" + request.principal()
                            + " on " + request.table() + " for " + request.purpose() + ")");
                } catch (NorthstarException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
