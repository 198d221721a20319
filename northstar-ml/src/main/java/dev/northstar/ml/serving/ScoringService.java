package dev.northstar.ml.serving;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.features.OnlineFeatures;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelVersion;
import dev.northstar.ml.metrics.Drift;
import dev.northstar.ml.metrics.DriftReport;
import dev.northstar.ml.scoring.Explanation;
import dev.northstar.ml.scoring.TreeEnsemble;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores requests with a model's champion: inputs from the request's fields and the online feature store as of now,
 * the pure-Java {@link TreeEnsemble}, the version's cost-based threshold and the top-3 TreeSHAP reasons.
 *
 * <p>The hot path reads no database: each model's champion and challenger (parsed ensembles and input plans) are
 * cached and a background thread re-reads the aliases every {@link ScoringSettings#championRefresh()}, so a newly
 * promoted champion serves within about a second. Each answer is queued for the {@link PredictionLog}, whose thread
 * appends batches to {@code ml.predictions} and scores the challenger there in shadow. A configurable, deterministic
 * share of requests (by hash of the request id) is decided by the challenger instead (canary); the champion then runs
 * in shadow. Thread-safe.
 */
public final class ScoringService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reasons given with each score. */
    public static final int REASONS = 3;
    /** Answers kept for {@link #recent(int)}. */
    public static final int RECENT = 256;

    private final Lakehouse lake;
    private final ModelRegistry registry;
    private final Optional<OnlineFeatures> online;
    private final ScoringSettings settings;
    private final ScoringListener listener;
    private final Clock clock;
    private final PredictionLog log;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Served> loaded = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher;
    private final LongAdder shadowFailures = new LongAdder();
    private final AtomicReferenceArray<Recent> recent = new AtomicReferenceArray<>(RECENT);
    private final AtomicLong answered = new AtomicLong();

    /**
     * An answer kept in memory for the console's live view.
     *
     * @param at when it was scored
     * @param request what was asked (entity keys and fields)
     * @param score the answer
     */
    public record Recent(Instant at, ScoreRequest request, Score score) {
        public Recent {
            requireNonNull(at, "at is null");
            requireNonNull(request, "request is null");
            requireNonNull(score, "score is null");
        }
    }

    /** A version ready to score. */
    private record Served(ModelVersion version, TreeEnsemble ensemble, FeaturePlan plan) {
        double threshold() {
            return version.validation().threshold();
        }
    }

    /** What a model serves: its champion and, when it has one, its challenger. */
    private record Route(Served champion, Optional<Served> challenger) {}

    public ScoringService(Lakehouse lake, ModelRegistry registry, Optional<OnlineFeatures> online,
            ScoringSettings settings) {
        this(lake, registry, online, settings, ScoringListener.NONE, Clock.systemUTC());
    }

    /**
     * @param online the feature store's online side, when models read feature views
     * @param listener told of every request's outcome and latency (metrics)
     * @param clock the time features are read as of
     */
    public ScoringService(Lakehouse lake, ModelRegistry registry, Optional<OnlineFeatures> online,
            ScoringSettings settings, ScoringListener listener, Clock clock) {
        this.lake = requireNonNull(lake, "lake is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.online = requireNonNull(online, "online is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.log = new PredictionLog(lake, settings.predictions(), settings.queueCapacity(), settings.flushInterval());
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "champion-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.championRefresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Scores a request with the model's champion (or, for canary traffic, its challenger).
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} when the model has no champion; {@code INVALID_ARGUMENT}
     *     for a missing entity key, a field that is not a number or a field the model does not read
     */
    public Score score(String model, ScoreRequest request) {
        requireNonNull(model, "model is null");
        requireNonNull(request, "request is null");
        long start = System.nanoTime();
        try {
            Route route = route(model);
            String requestId = request.requestId().orElseGet(ScoringService::newRequestId);
            checkFields(model, route, request);
            Optional<Served> challenger = route.challenger();
            boolean canary = challenger.isPresent() && bucket(requestId) < settings.canaryShare(model);
            Served served = canary ? challenger.get() : route.champion();
            Optional<Served> shadow = canary ? Optional.of(route.champion()) : challenger;
            Instant at = clock.instant();
            float[] row = served.plan().row(request, online, at);
            double score = served.ensemble().score(row);
            Explanation why = served.ensemble().explain(row, REASONS);
            boolean decision = score >= served.threshold();
            long micros = (System.nanoTime() - start) / 1000;
            PredictionRow logged = new PredictionRow(model, served.version().version(), requestId, at,
                    request.entities(), served.plan().features(), row, score, decision, served.threshold(),
                    why.reasons(), micros, false, canary);
            log.offer(() -> rows(logged, shadow, request, at));
            Map<String, Double> features = new LinkedHashMap<>();
            List<String> names = served.plan().features();
            for (int i = 0; i < row.length; i++) {
                features.put(names.get(i), (double) row[i]);
            }
            Score answer = new Score(model, served.version().version(), requestId, score, served.threshold(),
                    decision, why.reasons(), features, canary, micros);
            recent.set((int) (answered.getAndIncrement() % RECENT), new Recent(at, request, answer));
            listener.scored(model, ScoringListener.SCORED, System.nanoTime() - start);
            return answer;
        } catch (NorthstarException e) {
            listener.scored(model, e.code().httpStatus() < 500 ? ScoringListener.REFUSED : ScoringListener.FAILED,
                    System.nanoTime() - start);
            throw e;
        } catch (RuntimeException e) {
            listener.scored(model, ScoringListener.FAILED, System.nanoTime() - start);
            throw e;
        }
    }

    /** On the logging thread: the served row, then the shadow version's row for the same request and time. */
    private List<PredictionRow> rows(PredictionRow served, Optional<Served> shadow, ScoreRequest request,
            Instant at) {
        if (shadow.isEmpty()) {
            return List.of(served);
        }
        Served other = shadow.get();
        try {
            long start = System.nanoTime();
            float[] row = other.plan().row(request, online, at);
            double score = other.ensemble().score(row);
            Explanation why = other.ensemble().explain(row, REASONS);
            PredictionRow shadowRow = new PredictionRow(served.model(), other.version().version(), served.requestId(),
                    at, request.entities(), other.plan().features(), row, score, score >= other.threshold(),
                    other.threshold(), why.reasons(), (System.nanoTime() - start) / 1000, true, served.canary());
            return List.of(served, shadowRow);
        } catch (RuntimeException e) {
            shadowFailures.increment();
            LOG.debug("Shadow scoring of {} failed for request {}", other.version().reference(), served.requestId(), e);
            return List.of(served);
        }
    }

    private static void checkFields(String model, Route route, ScoreRequest request) {
        if (request.fields().isEmpty()) {
            return;
        }
        Set<String> known = new LinkedHashSet<>(route.champion().plan().features());
        route.challenger().ifPresent(challenger -> known.addAll(challenger.plan().features()));
        for (String field : request.fields().keySet()) {
            if (!known.contains(field)) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Model " + model + " reads no field '"
                        + field + "'", "Its inputs are " + route.champion().plan().features() + "; those produced by"
                        + " feature views " + route.champion().plan().views() + " come from the online store");
            }
        }
    }

    /** A share in [0, 1) from the request id, the same for the same id. */
    static double bucket(String requestId) {
        long hash = requestId.hashCode() * 0x9E3779B97F4A7C15L;
        hash ^= hash >>> 32;
        hash *= 0xBF58476D1CE4E5B9L;
        hash ^= hash >>> 29;
        return (hash >>> 11) * 0x1.0p-53;
    }

    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private Route route(String model) {
        Route route = routes.get(model);
        if (route != null) {
            return route;
        }
        // First request of a model: read its aliases now; the refresher keeps them current afterwards.
        route = load(model);
        routes.put(model, route);
        return route;
    }

    private Route load(String model) {
        Map<String, Integer> aliases = registry.aliases(model);
        Integer champion = aliases.get(ModelRegistry.CHAMPION);
        if (champion == null) {
            throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "Model " + model + " has no champion to"
                    + " score with" + (registry.models().contains(model) ? " (aliases: " + aliases + ")"
                    : ": it is not registered"), registry.models().contains(model) ? "Approve a version and promote"
                    + " it: POST /api/v1/models/" + model + "/versions/{version}/promote {\"alias\": \"champion\"}"
                    : "Registered models: " + registry.models());
        }
        Optional<Served> challenger = Optional.ofNullable(aliases.get(ModelRegistry.CHALLENGER))
                .filter(version -> !version.equals(champion))
                .map(version -> served(model, version));
        return new Route(served(model, champion), challenger);
    }

    private Served served(String model, int version) {
        return loaded.computeIfAbsent(model + ":" + version, key -> {
            ModelVersion meta = registry.get(model, version);
            TreeEnsemble ensemble = registry.ensemble(model, version);
            return new Served(meta, ensemble, FeaturePlan.of(model, meta.spec().training().features(), online));
        });
    }

    private void refresh() {
        for (String model : List.copyOf(routes.keySet())) {
            try {
                Route fresh = load(model);
                Route current = routes.get(model);
                if (current == null || current.champion() != fresh.champion()
                        || !current.challenger().equals(fresh.challenger())) {
                    LOG.info("Model {} now serves {}{}", model, fresh.champion().version().reference(),
                            fresh.challenger().map(c -> " with challenger " + c.version().reference()).orElse(""));
                }
                routes.put(model, fresh);
            } catch (RuntimeException e) {
                LOG.warn("Could not refresh the aliases of model {}: serving what was loaded", model, e);
            }
        }
    }

    /**
     * What this service serves for a model now (from its cache): {@code champion} and {@code challenger} versions;
     * empty before the model's first request.
     */
    public Map<String, Integer> serving(String model) {
        Route route = routes.get(model);
        if (route == null) {
            return Map.of();
        }
        Map<String, Integer> serving = new LinkedHashMap<>();
        serving.put(ModelRegistry.CHAMPION, route.champion().version().version());
        route.challenger().ifPresent(challenger -> serving.put(ModelRegistry.CHALLENGER,
                challenger.version().version()));
        return serving;
    }

    /** The version serving a model now, read from the registry (not the cache). */
    public Optional<ModelVersion> champion(String model) {
        return registry.alias(model, ModelRegistry.CHAMPION);
    }

    /**
     * Drift of the champion's latest logged predictions (waiting ones are appended first) against its references.
     *
     * @param rows how many of the latest served (non-shadow) predictions to compare
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} when the model has no champion
     */
    public LiveDrift drift(String model, int rows, Drift.Thresholds thresholds) {
        ModelVersion champion = champion(model).orElseThrow(() -> new NorthstarException(
                ErrorCode.RESOURCE_NOT_FOUND, "Model " + model + " has no champion whose traffic could drift",
                "Promote a version to champion and score with it first"));
        log.flush();
        List<String> features = champion.spec().training().features();
        if (!lake.exists(settings.predictions())) {
            return new LiveDrift(model, champion.version(), 0, new DriftReport(List.of()));
        }
        QueryResult result = lake.query("SELECT features, score FROM " + settings.predictions() + " WHERE model = '"
                + model.replace("'", "''") + "' AND version = " + champion.version() + " AND NOT shadow"
                + " ORDER BY scored_at DESC LIMIT " + Math.max(1, rows), QueryOptions.defaults()
                .withMaxRows(Math.max(1, rows)));
        int count = result.rows().size();
        if (count == 0) {
            return new LiveDrift(model, champion.version(), 0, new DriftReport(List.of()));
        }
        float[] matrix = new float[count * features.size()];
        double[] scores = new double[count];
        for (int r = 0; r < count; r++) {
            List<Object> row = result.rows().get(r);
            JsonNode values = parse((String) row.get(0));
            for (int c = 0; c < features.size(); c++) {
                JsonNode value = values.get(features.get(c));
                matrix[r * features.size() + c] = value == null || !value.isNumber() ? Float.NaN : value.floatValue();
            }
            scores[r] = ((Number) row.get(1)).doubleValue();
        }
        DriftReport report = DriftReport.of(registry.references(model, champion.version()), features, matrix,
                scores, thresholds);
        return new LiveDrift(model, champion.version(), count, report);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_DATA, "A logged prediction holds unreadable features: "
                    + e.getMessage(), "The prediction log was changed outside Northstar", e);
        }
    }

    /**
     * The latest answers, newest first: at most {@code n} and at most {@value #RECENT}. Kept in a ring in memory (one
     * array write per score), so they are lost on restart; {@code ml.predictions} is the record.
     */
    public List<Recent> recent(int n) {
        long end = answered.get();
        int count = (int) Math.min(Math.min(Math.max(0, n), RECENT), end);
        List<Recent> latest = new ArrayList<>(count);
        for (long i = end - 1; i >= end - count; i--) {
            Recent one = recent.get((int) (i % RECENT));
            if (one != null) {
                latest.add(one);
            }
        }
        latest.sort((a, b) -> b.at().compareTo(a.at()));
        return latest;
    }

    /** Appends every prediction waiting to be logged, now. */
    public void flush() {
        log.flush();
    }

    /** Rows appended to the prediction log (served and shadow). */
    public long logged() {
        return log.logged();
    }

    /** Predictions dropped because the log's queue was full. */
    public long dropped() {
        return log.dropped();
    }

    /** Rows lost because their batch could not be appended. */
    public long logFailures() {
        return log.failed();
    }

    /** Shadow scorings that failed (e.g. the challenger reads an entity the request lacks). */
    public long shadowFailures() {
        return shadowFailures.sum();
    }

    /** The settings in force. */
    public ScoringSettings settings() {
        return settings;
    }

    /** Stops refreshing and appends every waiting prediction. */
    @Override
    public void close() {
        refresher.shutdownNow();
        log.close();
    }
}
