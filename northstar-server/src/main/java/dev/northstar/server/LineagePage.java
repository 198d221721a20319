package dev.northstar.server;

import dev.northstar.govern.lineage.DatasetRef;
import dev.northstar.govern.lineage.LineageGraph;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The lineage console page: a list of the datasets with lineage, and the graph around one dataset drawn by
 * Cytoscape.js ({@code /static/lineage.js} fetches the lineage API to expand nodes and trace columns). The nodes and
 * edges are also rendered as a table, so the page says what it shows without JavaScript.
 */
final class LineagePage {
    private LineagePage() {}

    static String href(String namespace, String name) {
        return "/console/lineage?namespace=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8) + "&name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /** Every dataset of the graph, linking to its lineage. */
    static Html index(LineageGraph graph, String lakeNamespace) {
        List<DatasetRef> datasets = graph.datasets();
        if (datasets.isEmpty()) {
            return Html.of("""
                    <h1 class="h3">Lineage</h1>
                    <p id="lineage-empty" class="text-secondary">No lineage yet: ingest a product, create a table from \
                    SQL (<code>northstar table create-as</code>) or POST OpenLineage events to \
                    <code>/api/v1/lineage</code>.</p>
                    """);
        }
        Html rows = datasets.stream().map(dataset -> Html.of("""
                <tr><td><a href="{}">{}</a></td><td class="text-secondary">{}</td><td>{}</td></tr>
                """, href(dataset.namespace(), dataset.name()), dataset.name(), dataset.namespace(),
                graph.columns(dataset).size())).collect(Html.joining());
        return Html.of("""
                <h1 class="h3">Lineage</h1>
                <p class="text-secondary">Datasets of this lake are in namespace <code>{}</code>; others come from \
                their sources or from outside OpenLineage producers.</p>
                <table class="table table-sm" id="lineage-datasets">
                <thead><tr><th>Dataset</th><th>Namespace</th><th>Columns</th></tr></thead>
                <tbody>{}</tbody>
                </table>
                """, lakeNamespace, rows);
    }

    /** The interactive graph around a dataset, with the server's view of it as a table. */
    static Html graph(LineageGraph graph, LineageBodies.Graph view, String lakeNamespace) {
        Html rows = view.nodes().stream().map(node -> Html.of("""
                <tr data-node="{}"><td>{}</td><td>{}</td><td class="text-secondary">{}</td><td>{}</td><td>{}</td></tr>
                """, node.id(), node.kind(), node.name(), node.namespace(), node.hops(),
                node.kind().equals("job") ? node.state().orElse("") : String.join(", ", node.columns())))
                .collect(Html.joining());
        LineageBodies.Dataset center = view.center();
        Html tableLink = center.namespace().equals(lakeNamespace)
                ? LineageRoutes.tableHref(center.name()).map(href -> Html.of(
                        " <a class=\"btn btn-sm btn-outline-secondary\" id=\"lineage-table-link\" href=\"{}\">Table page</a>",
                        href)).orElse(Html.empty())
                : Html.empty();
        return Html.of("""
                <div class="d-flex align-items-baseline gap-3 flex-wrap">
                <h1 class="h3" id="lineage-title">Lineage of {}</h1>
                <span class="text-secondary">{}</span>{}
                <a class="ms-auto" href="/console/lineage">All datasets</a>
                </div>
                <form class="row g-2 align-items-end mb-2" method="get" action="/console/lineage" id="lineage-form">
                <input type="hidden" name="namespace" value="{}">
                <input type="hidden" name="name" value="{}">
                <div class="col-auto"><label class="form-label" for="depth">Hops</label>
                <input class="form-control form-control-sm" type="number" min="1" max="{}" id="depth" name="depth" value="{}"></div>
                <div class="col-auto"><label class="form-label" for="direction">Direction</label>
                <select class="form-select form-select-sm" id="direction" name="direction">{}</select></div>
                <div class="col-auto"><button class="btn btn-sm btn-primary" type="submit" id="lineage-show">Show</button></div>
                </form>
                <div class="row g-3">
                <div class="col-lg-9"><div id="lineage-graph" class="ns-lineage-graph border rounded" \
                data-namespace="{}" data-name="{}" data-depth="{}" data-direction="{}" data-lake="{}"></div>
                <p class="small text-secondary mt-1">Drag to pan, scroll to zoom. Click a dataset to see its columns \
                and expand its upstream or downstream; click a column to highlight its lineage.</p></div>
                <div class="col-lg-3"><div id="lineage-details" class="small"><p class="text-secondary">Select a \
                node.</p></div></div>
                </div>
                <details class="mt-3"><summary>Nodes as a table</summary>
                <table class="table table-sm" id="lineage-nodes">
                <thead><tr><th>Kind</th><th>Name</th><th>Namespace</th><th>Hops</th><th>Columns or state</th></tr></thead>
                <tbody>{}</tbody></table></details>
                <link rel="stylesheet" href="/static/lineage.css">
                <script src="{}" defer></script>
                <script src="/static/lineage.js" defer></script>
                """, center.name(), center.namespace(), tableLink, center.namespace(), center.name(),
                LineageRoutes.MAX_DEPTH, view.depth(), directionOptions(view.direction()), center.namespace(),
                center.name(), view.depth(), view.direction(), lakeNamespace, rows, WebJarAssets.cytoscapeScript());
    }

    private static Html directionOptions(String selected) {
        return List.of("both", "upstream", "downstream").stream()
                .map(direction -> direction.equals(selected)
                        ? Html.of("<option value=\"{}\" selected>{}</option>", direction, direction)
                        : Html.of("<option value=\"{}\">{}</option>", direction, direction))
                .collect(Html.joining());
    }
}
