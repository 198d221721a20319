package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.classify.Classifications;
import dev.northstar.govern.classify.ListedSuggestion;
import dev.northstar.govern.classify.ScanResult;
import dev.northstar.govern.classify.Suggestion;
import dev.northstar.govern.lineage.ColumnLineage;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classification routes of the governance module: its API routes (declared into the route registry, hence the OpenAPI
 * document) and its console pages. Any signed-in principal may scan and review; the reviewer recorded is the
 * principal's name.
 */
final class ClassificationRoutes {
    static final String CONSOLE = "/console/classification";
    private static final String API = ApiRoutes.PREFIX + "/classification";
    private static final String TAG = "Classification";
    private static final ApiRoute.Parameter ID = ApiRoute.Parameter.path("id", "Suggestion id, cls-<12 hex>");
    private static final String SCANNED = "scanned";
    private static final String REVIEWED = "reviewed";
    private static final Logger LOG = LoggerFactory.getLogger(ClassificationRoutes.class);

    private final Lakehouse lakehouse;
    private final Optional<Classifications> classifications;

    ClassificationRoutes(Lakehouse lakehouse, MetadataStore store, ColumnLineage lineage) {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        requireNonNull(store, "store is null");
        requireNonNull(lineage, "lineage is null");
        this.classifications = store instanceof JdbcMetadataStore jdbc
                ? Optional.of(new Classifications(lakehouse, jdbc.database(), lineage))
                : Optional.empty();
    }

    /** The governance-tab section of a table's catalog entry, when classifications are available. */
    Optional<Html> governanceSection(TableId table) {
        return classifications.map(service -> ClassificationPage.governanceSection(service.effective(table)));
    }

    /** The API routes, added to {@link ApiRoutes}. */
    List<ApiRoute> api() {
        return List.of(
                ApiRoute.post(API + "/scans", "scanTable",
                        "Samples a table (default 1,000 rows, deterministic), runs the PII/PHI detectors on each"
                                + " column and stores their suggestions", TAG,
                        ClassificationBodies.ScanRequest.class, ClassificationBodies.ScanResponse.class,
                        this::scan),
                ApiRoute.get(API + "/suggestions", "listClassificationSuggestions",
                                "Suggestions with confidence, masked evidence, status and the contract's say",
                                TAG, ClassificationBodies.SuggestionList.class, this::list)
                        .withParameter(ApiRoute.Parameter.query("status", "string",
                                "Only suggestions in this status: pending, accepted or rejected"))
                        .withParameter(ApiRoute.Parameter.query("table", "string",
                                "Only suggestions of this table, domain.table")),
                ApiRoute.get(API + "/suggestions/{id}", "describeClassificationSuggestion",
                                "One suggestion", TAG, ClassificationBodies.SuggestionBody.class, this::describe)
                        .withParameter(ID),
                ApiRoute.post(API + "/suggestions/{id}/accept", "acceptClassificationSuggestion",
                                "Accepts a suggestion: its class becomes a tag of the column", TAG,
                                ClassificationBodies.ReviewRequest.class, ClassificationBodies.SuggestionBody.class,
                                ctx -> review(ctx, Suggestion.Status.ACCEPTED))
                        .withParameter(ID),
                ApiRoute.post(API + "/suggestions/{id}/reject", "rejectClassificationSuggestion",
                                "Rejects a suggestion: later scans leave it rejected unless its evidence gets"
                                        + " materially stronger", TAG, ClassificationBodies.ReviewRequest.class,
                                ClassificationBodies.SuggestionBody.class,
                                ctx -> review(ctx, Suggestion.Status.REJECTED))
                        .withParameter(ID),
                ApiRoute.get(API + "/tables/{domain}/{table}", "tableClassification",
                                "Effective classification of each column: contract, accepted suggestions and"
                                        + " classes propagated along lineage, with evidence and paths", TAG,
                                ClassificationBodies.TableClassificationBody.class, this::effective)
                        .withParameter(ApiRoute.Parameter.path("domain", "Domain (Iceberg namespace)"))
                        .withParameter(ApiRoute.Parameter.path("table", "Table name within the domain")));
    }

    /** Installs the console pages. */
    void console(Javalin app, ConsoleLayout layout) {
        requireNonNull(app, "app is null");
        requireNonNull(layout, "layout is null");
        app.addHttpHandler(HandlerType.GET, CONSOLE, ctx -> layout.render(ctx, "Classification",
                Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE, ClassificationPage.queue(
                        service().suggestions(Optional.empty(), Optional.of(Suggestion.Status.PENDING)),
                        lakehouse.tables(), notice(ctx))), Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, CONSOLE + "/tables/{domain}/{table}", ctx -> {
            TableId table = TableEndpoints.tableId(ctx);
            layout.render(ctx, "Classification of " + table, Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE,
                    ClassificationPage.table(service().effective(table), notice(ctx)));
        }, Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/scan", this::scanForm, Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/suggestions/{id}/accept",
                ctx -> reviewForm(ctx, Suggestion.Status.ACCEPTED), Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/suggestions/{id}/reject",
                ctx -> reviewForm(ctx, Suggestion.Status.REJECTED), Access.CONSOLE);
    }

    private Classifications service() {
        return classifications.orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "Classification needs the JDBC metadata store, which this server was not given",
                "Run the server with its configured catalog database (northstar serve)"));
    }

    // ---- API handlers ---------------------------------------------------------------------------------------------

    private void scan(Context ctx) {
        ClassificationBodies.ScanRequest request = ctx.bodyValidator(ClassificationBodies.ScanRequest.class)
                .check("table", body -> body.table() != null && !body.table().isBlank(), "is required")
                .check("sample_rows", body -> body.sampleRows().map(rows -> rows >= 1
                        && rows <= Classifications.MAX_SAMPLE_ROWS).orElse(true),
                        "must be between 1 and " + Classifications.MAX_SAMPLE_ROWS)
                .get();
        ctx.json(scan(ctx, TableId.parse(request.table()),
                request.sampleRows().orElse(Classifications.DEFAULT_SAMPLE_ROWS)));
    }

    private ClassificationBodies.ScanResponse scan(Context ctx, TableId table, int sampleRows) {
        String principal = Authentication.principal(ctx).name();
        ScanResult result = service().scan(table, sampleRows, principal);
        LOG.info("{} scanned {} for personal data: {} rows sampled, {} suggestions", principal, table,
                result.scan().sampledRows(), result.suggestions().size());
        return ClassificationBodies.ScanResponse.of(result,
                service().suggestions(Optional.of(table), Optional.empty()));
    }

    private void list(Context ctx) {
        Optional<Suggestion.Status> status = Optional.ofNullable(ctx.queryParam("status"))
                .filter(text -> !text.isBlank()).map(Suggestion.Status::parse);
        Optional<TableId> table = Optional.ofNullable(ctx.queryParam("table")).filter(text -> !text.isBlank())
                .map(TableId::parse);
        ctx.json(new ClassificationBodies.SuggestionList(service().suggestions(table, status).stream()
                .map(ClassificationBodies.SuggestionBody::of).toList()));
    }

    private void describe(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(ClassificationBodies.SuggestionBody.of(service().suggestion(id).orElseThrow(() -> notFound(id))));
    }

    private void review(Context ctx, Suggestion.Status decision) {
        ClassificationBodies.ReviewRequest request = ctx.body().isBlank()
                ? new ClassificationBodies.ReviewRequest(Optional.empty())
                : ctx.bodyAsClass(ClassificationBodies.ReviewRequest.class);
        ctx.json(ClassificationBodies.SuggestionBody.of(review(ctx, ctx.pathParam("id"), decision, request.note())));
    }

    private ListedSuggestion review(Context ctx, String id, Suggestion.Status decision, Optional<String> note) {
        String reviewer = Authentication.principal(ctx).name();
        ListedSuggestion reviewed = decision == Suggestion.Status.ACCEPTED
                ? service().accept(id, reviewer, note)
                : service().reject(id, reviewer, note);
        LOG.info("{} {} classification suggestion {} ({} on {}.{})", reviewer,
                ClassificationBodies.status(decision), id, reviewed.suggestion().dataClass().id(),
                reviewed.suggestion().table(), reviewed.suggestion().column());
        return reviewed;
    }

    private void effective(Context ctx) {
        ctx.json(ClassificationBodies.TableClassificationBody.of(service().effective(TableEndpoints.tableId(ctx))));
    }

    private static NorthstarException notFound(String id) {
        return new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No classification suggestion with id '" + id
                + "'", "List the suggestions with GET " + API + "/suggestions");
    }

    // ---- console forms ----------------------------------------------------------------------------------------------

    private void scanForm(Context ctx) {
        String text = Optional.ofNullable(ctx.formParam("table")).orElse("").trim();
        if (text.isEmpty()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "No table was chosen to scan",
                    "Pick a table in the list, then press Scan");
        }
        TableId table = TableId.parse(text);
        String sample = Optional.ofNullable(ctx.formParam("sample")).orElse("").trim();
        int rows;
        try {
            rows = sample.isEmpty() ? Classifications.DEFAULT_SAMPLE_ROWS : Integer.parseInt(sample);
        } catch (NumberFormatException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Sample size '" + sample
                    + "' is not a whole number", "Type a number of rows between 1 and "
                    + Classifications.MAX_SAMPLE_ROWS);
        }
        ClassificationBodies.ScanResponse result = scan(ctx, table, rows);
        ctx.redirect(tablePath(table) + "?" + SCANNED + "=" + result.scan().sampledRows() + "&created="
                + result.created() + "&updated=" + result.updated() + "&reopened=" + result.reopened()
                + "&removed=" + result.removed(), HttpStatus.SEE_OTHER);
    }

    private void reviewForm(Context ctx, Suggestion.Status decision) {
        Optional<String> note = Optional.ofNullable(ctx.formParam("note")).filter(text -> !text.isBlank());
        ListedSuggestion reviewed = review(ctx, ctx.pathParam("id"), decision, note);
        Suggestion suggestion = reviewed.suggestion();
        // Back to the page the form was on: the queue or the table's page, nothing else.
        String back = "table".equals(ctx.formParam("from")) ? tablePath(suggestion.table()) : CONSOLE;
        ctx.redirect(back + "?" + REVIEWED + "=" + URLEncoder.encode(suggestion.id(), StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
    }

    /**
     * What the previous form did, from the redirect's parameters: numbers, or a suggestion id looked up again, so
     * that a crafted link cannot make the page say anything else.
     */
    private Optional<String> notice(Context ctx) {
        String reviewed = ctx.queryParam(REVIEWED);
        if (reviewed != null) {
            return service().suggestion(reviewed).filter(listed -> listed.suggestion().status()
                            != Suggestion.Status.PENDING)
                    .map(listed -> (listed.suggestion().status() == Suggestion.Status.ACCEPTED ? "Accepted "
                            : "Rejected ") + listed.suggestion().dataClass().id() + " on "
                            + listed.suggestion().table() + "." + listed.suggestion().column());
        }
        if (ctx.queryParam(SCANNED) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of("Scanned " + count(ctx, SCANNED) + " rows: " + count(ctx, "created") + " new, "
                    + count(ctx, "updated") + " updated, " + count(ctx, "reopened") + " reopened, "
                    + count(ctx, "removed") + " removed");
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long count(Context ctx, String name) {
        return Long.parseLong(Optional.ofNullable(ctx.queryParam(name)).orElse("0"));
    }

    static String tablePath(TableId table) {
        return CONSOLE + "/tables/" + table.domain() + "/" + table.name();
    }
}
