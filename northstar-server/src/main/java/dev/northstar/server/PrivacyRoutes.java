package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.privacy.AccessBundle;
import dev.northstar.govern.privacy.ErasureCertificate;
import dev.northstar.govern.privacy.KeyInfo;
import dev.northstar.govern.privacy.Privacy;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditedPrivacy;
import dev.northstar.govern.privacy.PrivacyRequest;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.store.MetadataStore;
import dev.northstar.govern.privacy.SubjectRequests;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The privacy routes of the governance module: data-subject requests (register, answer access, carry out erasure,
 * certificates, metrics) and the keystore's keys (list, rotate), as API routes and the {@code /console/privacy} page.
 * They need the {@code privacy-officer} or {@code admin} role ({@link RoleGate}); the principal's name is recorded as
 * who answered. Subjects' values are never logged.
 */
final class PrivacyRoutes {
    static final String CONSOLE = "/console/privacy";
    private static final String API = ApiRoutes.PREFIX + "/privacy";
    private static final String TAG = "Privacy";
    private static final ApiRoute.Parameter ID = ApiRoute.Parameter.path("id", "Request id, dsr-<12 hex>");
    private static final String ROTATED = "rotated";
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyRoutes.class);

    private final Optional<Privacy> privacy;

    PrivacyRoutes(Lakehouse lakehouse, MetadataStore store) {
        requireNonNull(lakehouse, "lakehouse is null");
        requireNonNull(store, "store is null");
        this.privacy = store instanceof JdbcMetadataStore jdbc
                ? Optional.of(Privacy.open(lakehouse, jdbc.database(), AuditedPrivacy.of(new AuditLog(jdbc.database()))))
                : Optional.empty();
    }

    /**
     * Exposes the data-subject requests' service level on {@code /metrics}, read from the database at each scrape:
     * {@code northstar_privacy_requests{state="open|overdue|completed"}} and
     * {@code northstar_privacy_response_seconds{statistic="median|max"}}.
     */
    void registerMetrics(MeterRegistry registry) {
        if (privacy.isEmpty()) {
            return;
        }
        SubjectRequests requests = privacy.get().requests();
        Gauge.builder("northstar.privacy.requests", requests, service -> service.metrics().open())
                .tag("state", "open").description("Data-subject requests not yet answered").register(registry);
        Gauge.builder("northstar.privacy.requests", requests, service -> service.metrics().overdue())
                .tag("state", "overdue").description("Open data-subject requests past their legal deadline")
                .register(registry);
        Gauge.builder("northstar.privacy.requests", requests, service -> service.metrics().completed())
                .tag("state", "completed").description("Answered data-subject requests").register(registry);
        TimeGauge.builder("northstar.privacy.response", requests, TimeUnit.MILLISECONDS,
                        service -> service.metrics().medianResponseMillis())
                .tag("statistic", "median").description("Response time of answered data-subject requests")
                .register(registry);
        TimeGauge.builder("northstar.privacy.response", requests, TimeUnit.MILLISECONDS,
                        service -> service.metrics().maximumResponseMillis())
                .tag("statistic", "max").description("Response time of answered data-subject requests")
                .register(registry);
    }

    /** The API routes. */
    List<ApiRoute> api() {
        return List.of(
                ApiRoute.get(API + "/requests", "listPrivacyRequests",
                        "Data-subject requests, most recent first, with their legal deadline and response-time"
                                + " metrics", TAG, PrivacyBodies.RequestList.class, this::list),
                ApiRoute.post(API + "/requests", "receivePrivacyRequest",
                        "Registers an access or erasure request (due in 30 days) without answering it yet", TAG,
                        PrivacyBodies.ReceiveRequest.class, PrivacyBodies.RequestBody.class, this::receive),
                ApiRoute.get(API + "/requests/{id}", "describePrivacyRequest", "One data-subject request", TAG,
                        PrivacyBodies.RequestBody.class, this::describe).withParameter(ID),
                postWithoutBody(API + "/requests/{id}/access", "answerAccessRequest",
                        "Answers a registered access request: every row about the subject across products,"
                                + " quarantine and derived tables", TAG, AccessBundle.class,
                        ctx -> ctx.json(service().requests().answerAccess(ctx.pathParam("id"), principal(ctx))))
                        .withParameter(ID),
                postWithoutBody(API + "/requests/{id}/erase", "carryOutErasureRequest",
                        "Carries out a registered erasure request: deletes the subject's rows everywhere, expires"
                                + " old snapshots, removes orphan files, shreds the subject's key; returns the"
                                + " certificate", TAG, ErasureCertificate.class,
                        ctx -> ctx.json(erase(ctx, ctx.pathParam("id")))).withParameter(ID),
                ApiRoute.get(API + "/requests/{id}/certificate", "erasureCertificate",
                        "The certificate of a completed erasure", TAG, ErasureCertificate.class,
                        ctx -> ctx.json(certificate(ctx.pathParam("id")))).withParameter(ID),
                ApiRoute.post(API + "/access", "accessSubject",
                        "Registers and answers at once an access request: the subject's rows as a JSON bundle", TAG,
                        PrivacyBodies.SubjectRequest.class, AccessBundle.class, ctx -> ctx.json(service().requests()
                                .accessSubject(subject(ctx), principal(ctx)))),
                ApiRoute.post(API + "/erasures", "eraseSubject",
                        "Registers and carries out at once an erasure request; returns the certificate", TAG,
                        PrivacyBodies.SubjectRequest.class, ErasureCertificate.class, ctx -> {
                            PrivacyRequest request = service().requests().receive(PrivacyRequest.Kind.ERASE,
                                    subject(ctx), principal(ctx));
                            ctx.json(erase(ctx, request.id()));
                        }),
                ApiRoute.post(API + "/reidentify", "reidentifyValue",
                        "Decrypts one value stored encrypted, for a principal the re-identification policy allows"
                                + " (setting privacy.reidentifiers); every attempt is audited", TAG,
                        PrivacyBodies.ReidentifyRequest.class, PrivacyBodies.ReidentifyResponse.class,
                        this::reidentify),
                ApiRoute.get(API + "/keys", "listPrivacyKeys",
                        "The keystore's data keys: ids, versions and status, never their material", TAG,
                        PrivacyBodies.KeyList.class, ctx -> ctx.json(new PrivacyBodies.KeyList(service().keystore()
                                .list().stream().map(PrivacyBodies.KeyBody::of).toList()))),
                postWithoutBody(API + "/keys/rotate", "rotatePseudonymisationKey",
                        "Creates a new pseudonymisation key version; the previous one is retired, kept to verify and"
                                + " re-identify older values", TAG, PrivacyBodies.KeyBody.class,
                        ctx -> ctx.json(PrivacyBodies.KeyBody.of(rotate(ctx)))));
    }

    /** A POST route that takes no body (the path names what to act on) and answers JSON. */
    private static ApiRoute postWithoutBody(String path, String operationId, String summary, String tag,
            Class<?> response, io.javalin.http.Handler handler) {
        return new ApiRoute(HandlerType.POST, path, operationId, summary, tag, Access.API, List.of(),
                Optional.empty(), "application/json", Optional.of(response), "application/json", handler);
    }

    /** Installs the console pages. */
    void console(Javalin app, ConsoleLayout layout) {
        requireNonNull(app, "app is null");
        requireNonNull(layout, "layout is null");
        app.addHttpHandler(HandlerType.GET, CONSOLE, ctx -> {
            Privacy service = service();
            layout.render(ctx, "Privacy", Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE, PrivacyPage.overview(
                    service.requests().list(), service.requests().metrics(),
                    service.hasKeystore() ? Optional.of(service.keystore().list()) : Optional.empty(),
                    Instant.now(), notice(ctx)));
        }, Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, CONSOLE + "/requests/{id}", ctx -> layout.render(ctx,
                "Erasure certificate", Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE,
                PrivacyPage.certificate(certificate(ctx.pathParam("id")))), Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/requests", this::requestForm, Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/keys/rotate", ctx -> {
            KeyInfo key = rotate(ctx);
            ctx.redirect(CONSOLE + "?" + ROTATED + "=" + key.version(), HttpStatus.SEE_OTHER);
        }, Access.CONSOLE);
    }

    private Privacy service() {
        return privacy.orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "Privacy requests need the JDBC metadata store, which this server was not given",
                "Run the server with its configured catalog database (northstar serve)"));
    }

    private static String principal(Context ctx) {
        return Authentication.principal(ctx).name();
    }

    private void list(Context ctx) {
        Instant now = Instant.now();
        ctx.json(new PrivacyBodies.RequestList(service().requests().list().stream()
                .map(request -> PrivacyBodies.RequestBody.of(request, now)).toList(),
                service().requests().metrics()));
    }

    private void receive(Context ctx) {
        PrivacyBodies.ReceiveRequest body = ctx.bodyValidator(PrivacyBodies.ReceiveRequest.class)
                .check("kind", request -> request.kind() != null && List.of("access", "erase")
                        .contains(request.kind().toLowerCase(Locale.ROOT)), "must be access or erase")
                .check("subject", request -> request.subject() != null && !request.subject().isBlank(),
                        "is required")
                .get();
        PrivacyRequest request = service().requests().receive(
                PrivacyRequest.Kind.valueOf(body.kind().toUpperCase(Locale.ROOT)), body.subject(), principal(ctx));
        LOG.info("{} registered data-subject request {} ({})", principal(ctx), request.id(), request.kind());
        ctx.json(PrivacyBodies.RequestBody.of(request, Instant.now()));
    }

    private void describe(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(PrivacyBodies.RequestBody.of(service().requests().find(id).orElseThrow(() -> notFound(id)),
                Instant.now()));
    }

    private static String subject(Context ctx) {
        return ctx.bodyValidator(PrivacyBodies.SubjectRequest.class)
                .check("subject", request -> request.subject() != null && !request.subject().isBlank(),
                        "is required")
                .get().subject();
    }

    private ErasureCertificate erase(Context ctx, String id) {
        ErasureCertificate certificate = service().requests().carryOutErasure(id, principal(ctx));
        LOG.info("{} carried out erasure {}: {} tables, {} files removed, verified {}", principal(ctx), id,
                certificate.tables().size(), certificate.filesRemoved().size(), certificate.verified());
        return certificate;
    }

    private ErasureCertificate certificate(String id) {
        return service().requests().certificate(id).orElseThrow(() -> new NorthstarException(
                ErrorCode.RESOURCE_NOT_FOUND, "No erasure certificate for request '" + id + "'",
                "List the requests with GET " + API + "/requests; only completed erasures have a certificate"));
    }

    private void reidentify(Context ctx) {
        PrivacyBodies.ReidentifyRequest body = ctx.bodyValidator(PrivacyBodies.ReidentifyRequest.class)
                .check("table", request -> present(request.table()), "is required")
                .check("column", request -> present(request.column()), "is required")
                .check("subject", request -> present(request.subject()), "is required")
                .check("value", request -> present(request.value()), "is required")
                .check("purpose", request -> present(request.purpose()), "is required")
                .get();
        String clear = service().reidentification().decrypt(principal(ctx), body.purpose(),
                TableId.parse(body.table()), body.column(), body.subject(), body.value());
        LOG.info("{} re-identified a value of {}.{} for purpose '{}'", principal(ctx), body.table(), body.column(),
                body.purpose());
        ctx.json(new PrivacyBodies.ReidentifyResponse(clear));
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private KeyInfo rotate(Context ctx) {
        KeyInfo key = service().keystore().rotate(principal(ctx));
        LOG.info("{} rotated the pseudonymisation key to {}", principal(ctx), key.id());
        return key;
    }

    private static NorthstarException notFound(String id) {
        return new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No data-subject request with id '" + id + "'",
                "List the requests with GET " + API + "/requests");
    }

    private void requestForm(Context ctx) {
        String subject = Optional.ofNullable(ctx.formParam("subject")).orElse("").trim();
        String kind = Optional.ofNullable(ctx.formParam("kind")).orElse("").trim();
        if (subject.isEmpty()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "No subject key was given",
                    "Type the subject key value (e.g. the customer id), then press Run");
        }
        if (kind.equals("access")) {
            AccessBundle bundle = service().requests().accessSubject(subject, principal(ctx));
            ctx.header("Content-Disposition", "attachment; filename=\"" + bundle.requestId() + ".json\"");
            ctx.json(bundle);
            return;
        }
        if (!kind.equals("erase")) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Request kind '" + kind + "' is not known",
                    "Choose access or erase");
        }
        PrivacyRequest request = service().requests().receive(PrivacyRequest.Kind.ERASE, subject, principal(ctx));
        erase(ctx, request.id());
        ctx.redirect(CONSOLE + "/requests/" + URLEncoder.encode(request.id(), StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
    }

    /** What the previous form did, from a number only, so a crafted link cannot make the page say anything else. */
    private static Optional<String> notice(Context ctx) {
        String rotated = ctx.queryParam(ROTATED);
        if (rotated == null) {
            return Optional.empty();
        }
        try {
            return Optional.of("Rotated: pseudonymise-v" + Long.parseLong(rotated) + " is the active key");
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
