package dev.northstar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.govern.lineage.ColumnRef;
import dev.northstar.govern.lineage.DatasetRef;
import dev.northstar.govern.lineage.Lineage;
import dev.northstar.govern.lineage.LineageGraph;
import dev.northstar.govern.lineage.OpenLineageValidator;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar lineage ...}: Show table and column lineage, impact analysis; import OpenLineage events. */
@Command(name = "lineage", description = "Show table and column lineage, impact analysis; import OpenLineage events.",
        subcommands = {LineageCommand.Show.class, LineageCommand.Impact.class, LineageCommand.Import.class})
final class LineageCommand extends CommandGroup {
    private static final ObjectMapper JSON = new ObjectMapper();

    LineageCommand() {
        super("Missing command: name one of show, impact, import");
    }

    /** Opens the lake and its lineage, applies the work, closes both. */
    static <T> T withLineage(NorthstarCommand root, java.util.function.Function<Lineage, T> work) {
        return QualityCommand.withLakeAndStore(root, (lake, store) -> work.apply(new Lineage(lake, store.database())));
    }

    private static Map<String, Object> json(DatasetRef dataset) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("namespace", dataset.namespace());
        map.put("name", dataset.name());
        return map;
    }

    private static Map<String, Object> json(ColumnRef column) {
        Map<String, Object> map = json(column.dataset());
        map.put("column", column.column());
        return map;
    }

    /** Upstream only, downstream only, or both (neither flag). */
    static final class Only {
        @Option(names = "--upstream", description = "Only what the table is derived from.")
        boolean upstream;

        @Option(names = "--downstream", description = "Only what is derived from the table.")
        boolean downstream;
    }

    /** {@code northstar lineage show TABLE [--depth N] [--upstream|--downstream] [--namespace NS] [--json]}. */
    @Command(name = "show", description = "Show the datasets and jobs around a table, up to N hops (a dataset to the"
            + " job reading or writing it is one hop), with the column-level edges between them.",
            footer = {"", "Example:", "  northstar lineage show retail.daily_revenue --depth 4 --upstream"})
    static final class Show extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "TABLE", description = "A lake table (domain.table) or another dataset's"
                + " name, e.g. a file path.")
        private String name;

        @Option(names = "--namespace", paramLabel = "NS", description = "The dataset's namespace, for a dataset"
                + " outside this lake (e.g. file or s3://bucket).")
        private String namespace;

        @Option(names = "--depth", paramLabel = "N", defaultValue = "2", description = "Hops to walk, 1 to 20 (default:"
                + " ${DEFAULT-VALUE}).")
        private int depth;

        @ArgGroup(exclusive = true)
        private Only only;

        @Option(names = "--json", description = "Print the graph as one JSON object.")
        private boolean json;

        @Override
        public Integer call() {
            if (depth < 1 || depth > 20) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--depth " + depth
                        + " is not a whole number from 1 to 20", "e.g. --depth 3");
            }
            LineageGraph.Direction direction = only == null ? LineageGraph.Direction.BOTH
                    : only.upstream ? LineageGraph.Direction.UPSTREAM : LineageGraph.Direction.DOWNSTREAM;
            record Shown(DatasetRef center, LineageGraph.View view) {}
            Shown shown = withLineage(root(), lineage -> {
                LineageGraph graph = lineage.graph();
                DatasetRef center = lineage.dataset(graph, Optional.ofNullable(namespace), name);
                return new Shown(center, graph.around(center, depth, direction));
            });
            PrintWriter out = out();
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("center", json(shown.center()));
                body.put("depth", depth);
                body.put("direction", direction.name().toLowerCase(java.util.Locale.ROOT));
                List<Map<String, Object>> nodes = new ArrayList<>();
                for (LineageGraph.Node node : shown.view().nodes()) {
                    Map<String, Object> each = new LinkedHashMap<>();
                    each.put("id", node.id());
                    each.put("kind", node.kind());
                    each.put("namespace", node.namespace());
                    each.put("name", node.name());
                    each.put("hops", node.hops());
                    each.put("columns", node.columns());
                    node.state().ifPresent(state -> each.put("state", state));
                    nodes.add(each);
                }
                body.put("nodes", nodes);
                body.put("edges", shown.view().edges().stream()
                        .map(edge -> Map.of("source", edge.source(), "target", edge.target())).toList());
                body.put("column_edges", shown.view().columnEdges().stream().map(edge -> {
                    Map<String, Object> each = new LinkedHashMap<>();
                    each.put("source", json(edge.source()));
                    each.put("target", json(edge.target()));
                    each.put("transformation", edge.transformation());
                    return each;
                }).toList());
                out.println(JsonText.write(body));
                out.flush();
                return 0;
            }
            out.println("Lineage of " + shown.center().name() + " (" + shown.center().namespace() + "), "
                    + depth + " hops, " + direction.name().toLowerCase(java.util.Locale.ROOT) + ":");
            TextTable nodes = TextTable.withRightAligned(List.of("hops", "kind", "name", "namespace",
                    "columns or state"), 0);
            for (LineageGraph.Node node : shown.view().nodes()) {
                nodes.add(Integer.toString(node.hops()), node.kind(), node.name(), node.namespace(),
                        node.kind().equals("job") ? node.state().orElse("-") : String.join(", ", node.columns()));
            }
            nodes.print(out, "Nothing.");
            if (!shown.view().edges().isEmpty()) {
                out.println();
                out.println("Edges:");
                shown.view().edges().forEach(edge -> out.println("  " + edge.source() + " -> " + edge.target()));
            }
            if (!shown.view().columnEdges().isEmpty()) {
                out.println();
                out.println("Column lineage:");
                shown.view().columnEdges().forEach(edge -> out.println("  " + edge.source().dataset().name() + "."
                        + edge.source().column() + " -> " + edge.target().dataset().name() + "."
                        + edge.target().column() + " (" + edge.transformation() + ")"));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code northstar lineage impact TABLE.COLUMN [--namespace NS] [--json]}. */
    @Command(name = "impact", description = "What depends on a column: every column and dataset computed from it,"
            + " transitively, with hop counts.",
            footer = {"", "Example:", "  northstar lineage impact retail.orders.amount"})
    static final class Impact extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "TABLE.COLUMN", description = "The column, e.g. retail.orders.amount.")
        private String target;

        @Option(names = "--namespace", paramLabel = "NS", description = "The dataset's namespace, for a dataset"
                + " outside this lake.")
        private String namespace;

        @Option(names = "--json", description = "Print the impact as one JSON object.")
        private boolean json;

        @Override
        public Integer call() {
            int dot = target.lastIndexOf('.');
            if (dot <= 0 || dot == target.length() - 1) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "'" + target + "' is not TABLE.COLUMN",
                        "e.g. northstar lineage impact retail.orders.amount");
            }
            String datasetName = target.substring(0, dot);
            String column = target.substring(dot + 1);
            LineageGraph.Impact impact = withLineage(root(), lineage -> {
                LineageGraph graph = lineage.graph();
                DatasetRef dataset = lineage.dataset(graph, Optional.ofNullable(namespace), datasetName);
                if (!graph.columns(dataset).contains(column)) {
                    throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "Dataset " + dataset.name()
                            + " has no column " + column, "Its columns: " + String.join(", ",
                                    graph.columns(dataset)));
                }
                return graph.impact(new ColumnRef(dataset, column));
            });
            PrintWriter out = out();
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("column", json(impact.column()));
                body.put("columns", impact.columns().stream().map(hop -> {
                    Map<String, Object> each = json(hop.column());
                    each.put("hops", hop.hops());
                    each.put("transformation", hop.transformation());
                    return each;
                }).toList());
                body.put("datasets", impact.datasets().stream().map(hop -> {
                    Map<String, Object> each = json(hop.dataset());
                    each.put("hops", hop.hops());
                    return each;
                }).toList());
                out.println(JsonText.write(body));
                out.flush();
                return 0;
            }
            TextTable columns = TextTable.withRightAligned(List.of("hops", "column", "dataset", "transformation"), 0);
            impact.columns().forEach(hop -> columns.add(Integer.toString(hop.hops()), hop.column().column(),
                    hop.column().dataset().name(), hop.transformation()));
            out.println("Columns computed from " + impact.column().dataset().name() + "." + column + ":");
            columns.print(out, "Nothing depends on " + target + ".");
            if (!impact.datasets().isEmpty()) {
                out.println();
                out.println(impact.datasets().size() + " dataset(s) affected: " + String.join(", ",
                        impact.datasets().stream().map(hop -> hop.dataset().name() + " (" + hop.hops() + " hop"
                                + (hop.hops() > 1 ? "s" : "") + ")").toList()));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code northstar lineage import FILE [--json]}. */
    @Command(name = "import", description = "Import OpenLineage events from a file: one JSON event, or NDJSON (one"
            + " event a line). Every event is checked against the spec first; if any is invalid, none is imported.",
            footer = {"", "Example:", "  northstar lineage import spark-events.ndjson"})
    static final class Import extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "A .json file with one event or an NDJSON file.")
        private Path file;

        @Option(names = "--json", description = "Print the import summary as one JSON object.")
        private boolean json;

        @Override
        public Integer call() {
            Path path = root().environment().resolve(file);
            String text;
            try {
                text = Files.readString(path);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "File '" + path + "' does not exist",
                        "Check the path; relative paths are resolved from the current directory");
            } catch (IOException e) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot read '" + path + "': "
                        + e.getMessage(), null, e);
            }
            Map<Integer, String> events = events(text);
            OpenLineageValidator validator = new OpenLineageValidator();
            List<String> problems = new ArrayList<>();
            for (Map.Entry<Integer, String> event : events.entrySet()) {
                String where = path.getFileName() + (events.size() > 1 ? ":" + event.getKey() : "");
                try {
                    validator.validate(JSON.readTree(event.getValue()))
                            .forEach(violation -> problems.add(where + ": " + violation));
                } catch (JsonProcessingException e) {
                    problems.add(where + ": not JSON: " + e.getOriginalMessage());
                }
            }
            if (events.isEmpty()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "'" + path + "' holds no event",
                        "Write one OpenLineage event as JSON, or one event per line (NDJSON)");
            }
            if (!problems.isEmpty()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, problems.size()
                        + " problem(s) in the events of " + path + ", nothing imported:\n  "
                        + String.join("\n  ", problems),
                        "Fix each field named (JSON pointer) and import again; the spec is "
                                + "https://openlineage.io/spec/2-0-2/OpenLineage.json");
            }
            Map<String, Integer> byKind = withLineage(root(), lineage -> {
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (String event : events.values()) {
                    counts.merge(lineage.accept(event).kind(), 1, Integer::sum);
                }
                return counts;
            });
            PrintWriter out = out();
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("file", path.toString());
                body.put("imported", events.size());
                body.put("by_kind", byKind);
                out.println(JsonText.write(body));
            } else {
                out.println("Imported " + events.size() + " event(s) from " + path + ": " + String.join(", ",
                        byKind.entrySet().stream().map(entry -> entry.getValue() + " " + entry.getKey()).toList()));
            }
            out.flush();
            return 0;
        }

        /** The events of a file by line number: the whole file when it is one JSON value, else each line. */
        private static Map<Integer, String> events(String text) {
            Map<Integer, String> events = new LinkedHashMap<>();
            try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(text)) {
                JsonNode whole = JSON.readTree(parser);
                if (whole != null && parser.nextToken() == null) {
                    events.put(1, text);
                    return events;
                }
            } catch (IOException e) {
                // not one JSON value: NDJSON
            }
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    events.put(i + 1, lines[i]);
                }
            }
            return events;
        }
    }
}
