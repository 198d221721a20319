package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.features.FeatureValues;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.ml.Approval;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelVersion;
import dev.northstar.ml.metrics.Drift;
import dev.northstar.ml.scoring.Reason;
import dev.northstar.ml.serving.ScoringService;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's Features, Models and Serve stages. Every read and action is the signed-in principal's: feature values
 * through the same policy check and audit as the API, approvals and promotions through the registry (whose refusals,
 * four-eyes and gates, are shown on the page), the prediction log through the governed gateway.
 */
final class ConsoleModelRoutes {
    static final String FEATURES = "/console/features";
    static final String SERVE = "/console/serve";
    /** Predictions of the log the alert queue looks at, newest first. */
    static final int ALERT_SCAN = 5_000;
    /** Alerts shown. */
    static final int ALERTS = 50;
    /** Live predictions the drift of each model compares. */
    static final int DRIFT_ROWS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleModelRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelRoutes models;
    private final FeatureRoutes features;
    private final GovernedReads reads;

    ConsoleModelRoutes(ModelRoutes models, FeatureRoutes features, GovernedReads reads) {
        this.models = requireNonNull(models, "models is null");
        this.features = requireNonNull(features, "features is null");
        this.reads = requireNonNull(reads, "reads is null");
    }

    /** Installs the pages. */
    void install(Javalin app, ConsoleLayout layout) {
        app.addHttpHandler(HandlerType.GET, FEATURES, ctx -> features(ctx, layout), Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, ModelPages.CONSOLE, ctx -> layout.render(ctx, "Models",
                Optional.of(ConsoleLayout.Stage.MODELS), ModelPages.CONSOLE, ModelPages.models(modelRows())),
                Access.CONSOLE);
        String version = ModelPages.CONSOLE + "/{name}/versions/{version}";
        app.addHttpHandler(HandlerType.GET, version, ctx -> version(ctx, layout, Optional.ofNullable(
                ctx.queryParam("done")), false), Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, version + "/approve", ctx -> act(ctx, layout, true), Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, version + "/promote", ctx -> act(ctx, layout, false), Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, SERVE, ctx -> serve(ctx, layout), Access.CONSOLE);
    }

    private ModelRegistry registry() {
        return models.registry().orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "The model registry needs the JDBC metadata store, which this server was not given",
                "Run the server with its configured catalog database (northstar serve)"));
    }

    private ScoringService scoring() {
        return models.scoring().orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "Scoring needs the JDBC metadata store, which this server was not given",
                "Run the server with its configured catalog database (northstar serve)"));
    }

    // ---- features -------------------------------------------------------------------------------------------------

    private void features(Context ctx, ConsoleLayout layout) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String name : List.of("view", "key", "purpose")) {
            form.put(name, Optional.ofNullable(ctx.queryParam(name)).orElse("").trim());
        }
        Optional<FeatureValues> values = Optional.empty();
        Optional<String> refusal = Optional.empty();
        if (!form.get("view").isEmpty() && !form.get("key").isEmpty()) {
            try {
                values = Optional.of(features.lookup(ctx, form.get("view"), List.of(form.get("key").split(
                        "\\s*,\\s*")), GovernedReads.purpose(form.get("purpose")), Instant.now()));
            } catch (NorthstarException e) {
                if (e.code().httpStatus() >= 500) {
                    throw e;
                }
                ctx.status(e.code().httpStatus());
                refusal = Optional.of(e.getMessage() + " — " + e.hint());
            }
        }
        layout.render(ctx, "Features", Optional.of(ConsoleLayout.Stage.FEATURES), FEATURES,
                FeaturePages.features(features.storedViews(), form, values, refusal));
    }

    // ---- models ---------------------------------------------------------------------------------------------------

    private List<ModelPages.ModelRow> modelRows() {
        ModelRegistry registry = registry();
        List<ModelPages.ModelRow> rows = new ArrayList<>();
        for (String name : registry.models()) {
            List<ModelVersion> versions = registry.versions(name);
            Map<Integer, List<Approval>> approvals = new LinkedHashMap<>();
            for (ModelVersion version : versions) {
                approvals.put(version.version(), registry.approvals(name, version.version()));
            }
            rows.add(new ModelPages.ModelRow(name, versions.isEmpty() ? ""
                    : versions.get(versions.size() - 1).spec().description(), registry.aliases(name), versions,
                    approvals));
        }
        return rows;
    }

    private void version(Context ctx, ConsoleLayout layout, Optional<String> notice, boolean refused) {
        ModelRegistry registry = registry();
        ModelVersion version = registry.get(ctx.pathParam("name"), versionNumber(ctx));
        layout.render(ctx, version.reference(), Optional.of(ConsoleLayout.Stage.MODELS), ModelPages.CONSOLE,
                ModelPages.version(version, registry.aliases(version.name()),
                        registry.approvals(version.name(), version.version()), notice, refused));
    }

    /** Approves or promotes as the signed-in principal; a refusal is shown on the card with its status. */
    private void act(Context ctx, ConsoleLayout layout, boolean approve) {
        ModelRegistry registry = registry();
        String name = ctx.pathParam("name");
        int number = versionNumber(ctx);
        Principal principal = Authentication.principal(ctx);
        String done;
        try {
            if (approve) {
                registry.approve(name, number, principal, Optional.ofNullable(ctx.formParam("comment")).orElse("")
                        .trim());
                done = "Approved by " + principal.name();
            } else {
                String alias = Optional.ofNullable(ctx.formParam("alias")).orElse("").trim();
                if (alias.isEmpty()) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "No alias to promote to",
                            "Use the Promote to champion or Promote to challenger button");
                }
                registry.promote(name, number, alias, principal);
                done = "Promoted to " + alias + " by " + principal.name();
            }
        } catch (NorthstarException e) {
            if (e.code().httpStatus() >= 500) {
                throw e;
            }
            LOG.info("{} could not {} {} v{} from the console: {}", principal.name(), approve ? "approve"
                    : "promote", name, number, e.getMessage());
            ctx.status(e.code().httpStatus());
            version(ctx, layout, Optional.of(e.getMessage() + " — " + e.hint()), true);
            return;
        }
        ctx.redirect(ModelPages.versionHref(name, number) + "?done=" + URLEncoder.encode(done,
                StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    private static int versionNumber(Context ctx) {
        String text = ctx.pathParam("version");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Version '" + text + "' is not a number",
                    "Versions are numbered 1, 2, 3... (the Models page lists them)");
        }
    }

    // ---- serve ----------------------------------------------------------------------------------------------------

    private void serve(Context ctx, ConsoleLayout layout) {
        Principal principal = Authentication.principal(ctx);
        ScoringService scoring = scoring();
        boolean mayWatch = principal.roles().stream().anyMatch(RoleGate.SCORERS::contains);
        List<ScoringService.Recent> latest = scoring.recent(ScoringService.RECENT);
        Optional<List<ModelBodies.RecentScore>> live = mayWatch
                ? Optional.of(latest.stream().limit(20).map(ModelBodies::recent).toList()) : Optional.empty();
        String purposeText = Optional.ofNullable(ctx.queryParam("purpose")).orElse("").trim();
        Optional<String> purpose = GovernedReads.purpose(purposeText);
        Instant since = Instant.now().minus(Duration.ofHours(24));
        List<ServePages.Alert> alerts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Optional<String> problem = Optional.empty();
        try {
            for (ServePages.Alert alert : logged(ctx, purpose, scoring)) {
                if (!alert.at().isBefore(since) && seen.add(alert.model() + '\u0000' + alert.requestId())) {
                    alerts.add(alert);
                }
            }
        } catch (NorthstarException e) {
            if (e.code().httpStatus() >= 500 && e.code() != ErrorCode.UNAVAILABLE) {
                throw e;
            }
            problem = Optional.of("The prediction log could not be read: " + e.getMessage() + " — " + e.hint());
        }
        // Answers not yet appended to the log: only for those who may see the log (or the live decisions).
        if (problem.isEmpty() || mayWatch) {
            for (ScoringService.Recent recent : latest) {
                if (recent.score().decision() && !recent.at().isBefore(since)
                        && seen.add(recent.score().model() + '\u0000' + recent.score().requestId())) {
                    alerts.add(new ServePages.Alert(recent.at(), recent.score().model(), recent.score().version(),
                            recent.score().requestId(), ServePages.entities(recent.request().entities()),
                            recent.score().score(), ModelBodies.amount(recent), recent.score().reasons()));
                }
            }
        }
        alerts.sort(Comparator.comparingDouble(ServePages.Alert::priority).reversed());
        List<ServePages.ModelDrift> drift = new ArrayList<>();
        ModelRegistry registry = registry();
        for (String model : registry.models()) {
            if (!registry.aliases(model).containsKey(ModelRegistry.CHAMPION)) {
                continue;
            }
            try {
                drift.add(new ServePages.ModelDrift(model, Optional.of(scoring.drift(model, DRIFT_ROWS,
                        Drift.Thresholds.defaults())), Optional.empty()));
            } catch (NorthstarException e) {
                drift.add(new ServePages.ModelDrift(model, Optional.empty(), Optional.of(e.getMessage())));
            }
        }
        layout.render(ctx, "Serve", Optional.of(ConsoleLayout.Stage.SERVE), SERVE, ServePages.serve(live,
                alerts.subList(0, Math.min(ALERTS, alerts.size())), problem, drift, purposeText));
    }

    /** Flagged decisions of the prediction log, read through the governed gateway as the signed-in principal. */
    private List<ServePages.Alert> logged(Context ctx, Optional<String> purpose, ScoringService scoring) {
        String table = scoring.settings().predictions().toString();
        QueryResult result;
        try {
            result = reads.query(ctx, "console", purpose, "SELECT scored_at, model, version, request_id, entities,"
                    + " features, score, reasons FROM " + table + " WHERE decision AND NOT shadow"
                    + " ORDER BY scored_at DESC LIMIT " + ALERT_SCAN, QueryOptions.defaults()
                    .withMaxRows(ALERT_SCAN)).result();
        } catch (NorthstarException e) {
            if (e.code() == ErrorCode.TABLE_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        List<ServePages.Alert> alerts = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            JsonNode entities = parse(row.get(4));
            JsonNode amount = parse(row.get(5)).get("amount");
            List<Reason> reasons = new ArrayList<>();
            for (JsonNode reason : parse(row.get(7))) {
                reasons.add(new Reason(reason.path("feature").asText(), reason.path("value").isNumber()
                        ? reason.path("value").asDouble() : Double.NaN, reason.path("contribution").asDouble()));
            }
            Map<String, Object> keys = new LinkedHashMap<>();
            entities.fields().forEachRemaining(entry -> keys.put(entry.getKey(), entry.getValue().asText()));
            alerts.add(new ServePages.Alert(instant(row.get(0)), String.valueOf(row.get(1)),
                    ((Number) row.get(2)).intValue(), String.valueOf(row.get(3)), ServePages.entities(keys),
                    ((Number) row.get(6)).doubleValue(), amount != null && amount.isNumber()
                    ? Double.valueOf(amount.asDouble()) : null, reasons));
        }
        return alerts;
    }

    private static JsonNode parse(Object json) {
        try {
            return JSON.readTree(json == null ? "{}" : json.toString());
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        } else if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        } else if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        } else if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return Instant.parse(String.valueOf(value));
    }
}
