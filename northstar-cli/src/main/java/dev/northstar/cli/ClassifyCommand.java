package dev.northstar.cli;

import dev.northstar.govern.classify.ClassTag;
import dev.northstar.govern.classify.Classifications;
import dev.northstar.govern.classify.ColumnClassification;
import dev.northstar.govern.classify.Evidence;
import dev.northstar.govern.classify.ListedSuggestion;
import dev.northstar.govern.classify.ScanResult;
import dev.northstar.govern.classify.Suggestion;
import dev.northstar.govern.classify.TableClassification;
import dev.northstar.govern.lineage.ColumnLineage;
import dev.northstar.govern.lineage.Lineage;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar classify ...}: Detect PII/PHI in columns; review the suggestions; show classifications. */
@Command(name = "classify", description = "Detect PII/PHI in columns; review the suggestions; show classifications.",
        subcommands = {ClassifyCommand.Scan.class, ClassifyCommand.ListSuggestions.class, ClassifyCommand.Accept.class,
            ClassifyCommand.Reject.class, ClassifyCommand.Show.class})
final class ClassifyCommand extends CommandGroup {
    ClassifyCommand() {
        super("Missing command: name one of scan, list, accept, reject, show");
    }

    /** Opens the lake and the metadata store, applies {@code work} to their classifications and closes them. */
    static <T> T withClassifications(NorthstarCommand root, Function<Classifications, T> work) {
        return QualityCommand.withLakeAndStore(root, (Lakehouse lake, JdbcMetadataStore store) ->
                work.apply(new Classifications(lake, store.database(), lineage(new Lineage(lake, store.database())))));
    }

    /** Column lineage read from the stored lineage events when classification asks for it. */
    private static ColumnLineage lineage(Lineage lineage) {
        return () -> lineage.graph().inputsByColumn();
    }

    static String status(Suggestion.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    static String confidence(double confidence) {
        return String.format(Locale.ROOT, "%.2f", confidence);
    }

    static void printSuggestions(PrintWriter out, List<ListedSuggestion> suggestions) {
        TextTable listing = TextTable.withRightAligned(List.of("id", "table", "column", "class", "confidence",
                "status", "evidence", "examples"), 4);
        for (ListedSuggestion listed : suggestions) {
            Suggestion suggestion = listed.suggestion();
            listing.add(suggestion.id(), suggestion.table().toString(), suggestion.column(),
                    suggestion.dataClass().id() + (listed.contradictsContract() ? " (contradicts contract: "
                            + listed.contractClassification().orElse("") + ")" : ""),
                    confidence(suggestion.confidence()), status(suggestion.status()), suggestion.evidence().summary(),
                    String.join(" ", suggestion.evidence().examples()));
        }
        listing.print(out, "No suggestions.");
    }

    static Map<String, Object> json(Evidence evidence) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nameHint", evidence.nameHint());
        json.put("rule", evidence.rule());
        json.put("matched", evidence.matched());
        json.put("sampled", evidence.sampled());
        json.put("examples", evidence.examples());
        json.put("summary", evidence.summary());
        return json;
    }

    static Map<String, Object> json(ListedSuggestion listed) {
        Suggestion suggestion = listed.suggestion();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", suggestion.id());
        json.put("table", suggestion.table().toString());
        json.put("column", suggestion.column());
        json.put("classId", suggestion.dataClass().id());
        json.put("confidence", suggestion.confidence());
        json.put("level", suggestion.level().name());
        json.put("evidence", json(suggestion.evidence()));
        json.put("status", status(suggestion.status()));
        json.put("scannedAt", suggestion.scannedAt().toString());
        json.put("reviewer", suggestion.review().map(Suggestion.Review::reviewer).orElse(null));
        json.put("reviewedAt", suggestion.review().map(review -> review.at().toString()).orElse(null));
        json.put("note", suggestion.note().orElse(null));
        json.put("contractClassification", listed.contractClassification().orElse(null));
        json.put("contradictsContract", listed.contradictsContract());
        return json;
    }

    static Map<String, Object> json(ClassTag tag) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("classId", tag.classId());
        json.put("source", tag.source().label());
        json.put("confidence", tag.confidence().isPresent() ? tag.confidence().getAsDouble() : null);
        json.put("evidence", tag.evidence().map(ClassifyCommand::json).orElse(null));
        json.put("suggestionId", tag.suggestionId().orElse(null));
        json.put("path", tag.path().stream().map(Object::toString).toList());
        return json;
    }

    /** {@code northstar classify scan DOMAIN.TABLE [--sample N] [--json]}. */
    @Command(name = "scan", description = "Sample a table (deterministically) and run the PII/PHI detectors on each"
            + " column; store their suggestions for review.")
    static final class Scan extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "DOMAIN.TABLE", description = "The table to scan.")
        private String table;

        @Option(names = "--sample", paramLabel = "N", description = "Rows to sample, 1 to 100000 (default: 1000).")
        private int sample = Classifications.DEFAULT_SAMPLE_ROWS;

        @Option(names = "--by", paramLabel = "NAME", description = "Who scans (default: $USER).")
        private String by;

        @Option(names = "--json", description = "Print the result as one JSON object.")
        private boolean json;

        @Override
        public Integer call() {
            TableId id = TableId.parse(table);
            String who = QualityCommand.who(root(), by);
            record Outcome(ScanResult result, List<ListedSuggestion> suggestions) {}
            Outcome outcome = withClassifications(root(), classifications -> {
                ScanResult result = classifications.scan(id, sample, who);
                return new Outcome(result, classifications.suggestions(Optional.of(id), Optional.empty()));
            });
            ScanResult result = outcome.result();
            PrintWriter out = out();
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("table", id.toString());
                body.put("sampledRows", result.scan().sampledRows());
                body.put("snapshotId", result.scan().snapshotId().orElse(null));
                body.put("created", result.created());
                body.put("updated", result.updated());
                body.put("reopened", result.reopened());
                body.put("keptRejected", result.keptRejected());
                body.put("removed", result.removed());
                body.put("suggestions", outcome.suggestions().stream().map(ClassifyCommand::json).toList());
                out.println(JsonText.write(body));
            } else {
                out.println("Scanned " + result.scan().sampledRows() + " rows of " + id + ": " + result.created()
                        + " new, " + result.updated() + " updated, " + result.reopened() + " reopened, "
                        + result.keptRejected() + " still rejected, " + result.removed() + " removed");
                printSuggestions(out, outcome.suggestions());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code northstar classify list [--status STATUS] [--table DOMAIN.TABLE] [--json]}. */
    @Command(name = "list", description = "List suggestions with confidence, evidence (masked) and status.")
    static final class ListSuggestions extends GroupSubcommand {
        @Option(names = "--status", paramLabel = "STATUS", description = "pending, accepted or rejected (default:"
                + " all).")
        private String status;

        @Option(names = "--table", paramLabel = "DOMAIN.TABLE", description = "Only this table's suggestions.")
        private String table;

        @Option(names = "--json", description = "Print the suggestions as a JSON array.")
        private boolean json;

        @Override
        public Integer call() {
            Optional<Suggestion.Status> wanted = Optional.ofNullable(status).map(Suggestion.Status::parse);
            Optional<TableId> id = Optional.ofNullable(table).map(TableId::parse);
            List<ListedSuggestion> suggestions = withClassifications(root(),
                    classifications -> classifications.suggestions(id, wanted));
            PrintWriter out = out();
            if (json) {
                out.println(JsonText.write(suggestions.stream().map(ClassifyCommand::json).toList()));
            } else {
                printSuggestions(out, suggestions);
            }
            out.flush();
            return 0;
        }
    }

    /** Accept and reject: the same options, another decision. */
    abstract static class Review extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Suggestion id, as 'classify list' shows it.")
        private String id;

        @Option(names = "--note", paramLabel = "TEXT", description = "Why.")
        private String note;

        @Option(names = "--by", paramLabel = "NAME", description = "Who reviews (default: $USER).")
        private String by;

        @Option(names = "--json", description = "Print the reviewed suggestion as one JSON object.")
        private boolean json;

        abstract boolean accepts();

        @Override
        public Integer call() {
            String who = QualityCommand.who(root(), by);
            ListedSuggestion reviewed = withClassifications(root(), classifications -> accepts()
                    ? classifications.accept(id, who, Optional.ofNullable(note))
                    : classifications.reject(id, who, Optional.ofNullable(note)));
            PrintWriter out = out();
            Suggestion suggestion = reviewed.suggestion();
            if (json) {
                out.println(JsonText.write(ClassifyCommand.json(reviewed)));
            } else {
                out.println((accepts() ? "Accepted " : "Rejected ") + suggestion.dataClass().id() + " on "
                        + suggestion.table() + "." + suggestion.column() + " (" + suggestion.id() + ")");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code northstar classify accept ID [--note TEXT] [--by NAME]}. */
    @Command(name = "accept", description = "Accept a suggestion: its class becomes a tag of the column.")
    static final class Accept extends Review {
        @Override
        boolean accepts() {
            return true;
        }
    }

    /** {@code northstar classify reject ID [--note TEXT] [--by NAME]}. */
    @Command(name = "reject", description = "Reject a suggestion: later scans leave it rejected unless its"
            + " evidence gets materially stronger.")
    static final class Reject extends Review {
        @Override
        boolean accepts() {
            return false;
        }
    }

    /** {@code northstar classify show DOMAIN.TABLE [--json]}. */
    @Command(name = "show", description = "Show the effective classification of each column: contract, accepted"
            + " suggestions, classes propagated along lineage.")
    static final class Show extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "DOMAIN.TABLE", description = "The table.")
        private String table;

        @Option(names = "--json", description = "Print the classification as one JSON object.")
        private boolean json;

        @Override
        public Integer call() {
            TableId id = TableId.parse(table);
            TableClassification classification = withClassifications(root(),
                    classifications -> classifications.effective(id));
            PrintWriter out = out();
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("table", id.toString());
                body.put("contract", classification.contract().orElse(null));
                List<Map<String, Object>> columns = new ArrayList<>();
                for (ColumnClassification column : classification.columns()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("column", column.column());
                    entry.put("personal", column.personal());
                    entry.put("anonymised", column.anonymised());
                    entry.put("contractClassification", column.contractClassification().orElse(null));
                    entry.put("classes", column.classes().stream().map(ClassifyCommand::json).toList());
                    entry.put("suggestions", column.suggestions().stream().map(ClassifyCommand::json).toList());
                    columns.add(entry);
                }
                body.put("columns", columns);
                out.println(JsonText.write(body));
                out.flush();
                return 0;
            }
            out.println(id + (classification.contract().map(contract -> " (contract " + contract + ")")
                    .orElse(" (no contract)")) + classification.lastScan().map(scan -> ", last scanned "
                    + TableCommand.instant(scan.scannedAt()) + " by " + scan.scannedBy()).orElse(", never scanned"));
            TextTable listing = TextTable.withRightAligned(List.of("column", "classes", "pending"));
            for (ColumnClassification column : classification.columns()) {
                String classes = column.classes().stream().map(tag -> tag.classId() + " (" + tag.source().label()
                        + (tag.path().isEmpty() ? "" : " from " + tag.path().get(0)) + ")")
                        .collect(Collectors.joining(", "));
                if (classes.isEmpty()) {
                    classes = column.anonymised() ? "anonymised (contract)" : "-";
                }
                long pending = column.suggestions().stream()
                        .filter(listed -> listed.suggestion().status() == Suggestion.Status.PENDING).count();
                listing.add(column.column(), classes, pending == 0 ? "-" : Long.toString(pending));
            }
            listing.print(out, "No columns.");
            out.flush();
            return 0;
        }
    }
}
