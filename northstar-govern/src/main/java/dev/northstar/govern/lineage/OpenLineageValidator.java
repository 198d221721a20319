package dev.northstar.govern.lineage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks that a JSON document is an OpenLineage event as the spec ({@code OpenLineage.json}, 2-0-x) defines it: a
 * RunEvent, DatasetEvent or JobEvent with its required fields, their types and formats (date-time, UUID, URI, the
 * eventType enum), datasets and jobs with namespace and name, and every facet with its {@code _producer} and
 * {@code _schemaURL}. The {@code columnLineage} facet, which the lineage graph reads, is checked field by field.
 *
 * <p>Every problem is reported at once, each with the JSON pointer of the field, what is wrong and how to fix it.
 */
public final class OpenLineageValidator {
    /** The run states of the spec's {@code eventType} enum. */
    public static final Set<String> EVENT_TYPES = Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");

    /** RFC 3339 date-time, as JSON Schema's {@code date-time} format: a date, {@code T}, a time and an offset. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern UUID_SHAPE = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The kinds of event the spec defines. */
    public enum Kind { RUN, DATASET, JOB }

    /**
     * One problem of an event.
     *
     * @param pointer JSON pointer of the field, e.g. {@code /run/runId} ({@code ""} for the whole document)
     * @param problem what is wrong, naming the value
     * @param fix how to make it conform
     */
    public record Violation(String pointer, String problem, String fix) {
        public Violation {
            requireNonNull(pointer, "pointer is null");
            requireNonNull(problem, "problem is null");
            requireNonNull(fix, "fix is null");
        }

        @Override
        public String toString() {
            return (pointer.isEmpty() ? "(event)" : pointer) + ": " + problem + " (" + fix + ")";
        }
    }

    /**
     * The kind of a valid event: the one of RunEvent, DatasetEvent and JobEvent it conforms to (the spec's
     * {@code oneOf}). For an invalid event, the kind it most likely meant: a RunEvent has a {@code run}, a JobEvent a
     * {@code job} and no {@code run}, a DatasetEvent a {@code dataset}.
     */
    public static Kind kind(JsonNode event) {
        List<Kind> conforming = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (new OpenLineageValidator().structure(event, kind).isEmpty()) {
                conforming.add(kind);
            }
        }
        if (conforming.size() == 1) {
            return conforming.get(0);
        }
        if (event.has("run")) {
            return Kind.RUN;
        }
        if (event.has("job")) {
            return Kind.JOB;
        }
        return event.has("dataset") ? Kind.DATASET : Kind.RUN;
    }

    /** Every problem of the event; empty when it conforms. */
    public List<Violation> validate(JsonNode event) {
        requireNonNull(event, "event is null");
        List<Violation> violations = new ArrayList<>();
        if (!event.isObject()) {
            violations.add(new Violation("", "an event must be a JSON object, got " + type(event),
                    "send one OpenLineage RunEvent, DatasetEvent or JobEvent object"));
            return violations;
        }
        dateTime(event, "eventTime", "", true, violations);
        uri(event, "producer", "", true, violations);
        uri(event, "schemaURL", "", true, violations);
        List<Kind> conforming = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (structure(event, kind).isEmpty()) {
                conforming.add(kind);
            }
        }
        if (conforming.size() > 1) {
            violations.add(new Violation("", "the event is at once a " + conforming.stream()
                    .map(kind -> kind.name().charAt(0) + kind.name().substring(1).toLowerCase(java.util.Locale.ROOT)
                            + "Event").collect(java.util.stream.Collectors.joining(" and a ")),
                    "send a run and a job for a RunEvent, a job without run for a JobEvent, or a dataset alone for a"
                            + " DatasetEvent"));
        } else if (conforming.isEmpty()) {
            violations.addAll(structure(event, kind(event)));
        }
        return violations;
    }

    /** The problems of an event's body as one kind of event (the shared base fields aside). */
    private List<Violation> structure(JsonNode event, Kind kind) {
        List<Violation> violations = new ArrayList<>();
        if (!event.isObject()) {
            violations.add(new Violation("", "not an object", "send an object"));
            return violations;
        }
        switch (kind) {
            case RUN -> {
                JsonNode eventType = event.path("eventType");
                if (!eventType.isMissingNode() && (!eventType.isTextual() || !EVENT_TYPES.contains(eventType.asText()))) {
                    violations.add(new Violation("/eventType", (eventType.isTextual() ? "'" + eventType.asText() + "'"
                            : type(eventType)) + " is not a run state",
                            "use one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER"));
                }
                run(event, violations);
                job(event, violations);
                datasets(event, "inputs", "inputFacets", violations);
                datasets(event, "outputs", "outputFacets", violations);
            }
            case JOB -> {
                if (event.has("run")) {
                    violations.add(new Violation("/run", "a JobEvent has no run",
                            "send a RunEvent (with eventType) to report a run, or leave run out"));
                }
                job(event, violations);
                datasets(event, "inputs", "inputFacets", violations);
                datasets(event, "outputs", "outputFacets", violations);
            }
            case DATASET -> {
                if (event.has("run") && event.has("job")) {
                    violations.add(new Violation("/dataset", "a DatasetEvent has no run and job",
                            "send a RunEvent for a run, with the dataset among its inputs or outputs"));
                }
                JsonNode dataset = event.path("dataset");
                if (!dataset.isObject()) {
                    violations.add(new Violation("/dataset", dataset.isMissingNode() ? "dataset is missing"
                            : "dataset must be an object, got " + type(dataset),
                            "send {\"namespace\": ..., \"name\": ...}"));
                } else {
                    dataset(dataset, "/dataset", null, violations);
                }
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
        return violations;
    }

    private void run(JsonNode event, List<Violation> violations) {
        JsonNode run = event.path("run");
        if (!run.isObject()) {
            violations.add(new Violation("/run", run.isMissingNode() ? "run is missing" : "run must be an object, got "
                    + type(run), "send \"run\": {\"runId\": \"<uuid>\"}"));
            return;
        }
        JsonNode runId = run.path("runId");
        if (runId.isMissingNode()) {
            violations.add(new Violation("/run/runId", "runId is missing", "give the run a UUID, e.g. "
                    + UUID.randomUUID()));
        } else if (!runId.isTextual()) {
            violations.add(new Violation("/run/runId", "runId must be a string, got " + type(runId),
                    "send the UUID as a string"));
        } else if (!UUID_SHAPE.matcher(runId.asText()).matches()) {
            violations.add(new Violation("/run/runId", "'" + runId.asText() + "' is not a UUID",
                    "use a UUID such as " + UUID.randomUUID() + " (OpenLineage recommends UUIDv7)"));
        }
        facets(run, "facets", "/run", false, violations);
    }

    private void job(JsonNode event, List<Violation> violations) {
        JsonNode job = event.path("job");
        if (!job.isObject()) {
            violations.add(new Violation("/job", job.isMissingNode() ? "job is missing" : "job must be an object, got "
                    + type(job), "send \"job\": {\"namespace\": ..., \"name\": ...}"));
            return;
        }
        string(job, "namespace", "/job", violations);
        string(job, "name", "/job", violations);
        facets(job, "facets", "/job", true, violations);
    }

    private void datasets(JsonNode event, String side, String sideFacets, List<Violation> violations) {
        JsonNode list = event.path(side);
        if (list.isMissingNode()) {
            return;
        }
        if (!list.isArray()) {
            violations.add(new Violation("/" + side, side + " must be an array, got " + type(list),
                    "send a list of datasets, possibly empty"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String pointer = "/" + side + "/" + i;
            JsonNode dataset = list.get(i);
            if (!dataset.isObject()) {
                violations.add(new Violation(pointer, "a dataset must be an object, got " + type(dataset),
                        "send {\"namespace\": ..., \"name\": ...}"));
                continue;
            }
            dataset(dataset, pointer, sideFacets, violations);
        }
    }

    private void dataset(JsonNode dataset, String pointer, String sideFacets, List<Violation> violations) {
        string(dataset, "namespace", pointer, violations);
        string(dataset, "name", pointer, violations);
        facets(dataset, "facets", pointer, true, violations);
        if (sideFacets != null) {
            facets(dataset, sideFacets, pointer, false, violations);
        }
    }

    private void facets(JsonNode owner, String field, String pointer, boolean deletable, List<Violation> violations) {
        JsonNode facets = owner.path(field);
        if (facets.isMissingNode()) {
            return;
        }
        String facetsPointer = pointer + "/" + field;
        if (!facets.isObject()) {
            violations.add(new Violation(facetsPointer, field + " must be an object of facets by name, got "
                    + type(facets), "send {\"<facet name>\": {\"_producer\": ..., \"_schemaURL\": ..., ...}}"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = facets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String facetPointer = facetsPointer + "/" + escape(entry.getKey());
            JsonNode facet = entry.getValue();
            if (!facet.isObject()) {
                violations.add(new Violation(facetPointer, "facet " + entry.getKey() + " must be an object, got "
                        + type(facet), "send the facet as an object with _producer and _schemaURL"));
                continue;
            }
            uri(facet, "_producer", facetPointer, true, violations);
            uri(facet, "_schemaURL", facetPointer, true, violations);
            JsonNode deleted = facet.path("_deleted");
            if (deletable && !deleted.isMissingNode() && !deleted.isBoolean()) {
                violations.add(new Violation(facetPointer + "/_deleted", "_deleted must be true or false, got "
                        + type(deleted), "send a JSON boolean"));
            }
            if ("columnLineage".equals(entry.getKey())) {
                columnLineage(facet, facetPointer, violations);
            }
        }
    }

    private void columnLineage(JsonNode facet, String pointer, List<Violation> violations) {
        JsonNode fields = facet.path("fields");
        if (!fields.isObject()) {
            violations.add(new Violation(pointer + "/fields", fields.isMissingNode() ? "fields is missing"
                    : "fields must be an object, got " + type(fields),
                    "map each output column to {\"inputFields\": [{\"namespace\", \"name\", \"field\"}]}"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String fieldPointer = pointer + "/fields/" + escape(entry.getKey());
            JsonNode inputFields = entry.getValue().path("inputFields");
            if (!entry.getValue().isObject() || !inputFields.isArray()) {
                violations.add(new Violation(fieldPointer + "/inputFields", "column " + entry.getKey()
                        + " needs an inputFields array", "list the input columns it is computed from, possibly none"));
                continue;
            }
            inputFields(inputFields, fieldPointer + "/inputFields", violations);
        }
        JsonNode dataset = facet.path("dataset");
        if (!dataset.isMissingNode()) {
            if (dataset.isArray()) {
                inputFields(dataset, pointer + "/dataset", violations);
            } else {
                violations.add(new Violation(pointer + "/dataset", "dataset must be an array, got " + type(dataset),
                        "list the input columns that affect the whole dataset"));
            }
        }
    }

    private void inputFields(JsonNode inputFields, String pointer, List<Violation> violations) {
        for (int i = 0; i < inputFields.size(); i++) {
            JsonNode input = inputFields.get(i);
            String inputPointer = pointer + "/" + i;
            if (!input.isObject()) {
                violations.add(new Violation(inputPointer, "an input field must be an object, got " + type(input),
                        "send {\"namespace\": ..., \"name\": ..., \"field\": ...}"));
                continue;
            }
            string(input, "namespace", inputPointer, violations);
            string(input, "name", inputPointer, violations);
            string(input, "field", inputPointer, violations);
            JsonNode transformations = input.path("transformations");
            if (transformations.isMissingNode()) {
                continue;
            }
            if (!transformations.isArray()) {
                violations.add(new Violation(inputPointer + "/transformations", "transformations must be an array, got "
                        + type(transformations), "send [{\"type\": \"DIRECT\", \"subtype\": \"IDENTITY\"}]"));
                continue;
            }
            for (int j = 0; j < transformations.size(); j++) {
                JsonNode transformation = transformations.get(j);
                String transformationPointer = inputPointer + "/transformations/" + j;
                if (!transformation.isObject()) {
                    violations.add(new Violation(transformationPointer, "a transformation must be an object, got "
                            + type(transformation), "send {\"type\": \"DIRECT\", \"subtype\": \"IDENTITY\"}"));
                    continue;
                }
                string(transformation, "type", transformationPointer, violations);
                optionalString(transformation, "subtype", transformationPointer, violations);
                optionalString(transformation, "description", transformationPointer, violations);
                JsonNode masking = transformation.path("masking");
                if (!masking.isMissingNode() && !masking.isBoolean()) {
                    violations.add(new Violation(transformationPointer + "/masking", "masking must be true or false,"
                            + " got " + type(masking), "send a JSON boolean"));
                }
            }
        }
    }

    private static void string(JsonNode owner, String field, String pointer, List<Violation> violations) {
        JsonNode value = owner.path(field);
        if (value.isMissingNode()) {
            violations.add(new Violation(pointer + "/" + field, field + " is missing", "add " + field
                    + " (a string)"));
        } else if (!value.isTextual()) {
            violations.add(new Violation(pointer + "/" + field, field + " must be a string, got " + type(value),
                    "send " + field + " as a JSON string"));
        }
    }

    private static void optionalString(JsonNode owner, String field, String pointer, List<Violation> violations) {
        JsonNode value = owner.path(field);
        if (!value.isMissingNode() && !value.isTextual()) {
            violations.add(new Violation(pointer + "/" + field, field + " must be a string, got " + type(value),
                    "send " + field + " as a JSON string"));
        }
    }

    private static void uri(JsonNode owner, String field, String pointer, boolean required,
            List<Violation> violations) {
        JsonNode value = owner.path(field);
        String fieldPointer = pointer + "/" + field;
        if (value.isMissingNode()) {
            if (required) {
                violations.add(new Violation(fieldPointer, field + " is missing", "add " + field
                        + ", an absolute URI such as https://github.com/your-org/your-tool"));
            }
            return;
        }
        if (!value.isTextual()) {
            violations.add(new Violation(fieldPointer, field + " must be a URI string, got " + type(value),
                    "send an absolute URI as a string"));
            return;
        }
        try {
            URI uri = new URI(value.asText());
            if (!uri.isAbsolute()) {
                violations.add(new Violation(fieldPointer, "'" + value.asText() + "' is not an absolute URI",
                        "start it with a scheme, e.g. https://"));
            }
        } catch (URISyntaxException e) {
            violations.add(new Violation(fieldPointer, "'" + value.asText() + "' is not a URI: " + e.getReason(),
                    "percent-encode spaces and other reserved characters"));
        }
    }

    private static void dateTime(JsonNode owner, String field, String pointer, boolean required,
            List<Violation> violations) {
        JsonNode value = owner.path(field);
        String fieldPointer = pointer + "/" + field;
        if (value.isMissingNode()) {
            if (required) {
                violations.add(new Violation(fieldPointer, field + " is missing",
                        "add " + field + ", an RFC 3339 date-time such as 2024-06-01T12:00:00Z"));
            }
            return;
        }
        if (!value.isTextual()) {
            violations.add(new Violation(fieldPointer, field + " must be a date-time string, got " + type(value),
                    "send an RFC 3339 date-time such as 2024-06-01T12:00:00Z"));
            return;
        }
        String text = value.asText();
        boolean valid = DATE_TIME.matcher(text).matches();
        if (valid) {
            try {
                OffsetDateTime.parse(text.toUpperCase(java.util.Locale.ROOT));
            } catch (DateTimeParseException e) {
                valid = false;
            }
        }
        if (!valid) {
            violations.add(new Violation(fieldPointer, "'" + text + "' is not an RFC 3339 date-time",
                    "write a date, T, a time and an offset, e.g. 2024-06-01T12:00:00.123Z or 2024-06-01T14:00:00+02:00"));
        }
    }

    /** The time of a valid event. */
    public static java.time.Instant eventTime(JsonNode event) {
        return OffsetDateTime.parse(event.path("eventTime").asText().toUpperCase(java.util.Locale.ROOT)).toInstant();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String type(JsonNode node) {
        if (node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "the string '" + node.asText() + "'";
            case NUMBER -> "the number " + node;
            case BOOLEAN -> "the boolean " + node;
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
