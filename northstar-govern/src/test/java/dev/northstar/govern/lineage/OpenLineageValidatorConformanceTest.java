package dev.northstar.govern.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.northstar.ingest.lineage.OpenLineageConformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's own OpenLineage validation against the spec's JSON Schema (networknt, with the shared spec and facet
 * schemas): every example in {@code shared/conformance/openlineage/tests/} is accepted, and on deliberately broken
 * variants both verdicts agree.
 */
class OpenLineageValidatorConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static OpenLineageConformance schema;
    private static Path tests;
    private final OpenLineageValidator validator = new OpenLineageValidator();

    @BeforeAll
    static void load() throws IOException {
        schema = OpenLineageConformance.load();
        tests = OpenLineageConformance.directory().resolve("tests");
    }

    /** Every facet example wrapped into a minimal RunEvent, where its facet kind belongs. */
    private static List<Map.Entry<String, ObjectNode>> facetExamples() throws IOException {
        List<Map.Entry<String, ObjectNode>> examples = new ArrayList<>();
        try (Stream<Path> folders = Files.list(tests)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                        JsonNode facets = JSON.readTree(file.toFile());
                        examples.add(Map.entry(folder.getFileName() + "/" + file.getFileName(),
                                wrap(folder.getFileName().toString(), facets)));
                    }
                }
            }
        }
        return examples;
    }

    private static ObjectNode minimalEvent() {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventType", "COMPLETE");
        event.put("eventTime", "2024-06-01T12:00:00.000Z");
        event.put("producer", "https://github.com/OpenLineage/OpenLineage/tree/1.0.0/client/java");
        event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        event.putObject("run").put("runId", "0190a7b2-7c4e-7a1e-9f00-1234567890ab");
        event.putObject("job").put("namespace", "conformance").put("name", "example");
        event.putArray("inputs").addObject().put("namespace", "db").put("name", "in");
        event.putArray("outputs").addObject().put("namespace", "db").put("name", "out");
        return event;
    }

    private static ObjectNode wrap(String kind, JsonNode facets) {
        ObjectNode event = minimalEvent();
        String schemaUrl = facets.elements().hasNext() ? facets.elements().next().path("_schemaURL").asText("") : "";
        String target = schemaUrl.contains("#") ? schemaUrl.substring(schemaUrl.lastIndexOf('/') + 1) : kind;
        ObjectNode holder;
        if (target.endsWith("RunFacet")) {
            holder = ((ObjectNode) event.path("run")).putObject("facets");
        } else if (target.endsWith("JobFacet")) {
            holder = ((ObjectNode) event.path("job")).putObject("facets");
        } else if (target.startsWith("Input") || target.endsWith("InputDatasetFacet")) {
            holder = ((ObjectNode) event.path("inputs").get(0)).putObject("inputFacets");
        } else if (target.startsWith("Output") || target.endsWith("OutputDatasetFacet")) {
            holder = ((ObjectNode) event.path("outputs").get(0)).putObject("outputFacets");
        } else {
            holder = ((ObjectNode) event.path("outputs").get(0)).putObject("facets");
        }
        ObjectNode facetsOfEvent = holder;
        facets.fields().forEachRemaining(entry -> facetsOfEvent.set(entry.getKey(), entry.getValue()));
        return event;
    }

    private List<OpenLineageValidator.Violation> ours(JsonNode event) {
        return validator.validate(event);
    }

    private List<String> theirs(JsonNode event) throws IOException {
        return schema.problems(event.toString());
    }

    @Test
    void everyExampleOfTheSpecIsAccepted() throws IOException {
        List<Map.Entry<String, ObjectNode>> examples = facetExamples();
        assertThat(examples).hasSizeGreaterThan(40);
        for (Map.Entry<String, ObjectNode> example : examples) {
            assertThat(theirs(example.getValue())).as("schema verdict on " + example.getKey()).isEmpty();
            assertThat(ours(example.getValue())).as("our verdict on " + example.getKey()).isEmpty();
        }
        JsonNode full = JSON.readTree(tests.resolve("example_full_event.json").toFile());
        assertThat(theirs(full)).isEmpty();
        assertThat(ours(full)).isEmpty();
    }

    private void agreeRejected(String name, JsonNode base, Consumer<ObjectNode> breakIt, String pointer)
            throws IOException {
        ObjectNode broken = base.deepCopy();
        breakIt.accept(broken);
        List<String> schemaProblems = theirs(broken);
        List<OpenLineageValidator.Violation> ourProblems = ours(broken);
        assertThat(schemaProblems).as("schema verdict on " + name + ": " + broken).isNotEmpty();
        assertThat(ourProblems).as("our verdict on " + name + ": " + broken)
                .extracting(OpenLineageValidator.Violation::pointer).contains(pointer);
    }

    @Test
    void brokenEventsAreRejectedByBothWithThePreciseField() throws IOException {
        JsonNode full = JSON.readTree(tests.resolve("example_full_event.json").toFile());
        agreeRejected("no eventTime", full, event -> event.remove("eventTime"), "/eventTime");
        agreeRejected("no producer", full, event -> event.remove("producer"), "/producer");
        agreeRejected("no schemaURL", full, event -> event.remove("schemaURL"), "/schemaURL");
        agreeRejected("eventType not in the enum", full, event -> event.put("eventType", "DONE"), "/eventType");
        agreeRejected("eventType a number", full, event -> event.put("eventType", 3), "/eventType");
        agreeRejected("no runId", full, event -> ((ObjectNode) event.path("run")).remove("runId"), "/run/runId");
        agreeRejected("runId a number", full, event -> ((ObjectNode) event.path("run")).put("runId", 42),
                "/run/runId");
        agreeRejected("no job name", full, event -> ((ObjectNode) event.path("job")).remove("name"), "/job/name");
        agreeRejected("no job", full, event -> {
            event.remove("job");
            event.remove("dataset");
        }, "/job");
        // Without its job, the example (which also names a dataset) is a valid DatasetEvent: the spec's oneOf.
        ObjectNode datasetEvent = full.deepCopy();
        datasetEvent.remove("job");
        assertThat(theirs(datasetEvent)).isEmpty();
        assertThat(ours(datasetEvent)).isEmpty();
        assertThat(OpenLineageValidator.kind(datasetEvent)).isEqualTo(OpenLineageValidator.Kind.DATASET);
        // With a job and a dataset but no run it is both a JobEvent and a DatasetEvent, which oneOf forbids.
        ObjectNode ambiguous = full.deepCopy();
        ambiguous.remove("run");
        agreeRejected("job and dataset without run", ambiguous, event -> { }, "");
        agreeRejected("inputs not an array", full, event -> event.put("inputs", "orders"), "/inputs");
        agreeRejected("dataset without namespace", full, event -> ((ArrayNode) event.withArray("outputs"))
                .addObject().put("name", "x"), "/outputs/0/namespace");
        agreeRejected("facet without _producer", full, event -> ((ObjectNode) event.path("job").path("facets")
                .path("sql")).remove("_producer"), "/job/facets/sql/_producer");
        agreeRejected("facet _deleted not boolean", full, event -> ((ObjectNode) event.path("job").path("facets")
                .path("sql")).put("_deleted", "yes"), "/job/facets/sql/_deleted");
        agreeRejected("facets not an object", full, event -> ((ObjectNode) event.path("run")).put("facets", 1),
                "/run/facets");
    }

    @Test
    void brokenFacetExamplesAreRejectedByBoth() throws IOException {
        for (Map.Entry<String, ObjectNode> example : facetExamples()) {
            ObjectNode event = example.getValue();
            agreeRejected(example.getKey() + " without _schemaURL", event, broken -> facetOf(broken)
                    .remove("_schemaURL"), facetPointer(event) + "/_schemaURL");
        }
        ObjectNode lineage = facetExamples().stream().filter(entry -> entry.getKey().startsWith(
                "ColumnLineageDatasetFacet/")).findFirst().orElseThrow().getValue();
        agreeRejected("columnLineage input without field", lineage, broken -> {
            JsonNode fields = facetOf(broken).path("fields");
            ((ObjectNode) fields.elements().next().path("inputFields").get(0)).remove("field");
        }, facetPointer(lineage) + "/fields/" + lineage.path("outputs").get(0).path("facets").path("columnLineage")
                .path("fields").fieldNames().next() + "/inputFields/0/field");
    }

    @Test
    void formatsAreCheckedByOurs() {
        // JSON Schema 2020-12 treats "format" as an annotation unless asserted; the spec still says date-time, uuid
        // and uri, and the graph needs them, so our validation asserts them.
        ObjectNode event = minimalEvent();
        assertThat(ours(event)).isEmpty();
        ObjectNode badTime = event.deepCopy().put("eventTime", "2024-06-01 12:00");
        assertThat(ours(badTime)).extracting(OpenLineageValidator.Violation::pointer).containsExactly("/eventTime");
        ObjectNode badRun = event.deepCopy();
        ((ObjectNode) badRun.path("run")).put("runId", "run-42");
        assertThat(ours(badRun)).extracting(OpenLineageValidator.Violation::problem)
                .containsExactly("'run-42' is not a UUID");
        ObjectNode badProducer = event.deepCopy().put("producer", "my tool");
        assertThat(ours(badProducer)).extracting(OpenLineageValidator.Violation::pointer)
                .containsExactly("/producer");
        // The only place the verdicts differ, on purpose: the schema validator leaves formats unasserted.
        assertThat(theirsUnchecked(badTime)).isEmpty();
        assertThat(theirsUnchecked(badRun)).isEmpty();
        assertThat(theirsUnchecked(badProducer)).isEmpty();
        ObjectNode relative = event.deepCopy().put("schemaURL", "OpenLineage.json");
        assertThat(ours(relative)).extracting(OpenLineageValidator.Violation::problem)
                .containsExactly("'OpenLineage.json' is not an absolute URI");
    }

    @Test
    void datasetAndJobEventsAreValidatedToo() throws IOException {
        ObjectNode datasetEvent = JSON.createObjectNode();
        datasetEvent.put("eventTime", "2024-06-01T12:00:00Z");
        datasetEvent.put("producer", "https://example.com/dbt");
        datasetEvent.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent");
        datasetEvent.putObject("dataset").put("namespace", "postgres://db").put("name", "public.users");
        assertThat(theirs(datasetEvent)).isEmpty();
        assertThat(ours(datasetEvent)).isEmpty();
        assertThat(OpenLineageValidator.kind(datasetEvent)).isEqualTo(OpenLineageValidator.Kind.DATASET);
        agreeRejected("dataset without name", datasetEvent, event -> ((ObjectNode) event.path("dataset"))
                .remove("name"), "/dataset/name");

        ObjectNode jobEvent = JSON.createObjectNode();
        jobEvent.put("eventTime", "2024-06-01T12:00:00Z");
        jobEvent.put("producer", "https://example.com/airflow");
        jobEvent.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent");
        jobEvent.putObject("job").put("namespace", "airflow").put("name", "dag.task");
        jobEvent.putArray("inputs").addObject().put("namespace", "postgres://db").put("name", "public.users");
        assertThat(theirs(jobEvent)).isEmpty();
        assertThat(ours(jobEvent)).isEmpty();
        assertThat(OpenLineageValidator.kind(jobEvent)).isEqualTo(OpenLineageValidator.Kind.JOB);
        agreeRejected("job without namespace", jobEvent, event -> ((ObjectNode) event.path("job"))
                .remove("namespace"), "/job/namespace");
    }

    private List<String> theirsUnchecked(JsonNode event) {
        try {
            return theirs(event);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode facetOf(ObjectNode event) {
        for (JsonNode holder : List.of(event.path("run").path("facets"), event.path("job").path("facets"),
                event.path("inputs").get(0).path("inputFacets"), event.path("outputs").get(0).path("outputFacets"),
                event.path("outputs").get(0).path("facets"))) {
            if (holder.size() > 0) {
                return (ObjectNode) holder.elements().next();
            }
        }
        throw new IllegalStateException("no facet in " + event);
    }

    private static String facetPointer(ObjectNode event) {
        Map<String, JsonNode> holders = new java.util.LinkedHashMap<>();
        holders.put("/run/facets", event.path("run").path("facets"));
        holders.put("/job/facets", event.path("job").path("facets"));
        holders.put("/inputs/0/inputFacets", event.path("inputs").get(0).path("inputFacets"));
        holders.put("/outputs/0/outputFacets", event.path("outputs").get(0).path("outputFacets"));
        holders.put("/outputs/0/facets", event.path("outputs").get(0).path("facets"));
        for (Map.Entry<String, JsonNode> holder : holders.entrySet()) {
            if (holder.getValue().size() > 0) {
                return holder.getKey() + "/" + holder.getValue().fieldNames().next();
            }
        }
        throw new IllegalStateException("no facet in " + event);
    }
}
