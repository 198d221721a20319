package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.Lakehouse;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The route registry: every API route is declared here once, and both Javalin's routing and the OpenAPI document
 * are generated from this list, so the document cannot drift from what is served.
 */
final class ApiRoutes {
    /** Prefix of every JSON route. */
    static final String PREFIX = "/api/v1";
    /** Path of the OpenAPI document. */
    static final String OPENAPI_PATH = PREFIX + "/openapi.json";

    private static final ApiRoute.Parameter DOMAIN = ApiRoute.Parameter.path("domain", "Domain (Iceberg namespace)");
    private static final ApiRoute.Parameter TABLE = ApiRoute.Parameter.path("table", "Table name within the domain");

    private final List<ApiRoute> routes;
    private final String openApiJson;

    ApiRoutes(Lakehouse lakehouse, MetadataStore store, RequestMetrics metrics, ObjectMapper mapper,
            String version) {
        this(lakehouse, store, metrics, mapper, version, IngestSettings.defaults(),
                GovernanceRoutes.of(lakehouse, store), List.of());
    }

    /**
     * @param more routes of other stages (features, models), declared like these
     */
    ApiRoutes(Lakehouse lakehouse, MetadataStore store, RequestMetrics metrics, ObjectMapper mapper,
            String version, IngestSettings ingestSettings, GovernanceRoutes governance, List<ApiRoute> more) {
        requireNonNull(metrics, "metrics is null");
        SystemEndpoints system = new SystemEndpoints(lakehouse, store);
        TableEndpoints tables = new TableEndpoints(lakehouse, governance.reads());
        SqlEndpoint sql = new SqlEndpoint(governance.reads());
        ProductEndpoints products = new ProductEndpoints(new DataProducts(lakehouse, store, ingestSettings),
                governance.reads());
        String product = PREFIX + "/products/{domain}/{table}";
        List<ApiRoute> base = List.of(
                ApiRoute.get(PREFIX + "/health", "health", "Liveness: the process answers", "System",
                                ApiBodies.Health.class, system::health)
                        .withAccess(Access.PUBLIC),
                ApiRoute.get(PREFIX + "/ready", "ready",
                                "Readiness: the catalog and metadata store answer (503 problem when not)", "System",
                                ApiBodies.Readiness.class, system::ready)
                        .withAccess(Access.PUBLIC),
                ApiRoute.get("/metrics", "metrics", "Prometheus metrics: HTTP requests, JVM, platform meters",
                                "System", String.class, ctx -> ctx.contentType(RequestMetrics.MEDIA_TYPE)
                                        .result(metrics.scrape()))
                        .withAccess(Access.PUBLIC)
                        .withTextResponse(RequestMetrics.MEDIA_TYPE),
                ApiRoute.get(OPENAPI_PATH, "openapi", "This OpenAPI 3.1 document", "System", ObjectNode.class,
                                this::openApi)
                        .withAccess(Access.PUBLIC),
                ApiRoute.get(PREFIX + "/me", "me", "The calling principal with its roles and attributes",
                        "Identity", ApiBodies.Me.class, system::me),
                ApiRoute.get(PREFIX + "/domains", "listDomains", "Domains with their number of tables", "Tables",
                        ApiBodies.DomainList.class, tables::domains),
                ApiRoute.get(PREFIX + "/tables", "listTables", "Tables with rows, files, bytes and last commit",
                                "Tables", ApiBodies.TableList.class, tables::tables)
                        .withParameter(ApiRoute.Parameter.query("domain", "string", "Only tables of this domain")),
                ApiRoute.get(PREFIX + "/tables/{domain}/{table}", "describeTable",
                                "Schema with field ids, partitioning, sort order, current snapshot and size",
                                "Tables", ApiBodies.TableDetail.class, tables::describe)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE),
                ApiRoute.get(PREFIX + "/tables/{domain}/{table}/history", "tableHistory",
                                "Snapshots of the table, oldest first, with their run ids", "Tables",
                                ApiBodies.SnapshotHistory.class, tables::history)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE),
                ApiRoute.get(PREFIX + "/tables/{domain}/{table}/preview", "previewTable",
                                "The first rows of the table", "Tables", ApiBodies.SqlResult.class, tables::preview)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE)
                        .withParameter(ApiRoute.Parameter.query("limit", "integer",
                                "Rows to return, 1 to " + TableEndpoints.MAX_PREVIEW_ROWS + " (default "
                                        + TableEndpoints.DEFAULT_PREVIEW_ROWS + ")")),
                ApiRoute.post(PREFIX + "/sql", "runSql",
                        "Runs SQL over domain.table names, optionally pinned to snapshots or an instant", "SQL",
                        ApiBodies.SqlRequest.class, ApiBodies.SqlResult.class, sql::query),
                ApiRoute.get(PREFIX + "/products", "listProducts",
                        "Data products with their tables, contract, team, last run and SLO summary", "Products",
                        ProductBodies.ProductList.class, products::list),
                ApiRoute.get(product, "describeProduct",
                                "The contract in force for a product table: metadata, schema with classification, "
                                        + "policy, quality rules and SLA", "Products",
                                ProductBodies.ProductDetail.class, products::describe)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE),
                ApiRoute.get(product + "/contract", "productContract",
                                "The YAML text of the contract version in force, exactly as applied", "Products",
                                String.class, products::contract)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE)
                        .withTextResponse(ProductEndpoints.YAML),
                ApiRoute.get(product + "/runs", "productRuns",
                                "Ingest and replay runs, newest first: rows in, valid and quarantined, status, "
                                        + "duration", "Products", ProductBodies.RunList.class, products::runs)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE)
                        .withParameter(ApiRoute.Parameter.query("limit", "integer",
                                "Runs to return, 1 to " + DataProducts.MAX_RUNS + " (default 50)")),
                ApiRoute.get(product + "/quality", "productQuality",
                                "The latest quality check run and the history of every metric", "Products",
                                ProductBodies.Quality.class, products::quality)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE),
                ApiRoute.get(product + "/slo", "productSlos",
                                "SLOs with status, objective, indicator, error budget remaining and burn rate",
                                "Products", ProductBodies.SloList.class, products::slos)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE),
                ApiRoute.get(product + "/quarantine", "productQuarantine",
                                "Quarantined rows with raw values, source, line and every reason", "Products",
                                ProductBodies.QuarantineList.class, products::quarantine)
                        .withParameter(DOMAIN)
                        .withParameter(TABLE)
                        .withParameter(ApiRoute.Parameter.query("run", "string", "Only rows of this run id"))
                        .withParameter(ApiRoute.Parameter.query("limit", "integer",
                                "Rows to return, 1 to " + DataProducts.MAX_QUARANTINE_ROWS + " (default "
                                        + ProductEndpoints.DEFAULT_QUARANTINE_ROWS + ")")),
                new ApiRoute(HandlerType.POST, product + "/ingest", "ingestIntoProduct",
                        "Ingests an uploaded file (multipart/form-data) under the contract in force, as 'northstar"
                                + " ingest' does: valid rows to the product, the others to its quarantine; a file"
                                + " already ingested is skipped unless force. Answers the run summary; 413 above"
                                + " ingest.max-upload-bytes, 422 when the contract's policy rejects the batch",
                        "Products", Access.API, List.of(DOMAIN, TABLE), Optional.of(ProductBodies.IngestForm.class),
                        "multipart/form-data", Optional.of(ProductBodies.IngestSummary.class), "application/json",
                        products::ingest),
                ApiRoute.post(PREFIX + "/contracts/lint", "lintContract",
                                "Lints an ODCS contract sent as YAML text: every problem with line, column, path, "
                                        + "message and hint", "Contracts", String.class,
                                ProductBodies.LintResult.class, products::lint)
                        .withTextRequest(ProductEndpoints.YAML));
        List<ApiRoute> all = new java.util.ArrayList<>(base);
        all.addAll(governance.api());
        all.addAll(more);
        this.routes = List.copyOf(all);
        try {
            this.openApiJson = mapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(OpenApiDocument.build(routes, version));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<ApiRoute> routes() {
        return routes;
    }

    String openApiJson() {
        return openApiJson;
    }

    private void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApiJson);
    }
}
