package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.features.OnlineFeatures;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.ml.Approval;
import dev.northstar.ml.ModelCard;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelVersion;
import dev.northstar.ml.metrics.Drift;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.ml.serving.LiveDrift;
import dev.northstar.quality.Incident;
import dev.northstar.quality.IncidentStore;
import dev.northstar.quality.Severity;
import dev.northstar.ml.serving.LiveEvaluation;
import dev.northstar.spi.schema.TableId;
import dev.northstar.ml.serving.Score;
import dev.northstar.ml.serving.ScoreRequest;
import dev.northstar.ml.serving.ScoringListener;
import dev.northstar.ml.serving.ScoringService;
import dev.northstar.ml.serving.ScoringSettings;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The model routes: real-time scoring with a model's champion ({@code POST /api/v1/score/{model}}, role
 * {@value #SCORER} or admin), the registry (models, versions with metrics, fairness, gates and lineage, model cards),
 * approval and promotion as the calling principal (four-eyes is the registry's), and drift of live traffic.
 *
 * <p>Scoring is served by a {@link ScoringService} reading the feature store's online side; predictions are logged to
 * {@code ml.predictions} by its background thread and flushed when the server closes. Meters on {@code /metrics}:
 * {@code northstar.scoring.latency} by model and outcome, {@code northstar.scoring.predictions.logged},
 * {@code northstar.scoring.predictions.dropped} and {@code northstar.scoring.predictions.failed}.
 */
final class ModelRoutes implements AutoCloseable {
    /** The role of services that score. */
    static final String SCORER = "scorer";
    /** Live predictions compared by the drift route unless {@code rows} says otherwise. */
    static final int DEFAULT_DRIFT_ROWS = 10_000;
    /** Most predictions the drift route compares. */
    static final int MAX_DRIFT_ROWS = 200_000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelRoutes.class);

    static final String SCORE = ApiRoutes.PREFIX + "/score";
    private static final String MODELS = ApiRoutes.PREFIX + "/models";
    private static final String VERSION = MODELS + "/{name}/versions/{version}";
    private static final String TAG = "Models";

    private final Optional<Services> services;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();
    private final SqlGateway gateway;

    /** What the routes need, with the JDBC metadata store. */
    private record Services(ModelRegistry registry, ScoringService scoring, IncidentStore incidents) {}

    /** How often every champion's live traffic is checked for drift (and an incident raised or resolved). */
    static final Duration DRIFT_CHECK_EVERY = Duration.ofMinutes(5);

    private final java.util.concurrent.ScheduledExecutorService driftChecks =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "drift-checks");
                thread.setDaemon(true);
                return thread;
            });

    ModelRoutes(Lakehouse lakehouse, MetadataStore store, Optional<OnlineFeatures> online, MeterRegistry meters,
            ObjectMapper mapper, SqlGateway gateway) {
        requireNonNull(lakehouse, "lakehouse is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        requireNonNull(online, "online is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        if (store instanceof JdbcMetadataStore jdbc) {
            ModelRegistry registry = new ModelRegistry(jdbc.database(), new AuditLog(jdbc.database()));
            Settings settings = Settings.load(lakehouse.config().home());
            ScoringSettings scoring = ScoringSettings.from(settings).withCanaryShares(settings, registry.models());
            ScoringService service = new ScoringService(lakehouse, registry, online, scoring, this::record,
                    Clock.systemUTC());
            FunctionCounter.builder("northstar.scoring.predictions.logged", service, ScoringService::logged)
                    .description("Predictions appended to the prediction log (served and shadow)").register(meters);
            FunctionCounter.builder("northstar.scoring.predictions.dropped", service, ScoringService::dropped)
                    .description("Predictions not logged because the log's queue was full").register(meters);
            FunctionCounter.builder("northstar.scoring.predictions.failed", service, ScoringService::logFailures)
                    .description("Predictions lost because their batch could not be appended").register(meters);
            this.services = Optional.of(new Services(registry, service, new IncidentStore(jdbc.database())));
            driftChecks.scheduleWithFixedDelay(this::checkAllDrift, DRIFT_CHECK_EVERY.toMillis(),
                    DRIFT_CHECK_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } else {
            this.services = Optional.empty();
        }
    }

    private Services services() {
        return services.orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "The model registry needs the JDBC metadata store, which this server was not given",
                "Run the server with its configured catalog database (northstar serve)"));
    }

    /** The registry, with the JDBC metadata store. */
    Optional<ModelRegistry> registry() {
        return services.map(Services::registry);
    }

    /** The scoring service, with the JDBC metadata store. */
    Optional<ScoringService> scoring() {
        return services.map(Services::scoring);
    }

    /** Records a scoring's latency; unknown model names share one series so URLs cannot multiply them. */
    private void record(String model, String outcome, long nanos) {
        // Called on every request: one map read per (model, outcome) once its timer exists, no allocation.
        Map<String, Timer> byOutcome = timers.get(model);
        Timer timer = byOutcome == null ? null : byOutcome.get(outcome);
        if (timer == null) {
            String tag = services.map(running -> running.scoring().serving(model).isEmpty() ? "unknown" : model)
                    .orElse("unknown");
            timer = Timer.builder("northstar.scoring.latency")
                    .description("Time to score a request, from the service's view")
                    .tag("model", tag).tag("outcome", outcome)
                    .publishPercentiles(0.5, 0.99, 0.999)
                    .register(meters);
            if (!tag.equals("unknown")) {
                timers.computeIfAbsent(model, key -> new ConcurrentHashMap<>()).put(outcome, timer);
            }
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The API routes. */
    List<ApiRoute> api() {
        ApiRoute.Parameter name = ApiRoute.Parameter.path("name", "Model name");
        ApiRoute.Parameter version = new ApiRoute.Parameter("version", ApiRoute.Parameter.In.PATH, true, "integer",
                "Version number");
        return List.of(
                ApiRoute.get(SCORE + "/recent", "recentScores", "The latest answers of this server, newest first"
                                + " (kept in memory, at most " + ScoringService.RECENT + "): time, model, version,"
                                + " entity keys, score, decision and reasons. Role scorer or admin", TAG,
                                ModelBodies.RecentList.class, this::recent)
                        .withParameter(ApiRoute.Parameter.query("n", "integer", "How many (default 20, at most "
                                + ScoringService.RECENT + ")")),
                ApiRoute.post(SCORE + "/{model}", "score", "Scores a request with the model's champion: features"
                                + " of registered feature views from the online store (keys from entities), the"
                                + " others from fields; answers the score, the decision at the version's cost-based"
                                + " threshold and the top-3 reasons. Role scorer or admin", TAG,
                                ModelBodies.ScoreRequestBody.class, ModelBodies.ScoreBody.class, this::score)
                        .withParameter(ApiRoute.Parameter.path("model", "Model name")),
                ApiRoute.get(MODELS, "listModels", "Registered models with their aliases", TAG,
                        ModelBodies.ModelList.class, this::models),
                ApiRoute.get(MODELS + "/{name}", "describeModel", "A model's versions and aliases, and what this"
                                + " server scores with", TAG, ModelBodies.ModelDetail.class, this::model)
                        .withParameter(name),
                ApiRoute.get(VERSION, "describeModelVersion", "A version's metrics, fairness report, gates,"
                                + " lineage (tables at their snapshots), importance and approvals", TAG,
                                ModelBodies.VersionDetail.class, this::version)
                        .withParameter(name).withParameter(version),
                ApiRoute.get(VERSION + "/card", "modelCard", "The version's model card in Markdown, or HTML with"
                                + " format=html", TAG, String.class, this::card)
                        .withParameter(name).withParameter(version)
                        .withParameter(ApiRoute.Parameter.query("format", "string", "markdown (default) or html"))
                        .withTextResponse("text/markdown; charset=utf-8"),
                ApiRoute.post(VERSION + "/approve", "approveModelVersion", "Approves a version as the calling"
                                + " principal; its trainer cannot (four-eyes, 403)", TAG,
                                ModelBodies.ApproveRequest.class, ModelBodies.ApprovalBody.class, this::approve)
                        .withParameter(name).withParameter(version),
                ApiRoute.post(VERSION + "/promote", "promoteModelVersion", "Points an alias at a version as the"
                                + " calling principal; champion needs every gate passed and another person's"
                                + " approval (403 naming each unmet condition)", TAG,
                                ModelBodies.PromoteRequest.class, ModelBodies.Promotion.class, this::promote)
                        .withParameter(name).withParameter(version),
                ApiRoute.get(MODELS + "/{name}/drift", "modelDrift", "Drift of the champion's latest logged"
                                + " predictions against its training references: PSI and KS per feature and for"
                                + " the score, with alerts", TAG, ModelBodies.DriftAnswer.class, this::drift)
                        .withParameter(name)
                        .withParameter(ApiRoute.Parameter.query("rows", "integer", "Latest predictions compared, 1"
                                + " to " + MAX_DRIFT_ROWS + " (default " + DEFAULT_DRIFT_ROWS + ")")),
                ApiRoute.get(MODELS + "/{name}/evaluation", "modelLiveEvaluation", "How the model did on live"
                                + " traffic once labels arrived: its logged predictions joined with a labels table on"
                                + " the request id, evaluated like the validation set; a governed, audited read",
                        TAG, ModelBodies.LiveEvaluationBody.class, this::evaluation)
                        .withParameter(name)
                        .withParameter(ApiRoute.Parameter.query("labels", "string", "The labels table, domain.table"))
                        .withParameter(ApiRoute.Parameter.query("key", "string", "Its column holding the request"
                                + " id"))
                        .withParameter(ApiRoute.Parameter.query("label", "string", "Its label column"))
                        .withParameter(ApiRoute.Parameter.query("version", "integer", "The version (default: the"
                                + " champion)"))
                        .withParameter(ApiRoute.Parameter.query("purpose", "string", "The purpose of the read")));
    }

    private void evaluation(Context ctx) {
        Services running = services();
        String name = ctx.pathParam("name");
        String labels = Optional.ofNullable(ctx.queryParam("labels")).orElseThrow(() -> new NorthstarException(
                ErrorCode.INVALID_ARGUMENT, "Query parameter 'labels' is required", "e.g. labels=banking.card_transactions"));
        String key = Optional.ofNullable(ctx.queryParam("key")).orElse("");
        String label = Optional.ofNullable(ctx.queryParam("label")).orElse("");
        ModelVersion version = ctx.queryParam("version") != null
                ? running.registry().get(name, ctx.queryParamAsClass("version", Integer.class).get())
                : running.registry().alias(name, ModelRegistry.CHAMPION).orElseThrow(() -> new NorthstarException(
                        ErrorCode.RESOURCE_NOT_FOUND, "Model " + name + " has no champion",
                        "Name a version with ?version=N"));
        Optional<String> purpose = GovernedReads.purpose(ctx.queryParam("purpose"));
        LiveEvaluation live;
        try {
            live = LiveEvaluation.of(gateway, Authentication.principal(ctx), purpose, version,
                    running.scoring().settings().predictions(), TableId.parse(labels), key, label);
        } catch (NorthstarException e) {
            AuditTrail.failed(ctx, "models", purpose, null, List.of(labels), e);
            throw e;
        }
        AuditTrail.governed(ctx, "models", purpose, live.query(), live.read());
        ctx.json(new ModelBodies.LiveEvaluationBody(live.model(), live.version(), live.labelled(),
                live.evaluation().map(evaluation -> ModelBodies.finite(evaluation.rocAuc())).orElse(null),
                live.evaluation().map(evaluation -> ModelBodies.finite(evaluation.prAuc())).orElse(null),
                live.evaluation().map(evaluation -> evaluation.positives()).orElse(0L),
                ModelBodies.finite(version.validation().rocAuc())));
    }

    private void score(Context ctx) {
        Services running = services();
        ModelBodies.ScoreRequestBody body = ctx.bodyAsClass(ModelBodies.ScoreRequestBody.class);
        ScoreRequest request = new ScoreRequest(body.requestId() == null ? Optional.empty() : body.requestId(),
                body.entities() == null ? Map.of() : body.entities(),
                body.fields() == null ? Map.of() : body.fields());
        Score score = running.scoring().score(ctx.pathParam("model"), request);
        List<ModelBodies.ReasonBody> reasons = score.reasons().stream().map(reason -> new ModelBodies.ReasonBody(
                reason.feature(), ModelBodies.finite(reason.value()), reason.contribution())).toList();
        Map<String, Double> features = new LinkedHashMap<>();
        score.features().forEach((feature, value) -> features.put(feature, ModelBodies.finite(value)));
        ctx.json(new ModelBodies.ScoreBody(score.model(), score.version(), score.requestId(), score.score(),
                score.threshold(), score.decision(), reasons, features, score.canary(), score.latencyMicros()));
    }

    private void recent(Context ctx) {
        int n = ctx.queryParamAsClass("n", Integer.class)
                .check(value -> value >= 1 && value <= ScoringService.RECENT, "must be between 1 and "
                        + ScoringService.RECENT)
                .getOrDefault(20);
        ctx.json(new ModelBodies.RecentList(services().scoring().recent(n).stream().map(ModelBodies::recent)
                .toList()));
    }

    private void models(Context ctx) {
        ModelRegistry registry = services().registry();
        List<ModelBodies.ModelSummary> models = new ArrayList<>();
        for (String name : registry.models()) {
            List<ModelVersion> versions = registry.versions(name);
            models.add(new ModelBodies.ModelSummary(name, versions.size(),
                    versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version(), registry.aliases(name)));
        }
        ctx.json(new ModelBodies.ModelList(models));
    }

    private void model(Context ctx) {
        Services running = services();
        String name = ctx.pathParam("name");
        List<ModelVersion> versions = running.registry().versions(name);
        if (versions.isEmpty()) {
            throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "Model " + name + " is not registered",
                    "Registered models: " + running.registry().models());
        }
        List<ModelBodies.VersionSummary> summaries = new ArrayList<>();
        for (ModelVersion version : versions) {
            summaries.add(new ModelBodies.VersionSummary(version.version(), version.trainer(), version.createdAt(),
                    version.gatesPassed(), ModelBodies.finite(version.validation().rocAuc()),
                    version.validation().threshold(), running.registry().approvals(name, version.version()).stream()
                    .map(Approval::approver).toList()));
        }
        ctx.json(new ModelBodies.ModelDetail(name, versions.get(versions.size() - 1).spec().description(),
                running.registry().aliases(name), running.scoring().serving(name), summaries));
    }

    private void version(Context ctx) {
        ModelRegistry registry = services().registry();
        ModelVersion version = registry.get(ctx.pathParam("name"), versionNumber(ctx));
        List<String> aliases = registry.aliases(version.name()).entrySet().stream()
                .filter(alias -> alias.getValue() == version.version()).map(Map.Entry::getKey).toList();
        ctx.json(new ModelBodies.VersionDetail(version.name(), version.version(), version.spec().description(),
                version.trainer(), version.createdAt(), version.spec().training().features(),
                version.spec().training().label(), version.trainingRows(), version.validationRows(),
                version.trainingMillis(), version.modelSha256(), version.gatesPassed(),
                version.gates().stream().map(gate -> new ModelBodies.GateBody(gate.gate(), gate.subject(),
                        gate.limit(), ModelBodies.finite(gate.value()), gate.passed())).toList(),
                version.inputs().stream().map(input -> new ModelBodies.InputBody(input.table().toString(),
                        input.snapshotId(), input.columns())).toList(),
                mapper.valueToTree(version.validation()), mapper.valueToTree(version.fairness()),
                mapper.valueToTree(version.importance()),
                registry.approvals(version.name(), version.version()).stream().map(ModelRoutes::approval).toList(),
                aliases));
    }

    private void card(Context ctx) {
        ModelCard card = ModelCard.of(services().registry(), ctx.pathParam("name"), versionNumber(ctx));
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("markdown");
        switch (format) {
            case "markdown" -> ctx.contentType("text/markdown; charset=utf-8").result(card.markdown());
            case "html" -> ctx.contentType("text/html; charset=utf-8").result(card.html());
            default -> throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Unknown card format '" + format
                    + "'", "Use format=markdown or format=html");
        }
    }

    private void approve(Context ctx) {
        ModelBodies.ApproveRequest body = ctx.body().isBlank() ? new ModelBodies.ApproveRequest(Optional.empty())
                : ctx.bodyAsClass(ModelBodies.ApproveRequest.class);
        Principal principal = Authentication.principal(ctx);
        Approval approval = services().registry().approve(ctx.pathParam("name"), versionNumber(ctx), principal,
                body.comment() == null ? "" : body.comment().orElse(""));
        ctx.json(approval(approval));
    }

    private void promote(Context ctx) {
        ModelBodies.PromoteRequest body = ctx.bodyValidator(ModelBodies.PromoteRequest.class)
                .check("alias", request -> request.alias() != null && !request.alias().isBlank(),
                        "is required (e.g. champion or challenger)")
                .get();
        Principal principal = Authentication.principal(ctx);
        ModelVersion promoted = services().registry().promote(ctx.pathParam("name"), versionNumber(ctx),
                body.alias(), principal);
        ctx.json(new ModelBodies.Promotion(promoted.name(), promoted.version(), body.alias(), principal.name()));
    }

    private void drift(Context ctx) {
        int rows = ctx.queryParamAsClass("rows", Integer.class)
                .check(value -> value >= 1 && value <= MAX_DRIFT_ROWS, "must be between 1 and " + MAX_DRIFT_ROWS)
                .getOrDefault(DEFAULT_DRIFT_ROWS);
        LiveDrift drift = services().scoring().drift(ctx.pathParam("name"), rows, Drift.Thresholds.defaults());
        recordDrift(services(), drift);
        ctx.json(new ModelBodies.DriftAnswer(drift.model(), drift.version(), drift.rows(), drift.report().drifted(),
                drift.report().variables().stream().map(variable -> new ModelBodies.DriftBody(variable.name(),
                        variable.liveCount(), ModelBodies.finite(variable.psi()),
                        ModelBodies.finite(variable.ksStatistic()), ModelBodies.finite(variable.ksPValue()),
                        variable.alerts())).toList()));
    }

    private static int versionNumber(Context ctx) {
        String text = ctx.pathParam("version");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Version '" + text + "' is not a number",
                    "Versions are numbered 1, 2, 3... (GET /api/v1/models/{name} lists them)");
        }
    }

    private static ModelBodies.ApprovalBody approval(Approval approval) {
        return new ModelBodies.ApprovalBody(approval.name(), approval.version(), approval.approver(),
                approval.approvedAt(), approval.comment());
    }

    /** Appends the predictions waiting to be logged. */
    @Override
    public void close() {
        driftChecks.shutdownNow();
        services.ifPresent(running -> running.scoring().close());
    }

    /** Checks every model with a champion (the background check every {@link #DRIFT_CHECK_EVERY}). */
    private void checkAllDrift() {
        services.ifPresent(running -> {
            for (String model : running.registry().models()) {
                try {
                    if (running.registry().alias(model, ModelRegistry.CHAMPION).isPresent()) {
                        recordDrift(running, running.scoring().drift(model, DEFAULT_DRIFT_ROWS,
                                Drift.Thresholds.defaults()));
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Could not check the drift of model {}: {}", model, e.getMessage());
                }
            }
        });
    }

    /**
     * Raises an anomaly incident on the prediction log when the champion's live traffic drifted (one per model, its
     * occurrences counted while it lasts), and resolves it when a later check finds no drift: drift alerts land in the
     * same incident queue as the data-quality ones (`northstar quality incidents`, the console's Quality page).
     */
    private static void recordDrift(Services running, LiveDrift drift) {
        if (drift.rows() == 0) {
            return;
        }
        TableId log = running.scoring().settings().predictions();
        String check = "drift:" + drift.model();
        if (drift.report().drifted()) {
            running.incidents().raise(log, check, Incident.Kind.ANOMALY, Severity.WARNING, "Live traffic of model "
                    + drift.model() + " v" + drift.version() + " drifted from its training data",
                    drift.report().alerts().stream().map(variable -> variable.name() + ": " + String.join("; ",
                            variable.alerts())).collect(java.util.stream.Collectors.joining(" | ")) + " (last "
                            + drift.rows() + " predictions)");
        } else {
            running.incidents().list(Optional.of(log), Optional.empty()).stream()
                    .filter(incident -> incident.checkId().equals(check)
                            && incident.status() != Incident.Status.RESOLVED)
                    .forEach(incident -> running.incidents().resolve(incident.id(), "northstar",
                            Optional.of("No drift in the last " + drift.rows() + " predictions of v"
                                    + drift.version())));
        }
    }
}
