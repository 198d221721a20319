package dev.northstar.govern.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The graph on hand-written events: run states by time, hop limits, INDIRECT edges, schema facets, cycles. */
class LineageGraphTest {
    private static String run(String type, String time, String job, String input, String output, String lineage) {
        return """
                {"eventType": "%s", "eventTime": "%s", "run": {"runId": "0190a7b2-7c4e-7a1e-9f00-1234567890ab"},
                 "job": {"namespace": "etl", "name": "%s"},
                 "inputs": [{"namespace": "db", "name": "%s", "facets": {"schema": {"fields": [{"name": "a"}, {"name": "b"}]}}}],
                 "outputs": [{"namespace": "db", "name": "%s", "facets": {"columnLineage": {"fields": %s}}}]}
                """.formatted(type, time, job, input, output, lineage);
    }

    private static final String A_TO_X = """
            {"x": {"inputFields": [{"namespace": "db", "name": "t1", "field": "a",
                "transformations": [{"type": "DIRECT", "subtype": "TRANSFORMATION"}]},
              {"namespace": "db", "name": "t1", "field": "b", "transformations": [{"type": "INDIRECT", "subtype": "FILTER"}]}]}}
            """;

    @Test
    void theNewestEventGivesTheJobStateWhateverTheirOrder() {
        LineageGraph graph = LineageGraph.of(List.of(
                run("COMPLETE", "2024-06-01T12:05:00Z", "load", "t1", "t2", A_TO_X),
                run("START", "2024-06-01T12:00:00Z", "load", "t1", "t2", "{}"),
                run("FAIL", "2024-06-02T00:00:00+02:00", "other", "t2", "t3", "{}")), dataset -> List.of());
        assertThat(graph.state(new LineageGraph.JobRef("etl", "load"))).contains("COMPLETE");
        assertThat(graph.state(new LineageGraph.JobRef("etl", "other"))).contains("FAIL");
        assertThat(graph.columns(new DatasetRef("db", "t1"))).containsExactly("a", "b");
        LineageGraph sameInstant = LineageGraph.of(List.of(
                run("COMPLETE", "2024-06-01T12:00:00Z", "fast", "t1", "t2", "{}"),
                run("START", "2024-06-01T12:00:00Z", "fast", "t1", "t2", "{}")), dataset -> List.of());
        assertThat(sameInstant.state(new LineageGraph.JobRef("etl", "fast"))).contains("COMPLETE");
    }

    @Test
    void indirectInputsAreNotValueLineage() {
        LineageGraph graph = LineageGraph.of(List.of(run("COMPLETE", "2024-06-01T12:00:00Z", "load", "t1", "t2",
                A_TO_X)), dataset -> List.of());
        assertThat(graph.upstream(new ColumnRef(new DatasetRef("db", "t2"), "x")))
                .containsExactly(new LineageGraph.ColumnHop(new ColumnRef(new DatasetRef("db", "t1"), "a"), 1,
                        "TRANSFORMATION"));
        assertThat(graph.impact(new ColumnRef(new DatasetRef("db", "t1"), "b")).columns()).isEmpty();
    }

    @Test
    void depthLimitsHopsAndCyclesEnd() {
        String y = """
                {"y": {"inputFields": [{"namespace": "db", "name": "t2", "field": "x"}]}}""";
        String back = """
                {"a": {"inputFields": [{"namespace": "db", "name": "t3", "field": "y"}]}}""";
        LineageGraph graph = LineageGraph.of(List.of(
                run("COMPLETE", "2024-06-01T12:00:00Z", "one", "t1", "t2", A_TO_X),
                run("COMPLETE", "2024-06-01T12:00:00Z", "two", "t2", "t3", y),
                run("COMPLETE", "2024-06-01T12:00:00Z", "three", "t3", "t1", back)), dataset -> List.of("extra"));
        DatasetRef t1 = new DatasetRef("db", "t1");
        assertThat(graph.around(t1, 1, LineageGraph.Direction.DOWNSTREAM).nodes()).extracting(LineageGraph.Node::name)
                .containsExactly("t1", "one");
        assertThat(graph.around(t1, 2, LineageGraph.Direction.DOWNSTREAM).nodes()).extracting(LineageGraph.Node::name)
                .containsExactly("t1", "one", "t2");
        assertThat(graph.around(t1, 20, LineageGraph.Direction.BOTH).nodes()).extracting(LineageGraph.Node::name)
                .containsExactlyInAnyOrder("t1", "one", "t2", "two", "t3", "three");
        assertThat(graph.downstream(new ColumnRef(t1, "a"))).extracting(hop -> hop.column().column() + "@" + hop.hops())
                .containsExactly("x@1", "y@2");
        assertThat(graph.upstream(new ColumnRef(t1, "a"))).extracting(hop -> hop.column().column() + "@" + hop.hops())
                .containsExactly("y@1", "x@2");
        assertThat(graph.columns(t1)).contains("a", "b", "extra");
        assertThat(graph.inputsByColumn()).hasSize(3);
    }
}
