package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestStatus;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.TableInfo;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's pages: server-rendered HTML over the same {@link Lakehouse} calls the API makes. Signed-in state is
 * the API token in an HttpOnly, SameSite=Strict cookie, checked on every request like a bearer token.
 */
final class ConsoleRoutes {
    /** Most rows the SQL page shows. */
    static final int MAX_ROWS = 1_000;
    /** Rows of the table page's preview. */
    static final int PREVIEW_ROWS = 50;
    /** Quarantined rows the product page shows. */
    static final int QUARANTINE_ROWS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
    private static final String HOME = "/console";
    private static final String PRODUCTS = "/console/products";
    private static final String LINT = "/console/contracts/lint";
    private static final String QUALITY = "/console/quality";
    private static final String OVERVIEW = "/console/overview";

    private final Lakehouse lakehouse;
    private final Authentication authentication;
    private final ConsoleLayout layout;
    private final TableEndpoints tables;
    private final DataProducts products;
    private final GovernedReads reads;

    ConsoleRoutes(Lakehouse lakehouse, DataProducts products, GovernedReads reads, Authentication authentication,
            ConsoleLayout layout) {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.products = requireNonNull(products, "products is null");
        this.reads = requireNonNull(reads, "reads is null");
        this.authentication = requireNonNull(authentication, "authentication is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.tables = new TableEndpoints(lakehouse, reads);
    }

    void install(Javalin app) {
        app.before(HOME + "/*", ConsoleRoutes::rejectCrossSiteForms);
        app.addHttpHandler(HandlerType.GET, "/", ctx -> ctx.redirect(HOME, HttpStatus.SEE_OTHER), Access.PUBLIC);
        app.addHttpHandler(HandlerType.GET, Authentication.LOGIN_PATH, this::loginForm, Access.PUBLIC);
        app.addHttpHandler(HandlerType.POST, Authentication.LOGIN_PATH, this::login, Access.PUBLIC);
        app.addHttpHandler(HandlerType.POST, "/console/logout", this::logout, Access.PUBLIC);
        app.addHttpHandler(HandlerType.GET, OVERVIEW, this::overview, Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, "/console/tables", this::tableList, Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, "/console/tables/{domain}/{table}", this::table, Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, "/console/sql", this::sqlForm, Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, "/console/sql", this::runSql, Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, PRODUCTS, this::productList, Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, PRODUCTS + "/{domain}/{table}", this::product, Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, PRODUCTS + "/{domain}/{table}/ingest", this::ingest, Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, LINT, this::lintForm, Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, QUALITY, this::qualityOverview, Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, LINT, this::lint, Access.CONSOLE);
    }

    /**
     * Console forms change state (sign-in, sign-out, queries): refuse them when the browser says they come from
     * another site. The SameSite=Strict cookie already keeps such requests anonymous; this also stops forced sign-outs
     * and sign-ins.
     */
    private static void rejectCrossSiteForms(Context ctx) {
        if (ctx.method() != HandlerType.POST) {
            return;
        }
        String site = ctx.header("Sec-Fetch-Site");
        String origin = ctx.header("Origin");
        boolean crossSite = "cross-site".equalsIgnoreCase(site)
                || origin != null && !"null".equals(origin) && !origin.equals(ctx.scheme() + "://" + ctx.host());
        if (crossSite) {
            throw new NorthstarException(ErrorCode.FORBIDDEN, "Console forms cannot be sent from another site",
                    "Open the console at its own address and submit the form there");
        }
    }

    /** Whether a request is for the console (answered with HTML, errors included). */
    static boolean isConsole(Context ctx) {
        return ctx.path().equals(HOME) || ctx.path().startsWith(HOME + "/");
    }

    private void loginForm(Context ctx) {
        String next = safeNext(ctx.queryParam("next"));
        if (authentication.resolve(ctx).isPresent()) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        layout.render(ctx, "Sign in", Optional.empty(), "", LoginPage.body(next, Optional.empty()));
    }

    private void login(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        String secret = ctx.formParam("token");
        Optional<Principal> principal = authentication.verify(secret);
        if (principal.isEmpty()) {
            LOG.info("Console sign-in refused: unknown, revoked or expired token");
            layout.render(ctx, "Sign in", Optional.empty(), "",
                    LoginPage.body(next, Optional.of("That token is unknown, revoked or expired.")));
            ctx.status(HttpStatus.UNAUTHORIZED);
            return;
        }
        LOG.info("{} signed in to the console", principal.get().name());
        Authentication.setCookie(ctx, secret);
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        Authentication.clearCookie(ctx);
        ctx.redirect(Authentication.LOGIN_PATH, HttpStatus.SEE_OTHER);
    }

    private void overview(Context ctx) {
        List<String> domains = lakehouse.domains();
        List<TableInfo> all = tables.describeAll(lakehouse.tables());
        layout.render(ctx, "Overview", Optional.of(ConsoleLayout.Stage.VALUE), OVERVIEW,
                OverviewPage.body(domains, all));
    }

    private void tableList(Context ctx) {
        Optional<String> domain = Optional.ofNullable(ctx.queryParam("domain")).filter(text -> !text.isBlank());
        List<TableId> ids = domain.map(lakehouse::tables).orElseGet(lakehouse::tables);
        layout.render(ctx, "Tables", Optional.of(ConsoleLayout.Stage.LAKE), "/console/tables",
                TablesPage.body(lakehouse.domains(), domain, tables.describeAll(ids)));
    }

    private void table(Context ctx) {
        TableId id = TableEndpoints.tableId(ctx);
        TableInfo info = lakehouse.describe(id);
        Optional<String> purpose = GovernedReads.purpose(ctx.queryParam("purpose"));
        Optional<QueryResult> preview;
        String withheld = "";
        try {
            preview = Optional.of(reads.preview(ctx, AuditTrail.PREVIEW, purpose, id, PREVIEW_ROWS));
        } catch (NorthstarException e) {
            if (e.code() != ErrorCode.FORBIDDEN) {
                throw e;
            }
            // The table's description stays visible; its rows are what the policy withholds.
            preview = Optional.empty();
            withheld = e.getMessage();
        }
        layout.render(ctx, id.toString(), Optional.of(ConsoleLayout.Stage.LAKE), "/console/tables",
                TablePage.body(info, lakehouse.history(id), preview, withheld, purpose.orElse("")));
        preview.ifPresent(rows -> CatalogUsageRecorder.previewed(ctx, id));
    }

    private void sqlForm(Context ctx) {
        String sql = Optional.ofNullable(ctx.queryParam("sql")).orElse("");
        String purpose = Optional.ofNullable(ctx.queryParam("purpose")).orElse("");
        renderSql(ctx, sql, purpose, new SqlPage.Outcome.None());
    }

    private void runSql(Context ctx) {
        String sql = Optional.ofNullable(ctx.formParam("sql")).orElse("");
        String purpose = Optional.ofNullable(ctx.formParam("purpose")).orElse("");
        SqlPage.Outcome outcome;
        try {
            if (sql.isBlank()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The query is empty",
                        "Type a query such as SELECT count(*) FROM retail.orders");
            }
            QueryResult result = reads.query(ctx, AuditTrail.CONSOLE, GovernedReads.purpose(purpose), sql,
                    QueryOptions.defaults().withMaxRows(MAX_ROWS)).result();
            CatalogUsageRecorder.queried(ctx, dev.northstar.govern.catalog.UsageLog.Channel.CONSOLE, result);
            LOG.info("{} ran a console query of {} characters: {} rows in {} ms",
                    Authentication.principal(ctx).name(), sql.length(), result.rows().size(), result.millis());
            outcome = new SqlPage.Outcome.Rows(result);
        } catch (NorthstarException e) {
            // Query mistakes are part of working with SQL: show them on the page, keep the text to fix.
            outcome = new SqlPage.Outcome.Failure(ErrorHandling.problem(e, ctx));
        }
        renderSql(ctx, sql, purpose, outcome);
        if (outcome instanceof SqlPage.Outcome.Failure failure) {
            ctx.status(failure.problem().status());
        }
    }

    private void productList(Context ctx) {
        layout.render(ctx, "Data products", Optional.of(ConsoleLayout.Stage.INGEST), PRODUCTS,
                ProductsPage.body(ProductEndpoints.summaries(products)));
    }

    private void product(Context ctx) {
        TableId id = TableEndpoints.tableId(ctx);
        Optional<String> run = Optional.ofNullable(ctx.queryParam("run")).filter(text -> !text.isBlank());
        renderProduct(ctx, id, run, new ProductPage.Ingested.None());
    }

    /**
     * The "Ingest a file" form: ingests the upload as the API route does, then shows the product page with the run's
     * summary (or what went wrong) above the form.
     */
    private void ingest(Context ctx) {
        TableId id = TableEndpoints.tableId(ctx);
        ProductPage.Ingested ingested;
        try {
            IngestResult result = ProductEndpoints.ingestUpload(products, ctx, id);
            ingested = new ProductPage.Ingested.Ran(ProductBodies.IngestSummary.of(id, result));
        } catch (NorthstarException e) {
            if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
                throw e; // no contract governs the table: there is no product page to show
            }
            // A file the contract or the reader refuses is part of working with data: say why on the page.
            ingested = new ProductPage.Ingested.Failure(ErrorHandling.problem(e, ctx));
        }
        renderProduct(ctx, id, Optional.empty(), ingested);
        if (ingested instanceof ProductPage.Ingested.Failure failure) {
            ctx.status(failure.problem().status());
        } else if (ingested instanceof ProductPage.Ingested.Ran ran && ran.summary().status().equals(IngestStatus.FAILED.name())) {
            ctx.status(ErrorCode.INVALID_DATA.httpStatus());
        }
    }

    private void renderProduct(Context ctx, TableId id, Optional<String> run, ProductPage.Ingested ingested) {
        dev.northstar.contracts.ActiveContract active = products.contract(id);
        List<dev.northstar.ingest.QuarantinedRow> quarantine = List.of();
        Optional<String> withheld = Optional.empty();
        try {
            quarantine = reads.quarantine(ctx, AuditTrail.CONSOLE, GovernedReads.purpose(ctx.queryParam("purpose")),
                    products, id, run, QUARANTINE_ROWS);
        } catch (NorthstarException e) {
            if (e.code() != ErrorCode.FORBIDDEN) {
                throw e;
            }
            withheld = Optional.of(e.getMessage());
        }
        ProductPage.Content content = new ProductPage.Content(
                ProductBodies.ProductDetail.of(active, products.version(active)),
                products.contractYaml(id),
                products.runs(id, DataProducts.MAX_RUNS).stream().map(ProductBodies.RunSummary::of).toList(),
                ProductEndpoints.quality(products, id),
                products.slos(id).stream().map(ProductBodies.SloDetail::of).toList(),
                products.quarantineRuns(id),
                run,
                quarantine.stream().map(ProductBodies.QuarantinedRow::of).toList(),
                withheld,
                products.maxUploadBytes(),
                ingested);
        layout.render(ctx, id.toString(), Optional.of(ConsoleLayout.Stage.INGEST), PRODUCTS,
                ProductPage.body(content));
    }

    private void qualityOverview(Context ctx) {
        List<QualityOverviewPage.Row> rows = ProductEndpoints.summaries(products).stream()
                .flatMap(product -> product.tables().stream())
                .map(table -> new QualityOverviewPage.Row(table, products.latestCheck(TableId.parse(table.table()))
                        .map(ProductBodies.CheckRunBody::of)))
                .toList();
        layout.render(ctx, "Quality", Optional.of(ConsoleLayout.Stage.OBSERVE), QUALITY,
                QualityOverviewPage.body(rows, products.unresolvedIncidents()));
    }

    private void lintForm(Context ctx) {
        layout.render(ctx, "Contract lint", Optional.of(ConsoleLayout.Stage.INGEST), LINT,
                ContractLintPage.body("", Optional.empty()));
    }

    private void lint(Context ctx) {
        String yaml = Optional.ofNullable(ctx.formParam("contract")).orElse("");
        Optional<ProductBodies.LintResult> result = yaml.isBlank() ? Optional.empty()
                : Optional.of(ProductBodies.LintResult.of(DataProducts.lint(yaml)));
        layout.render(ctx, "Contract lint", Optional.of(ConsoleLayout.Stage.INGEST), LINT,
                ContractLintPage.body(yaml, result));
    }

    private void renderSql(Context ctx, String sql, String purpose, SqlPage.Outcome outcome) {
        layout.render(ctx, "SQL", Optional.of(ConsoleLayout.Stage.LAKE), "/console/sql",
                SqlPage.body(sql, purpose, lakehouse.tables(), outcome));
    }

    /** Only paths inside the console, so the sign-in page cannot be used to send people elsewhere. */
    static String safeNext(String next) {
        if (next == null || !(next.equals(HOME) || next.startsWith(HOME + "/")) || next.contains("//")
                || next.contains("\\") || next.startsWith(Authentication.LOGIN_PATH)) {
            return HOME;
        }
        return next;
    }
}
