package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.catalog.Catalog;
import dev.northstar.govern.catalog.CatalogSearch;
import dev.northstar.govern.catalog.GlossaryTerm;
import dev.northstar.govern.catalog.SearchRequest;
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
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;

/**
 * The catalog routes of the governance module: its API routes (declared into the route registry, hence the OpenAPI
 * document) and its console pages: search with facets, the entry page with its overview, schema and governance tabs,
 * and the glossary. Also installs the recording of table reads into the usage log.
 */
final class CatalogRoutes {
    private static final String API = ApiRoutes.PREFIX + "/catalog";
    private static final String CONSOLE = "/console/catalog";
    private static final String TAG = "Catalog";
    private static final ApiRoute.Parameter DOMAIN = ApiRoute.Parameter.path("domain", "Domain (Iceberg namespace)");
    private static final ApiRoute.Parameter TABLE = ApiRoute.Parameter.path("table", "Table name within the domain");
    private static final ApiRoute.Parameter TERM = ApiRoute.Parameter.path("term", "Glossary term name (any case)");

    private final Optional<Catalog> catalog;
    private final Optional<CatalogSearch> search;
    private final Function<TableId, Optional<Html>> classification;

    CatalogRoutes(Lakehouse lakehouse, MetadataStore store) {
        this(lakehouse, store, table -> Optional.empty());
    }

    /**
     * Routes whose entry pages show, in the governance tab, the section {@code classification} renders for a table
     * (effective classification with evidence).
     */
    CatalogRoutes(Lakehouse lakehouse, MetadataStore store, Function<TableId, Optional<Html>> classification) {
        this.classification = requireNonNull(classification, "classification is null");
        requireNonNull(lakehouse, "lakehouse is null");
        requireNonNull(store, "store is null");
        this.catalog = store instanceof JdbcMetadataStore jdbc ? Optional.of(Catalog.of(lakehouse, jdbc))
                : Optional.empty();
        this.search = catalog.map(CatalogSearch::new);
    }

    /** The API routes, added to {@link ApiRoutes}. */
    List<ApiRoute> api() {
        String table = API + "/tables/{domain}/{table}";
        String term = API + "/glossary/{term}";
        return List.of(
                ApiRoute.get(API + "/search", "searchCatalog", "Full-text search of tables and data products, "
                                + "ranked, with snippets and facet counts; filters combine with the words", TAG,
                                CatalogBodies.CatalogSearchResult.class, this::searchApi)
                        .withParameter(ApiRoute.Parameter.query("q", "string",
                                "Words to find; the last also matches as a prefix; empty lists everything"))
                        .withParameter(ApiRoute.Parameter.query("domain", "string", "Only this domain (repeatable)"))
                        .withParameter(ApiRoute.Parameter.query("tag", "string", "Only this tag (repeatable)"))
                        .withParameter(ApiRoute.Parameter.query("classification", "string",
                                "Only tables with a column of this classification (repeatable)"))
                        .withParameter(ApiRoute.Parameter.query("owner", "string",
                                "Only this owning team or owner (repeatable)"))
                        .withParameter(ApiRoute.Parameter.query("quality", "string",
                                "Only this quality status: passed, warning, failed, unchecked (repeatable)"))
                        .withParameter(ApiRoute.Parameter.query("limit", "integer",
                                "Hits to return, 1 to " + SearchRequest.MAX_LIMIT + " (default "
                                        + SearchRequest.DEFAULT_LIMIT + ")")),
                ApiRoute.get(table, "catalogEntry", "A table in full: size, last commit, product and contract, "
                                + "owners, tags, columns with classification and glossary terms, quality, SLOs, usage",
                                TAG, CatalogBodies.CatalogEntryBody.class, this::entryApi)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE),
                ApiRoute.post(table + "/tags", "addCatalogTag", "Adds a steward tag to a table", TAG,
                                CatalogBodies.CatalogTagRequest.class, CatalogBodies.CatalogTagList.class,
                                this::addTagApi)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE),
                route(HandlerType.DELETE, table + "/tags/{tag}", "removeCatalogTag",
                        "Removes a steward tag from a table", Optional.empty(), CatalogBodies.CatalogTagList.class,
                        this::removeTagApi)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE)
                        .withParameter(ApiRoute.Parameter.path("tag", "The tag")),
                ApiRoute.get(API + "/glossary", "listGlossary", "Every glossary term with its column links", TAG,
                        CatalogBodies.GlossaryTermList.class, this::glossaryApi),
                ApiRoute.post(API + "/glossary", "defineGlossaryTerm", "Defines a glossary term", TAG,
                        CatalogBodies.GlossaryTermRequest.class, CatalogBodies.GlossaryTermBody.class,
                        this::defineApi),
                ApiRoute.get(term, "glossaryTerm", "A glossary term with its column links", TAG,
                                CatalogBodies.GlossaryTermBody.class, this::termApi)
                        .withParameter(TERM),
                route(HandlerType.PUT, term, "updateGlossaryTerm",
                        "Changes a term's definition, synonyms, owner and status", Optional.of(
                                CatalogBodies.GlossaryTermRequest.class), CatalogBodies.GlossaryTermBody.class,
                        this::updateApi)
                        .withParameter(TERM),
                route(HandlerType.DELETE, term, "deleteGlossaryTerm", "Deletes a term and its links",
                        Optional.empty(), CatalogBodies.GlossaryTermList.class, this::deleteApi)
                        .withParameter(TERM),
                ApiRoute.post(term + "/links", "linkGlossaryTerm", "Links a term to a column", TAG,
                                CatalogBodies.GlossaryLinkRequest.class, CatalogBodies.GlossaryTermBody.class,
                                this::linkApi)
                        .withParameter(TERM),
                route(HandlerType.DELETE, term + "/links/{domain}/{table}/{column}", "unlinkGlossaryTerm",
                        "Removes the link of a term to a column", Optional.empty(),
                        CatalogBodies.GlossaryTermBody.class, this::unlinkApi)
                        .withParameter(TERM)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE)
                        .withParameter(ApiRoute.Parameter.path("column", "Column name")));
    }

    private static ApiRoute route(HandlerType method, String path, String operationId, String summary,
            Optional<Class<?>> request, Class<?> response, io.javalin.http.Handler handler) {
        return new ApiRoute(method, path, operationId, summary, TAG, Access.API, List.of(), request,
                "application/json", Optional.of(response), "application/json", handler);
    }

    /** Installs the console pages and the recording of table reads. */
    void console(Javalin app, ConsoleLayout layout) {
        requireNonNull(app, "app is null");
        requireNonNull(layout, "layout is null");
        CatalogUsageRecorder.install(app, catalog.map(Catalog::usage));
        app.addHttpHandler(HandlerType.GET, CONSOLE, ctx -> layout.render(ctx, "Catalog",
                Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE, CatalogPages.search(
                        CatalogBodies.CatalogSearchResult.of(search().search(request(ctx))))), Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, CONSOLE + "/glossary", ctx -> layout.render(ctx, "Glossary",
                Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE, CatalogPages.glossary(catalog().glossary()
                        .terms().stream().map(CatalogBodies.GlossaryTermBody::of).toList())), Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/glossary", this::defineForm, Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/glossary/link", this::linkForm, Access.CONSOLE);
        app.addHttpHandler(HandlerType.GET, CONSOLE + "/{domain}/{table}", ctx -> {
            TableId id = TableEndpoints.tableId(ctx);
            String tab = Optional.ofNullable(ctx.queryParam("tab")).orElse("overview");
            layout.render(ctx, id.toString(), Optional.of(ConsoleLayout.Stage.GOVERN), CONSOLE,
                    CatalogPages.entry(CatalogBodies.CatalogEntryBody.of(catalog().entry(id)), tab,
                            catalog().glossary().terms().stream().map(GlossaryTerm::name).toList(),
                            "governance".equals(tab) ? classification.apply(id) : Optional.empty()));
        }, Access.CONSOLE);
        app.addHttpHandler(HandlerType.POST, CONSOLE + "/{domain}/{table}/tags", ctx -> {
            TableId id = TableEndpoints.tableId(ctx);
            String tag = Optional.ofNullable(ctx.formParam("tag")).orElse("");
            if ("remove".equals(ctx.formParam("action"))) {
                catalog().tags().remove(id, tag);
            } else {
                catalog().tags().add(id, tag, Authentication.principal(ctx).name());
            }
            ctx.redirect(entryPath(id) + "?tab=governance", HttpStatus.SEE_OTHER);
        }, Access.CONSOLE);
    }

    // ---- API handlers ----------------------------------------------------------------------------------------

    private void searchApi(Context ctx) {
        ctx.json(CatalogBodies.CatalogSearchResult.of(search().search(request(ctx))));
    }

    private void entryApi(Context ctx) {
        ctx.json(CatalogBodies.CatalogEntryBody.of(catalog().entry(TableEndpoints.tableId(ctx))));
    }

    private void addTagApi(Context ctx) {
        CatalogBodies.CatalogTagRequest body = ctx.bodyValidator(CatalogBodies.CatalogTagRequest.class)
                .check("tag", request -> request.tag() != null && !request.tag().isBlank(), "is required")
                .get();
        TableId id = TableEndpoints.tableId(ctx);
        ctx.json(new CatalogBodies.CatalogTagList(id.toString(), catalog().tags().add(id, body.tag(),
                Authentication.principal(ctx).name())));
    }

    private void removeTagApi(Context ctx) {
        TableId id = TableEndpoints.tableId(ctx);
        ctx.json(new CatalogBodies.CatalogTagList(id.toString(), catalog().tags().remove(id,
                ctx.pathParam("tag"))));
    }

    private void glossaryApi(Context ctx) {
        ctx.json(new CatalogBodies.GlossaryTermList(catalog().glossary().terms().stream()
                .map(CatalogBodies.GlossaryTermBody::of).toList()));
    }

    private void termApi(Context ctx) {
        ctx.json(CatalogBodies.GlossaryTermBody.of(catalog().glossary().term(ctx.pathParam("term"))));
    }

    private void defineApi(Context ctx) {
        GlossaryTerm.Definition definition = definition(ctx, termRequest(ctx, true), Optional.empty());
        ctx.status(HttpStatus.CREATED).json(CatalogBodies.GlossaryTermBody.of(catalog().glossary()
                .define(definition)));
    }

    private void updateApi(Context ctx) {
        String name = ctx.pathParam("term");
        GlossaryTerm current = catalog().glossary().term(name);
        GlossaryTerm.Definition definition = definition(ctx, termRequest(ctx, false), Optional.of(current));
        ctx.json(CatalogBodies.GlossaryTermBody.of(catalog().glossary().update(name, definition)));
    }

    private void deleteApi(Context ctx) {
        catalog().glossary().delete(ctx.pathParam("term"));
        glossaryApi(ctx);
    }

    private void linkApi(Context ctx) {
        CatalogBodies.GlossaryLinkRequest body = ctx.bodyValidator(CatalogBodies.GlossaryLinkRequest.class)
                .check("table", request -> request.table() != null && !request.table().isBlank(),
                        "is required, as domain.table")
                .check("column", request -> request.column() != null && !request.column().isBlank(), "is required")
                .get();
        ctx.json(CatalogBodies.GlossaryTermBody.of(catalog().glossary().link(ctx.pathParam("term"),
                TableId.parse(body.table()), body.column(), Authentication.principal(ctx).name())));
    }

    private void unlinkApi(Context ctx) {
        ctx.json(CatalogBodies.GlossaryTermBody.of(catalog().glossary().unlink(ctx.pathParam("term"),
                TableEndpoints.tableId(ctx), ctx.pathParam("column"))));
    }

    private static CatalogBodies.GlossaryTermRequest termRequest(Context ctx, boolean nameRequired) {
        return ctx.bodyValidator(CatalogBodies.GlossaryTermRequest.class)
                .check("name", request -> !nameRequired || request.name() != null && !request.name().isBlank(),
                        "is required")
                .check("definition", request -> request.definition() != null && !request.definition().isBlank(),
                        "is required")
                .check("status", request -> request.status().map(CatalogRoutes::validStatus).orElse(true),
                        "must be draft, approved or deprecated")
                .get();
    }

    private static GlossaryTerm.Definition definition(Context ctx, CatalogBodies.GlossaryTermRequest request,
            Optional<GlossaryTerm> current) {
        String name = current.map(GlossaryTerm::name).orElse(request.name());
        return new GlossaryTerm.Definition(name, request.definition(),
                request.synonyms().orElse(current.map(GlossaryTerm::synonyms).orElse(List.of())),
                request.owner().filter(owner -> !owner.isBlank()).orElse(current.map(GlossaryTerm::owner)
                        .orElse(Authentication.principal(ctx).name())),
                request.status().map(CatalogRoutes::status).orElse(current.map(GlossaryTerm::status)
                        .orElse(GlossaryTerm.Status.DRAFT)));
    }

    private static boolean validStatus(String status) {
        try {
            status(status);
            return true;
        } catch (NorthstarException e) {
            return false;
        }
    }

    static GlossaryTerm.Status status(String text) {
        try {
            return GlossaryTerm.Status.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Unknown glossary term status '" + text + "'",
                    "Write draft, approved or deprecated");
        }
    }

    // ---- console forms ---------------------------------------------------------------------------------------

    private void defineForm(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("");
        List<String> synonyms = java.util.Arrays.stream(Optional.ofNullable(ctx.formParam("synonyms")).orElse("")
                .split(",")).map(String::strip).filter(text -> !text.isEmpty()).toList();
        String owner = Optional.ofNullable(ctx.formParam("owner")).filter(text -> !text.isBlank())
                .orElse(Authentication.principal(ctx).name());
        catalog().glossary().define(new GlossaryTerm.Definition(name,
                Optional.ofNullable(ctx.formParam("definition")).orElse(""), synonyms, owner,
                status(Optional.ofNullable(ctx.formParam("status")).orElse("draft"))));
        ctx.redirect(CONSOLE + "/glossary#term-" + CatalogPages.anchor(name.strip()), HttpStatus.SEE_OTHER);
    }

    private void linkForm(Context ctx) {
        String term = Optional.ofNullable(ctx.formParam("term")).orElse("");
        TableId table = TableId.parse(Optional.ofNullable(ctx.formParam("table")).orElse("").strip());
        String column = Optional.ofNullable(ctx.formParam("column")).orElse("");
        if ("unlink".equals(ctx.formParam("action"))) {
            catalog().glossary().unlink(term, table, column);
        } else {
            catalog().glossary().link(term, table, column, Authentication.principal(ctx).name());
        }
        String back = Optional.ofNullable(ctx.formParam("back")).orElse("");
        ctx.redirect(back.equals(entryPath(table) + "?tab=schema") || back.equals(entryPath(table)
                + "?tab=governance") ? back : CONSOLE + "/glossary", HttpStatus.SEE_OTHER);
    }

    // ---- shared ----------------------------------------------------------------------------------------------

    static String entryPath(TableId table) {
        return CONSOLE + "/" + table.domain() + "/" + table.name();
    }

    /** The search a request asks for: {@code q}, the facet parameters and {@code limit}. */
    static SearchRequest request(Context ctx) {
        Map<SearchRequest.Facet, Set<String>> filters = new EnumMap<>(SearchRequest.Facet.class);
        for (SearchRequest.Facet facet : SearchRequest.Facet.values()) {
            Set<String> values = new LinkedHashSet<>();
            ctx.queryParams(facet.key()).stream().filter(value -> !value.isBlank()).forEach(values::add);
            if (!values.isEmpty()) {
                filters.put(facet, values);
            }
        }
        int limit = ctx.queryParamAsClass("limit", Integer.class)
                .check(value -> value >= 1 && value <= SearchRequest.MAX_LIMIT,
                        "must be between 1 and " + SearchRequest.MAX_LIMIT)
                .getOrDefault(SearchRequest.DEFAULT_LIMIT);
        return new SearchRequest(Optional.ofNullable(ctx.queryParam("q")).orElse(""), filters, limit);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private Catalog catalog() {
        return catalog.orElseThrow(CatalogRoutes::unavailable);
    }

    private CatalogSearch search() {
        return search.orElseThrow(CatalogRoutes::unavailable);
    }

    private static NorthstarException unavailable() {
        return new NorthstarException(ErrorCode.UNAVAILABLE,
                "The catalog needs the platform's JDBC metadata store, and this server was started with another",
                "Start the server with JdbcMetadataStore.open(lake.config()), as 'northstar serve' does");
    }
}
