package dev.northstar.govern.lineage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The lineage graph of OpenLineage events: dataset and job nodes, edges input dataset → job → output dataset, the
 * newest run state of each job, and column-level edges from the {@code columnLineage} dataset facets. Built once from
 * a list of events (immutable afterwards); every traversal keeps a visited set, so cycles are safe.
 */
public final class LineageGraph implements ColumnLineage {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which way to walk from a dataset. */
    public enum Direction { UPSTREAM, DOWNSTREAM, BOTH }

    /** A job as OpenLineage names it. */
    public record JobRef(String namespace, String name) {
        public JobRef {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
        }

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    /**
     * A node of a graph view.
     *
     * @param id {@code dataset:<namespace>/<name>} or {@code job:<namespace>/<name>}
     * @param kind {@code dataset} or {@code job}
     * @param namespace its namespace
     * @param name its name
     * @param columns a dataset's columns (from its schema facet, its column lineage and the lake); empty for jobs
     * @param state a job's newest run state (START, COMPLETE, FAIL...), if any run was seen
     * @param lastEvent time of the newest event naming it
     * @param hops distance from the dataset the view is centred on
     */
    public record Node(String id, String kind, String namespace, String name, List<String> columns,
            Optional<String> state, Optional<Instant> lastEvent, int hops) {
        public Node {
            columns = List.copyOf(columns);
        }
    }

    /** A directed edge between two node ids. */
    public record Edge(String source, String target) {}

    /**
     * A direct column-level edge.
     *
     * @param source the input column
     * @param target the output column computed from it
     * @param transformation e.g. {@code IDENTITY}, {@code TRANSFORMATION}, {@code AGGREGATION}
     */
    public record ColumnEdge(ColumnRef source, ColumnRef target, String transformation) {}

    /** A subgraph: nodes within some hops of a dataset, the edges between them and their column edges. */
    public record View(List<Node> nodes, List<Edge> edges, List<ColumnEdge> columnEdges) {
        public View {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
            columnEdges = List.copyOf(columnEdges);
        }
    }

    /**
     * A column reached by a transitive column-lineage walk.
     *
     * @param column the column
     * @param hops how many column edges away
     * @param transformation the transformation of the edge it was reached by
     */
    public record ColumnHop(ColumnRef column, int hops, String transformation) {}

    /**
     * A dataset reached by an impact analysis.
     *
     * @param dataset the dataset
     * @param hops the fewest column edges from the analysed column to one of its columns
     */
    public record DatasetHop(DatasetRef dataset, int hops) {}

    /** What depends on a column: downstream columns and the datasets holding them, with hop counts. */
    public record Impact(ColumnRef column, List<ColumnHop> columns, List<DatasetHop> datasets) {}

    private final Map<DatasetRef, Set<String>> columnsByDataset = new LinkedHashMap<>();
    private final Map<DatasetRef, Instant> lastEventByDataset = new HashMap<>();
    private final Map<JobRef, JobState> jobs = new LinkedHashMap<>();
    private final Map<DatasetRef, Set<JobRef>> consumers = new HashMap<>();
    private final Map<DatasetRef, Set<JobRef>> producers = new HashMap<>();
    private final Map<JobRef, Set<DatasetRef>> jobInputs = new HashMap<>();
    private final Map<JobRef, Set<DatasetRef>> jobOutputs = new HashMap<>();
    private final Map<ColumnRef, Map<ColumnRef, String>> inputsByColumn = new LinkedHashMap<>();
    private final Map<ColumnRef, Map<ColumnRef, String>> outputsByColumn = new LinkedHashMap<>();

    private static final class JobState {
        Optional<String> state = Optional.empty();
        Instant stateAt = Instant.MIN;
        Instant lastEvent = Instant.MIN;
    }

    private LineageGraph() {}

    /**
     * The graph of these events (OpenLineage JSON, any order), with extra dataset columns from the caller (e.g. the
     * lake's table schemas; return an empty list when unknown).
     */
    public static LineageGraph of(Collection<String> events, Function<DatasetRef, List<String>> knownColumns) {
        LineageGraph graph = new LineageGraph();
        for (String event : events) {
            try {
                graph.add(JSON.readTree(event));
            } catch (IOException e) {
                throw new IllegalArgumentException("A stored lineage event is not JSON: " + e.getMessage(), e);
            }
        }
        for (DatasetRef dataset : List.copyOf(graph.columnsByDataset.keySet())) {
            graph.columnsByDataset.get(dataset).addAll(knownColumns.apply(dataset));
        }
        return graph;
    }

    private void add(JsonNode event) {
        Instant at = time(event);
        if (event.has("dataset") && !event.has("job")) {
            dataset(event.path("dataset"), at);
            return;
        }
        JsonNode jobNode = event.path("job");
        JobRef job = new JobRef(jobNode.path("namespace").asText(), jobNode.path("name").asText());
        JobState state = jobs.computeIfAbsent(job, key -> new JobState());
        if (at.isAfter(state.lastEvent)) {
            state.lastEvent = at;
        }
        String eventType = event.path("eventType").asText("");
        // At the same instant a run's end outranks its start (events are stored to the millisecond).
        boolean newer = at.isAfter(state.stateAt) || at.equals(state.stateAt)
                && rank(eventType) >= state.state.map(LineageGraph::rank).orElse(-1);
        if (event.has("run") && !eventType.isEmpty() && newer) {
            state.state = Optional.of(eventType);
            state.stateAt = at;
        }
        for (JsonNode input : event.path("inputs")) {
            DatasetRef dataset = dataset(input, at);
            consumers.computeIfAbsent(dataset, key -> new LinkedHashSet<>()).add(job);
            jobInputs.computeIfAbsent(job, key -> new LinkedHashSet<>()).add(dataset);
        }
        for (JsonNode output : event.path("outputs")) {
            DatasetRef dataset = dataset(output, at);
            producers.computeIfAbsent(dataset, key -> new LinkedHashSet<>()).add(job);
            jobOutputs.computeIfAbsent(job, key -> new LinkedHashSet<>()).add(dataset);
        }
    }

    private static int rank(String eventType) {
        return switch (eventType) {
            case "START" -> 0;
            case "COMPLETE", "FAIL", "ABORT" -> 2;
            default -> 1;
        };
    }

    private DatasetRef dataset(JsonNode node, Instant at) {
        DatasetRef dataset = new DatasetRef(node.path("namespace").asText(), node.path("name").asText());
        Set<String> columns = columnsByDataset.computeIfAbsent(dataset, key -> new LinkedHashSet<>());
        lastEventByDataset.merge(dataset, at, (left, right) -> left.isAfter(right) ? left : right);
        for (JsonNode field : node.path("facets").path("schema").path("fields")) {
            if (field.hasNonNull("name")) {
                columns.add(field.path("name").asText());
            }
        }
        JsonNode fields = node.path("facets").path("columnLineage").path("fields");
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ColumnRef target = new ColumnRef(dataset, entry.getKey());
            columns.add(entry.getKey());
            String fieldType = entry.getValue().path("transformationType").asText("");
            for (JsonNode input : entry.getValue().path("inputFields")) {
                DatasetRef inputDataset = new DatasetRef(input.path("namespace").asText(), input.path("name").asText());
                ColumnRef source = new ColumnRef(inputDataset, input.path("field").asText());
                columnsByDataset.computeIfAbsent(inputDataset, key -> new LinkedHashSet<>()).add(source.column());
                lastEventByDataset.putIfAbsent(inputDataset, at);
                String transformation = transformation(input.path("transformations"), fieldType);
                if (transformation.startsWith("INDIRECT")) {
                    continue; // joins, filters and sorts shape the rows, not the column's values
                }
                inputsByColumn.computeIfAbsent(target, key -> new LinkedHashMap<>()).put(source, transformation);
                outputsByColumn.computeIfAbsent(source, key -> new LinkedHashMap<>()).put(target, transformation);
            }
        }
        return dataset;
    }

    /** {@code IDENTITY}, {@code TRANSFORMATION}, {@code AGGREGATION} for DIRECT ones; {@code INDIRECT/<subtype>}. */
    private static String transformation(JsonNode transformations, String fieldType) {
        for (JsonNode transformation : transformations) {
            String type = transformation.path("type").asText("DIRECT");
            String subtype = transformation.path("subtype").asText("");
            if ("INDIRECT".equals(type)) {
                return "INDIRECT/" + subtype;
            }
            return subtype.isEmpty() ? type : subtype;
        }
        return fieldType.isEmpty() ? "UNKNOWN" : fieldType;
    }

    private static Instant time(JsonNode event) {
        try {
            return java.time.OffsetDateTime.parse(event.path("eventTime").asText()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    // ---- queries ---------------------------------------------------------------------------------------------

    /** Every dataset of the graph, sorted by namespace and name. */
    public List<DatasetRef> datasets() {
        return columnsByDataset.keySet().stream()
                .sorted(Comparator.comparing(DatasetRef::namespace).thenComparing(DatasetRef::name)).toList();
    }

    /** Every job of the graph. */
    public List<JobRef> jobs() {
        return List.copyOf(jobs.keySet());
    }

    /** Whether the graph holds the dataset. */
    public boolean contains(DatasetRef dataset) {
        return columnsByDataset.containsKey(dataset);
    }

    /** The known columns of a dataset. */
    public List<String> columns(DatasetRef dataset) {
        return List.copyOf(columnsByDataset.getOrDefault(dataset, Set.of()));
    }

    /** The newest run state of a job (START, RUNNING, COMPLETE, FAIL...), if any run event named it. */
    public Optional<String> state(JobRef job) {
        JobState state = jobs.get(job);
        return state == null ? Optional.empty() : state.state;
    }

    /** Datasets whose name (or namespace/name) is this text, for resolving what a user typed. */
    public List<DatasetRef> named(String text) {
        return datasets().stream()
                .filter(dataset -> dataset.name().equals(text) || dataset.toString().equals(text))
                .toList();
    }

    /**
     * The datasets and jobs within {@code depth} hops of a dataset (one hop is dataset → job or job → dataset), the
     * edges between them and the column edges between their datasets.
     */
    public synchronized View around(DatasetRef start, int depth, Direction direction) {
        requireNonNull(start, "start is null");
        requireNonNull(direction, "direction is null");
        Map<String, Integer> hops = new LinkedHashMap<>();
        Set<Edge> edges = new LinkedHashSet<>();
        if (direction != Direction.DOWNSTREAM) {
            walk(start, depth, true, hops, edges);
        }
        if (direction != Direction.UPSTREAM) {
            walk(start, depth, false, hops, edges);
        }
        hops.putIfAbsent(datasetId(start), 0);
        List<Node> nodes = new ArrayList<>();
        Set<DatasetRef> datasetsInView = new LinkedHashSet<>();
        for (Map.Entry<String, Integer> entry : hops.entrySet()) {
            String id = entry.getKey();
            if (id.startsWith("dataset:")) {
                DatasetRef dataset = datasetById.get(id);
                if (dataset == null) {
                    dataset = start;
                }
                datasetsInView.add(dataset);
                nodes.add(new Node(id, "dataset", dataset.namespace(), dataset.name(), columns(dataset),
                        Optional.empty(), Optional.ofNullable(lastEventByDataset.get(dataset)), entry.getValue()));
            } else {
                JobRef job = jobById.get(id);
                JobState state = jobs.get(job);
                nodes.add(new Node(id, "job", job.namespace(), job.name(), List.of(), state.state,
                        Optional.of(state.lastEvent), entry.getValue()));
            }
        }
        List<ColumnEdge> columnEdges = new ArrayList<>();
        inputsByColumn.forEach((target, inputs) -> inputs.forEach((source, transformation) -> {
            if (datasetsInView.contains(target.dataset()) && datasetsInView.contains(source.dataset())) {
                columnEdges.add(new ColumnEdge(source, target, transformation));
            }
        }));
        return new View(nodes, List.copyOf(edges), columnEdges);
    }

    private final Map<String, DatasetRef> datasetById = new HashMap<>();
    private final Map<String, JobRef> jobById = new HashMap<>();

    private String datasetId(DatasetRef dataset) {
        String id = "dataset:" + dataset;
        datasetById.putIfAbsent(id, dataset);
        return id;
    }

    private String jobId(JobRef job) {
        String id = "job:" + job;
        jobById.putIfAbsent(id, job);
        return id;
    }

    /** Breadth-first from a dataset, alternating dataset and job layers. */
    private void walk(DatasetRef start, int depth, boolean upstream, Map<String, Integer> hops, Set<Edge> edges) {
        Deque<Object> queue = new ArrayDeque<>();
        Map<Object, Integer> seen = new HashMap<>();
        queue.add(start);
        seen.put(start, 0);
        hops.merge(datasetId(start), 0, Math::min);
        while (!queue.isEmpty()) {
            Object current = queue.poll();
            int distance = seen.get(current);
            if (distance >= depth) {
                continue;
            }
            if (current instanceof DatasetRef dataset) {
                Set<JobRef> next = (upstream ? producers : consumers).getOrDefault(dataset, Set.of());
                for (JobRef job : next) {
                    edges.add(upstream ? new Edge(jobId(job), datasetId(dataset))
                            : new Edge(datasetId(dataset), jobId(job)));
                    if (seen.putIfAbsent(job, distance + 1) == null) {
                        hops.merge(jobId(job), distance + 1, Math::min);
                        queue.add(job);
                    }
                }
            } else {
                JobRef job = (JobRef) current;
                Set<DatasetRef> next = (upstream ? jobInputs : jobOutputs).getOrDefault(job, Set.of());
                for (DatasetRef dataset : next) {
                    edges.add(upstream ? new Edge(datasetId(dataset), jobId(job))
                            : new Edge(jobId(job), datasetId(dataset)));
                    if (seen.putIfAbsent(dataset, distance + 1) == null) {
                        hops.merge(datasetId(dataset), distance + 1, Math::min);
                        queue.add(dataset);
                    }
                }
            }
        }
    }

    @Override
    public Map<ColumnRef, Set<ColumnRef>> inputsByColumn() {
        Map<ColumnRef, Set<ColumnRef>> result = new LinkedHashMap<>();
        inputsByColumn.forEach((column, inputs) -> result.put(column, Set.copyOf(inputs.keySet())));
        return Map.copyOf(result);
    }

    /** The columns a column is computed from, transitively, nearest first. */
    public List<ColumnHop> upstream(ColumnRef column) {
        return transitive(column, inputsByColumn);
    }

    /** The columns computed from a column, transitively, nearest first. */
    public List<ColumnHop> downstream(ColumnRef column) {
        return transitive(column, outputsByColumn);
    }

    /** What depends on a column: every downstream column and every dataset holding one, with hop counts. */
    public Impact impact(ColumnRef column) {
        List<ColumnHop> columns = downstream(column);
        Map<DatasetRef, Integer> datasets = new LinkedHashMap<>();
        for (ColumnHop hop : columns) {
            datasets.merge(hop.column().dataset(), hop.hops(), Math::min);
        }
        List<DatasetHop> datasetHops = datasets.entrySet().stream()
                .map(entry -> new DatasetHop(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingInt(DatasetHop::hops).thenComparing(hop -> hop.dataset().toString()))
                .toList();
        return new Impact(column, columns, datasetHops);
    }

    private static List<ColumnHop> transitive(ColumnRef start, Map<ColumnRef, Map<ColumnRef, String>> next) {
        requireNonNull(start, "start is null");
        List<ColumnHop> result = new ArrayList<>();
        Set<ColumnRef> seen = new java.util.HashSet<>();
        seen.add(start);
        Deque<ColumnHop> queue = new ArrayDeque<>();
        queue.add(new ColumnHop(start, 0, ""));
        while (!queue.isEmpty()) {
            ColumnHop current = queue.poll();
            Map<ColumnRef, String> neighbours = next.getOrDefault(current.column(), Map.of());
            // Neighbours in name order, so results are deterministic whatever the order of the events.
            List<ColumnRef> ordered = neighbours.keySet().stream()
                    .sorted(Comparator.comparing(ColumnRef::toString)).toList();
            for (ColumnRef neighbour : ordered) {
                if (seen.add(neighbour)) {
                    ColumnHop hop = new ColumnHop(neighbour, current.hops() + 1, neighbours.get(neighbour));
                    result.add(hop);
                    queue.add(hop);
                }
            }
        }
        return List.copyOf(result);
    }
}
