package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.lineage.ColumnRef;
import dev.northstar.govern.lineage.DatasetRef;
import dev.northstar.govern.lineage.InvalidLineageEventException;
import dev.northstar.govern.lineage.Lineage;
import dev.northstar.govern.lineage.LineageGraph;
import dev.northstar.govern.lineage.OpenLineageValidator;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage routes of the governance module: its API routes (declared into the route registry, hence the OpenAPI
 * document) and its console page, an interactive graph drawn by Cytoscape.js from the same API.
 */
final class LineageRoutes {
    private static final String PREFIX = "/api/v1/lineage";
    private static final String TAG = "Lineage";
    static final int DEFAULT_DEPTH = 2;
    static final int MAX_DEPTH = 20;

    private final Lakehouse lakehouse;
    private final MetadataStore store;

    LineageRoutes(Lakehouse lakehouse, MetadataStore store) {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.store = requireNonNull(store, "store is null");
    }

    private Lineage lineage() {
        if (store instanceof JdbcMetadataStore jdbc) {
            return new Lineage(lakehouse, jdbc.database());
        }
        throw new NorthstarException(ErrorCode.UNAVAILABLE, "Lineage needs the SQL metadata store",
                "Run the server with the embedded SQLite or a PostgreSQL metadata store");
    }

    private static final ApiRoute.Parameter NAMESPACE = ApiRoute.Parameter.query("namespace", "string",
            "Dataset namespace, e.g. northstar://host or s3://bucket; default: this lake (or the one dataset named so)");
    private static final ApiRoute.Parameter NAME = new ApiRoute.Parameter("name", ApiRoute.Parameter.In.QUERY, true,
            "string", "Dataset name, e.g. retail.orders");
    private static final ApiRoute.Parameter COLUMN = new ApiRoute.Parameter("column", ApiRoute.Parameter.In.QUERY,
            true, "string", "Column of the dataset");

    /** The API routes, added to {@link ApiRoutes}. */
    List<ApiRoute> api() {
        return List.of(
                ApiRoute.get(PREFIX + "/graph", "lineageGraph",
                                "Datasets and jobs within depth hops of a dataset, upstream, downstream or both, with "
                                        + "their edges and column-level edges", TAG, LineageBodies.Graph.class,
                                this::graph)
                        .withParameter(NAMESPACE)
                        .withParameter(NAME)
                        .withParameter(ApiRoute.Parameter.query("depth", "integer", "Hops (dataset to job is one), 1 to "
                                + MAX_DEPTH + " (default " + DEFAULT_DEPTH + ")"))
                        .withParameter(ApiRoute.Parameter.query("direction", "string",
                                "upstream, downstream or both (default both)")),
                ApiRoute.get(PREFIX + "/columns", "columnLineage",
                                "The columns a column is computed from and those computed from it, transitively, "
                                        + "with hops and transformations", TAG, LineageBodies.ColumnLineage.class,
                                this::columns)
                        .withParameter(NAMESPACE)
                        .withParameter(NAME)
                        .withParameter(COLUMN),
                ApiRoute.get(PREFIX + "/impact", "columnImpact",
                                "What depends on a column: downstream columns and datasets, transitively, with hop "
                                        + "counts", TAG, LineageBodies.Impact.class, this::impact)
                        .withParameter(NAMESPACE)
                        .withParameter(NAME)
                        .withParameter(COLUMN),
                ApiRoute.post(PREFIX, "postLineageEvent",
                                "Accepts an OpenLineage RunEvent, DatasetEvent or JobEvent (e.g. from Spark, Airflow, "
                                        + "dbt); a non-conforming event is a 400 problem listing every field",
                                TAG, String.class, LineageBodies.Accepted.class, this::accept)
                        .withTextRequest("application/json"));
    }

    /** Installs the console pages. */
    void console(Javalin app, ConsoleLayout layout) {
        requireNonNull(app, "app is null");
        requireNonNull(layout, "layout is null");
        app.addHttpHandler(HandlerType.GET, "/console/lineage", ctx -> page(ctx, layout), Access.CONSOLE);
    }

    // ---- API -------------------------------------------------------------------------------------------------

    private void graph(Context ctx) {
        Lineage lineage = lineage();
        LineageGraph graph = lineage.graph();
        DatasetRef center = dataset(ctx, lineage, graph);
        int depth = depth(ctx);
        LineageGraph.Direction direction = direction(ctx);
        ctx.json(body(lineage, graph.around(center, depth, direction), center, depth, direction));
    }

    private LineageBodies.Graph body(Lineage lineage, LineageGraph.View view, DatasetRef center, int depth,
            LineageGraph.Direction direction) {
        ProductRegistry registry = new ProductRegistry(((JdbcMetadataStore) store).database(), lakehouse);
        List<LineageBodies.Node> nodes = new ArrayList<>();
        for (LineageGraph.Node node : view.nodes()) {
            Optional<String> table = node.kind().equals("dataset") && node.namespace().equals(lineage.lakeNamespace())
                    && tableHref(node.name()).isPresent() ? Optional.of(node.name()) : Optional.empty();
            boolean product = table.isPresent() && registry.activeContract(TableId.parse(table.get())).isPresent();
            nodes.add(new LineageBodies.Node(node.id(), node.kind(), node.namespace(), node.name(), node.columns(),
                    node.state(), node.lastEvent().map(Object::toString), node.hops(), table, product));
        }
        List<LineageBodies.Edge> edges = view.edges().stream()
                .map(edge -> new LineageBodies.Edge(edge.source(), edge.target())).toList();
        List<LineageBodies.ColumnEdge> columnEdges = view.columnEdges().stream()
                .map(edge -> new LineageBodies.ColumnEdge(LineageBodies.Column.of(edge.source()),
                        LineageBodies.Column.of(edge.target()), edge.transformation()))
                .toList();
        return new LineageBodies.Graph(LineageBodies.Dataset.of(center), depth,
                direction.name().toLowerCase(Locale.ROOT), nodes, edges, columnEdges);
    }

    private void columns(Context ctx) {
        Lineage lineage = lineage();
        LineageGraph graph = lineage.graph();
        ColumnRef column = column(ctx, lineage, graph);
        ctx.json(new LineageBodies.ColumnLineage(LineageBodies.Column.of(column),
                graph.upstream(column).stream().map(LineageBodies.ColumnHop::of).toList(),
                graph.downstream(column).stream().map(LineageBodies.ColumnHop::of).toList()));
    }

    private void impact(Context ctx) {
        Lineage lineage = lineage();
        LineageGraph graph = lineage.graph();
        LineageGraph.Impact impact = graph.impact(column(ctx, lineage, graph));
        ctx.json(new LineageBodies.Impact(LineageBodies.Column.of(impact.column()),
                impact.columns().stream().map(LineageBodies.ColumnHop::of).toList(),
                impact.datasets().stream().map(hop -> new LineageBodies.DatasetHop(
                        LineageBodies.Dataset.of(hop.dataset()), hop.hops())).toList()));
    }

    private void accept(Context ctx) throws JsonProcessingException {
        Lineage.Accepted accepted;
        try {
            accepted = lineage().accept(ctx.body());
        } catch (InvalidLineageEventException e) {
            // An RFC 9457 problem whose errors name each field by its JSON pointer, with what is wrong and the fix.
            Map<String, List<String>> errors = new LinkedHashMap<>();
            for (OpenLineageValidator.Violation violation : e.violations()) {
                errors.computeIfAbsent(violation.pointer().isEmpty() ? "/" : violation.pointer(),
                        key -> new ArrayList<>()).add(violation.problem() + "; fix: " + violation.fix());
            }
            ErrorCode code = ErrorCode.INVALID_ARGUMENT;
            Problem problem = new Problem(Problem.TYPE_PREFIX + code.slug(), code.title(), code.httpStatus(),
                    e.getMessage(), code.name(), Optional.ofNullable(e.hint()), ctx.path(), Optional.of(errors));
            ctx.status(code.httpStatus()).contentType(Problem.MEDIA_TYPE)
                    .result(JsonMapping.objectMapper().writeValueAsString(problem));
            return;
        }
        ctx.status(201).json(new LineageBodies.Accepted(accepted.kind(), accepted.id()));
    }

    // ---- parameters ------------------------------------------------------------------------------------------

    private static DatasetRef dataset(Context ctx, Lineage lineage, LineageGraph graph) {
        String name = ctx.queryParam("name");
        if (name == null || name.isBlank()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The query parameter name is missing",
                    "Name the dataset, e.g. ?name=retail.orders (and &namespace=... for a dataset outside the lake)");
        }
        return lineage.dataset(graph, Optional.ofNullable(ctx.queryParam("namespace")), name.trim());
    }

    private static ColumnRef column(Context ctx, Lineage lineage, LineageGraph graph) {
        DatasetRef dataset = dataset(ctx, lineage, graph);
        String column = ctx.queryParam("column");
        if (column == null || column.isBlank()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The query parameter column is missing",
                    "Name a column of " + dataset.name() + ": " + String.join(", ", graph.columns(dataset)));
        }
        if (!graph.columns(dataset).contains(column)) {
            throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "Dataset " + dataset.name()
                    + " has no column " + column, "Its columns: " + String.join(", ", graph.columns(dataset)));
        }
        return new ColumnRef(dataset, column);
    }

    static int depth(Context ctx) {
        String text = ctx.queryParam("depth");
        if (text == null || text.isBlank()) {
            return DEFAULT_DEPTH;
        }
        try {
            int depth = Integer.parseInt(text.trim());
            if (depth >= 1 && depth <= MAX_DEPTH) {
                return depth;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "depth '" + text + "' is not a whole number from 1 to "
                + MAX_DEPTH, "Give the hops to walk, e.g. depth=2 (a dataset to its job is one hop)");
    }

    static LineageGraph.Direction direction(Context ctx) {
        String text = ctx.queryParam("direction");
        if (text == null || text.isBlank()) {
            return LineageGraph.Direction.BOTH;
        }
        try {
            return LineageGraph.Direction.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "direction '" + text + "' is not one of upstream,"
                    + " downstream, both", "e.g. direction=upstream");
        }
    }

    // ---- console ---------------------------------------------------------------------------------------------

    private void page(Context ctx, ConsoleLayout layout) {
        Lineage lineage = lineage();
        LineageGraph graph = lineage.graph();
        Optional<String> name = Optional.ofNullable(ctx.queryParam("name")).filter(text -> !text.isBlank());
        Html body;
        if (name.isEmpty()) {
            body = LineagePage.index(graph, lineage.lakeNamespace());
        } else {
            DatasetRef center = dataset(ctx, lineage, graph);
            int depth = depth(ctx);
            LineageGraph.Direction direction = direction(ctx);
            body = LineagePage.graph(graph, body(lineage, graph.around(center, depth, direction), center, depth,
                    direction), lineage.lakeNamespace());
        }
        layout.render(ctx, "Lineage", Optional.of(ConsoleLayout.Stage.GOVERN), "/console/lineage", body);
    }

    /** The table page of a lake dataset, if it is one. */
    static Optional<String> tableHref(String name) {
        try {
            TableId id = TableId.parse(name);
            return Optional.of("/console/tables/" + id.domain() + "/" + id.name());
        } catch (NorthstarException e) {
            return Optional.empty();
        }
    }
}
