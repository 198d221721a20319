package dev.northstar.ingest.lineage;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Validates OpenLineage events against the spec and facet schemas in {@code shared/conformance/openlineage/}, found
 * by walking up from the working directory. Their {@code https://openlineage.io/spec/...} ids are served from those
 * files, never fetched. When the directory is absent the calling test is skipped loudly, or fails when CI=true.
 * Shared with northstar-govern through this module's test-jar.
 */
public final class OpenLineageConformance {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonSchema event;
    private final Map<String, JsonSchema> facetByKey;

    private OpenLineageConformance(JsonSchema event, Map<String, JsonSchema> facetByKey) {
        this.event = event;
        this.facetByKey = Map.copyOf(facetByKey);
    }

    public static OpenLineageConformance load() throws IOException {
        Path directory = find();
        Path facets = directory.resolve("facets");
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.add(iri -> {
                    String text = iri.toString();
                    if (!text.startsWith("https://openlineage.io/spec/")) {
                        return null;
                    }
                    String file = text.substring(text.lastIndexOf('/') + 1);
                    Path local = file.equals("OpenLineage.json") ? directory.resolve(file) : facets.resolve(file);
                    return () -> Files.newInputStream(local);
                })));
        JsonSchema event = factory.getSchema(JSON.readTree(directory.resolve("OpenLineage.json").toFile()));
        Map<String, JsonSchema> byKey = new HashMap<>();
        try (Stream<Path> files = Files.list(facets)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                JsonNode schema = JSON.readTree(file.toFile());
                JsonSchema compiled = factory.getSchema(schema);
                schema.path("properties").fieldNames().forEachRemaining(key -> byKey.put(key, compiled));
            }
        }
        return new OpenLineageConformance(event, byKey);
    }

    /** The shared conformance directory (with {@code OpenLineage.json}, {@code facets/} and {@code tests/}). */
    public static Path directory() {
        return find();
    }

    private static Path find() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("shared/conformance/openlineage");
            if (Files.isRegularFile(candidate.resolve("OpenLineage.json"))) {
                return candidate;
            }
        }
        String notice = "shared/conformance/openlineage not found above " + Path.of("").toAbsolutePath()
                + ": OpenLineage conformance cannot be checked";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("*** FAILED (CI=true): " + notice + " ***");
        }
        System.err.println("*** SKIPPED: " + notice + " ***");
        Assumptions.abort(notice);
        throw new IllegalStateException("unreachable");
    }

    /**
     * Problems of an event: against the event schema, and each facet against the schema declaring its key
     * (a facet whose key no schema declares is a problem too).
     */
    public List<String> problems(String eventJson) throws IOException {
        JsonNode root = JSON.readTree(eventJson);
        List<String> problems = new ArrayList<>();
        event.validate(root).forEach(message -> problems.add("event: " + message.getMessage()));
        List<JsonNode> facetObjects = new ArrayList<>();
        facetObjects.add(root.path("run").path("facets"));
        facetObjects.add(root.path("job").path("facets"));
        for (String side : List.of("inputs", "outputs")) {
            for (JsonNode dataset : root.path(side)) {
                facetObjects.add(dataset.path("facets"));
                facetObjects.add(dataset.path("inputFacets"));
                facetObjects.add(dataset.path("outputFacets"));
            }
        }
        for (JsonNode facets : facetObjects) {
            for (Iterator<Map.Entry<String, JsonNode>> it = facets.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> facet = it.next();
                JsonSchema schema = facetByKey.get(facet.getKey());
                if (schema == null) {
                    problems.add("facet " + facet.getKey() + ": no schema declares it");
                    continue;
                }
                ObjectNode wrapper = JsonNodeFactory.instance.objectNode().set(facet.getKey(), facet.getValue());
                Set<ValidationMessage> messages = schema.validate(wrapper);
                messages.forEach(message -> problems.add("facet " + facet.getKey() + ": " + message.getMessage()));
            }
        }
        return problems;
    }

    /** Facet keys present in an event, for asserting the facets were really there. */
    public static List<String> facetKeys(String eventJson) throws IOException {
        JsonNode root = JSON.readTree(eventJson);
        List<String> keys = new ArrayList<>();
        root.path("run").path("facets").fieldNames().forEachRemaining(keys::add);
        for (String side : List.of("inputs", "outputs")) {
            for (JsonNode dataset : root.path(side)) {
                dataset.path("inputFacets").fieldNames().forEachRemaining(keys::add);
                dataset.path("outputFacets").fieldNames().forEachRemaining(keys::add);
            }
        }
        return keys;
    }
}
