package dev.northstar.cockpit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.cockpit.portfolio.Portfolio;
import dev.northstar.lake.config.PositionedYaml;
import dev.northstar.lake.config.YamlProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies the cockpit's declarative kinds ({@code kind: UseCase}, ...) of a project folder: a map from kind to the
 * {@link Handler} that checks and applies its documents. {@code northstar apply} gives it the documents whose kind it
 * {@link #handles} and the data contracts to the product registry. Every document of every kind is checked before
 * anything is applied; one problem anywhere and nothing is.
 */
public final class CockpitApply {
    /** The kind of use cases. */
    public static final String USE_CASE = "UseCase";

    private final Map<String, Handler> handlers;

    /** What one kind does. */
    public interface Handler {
        /**
         * Checks documents of this kind without changing anything.
         *
         * @return every problem of every document, empty when all can be applied
         */
        List<YamlProblem> check(List<CockpitDocument> documents);

        /**
         * Applies documents of this kind that {@link #check} accepted.
         *
         * @param by who applies them
         * @param dryRun when true, changes nothing and says what would be done
         * @return one line per document in the style of {@code northstar apply}, and the warnings
         */
        Outcome apply(List<CockpitDocument> documents, String by, boolean dryRun);
    }

    /**
     * What an apply did.
     *
     * @param lines one line per document, e.g. {@code stored use case card-fraud version 2 (usecases/fraud.yaml)}
     * @param warnings what does not stop the apply but should be fixed, e.g. a link to a product not created yet
     * @param changed whether anything was (or, in a dry run, would be) changed
     */
    public record Outcome(List<String> lines, List<YamlProblem> warnings, boolean changed) {
        public Outcome {
            lines = List.copyOf(lines);
            warnings = List.copyOf(warnings);
        }

        Outcome plus(Outcome other) {
            List<String> allLines = new ArrayList<>(lines);
            allLines.addAll(other.lines());
            List<YamlProblem> allWarnings = new ArrayList<>(warnings);
            allWarnings.addAll(other.warnings());
            return new Outcome(allLines, allWarnings, changed || other.changed());
        }
    }

    /** A dispatcher over these handlers, by kind. */
    public CockpitApply(Map<String, Handler> handlers) {
        this.handlers = Map.copyOf(requireNonNull(handlers, "handlers is null"));
    }

    /** The cockpit kinds served by the platform's services: use cases to the portfolio. */
    public static CockpitApply of(Portfolio portfolio) {
        requireNonNull(portfolio, "portfolio is null");
        return new CockpitApply(Map.of(USE_CASE, portfolio.applyHandler()));
    }

    /** This dispatcher with one more kind. */
    public CockpitApply with(String kind, Handler handler) {
        Map<String, Handler> more = new LinkedHashMap<>(handlers);
        more.put(requireNonNull(kind, "kind is null"), requireNonNull(handler, "handler is null"));
        return new CockpitApply(more);
    }

    /** The kind a document declares ({@code kind: ...}), empty when it declares none or is not a YAML mapping. */
    public static Optional<String> kind(String yaml) {
        PositionedYaml.Document read = PositionedYaml.read(yaml, "", "", "");
        return read.root().filter(JsonNode::isObject).map(root -> root.path("kind"))
                .filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** Whether documents of this kind are applied here. */
    public boolean handles(String kind) {
        return handlers.containsKey(kind);
    }

    /** The kinds applied here, sorted. */
    public List<String> kinds() {
        return List.copyOf(new TreeSet<>(handlers.keySet()));
    }

    /** Checks every document with its kind's handler; a document of another kind is a problem. */
    public List<YamlProblem> check(List<CockpitDocument> documents) {
        List<YamlProblem> problems = new ArrayList<>();
        Map<String, List<CockpitDocument>> byKind = group(documents, problems);
        byKind.forEach((kind, ofKind) -> problems.addAll(handlers.get(kind).check(ofKind)));
        return problems;
    }

    /**
     * Checks every document, then applies them kind by kind (in the order of the kinds' names).
     *
     * @throws CockpitException listing every problem; nothing was applied
     */
    public Outcome apply(List<CockpitDocument> documents, String by, boolean dryRun) {
        requireNonNull(by, "by is null");
        List<YamlProblem> problems = check(documents);
        if (!problems.isEmpty()) {
            throw new CockpitException(problems);
        }
        Outcome outcome = new Outcome(List.of(), List.of(), false);
        for (Map.Entry<String, List<CockpitDocument>> kind : group(documents, new ArrayList<>()).entrySet()) {
            outcome = outcome.plus(handlers.get(kind.getKey()).apply(kind.getValue(), by, dryRun));
        }
        return outcome;
    }

    private Map<String, List<CockpitDocument>> group(List<CockpitDocument> documents, List<YamlProblem> problems) {
        Map<String, List<CockpitDocument>> byKind = new TreeMap<>();
        for (CockpitDocument document : requireNonNull(documents, "documents is null")) {
            Optional<String> kind = kind(document.yaml());
            if (kind.isPresent() && handlers.containsKey(kind.get())) {
                byKind.computeIfAbsent(kind.get(), key -> new ArrayList<>()).add(document);
            } else {
                problems.add(new YamlProblem(document.source(), 1, 1, "kind", kind.map(
                        value -> "kind '" + value + "' is not a cockpit kind").orElse("The document has no kind"),
                        "Write one of 'kind: " + String.join("', 'kind: ", kinds()) + "'"));
            }
        }
        return byKind;
    }
}
