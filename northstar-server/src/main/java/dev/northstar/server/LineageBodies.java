package dev.northstar.server;

import dev.northstar.govern.lineage.ColumnRef;
import dev.northstar.govern.lineage.DatasetRef;
import dev.northstar.govern.lineage.LineageGraph;
import java.util.List;
import java.util.Optional;

/** JSON bodies of the lineage API. */
final class LineageBodies {
    private LineageBodies() {}

    /** A dataset as OpenLineage names it. */
    record Dataset(String namespace, String name) {
        static Dataset of(DatasetRef dataset) {
            return new Dataset(dataset.namespace(), dataset.name());
        }
    }

    /** A column of a dataset. */
    record Column(String namespace, String name, String column) {
        static Column of(ColumnRef column) {
            return new Column(column.dataset().namespace(), column.dataset().name(), column.column());
        }
    }

    /**
     * A node of the graph.
     *
     * @param id {@code dataset:<namespace>/<name>} or {@code job:<namespace>/<name>}
     * @param kind {@code dataset} or {@code job}
     * @param namespace namespace
     * @param name name
     * @param columns a dataset's known columns
     * @param state a job's newest run state
     * @param lastEvent time of the newest event naming it (ISO-8601)
     * @param hops distance from the centre dataset
     * @param table for a lake table, {@code domain.table} (the console links to its page)
     * @param product whether the lake table is a data product (governed by an applied contract)
     */
    record Node(String id, String kind, String namespace, String name, List<String> columns, Optional<String> state,
            Optional<String> lastEvent, int hops, Optional<String> table, boolean product) {}

    /** A dataset → job or job → dataset edge. */
    record Edge(String source, String target) {}

    /** A column → column edge with its transformation (IDENTITY, TRANSFORMATION, AGGREGATION). */
    record ColumnEdge(Column source, Column target, String transformation) {}

    /** The graph around a dataset. */
    record Graph(Dataset center, int depth, String direction, List<Node> nodes, List<Edge> edges,
            List<ColumnEdge> columnEdges) {}

    /** A column reached transitively, with how many column edges away and by which transformation. */
    record ColumnHop(Column column, int hops, String transformation) {
        static ColumnHop of(LineageGraph.ColumnHop hop) {
            return new ColumnHop(Column.of(hop.column()), hop.hops(), hop.transformation());
        }
    }

    /** The columns a column is computed from and the columns computed from it, transitively. */
    record ColumnLineage(Column column, List<ColumnHop> upstream, List<ColumnHop> downstream) {}

    /** A dataset reached by an impact analysis with its fewest hops. */
    record DatasetHop(Dataset dataset, int hops) {}

    /** What depends on a column. */
    record Impact(Column column, List<ColumnHop> columns, List<DatasetHop> datasets) {}

    /** An accepted OpenLineage event: RUN, DATASET or JOB, and the key it is stored under. */
    record Accepted(String kind, String id) {}
}
