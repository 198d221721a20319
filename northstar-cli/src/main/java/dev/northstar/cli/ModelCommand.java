package dev.northstar.cli;

import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.GovernedQuery;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.ml.Approval;
import dev.northstar.ml.GateResult;
import dev.northstar.ml.InputTable;
import dev.northstar.ml.ModelCard;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelSpec;
import dev.northstar.ml.ModelSpecParser;
import dev.northstar.ml.ModelVersion;
import dev.northstar.ml.TrainedModel;
import dev.northstar.ml.Trainer;
import dev.northstar.ml.TrainingData;
import dev.northstar.ml.TrainingSource;
import dev.northstar.ml.metrics.Evaluation;
import dev.northstar.ml.metrics.Fairness;
import dev.northstar.ml.scoring.TreeEnsemble;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code northstar model ...}: the model lifecycle — train from a spec through the governed gateway, inspect versions,
 * render their cards, approve and promote them (four-eyes, gates), reproduce them from their recorded snapshots.
 */
@Command(name = "model", description = "Models: train from a kind: Model spec through the governed gateway, list and"
        + " show versions, print model cards, approve and promote (four-eyes and gates), reproduce from snapshots.",
        subcommands = {ModelCommand.Train.class, ModelCommand.ListModels.class, ModelCommand.Show.class,
            ModelCommand.Card.class, ModelCommand.Approve.class, ModelCommand.Promote.class,
            ModelCommand.Reproduce.class})
final class ModelCommand extends CommandGroup {
    private static final Pattern REFERENCE = Pattern.compile("(" + ModelSpecParser.NAME.pattern() + ")(?::(\\d+))?");

    ModelCommand() {
        super("Missing command: name one of train, list, show, card, approve, promote, reproduce");
    }

    /** A model named on the command line: {@code NAME} or {@code NAME:VERSION}. */
    record Reference(String name, OptionalInt version) {
        static Reference parse(String text, boolean versionRequired) {
            Matcher matcher = REFERENCE.matcher(text == null ? "" : text.trim());
            if (!matcher.matches() || (versionRequired && matcher.group(2) == null)) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Invalid model reference '" + text + "'",
                        versionRequired ? "Name a version as NAME:VERSION, e.g. credit-default:1 ('northstar model"
                                + " list' shows the latest versions)"
                                : "Name a model as NAME or NAME:VERSION, e.g. credit-default:1");
            }
            return new Reference(matcher.group(1), matcher.group(2) == null ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(matcher.group(2))));
        }

        /** The version named, or the latest one. */
        ModelVersion resolve(ModelRegistry registry) {
            if (version.isPresent()) {
                return registry.get(name, version.getAsInt());
            }
            List<ModelVersion> versions = registry.versions(name);
            if (versions.isEmpty()) {
                throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No model " + name + " is registered",
                        "Registered models: " + registry.models() + "; train one with 'northstar model train"
                                + " SPEC.yaml'");
            }
            return versions.get(versions.size() - 1);
        }
    }

    private static ModelRegistry registry(JdbcMetadataStore store) {
        return new ModelRegistry(store.database(), new AuditLog(store.database()));
    }

    /** A person acting on the registry: only their name matters to it. */
    private static Principal person(NorthstarCommand root, String by) {
        return new Principal(QualityCommand.who(root, by), Set.of(), Map.of());
    }

    /**
     * Reads through the governed gateway as the reader, auditing each read (and each refused one) like
     * {@code northstar sql}.
     */
    private static TrainingSource governedSource(NorthstarCommand root, Lakehouse lake, JdbcMetadataStore store,
            SqlCommand.Reader reader, Optional<String> purpose) {
        SqlGateway gateway = SqlGateway.open(lake, store.database(), root.settings(root.initializedHome()));
        AuditLog audit = new AuditLog(store.database());
        String name = reader.principal().name();
        return (sql, options) -> {
            GovernedQuery answer;
            try {
                answer = gateway.query(reader.principal(), purpose, sql, options);
            } catch (NorthstarException e) {
                audit.append(AuditEvent.failedRead(name, reader.channel(), purpose, sql, List.of(), e));
                throw e;
            }
            audit.append(AuditEvent.governedRead(name, reader.channel(), purpose, sql, answer));
            return answer.result();
        };
    }

    /** {@code northstar model train SPEC.yaml [--as NAME] [--purpose P]}. */
    @Command(name = "train", description = "Train a kind: Model spec: read its table through the governed gateway as"
            + " you (or --as NAME), evaluate, measure fairness, check the gates, and register the next version with"
            + " its lineage (the snapshots read).")
    static final class Train extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The model spec.")
        private Path file;

        @Mixin
        private SqlCommand.Acting acting;

        @Override
        public Integer call() {
            Path path = root().environment().resolve(file);
            ModelSpec spec = ModelSpecParser.parse(readSpec(path), file.toString());
            record Outcome(ModelVersion version, long millis) {}
            Outcome outcome = QualityCommand.withLakeAndStore(root(), (lake, store) -> {
                SqlCommand.Reader reader = acting.reader(root(), lake, store, Optional.empty());
                TrainingSource source = governedSource(root(), lake, store, reader, acting.purpose());
                long start = System.nanoTime();
                TrainedModel model = Trainer.train(spec, source);
                long millis = (System.nanoTime() - start) / 1_000_000;
                return new Outcome(registry(store).register(model, reader.principal()), millis);
            });
            printTrained(out(), outcome.version(), outcome.millis());
            return 0;
        }
    }

    private static String readSpec(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "No model spec at " + path,
                    "Give the path of a kind: Model YAML file");
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot read the model spec " + path + ": "
                    + e.getMessage(), "Check the file's permissions", e);
        }
    }

    private static void printTrained(PrintWriter out, ModelVersion version, long millis) {
        Evaluation validation = version.validation();
        out.println("Registered " + version.reference() + ", trained by " + version.trainer() + " in "
                + seconds(millis) + " (boosting " + seconds(version.trainingMillis()) + ") on "
                + Quantities.count(version.trainingRows()) + " rows, validated on "
                + Quantities.count(version.validationRows()) + " rows");
        out.println("Inputs: " + version.inputs().stream().map(input -> input.table() + " at snapshot "
                + input.snapshotId()).collect(Collectors.joining(", ")));
        out.println("Validation: ROC-AUC " + number(validation.rocAuc()) + ", PR-AUC " + number(validation.prAuc())
                + ", threshold " + number(validation.threshold()) + " (cost " + number(validation.cost()) + ")");
        printFairnessSummary(out, version);
        printGates(out, version);
        out.println(verdict(version));
        out.flush();
    }

    private static String verdict(ModelVersion version) {
        if (!version.gatesPassed()) {
            return version.reference() + " failed a gate: it cannot become champion (it may be promoted as"
                    + " challenger to observe it)";
        }
        return "Every gate passed: " + version.reference() + " can become champion once someone other than "
                + version.trainer() + " approves it ('northstar model approve " + version.reference() + "')";
    }

    private static void printFairnessSummary(PrintWriter out, ModelVersion version) {
        if (version.fairness().isEmpty()) {
            out.println("Fairness: the spec names no protected attribute");
            return;
        }
        out.println("Fairness at the threshold:");
        for (Fairness attribute : version.fairness()) {
            out.println("  " + attribute.attribute() + ": disparate impact " + number(attribute.disparateImpactRatio())
                    + ", demographic parity difference " + number(attribute.demographicParityDifference())
                    + ", equal opportunity difference " + number(attribute.equalOpportunityDifference())
                    + "; selection rate " + attribute.groups().stream().map(group -> group.group() + " "
                    + number(group.selectionRate())).collect(Collectors.joining(", ")));
        }
    }

    private static void printGates(PrintWriter out, ModelVersion version) {
        if (version.gates().isEmpty()) {
            out.println("Gates: the spec sets none");
            return;
        }
        out.println("Gates:");
        TextTable table = TextTable.withRightAligned(List.of("GATE", "ON", "LIMIT", "VALUE", "RESULT"), 2, 3);
        for (GateResult gate : version.gates()) {
            table.add(gate.gate(), gate.subject(), number(gate.limit()), number(gate.value()),
                    gate.passed() ? "passed" : "FAILED");
        }
        table.print(out);
    }

    /** {@code northstar model list [--json]}. */
    @Command(name = "list", description = "List the registered models: latest version, its metrics and gates, and"
            + " the versions their champion and challenger aliases point at.")
    static final class ListModels extends GroupSubcommand {
        @Option(names = "--json", description = "Print JSON.")
        private boolean json;

        @Override
        public Integer call() {
            record Listed(ModelVersion latest, int versions, Map<String, Integer> aliases) {}
            List<Listed> models = QualityCommand.withDatabase(root(), store -> {
                ModelRegistry registry = registry(store);
                List<Listed> listed = new ArrayList<>();
                for (String name : registry.models()) {
                    List<ModelVersion> versions = registry.versions(name);
                    listed.add(new Listed(versions.get(versions.size() - 1), versions.size(),
                            registry.aliases(name)));
                }
                return listed;
            });
            if (json) {
                out().println(JsonText.write(models.stream().map(model -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("name", model.latest().name());
                    map.put("versions", model.versions());
                    map.put("latest", model.latest().version());
                    map.put("trainer", model.latest().trainer());
                    map.put("created_at", model.latest().createdAt().toString());
                    map.put("roc_auc", jsonNumber(model.latest().validation().rocAuc()));
                    map.put("gates_passed", model.latest().gatesPassed());
                    map.put("aliases", model.aliases());
                    return map;
                }).toList()));
                out().flush();
                return 0;
            }
            if (models.isEmpty()) {
                out().println("No models. Train one with 'northstar model train SPEC.yaml'.");
                out().flush();
                return 0;
            }
            TextTable table = TextTable.withRightAligned(List.of("MODEL", "VERSIONS", "LATEST", "TRAINED BY",
                    "TRAINED AT", "ROC-AUC", "GATES", "CHAMPION", "CHALLENGER"), 1, 2, 5);
            for (Listed model : models) {
                ModelVersion latest = model.latest();
                table.add(latest.name(), String.valueOf(model.versions()), String.valueOf(latest.version()),
                        latest.trainer(), latest.createdAt().toString(), number(latest.validation().rocAuc()),
                        latest.gatesPassed() ? "passed" : "failed", alias(model.aliases(), ModelRegistry.CHAMPION),
                        alias(model.aliases(), ModelRegistry.CHALLENGER));
            }
            table.print(out());
            return 0;
        }

        private static String alias(Map<String, Integer> aliases, String alias) {
            Integer version = aliases.get(alias);
            return version == null ? "-" : String.valueOf(version);
        }
    }

    /** {@code northstar model show NAME[:V] [--json]}. */
    @Command(name = "show", description = "Show a version (default: the latest): metrics, confusion matrix,"
            + " calibration, fairness per group, gates, importance, lineage with snapshot ids, approvals, aliases.")
    static final class Show extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "NAME[:VERSION]", description = "The model, e.g. credit-default:2.")
        private String reference;

        @Option(names = "--json", description = "Print JSON.")
        private boolean json;

        @Override
        public Integer call() {
            Reference named = Reference.parse(reference, false);
            ModelCard card = QualityCommand.withDatabase(root(), store -> {
                ModelRegistry registry = registry(store);
                ModelVersion version = named.resolve(registry);
                return ModelCard.of(registry, version.name(), version.version());
            });
            if (json) {
                out().println(JsonText.write(view(card)));
                out().flush();
                return 0;
            }
            print(out(), card);
            return 0;
        }
    }

    private static void print(PrintWriter out, ModelCard card) {
        ModelVersion version = card.version();
        ModelSpec spec = version.spec();
        out.println("# " + version.reference() + ", trained by " + version.trainer() + " at " + version.createdAt());
        if (!spec.description().isBlank()) {
            out.println(spec.description());
        }
        out.println("Aliases: " + (card.aliases().isEmpty() ? "none" : card.aliases().entrySet().stream()
                .map(entry -> entry.getKey() + " -> " + entry.getValue()).collect(Collectors.joining(", "))));
        out.println("Model SHA-256: " + version.modelSha256());
        out.println();
        out.println("Lineage:");
        TextTable inputs = TextTable.withRightAligned(List.of("TABLE", "SNAPSHOT", "COLUMNS"), 1);
        version.inputs().forEach(input -> inputs.add(input.table().toString(), String.valueOf(input.snapshotId()),
                String.join(", ", input.columns())));
        inputs.print(out);
        out.println("Features: " + String.join(", ", spec.training().features()) + "; label "
                + spec.training().label() + "; " + Quantities.count(version.trainingRows()) + " training rows, "
                + Quantities.count(version.validationRows()) + " validation rows; boosting took "
                + seconds(version.trainingMillis()));
        out.println();
        Evaluation validation = version.validation();
        out.println("Validation: ROC-AUC " + number(validation.rocAuc()) + ", PR-AUC " + number(validation.prAuc())
                + ", Brier score " + number(validation.brierScore()) + ", expected calibration error "
                + number(validation.expectedCalibrationError()));
        out.println("Threshold " + number(validation.threshold()) + " minimises " + number(spec.costs()
                .falsePositive()) + " x false positives + " + number(spec.costs().falseNegative())
                + " x false negatives (cost " + number(validation.cost()) + ")");
        Evaluation.ConfusionMatrix confusion = validation.confusion();
        TextTable matrix = TextTable.withRightAligned(List.of("", "PREDICTED POSITIVE", "PREDICTED NEGATIVE"), 1, 2);
        matrix.add("actual positive", String.valueOf(confusion.truePositives()),
                String.valueOf(confusion.falseNegatives()));
        matrix.add("actual negative", String.valueOf(confusion.falsePositives()),
                String.valueOf(confusion.trueNegatives()));
        matrix.print(out);
        out.println();
        out.println("Calibration:");
        TextTable calibration = TextTable.withRightAligned(List.of("SCORE BIN", "ROWS", "MEAN PREDICTED",
                "OBSERVED RATE"), 1, 2, 3);
        validation.calibration().forEach(bin -> calibration.add(number(bin.lower()) + "-" + number(bin.upper()),
                String.valueOf(bin.count()), number(bin.meanPredicted()), number(bin.observedRate())));
        calibration.print(out);
        out.println();
        printFairnessSummary(out, version);
        if (!version.fairness().isEmpty()) {
            TextTable groups = TextTable.withRightAligned(List.of("ATTRIBUTE", "GROUP", "ROWS", "POSITIVES",
                    "SELECTED", "SELECTION RATE", "TRUE-POSITIVE RATE", "ROC-AUC"), 2, 3, 4, 5, 6, 7);
            for (Fairness attribute : version.fairness()) {
                attribute.groups().forEach(group -> groups.add(attribute.attribute(), group.group(),
                        String.valueOf(group.count()), String.valueOf(group.positives()),
                        String.valueOf(group.selected()), number(group.selectionRate()),
                        number(group.truePositiveRate()), number(group.rocAuc())));
            }
            groups.print(out);
        }
        out.println();
        printGates(out, version);
        out.println();
        out.println("Importance (mean |SHAP|, log-odds):");
        TextTable importance = TextTable.withRightAligned(List.of("FEATURE", "MEAN |SHAP|"), 1);
        version.importance().forEach(feature -> importance.add(feature.feature(),
                number(feature.meanAbsoluteShap())));
        importance.print(out);
        out.println();
        if (card.approvals().isEmpty()) {
            out.println("Approvals: none; someone other than " + version.trainer() + " must approve it before it can"
                    + " become champion");
        } else {
            out.println("Approvals:");
            card.approvals().forEach(approval -> out.println("  " + approval.approver() + " at "
                    + approval.approvedAt() + (approval.comment().isBlank() ? "" : ": " + approval.comment())));
        }
        out.println(verdict(version));
        out.flush();
    }

    /** The JSON of {@code model show}: NaN (not measurable) becomes null. */
    static Map<String, Object> view(ModelCard card) {
        ModelVersion version = card.version();
        ModelSpec spec = version.spec();
        Evaluation validation = version.validation();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", version.name());
        map.put("version", version.version());
        map.put("reference", version.reference());
        map.put("description", spec.description());
        map.put("trainer", version.trainer());
        map.put("created_at", version.createdAt().toString());
        map.put("model_sha256", version.modelSha256());
        map.put("features", spec.training().features());
        map.put("label", spec.training().label());
        map.put("protected_attributes", spec.protectedAttributes());
        map.put("training_rows", version.trainingRows());
        map.put("validation_rows", version.validationRows());
        map.put("training_millis", version.trainingMillis());
        map.put("lineage", version.inputs().stream().map(ModelCommand::input).toList());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("rows", validation.rows());
        metrics.put("positives", validation.positives());
        metrics.put("roc_auc", jsonNumber(validation.rocAuc()));
        metrics.put("pr_auc", jsonNumber(validation.prAuc()));
        metrics.put("brier_score", jsonNumber(validation.brierScore()));
        metrics.put("expected_calibration_error", jsonNumber(validation.expectedCalibrationError()));
        metrics.put("threshold", jsonNumber(validation.threshold()));
        metrics.put("cost", jsonNumber(validation.cost()));
        Evaluation.ConfusionMatrix confusion = validation.confusion();
        metrics.put("confusion", Map.of("true_positives", confusion.truePositives(), "false_positives",
                confusion.falsePositives(), "true_negatives", confusion.trueNegatives(), "false_negatives",
                confusion.falseNegatives()));
        metrics.put("calibration", validation.calibration().stream().map(bin -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("lower", jsonNumber(bin.lower()));
            row.put("upper", jsonNumber(bin.upper()));
            row.put("rows", bin.count());
            row.put("mean_predicted", jsonNumber(bin.meanPredicted()));
            row.put("observed_rate", jsonNumber(bin.observedRate()));
            return row;
        }).toList());
        map.put("metrics", metrics);
        map.put("fairness", version.fairness().stream().map(ModelCommand::fairness).toList());
        map.put("gates", version.gates().stream().map(gate -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("gate", gate.gate());
            row.put("on", gate.subject());
            row.put("limit", jsonNumber(gate.limit()));
            row.put("value", jsonNumber(gate.value()));
            row.put("passed", gate.passed());
            return row;
        }).toList());
        map.put("gates_passed", version.gatesPassed());
        map.put("importance", version.importance().stream().map(feature -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("feature", feature.feature());
            row.put("mean_abs_shap", jsonNumber(feature.meanAbsoluteShap()));
            return row;
        }).toList());
        map.put("approvals", card.approvals().stream().map(ModelCommand::approval).toList());
        map.put("aliases", card.aliases());
        return map;
    }

    private static Map<String, Object> input(InputTable input) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("table", input.table().toString());
        map.put("snapshot_id", input.snapshotId());
        map.put("columns", input.columns());
        return map;
    }

    private static Map<String, Object> fairness(Fairness attribute) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("attribute", attribute.attribute());
        map.put("demographic_parity_difference", jsonNumber(attribute.demographicParityDifference()));
        map.put("equal_opportunity_difference", jsonNumber(attribute.equalOpportunityDifference()));
        map.put("disparate_impact_ratio", jsonNumber(attribute.disparateImpactRatio()));
        map.put("groups", attribute.groups().stream().map(group -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", group.group());
            row.put("rows", group.count());
            row.put("positives", group.positives());
            row.put("selected", group.selected());
            row.put("selection_rate", jsonNumber(group.selectionRate()));
            row.put("true_positive_rate", jsonNumber(group.truePositiveRate()));
            row.put("roc_auc", jsonNumber(group.rocAuc()));
            return row;
        }).toList());
        return map;
    }

    private static Map<String, Object> approval(Approval approval) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("approver", approval.approver());
        map.put("approved_at", approval.approvedAt().toString());
        map.put("comment", approval.comment());
        return map;
    }

    /** {@code northstar model card NAME[:V] [--html] [--output FILE]}. */
    @Command(name = "card", description = "Print a version's model card in Markdown (or a standalone HTML page):"
            + " purpose, data and lineage, metrics, calibration, fairness, gates, importance, approvals, limitations.")
    static final class Card extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "NAME:VERSION", description = "The version (NAME alone: the latest).")
        private String reference;

        @Option(names = "--html", description = "Render HTML instead of Markdown.")
        private boolean html;

        @Option(names = "--output", paramLabel = "FILE", description = "Write the card to FILE instead of stdout.")
        private Path output;

        @Override
        public Integer call() {
            Reference named = Reference.parse(reference, false);
            ModelCard card = QualityCommand.withDatabase(root(), store -> {
                ModelRegistry registry = registry(store);
                ModelVersion version = named.resolve(registry);
                return ModelCard.of(registry, version.name(), version.version());
            });
            String text = html ? card.html() : card.markdown();
            if (output == null) {
                out().print(text);
                out().flush();
                return 0;
            }
            Path target = root().environment().resolve(output);
            try {
                if (target.getParent() != null) {
                    Files.createDirectories(target.getParent());
                }
                Files.writeString(target, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot write the model card to " + target
                        + ": " + e.getMessage(), "Choose a writable --output path", e);
            }
            out().println("Wrote the model card of " + card.version().reference() + " to " + target);
            out().flush();
            return 0;
        }
    }

    /** {@code northstar model approve NAME:V [--by NAME] [--comment TEXT]}. */
    @Command(name = "approve", description = "Approve a version after reviewing its card. Four-eyes: its trainer"
            + " cannot approve it; the approval (or the refusal) is audited.")
    static final class Approve extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "NAME:VERSION", description = "The version, e.g. credit-default:1.")
        private String reference;

        @Option(names = "--by", paramLabel = "NAME", description = "Who approves (default: $USER).")
        private String by;

        @Option(names = "--comment", paramLabel = "TEXT", description = "Why, e.g. what was reviewed.")
        private String comment = "";

        @Override
        public Integer call() {
            Reference named = Reference.parse(reference, true);
            Principal approver = person(root(), by);
            record Approved(Approval approval, ModelVersion version) {}
            Approved approved = QualityCommand.withDatabase(root(), store -> {
                ModelRegistry registry = registry(store);
                Approval approval = registry.approve(named.name(), named.version().getAsInt(), approver, comment);
                return new Approved(approval, registry.get(named.name(), named.version().getAsInt()));
            });
            ModelVersion version = approved.version();
            out().println("Approved " + version.reference() + " as " + approved.approval().approver()
                    + " (trained by " + version.trainer() + ")");
            out().println(version.gatesPassed() ? "It can now become champion: 'northstar model promote "
                    + version.reference() + "'" : "It failed a gate, so it still cannot become champion");
            out().flush();
            return 0;
        }
    }

    /** {@code northstar model promote NAME:V [--alias champion|challenger] [--by NAME]}. */
    @Command(name = "promote", description = "Point an alias at a version. champion requires every gate passed and an"
            + " approval by someone other than the trainer; challenger (scored in shadow) does not. Audited.")
    static final class Promote extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "NAME:VERSION", description = "The version, e.g. credit-default:1.")
        private String reference;

        @Option(names = "--alias", paramLabel = "ALIAS",
                description = "champion (default) or challenger, or another lower-case alias.")
        private String alias = ModelRegistry.CHAMPION;

        @Option(names = "--by", paramLabel = "NAME", description = "Who promotes (default: $USER).")
        private String by;

        @Override
        public Integer call() {
            Reference named = Reference.parse(reference, true);
            Principal principal = person(root(), by);
            String target = alias.trim().toLowerCase(Locale.ROOT);
            Optional<Integer> previous = QualityCommand.withDatabase(root(), store -> {
                ModelRegistry registry = registry(store);
                Optional<Integer> before = registry.alias(named.name(), target).map(ModelVersion::version);
                registry.promote(named.name(), named.version().getAsInt(), target, principal);
                return before;
            });
            out().println("Promoted " + named.name() + ":" + named.version().getAsInt() + " to " + target
                    + previous.map(version -> " (was version " + version + ")").orElse(""));
            out().flush();
            return 0;
        }
    }

    /** {@code northstar model reproduce NAME:V [--as NAME] [--purpose P]}. */
    @Command(name = "reproduce", description = "Retrain a version from its recorded spec, reading each input table at"
            + " its recorded snapshot through the governed gateway, and compare the model bytes and the predictions"
            + " on those rows with the registered ones. Exits 5 when they differ.")
    static final class Reproduce extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "NAME:VERSION", description = "The version, e.g. credit-default:1.")
        private String reference;

        @Mixin
        private SqlCommand.Acting acting;

        @Override
        public Integer call() {
            Reference named = Reference.parse(reference, true);
            Reproduction reproduction = QualityCommand.withLakeAndStore(root(), (lake, store) -> {
                ModelRegistry registry = registry(store);
                ModelVersion version = registry.get(named.name(), named.version().getAsInt());
                SqlCommand.Reader reader = acting.reader(root(), lake, store, Optional.empty());
                TrainingSource source = governedSource(root(), lake, store, reader, acting.purpose());
                long start = System.nanoTime();
                TrainedModel again = Trainer.reproduce(version, source);
                long millis = (System.nanoTime() - start) / 1_000_000;
                String sha256 = sha256(again.modelJson());
                double[] registered = scores(version, source, registry.modelJson(version.name(),
                        version.version()));
                double[] retrained = scores(version, source, again.modelJson());
                double difference = 0;
                for (int row = 0; row < registered.length; row++) {
                    difference = Math.max(difference, Math.abs(registered[row] - retrained[row]));
                }
                return new Reproduction(version, sha256, registered.length, difference, millis);
            });
            PrintWriter out = out();
            ModelVersion version = reproduction.version();
            boolean sameBytes = reproduction.sha256().equals(version.modelSha256());
            out.println("Retrained " + version.reference() + " in " + seconds(reproduction.millis()) + " from "
                    + version.inputs().stream().map(input -> input.table() + " at snapshot " + input.snapshotId())
                    .collect(Collectors.joining(", ")));
            out.println("Model bytes: " + (sameBytes ? "identical (SHA-256 " + version.modelSha256() + ")"
                    : "DIFFERENT (registered " + version.modelSha256() + ", retrained " + reproduction.sha256()
                    + ")"));
            out.println("Predictions on " + Quantities.count(reproduction.rows()) + " rows: "
                    + (reproduction.maxDifference() == 0 ? "identical" : "DIFFERENT (largest difference "
                    + reproduction.maxDifference() + ")"));
            boolean identical = sameBytes && reproduction.maxDifference() == 0;
            out.println(identical ? version.reference() + " is reproducible" : version.reference()
                    + " is NOT reproduced exactly");
            out.flush();
            return identical ? 0 : ErrorCode.INVALID_DATA.exitCode();
        }
    }

    private record Reproduction(ModelVersion version, String sha256, int rows, double maxDifference, long millis) {}

    /** Scores every labelled row of the version's table, at its recorded snapshot, with a model's JSON. */
    private static double[] scores(ModelVersion version, TrainingSource source, byte[] modelJson) {
        ModelSpec.Training training = version.spec().training();
        QueryOptions options = QueryOptions.defaults().withMaxRows(Integer.MAX_VALUE);
        for (InputTable input : version.inputs()) {
            options = options.withSnapshot(input.table(), input.snapshotId());
        }
        List<String> columns = new ArrayList<>(training.features());
        columns.add(training.label());
        columns.add(training.timestamp());
        String sql = "SELECT " + columns.stream().map(column -> "\"" + column.replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining(", ")) + " FROM " + training.table() + " WHERE \""
                + training.label().replace("\"", "\"\"") + "\" IS NOT NULL";
        QueryResult result = source.read(sql, options);
        TrainingData rows = TrainingData.from(result, training.features(), training.label(), training.timestamp(),
                List.of());
        return TreeEnsemble.parse(modelJson, training.features())
                .scores(rows.matrix(), rows.rows());
    }

    /** Hex SHA-256, as the registry records a model's. */
    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest's contract).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static Double jsonNumber(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
