package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.cockpit.review.CockpitView;
import dev.northstar.cockpit.Cockpit;
import dev.northstar.cockpit.review.CockpitViews;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Northstar HTTP server: the JSON API under {@code /api/v1} (described by {@code /api/v1/openapi.json}),
 * Prometheus {@code /metrics}, and the web console under {@code /console}.
 *
 * <p>Every request except health, readiness, metrics, the OpenAPI document, the console sign-in page and static
 * assets must carry an API token, as {@code Authorization: Bearer <secret>} or the console's cookie; the token's
 * principal is available to every handler. Every error is an RFC 9457 problem document
 * ({@code application/problem+json}) whose {@code code} is an {@link ErrorCode} name.
 *
 * <p>Data products (the {@code /api/v1/products} routes and the console's Products and Quality pages) are read
 * through the contracts, ingest and quality modules from the metadata store's database, so they need a
 * {@link dev.northstar.lake.store.JdbcMetadataStore}; with any other store those routes answer
 * {@link ErrorCode#UNAVAILABLE}. Contract lint needs no store.
 *
 * <p>The server does not own the lakehouse or the metadata store it is given: closing it stops HTTP only.
 *
 * <pre>{@code
 * try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home));
 *      MetadataStore store = JdbcMetadataStore.open(lake.config());
 *      NorthstarServer server = NorthstarServer.start(ServerConfig.from(settings), lake, store)) {
 *     System.out.println("Console at " + server.baseUrl() + "/console");
 *     server.awaitShutdown();
 * }
 * }</pre>
 */
public final class NorthstarServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NorthstarServer.class);

    private final Javalin app;
    private final RequestMetrics metrics;
    private final String host;
    private final List<AutoCloseable> parts;

    /** How often the server evaluates the business KPIs whose schedule says they are due. */
    static final java.time.Duration BUSINESS_KPI_CHECKS = java.time.Duration.ofMinutes(1);
    /** How often the server evaluates the budgets (raising the alerts of thresholds crossed since). */
    static final java.time.Duration BUDGET_CHECKS = java.time.Duration.ofMinutes(10);
    /** How often the server delivers the notifications due. */
    static final java.time.Duration NOTIFICATION_DELIVERY = java.time.Duration.ofSeconds(30);
    /** How often the server walks the whole audit chain in the background (the cockpit trusts a walk 10 minutes). */
    static final java.time.Duration AUDIT_CHAIN_WALKS = java.time.Duration.ofMinutes(5);
    /** How often the server rolls up the audit log's new reads for the cockpit's usage and cost figures. */
    static final java.time.Duration USAGE_ROLL_UPS = java.time.Duration.ofMinutes(1);

    private NorthstarServer(Javalin app, RequestMetrics metrics, String host, List<AutoCloseable> parts) {
        this.app = app;
        this.metrics = metrics;
        this.host = host;
        this.parts = parts;
    }

    /**
     * Starts serving.
     *
     * @param config host and port ({@code 0} picks a free port, see {@link #port()})
     * @param lakehouse the tables served
     * @param store the metadata store; its tokens authenticate requests, and when it is a
     *     {@link dev.northstar.lake.store.JdbcMetadataStore} its database holds the data products
     * @return the running server
     * @throws NorthstarException with {@link ErrorCode#UNAVAILABLE} when the port cannot be bound
     */
    public static NorthstarServer start(ServerConfig config, Lakehouse lakehouse, MetadataStore store) {
        return start(config, lakehouse, store, IngestSettings.defaults());
    }

    /**
     * Starts serving, ingesting uploads with these settings (lineage endpoint, largest upload).
     *
     * @see #start(ServerConfig, Lakehouse, MetadataStore)
     */
    public static NorthstarServer start(ServerConfig config, Lakehouse lakehouse, MetadataStore store,
            IngestSettings ingestSettings) {
        return start(config, lakehouse, store, ingestSettings, Optional.empty());
    }

    /**
     * Starts serving, with the CDO cockpit (the console's landing page and the monthly review) drawn from
     * {@code cockpit}.
     *
     * @see #start(ServerConfig, Lakehouse, MetadataStore)
     */
    public static NorthstarServer start(ServerConfig config, Lakehouse lakehouse, MetadataStore store,
            IngestSettings ingestSettings, CockpitViews cockpit) {
        return start(config, lakehouse, store, ingestSettings, Optional.of(requireNonNull(cockpit,
                "cockpit is null")));
    }

    private static NorthstarServer start(ServerConfig config, Lakehouse lakehouse, MetadataStore store,
            IngestSettings ingestSettings, Optional<CockpitViews> views) {
        requireNonNull(config, "config is null");
        requireNonNull(ingestSettings, "ingestSettings is null");
        requireNonNull(lakehouse, "lakehouse is null");
        requireNonNull(store, "store is null");
        ObjectMapper mapper = JsonMapping.objectMapper();
        RequestMetrics metrics = new RequestMetrics();
        Authentication authentication = new Authentication(store.tokens());
        ConsoleLayout layout = new ConsoleLayout();
        GovernanceRoutes governance = GovernanceRoutes.of(lakehouse, store);
        governance.privacy().registerMetrics(metrics.registry());
        governance.reads().registerMetrics(metrics.registry());
        FeatureRoutes features = new FeatureRoutes(lakehouse, store, governance.reads().gateway(), ingestSettings);
        ModelRoutes models = new ModelRoutes(lakehouse, store, features.online(), metrics.registry(), mapper,
                governance.reads().gateway());
        List<ApiRoute> more = new java.util.ArrayList<>(features.api());
        more.addAll(models.api());
        Optional<Cockpit> cockpit = store instanceof JdbcMetadataStore jdbc
                ? Optional.of(Cockpit.open(lakehouse, jdbc, governance.reads().gateway(), Clock.systemUTC()))
                : Optional.empty();
        more.addAll(new UseCaseRoutes(cockpit.map(Cockpit::portfolio)).api());
        CockpitRoutes cockpitRoutes = new CockpitRoutes(views.or(() -> cockpit.map(CockpitViews.class::cast))
                .orElse(period -> CockpitView.empty(Clock.systemUTC().instant(), period)), Clock.systemUTC());
        more.addAll(cockpitRoutes.api());
        CockpitApiRoutes cockpitApi = new CockpitApiRoutes(cockpit);
        more.addAll(cockpitApi.api());
        ApiRoutes api = new ApiRoutes(lakehouse, store, metrics, mapper, version(), ingestSettings, governance,
                more);
        Javalin app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.startupWatcherEnabled = false;
            javalin.jsonMapper(new JavalinJackson(mapper, false));
            // Jetty keeps the header lines it has seen on a connection and, by default, matches new ones against them
            // ignoring case: a bearer token differing from an earlier one only in letter case would then be read as
            // the earlier, valid token. Tokens are case-sensitive secrets, so the cache must be too.
            javalin.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            // Client libraries from WebJars (versioned paths, so cached for a year) and the console's own assets.
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/webjars";
                files.directory = "META-INF/resources/webjars";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
                files.roles = Set.of(Access.PUBLIC);
            });
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/dev/northstar/server/static";
                files.location = Location.CLASSPATH;
                files.roles = Set.of(Access.PUBLIC);
            });
            javalin.requestLogger.http(metrics::record);
        });
        app.beforeMatched(authentication::authenticate);
        RoleGate.install(app);
        for (ApiRoute route : api.routes()) {
            app.addHttpHandler(route.method(), route.path(), route.handler(), route.access());
        }
        new ConsoleRoutes(lakehouse, new DataProducts(lakehouse, store, ingestSettings), governance.reads(),
                authentication, layout).install(app);
        governance.console(app, layout);
        new ConsoleModelRoutes(models, features, governance.reads()).install(app, layout);
        cockpitRoutes.install(app, layout);
        new ErrorHandling(mapper, layout).install(app);
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            models.close();
            metrics.close();
            features.close();
            cockpitApi.close();
            throw new NorthstarException(ErrorCode.UNAVAILABLE,
                    "Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(),
                    "Choose another server.port (0 picks a free one) or stop the process using it", e);
        }
        cockpitApi.evaluateBusinessKpisEvery(BUSINESS_KPI_CHECKS);
        cockpitApi.watchBudgetsEvery(BUDGET_CHECKS, NOTIFICATION_DELIVERY);
        cockpitApi.rollUpUsageEvery(USAGE_ROLL_UPS);
        cockpitApi.walkAuditChainEvery(AUDIT_CHAIN_WALKS);
        NorthstarServer server = new NorthstarServer(app, metrics, config.host(), List.of(models, features,
                cockpitApi));
        LOG.info("Northstar server listening on {} (console at {}/console)", server.baseUrl(), server.baseUrl());
        return server;
    }

    /** The port listened on; the chosen one when the configuration said {@code 0}. */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String baseUrl() {
        String shownHost = "0.0.0.0".equals(host) ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port();
    }

    /**
     * The registry behind {@code /metrics}: other modules register their meters here (e.g. rows loaded, query
     * latency) and they are exposed with the HTTP and JVM meters.
     */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /** Blocks until the server is stopped by {@link #close()} from another thread or by JVM shutdown. */
    public void awaitShutdown() throws InterruptedException {
        app.jettyServer().server().join();
    }

    /** Stops serving and waits for requests in flight to finish. */
    @Override
    public void close() {
        app.stop();
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}", part.getClass().getSimpleName(), e);
            }
        }
        metrics.close();
        LOG.info("Northstar server stopped");
    }

    private static String version() {
        try (InputStream in = NorthstarServer.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
