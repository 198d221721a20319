package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.features.FeatureValues;
import dev.northstar.features.FeatureView;
import dev.northstar.features.FeatureViewStore;
import dev.northstar.features.InMemoryOnlineStore;
import dev.northstar.features.OnlineFeatures;
import dev.northstar.features.OnlineStore;
import dev.northstar.features.RedisOnlineStore;
import dev.northstar.features.StreamSink;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.govern.policy.TableAccess;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature store's routes: the views in force, an entity's feature values now (or as of a time), and
 * {@code POST /api/v1/events/{stream}}, which updates the online store at once and makes the events durable through
 * the {@link StreamSink} (ingested into the views' source table through its contract every few seconds).
 *
 * <p>At start the server registers every view stored with {@code northstar features apply} and loads its online state
 * from the source table. The online store is in-process unless {@value #STORE_SETTING} names a Redis server
 * ({@code redis://host:port}). Reading feature values is a read of the view's source table: the access policy must
 * allow it for the declared purpose, and it is audited.
 */
final class FeatureRoutes implements AutoCloseable {
    /** Setting naming the online store: {@code memory} (default) or {@code redis://host:port}. */
    static final String STORE_SETTING = "features.online-store";
    /** Most events one request may post. */
    static final int MAX_EVENTS = 10_000;

    private static final String API = ApiRoutes.PREFIX + "/features";
    private static final String EVENTS = ApiRoutes.PREFIX + "/events";
    private static final String TAG = "Features";
    private static final Logger LOG = LoggerFactory.getLogger(FeatureRoutes.class);

    private final Lakehouse lakehouse;
    private final Optional<Services> services;
    private final SqlGateway gateway;

    /** What the routes need, with the JDBC metadata store. */
    private record Services(FeatureViewStore views, OnlineFeatures online, OnlineStore store, StreamSink sink) {}

    /** Posted events. */
    record EventBatch(List<Map<String, Object>> events) {}

    /** What a post did. */
    record EventsAccepted(String stream, int accepted, int viewUpdates, List<String> views) {}

    /** A view in force. */
    record ViewSummary(String name, long version, List<String> entities, String source, Optional<String> stream,
            String ttl, List<String> features) {}

    /** The views in force. */
    record ViewList(List<ViewSummary> views) {}

    FeatureRoutes(Lakehouse lakehouse, MetadataStore store, SqlGateway gateway, IngestSettings ingestSettings) {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.services = store instanceof JdbcMetadataStore jdbc
                ? Optional.of(start(lakehouse, jdbc, ingestSettings)) : Optional.empty();
    }

    private static Services start(Lakehouse lake, JdbcMetadataStore store, IngestSettings ingestSettings) {
        String kind = Settings.load(lake.config().home()).value(STORE_SETTING).orElse("memory").trim();
        OnlineStore online;
        if (kind.equals("memory")) {
            online = new InMemoryOnlineStore();
        } else if (kind.startsWith("redis://")) {
            URI uri = URI.create(kind);
            online = RedisOnlineStore.connect(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        } else {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "Unknown online store '" + kind + "' ("
                    + STORE_SETTING + ")", "Use memory or redis://host:port");
        }
        OnlineFeatures features = new OnlineFeatures(lake, online, Clock.systemUTC(), Duration.ZERO);
        FeatureViewStore views = new FeatureViewStore(store.database());
        for (FeatureViewStore.StoredView stored : views.list()) {
            features.register(stored.view());
            try {
                long loaded = features.load(stored.view().name());
                LOG.info("Feature view {}: {} recent events loaded into the online store", stored.view().name(),
                        loaded);
            } catch (NorthstarException e) {
                LOG.warn("Feature view {} serves no history: {}", stored.view().name(), e.getMessage());
            }
        }
        StreamSink sink = new StreamSink(lake, store, ingestSettings, lake.config().home().resolve("streams"),
                Duration.ofSeconds(5));
        return new Services(views, features, online, sink);
    }

    private Services services() {
        return services.orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "The feature store needs the JDBC metadata store, which this server was not given",
                "Run the server with its configured catalog database (northstar serve)"));
    }

    /** The online side, for scoring. */
    Optional<OnlineFeatures> online() {
        return services.map(Services::online);
    }

    /** The API routes. */
    List<ApiRoute> api() {
        ApiRoute.Parameter view = ApiRoute.Parameter.path("view", "Feature view name");
        return List.of(
                ApiRoute.get(API + "/views", "listFeatureViews", "The feature views in force", TAG, ViewList.class,
                        this::views),
                ApiRoute.get(API + "/views/{view}/values", "featureValues", "An entity's feature values now, or as"
                                + " of a time (events strictly before it); a read of the view's source table", TAG,
                        FeatureValues.class, this::values)
                        .withParameter(view)
                        .withParameter(ApiRoute.Parameter.query("key", "string", "Entity key value, one per entity"
                                + " column in order (repeatable)"))
                        .withParameter(ApiRoute.Parameter.query("at", "string", "ISO-8601 instant (default now)"))
                        .withParameter(ApiRoute.Parameter.query("purpose", "string", "The purpose of the read")),
                ApiRoute.post(EVENTS + "/{stream}", "postEvents", "Posts events to a stream: every view reading"
                                + " it is updated at once; the events are ingested into the source table through its"
                                + " contract within seconds. Role producer or admin", TAG, EventBatch.class,
                        EventsAccepted.class, this::events)
                        .withParameter(ApiRoute.Parameter.path("stream", "Stream name")));
    }

    private void views(Context ctx) {
        List<ViewSummary> views = new ArrayList<>();
        for (FeatureViewStore.StoredView stored : services().views().list()) {
            FeatureView view = stored.view();
            views.add(new ViewSummary(view.name(), stored.version(), view.entities(), view.source().toString(),
                    view.stream(), view.ttl().toString(), view.featureNames()));
        }
        ctx.json(new ViewList(views));
    }

    private void values(Context ctx) {
        Instant at;
        try {
            at = Optional.ofNullable(ctx.queryParam("at")).map(Instant::parse).orElseGet(Instant::now);
        } catch (DateTimeParseException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Query parameter 'at' is not an ISO-8601"
                    + " instant: '" + ctx.queryParam("at") + "'", "Write e.g. 2026-11-22T10:15:30Z");
        }
        ctx.json(lookup(ctx, ctx.pathParam("view"), ctx.queryParams("key"),
                GovernedReads.purpose(ctx.queryParam("purpose")), at));
    }

    /** The views in force, with their stored versions (the console's Features page). */
    List<FeatureViewStore.StoredView> storedViews() {
        return services().views().list();
    }

    /**
     * An entity's feature values as the request's principal: a read of the view's source table, allowed by the access
     * policy for the purpose and audited (the API route and the console both read through here).
     */
    FeatureValues lookup(Context ctx, String name, List<String> key, Optional<String> purpose, Instant at) {
        Services services = services();
        FeatureView view = services.views().get(name).view();
        Principal principal = Authentication.principal(ctx);
        TableId source = view.source();
        TableAccess access = gateway.policy().access(principal, purpose, source,
                lakehouse.describe(source).columns().stream().map(column -> column.name()).toList());
        if (!access.allowed()) {
            NorthstarException denied = new NorthstarException(ErrorCode.FORBIDDEN, principal.name()
                    + " may not read the features of " + name + ": they aggregate " + source + " (" + String.join(
                    "; ", access.reasons()) + ")", "Declare a purpose the contract of " + source + " allows, or ask"
                    + " for access");
            AuditTrail.failed(ctx, "features", purpose, null, List.of(source.toString()), denied);
            throw denied;
        }
        FeatureValues values = services.online().get(name, key, at);
        AuditTrail.rows(ctx, "features", purpose, List.of(source.toString()), 1);
        return values;
    }

    private void events(Context ctx) {
        Services services = services();
        String stream = ctx.pathParam("stream");
        EventBatch batch = ctx.bodyValidator(EventBatch.class)
                .check("events", body -> body.events() != null && !body.events().isEmpty(), "is required")
                .check("events", body -> body.events() == null || body.events().size() <= MAX_EVENTS,
                        "must hold at most " + MAX_EVENTS + " events")
                .get();
        Set<TableId> sources = new LinkedHashSet<>();
        List<String> views = new ArrayList<>();
        for (FeatureView view : services.online().views()) {
            if (view.stream().filter(stream::equals).isPresent()) {
                sources.add(view.source());
                views.add(view.name());
            }
        }
        if (views.isEmpty()) {
            throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No feature view reads the stream '" + stream
                    + "'", "Declare it as a view's source.stream and apply the view with northstar features apply");
        }
        int updates = services.online().events(stream, batch.events());
        for (TableId source : sources) {
            services.sink().accept(source, batch.events());
        }
        ctx.status(HttpStatus.ACCEPTED).json(new EventsAccepted(stream, batch.events().size(), updates, views));
    }

    /** Ingests what the sink holds, then releases the online store. */
    @Override
    public void close() {
        services.ifPresent(running -> {
            running.sink().close();
            running.online().close();
            try {
                running.store().close();
            } catch (Exception e) {
                LOG.warn("Could not close the online store", e);
            }
        });
    }
}
