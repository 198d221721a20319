package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

import dev.northstar.ml.metrics.Evaluation;
import dev.northstar.ml.metrics.Fairness;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model card of a version (after Mitchell et al., "Model Cards for Model Reporting"): purpose, training data with
 * the snapshots read, validation metrics, calibration, fairness and gates, importance, approvals and limitations — in
 * Markdown, and in HTML through the template {@code model-card.html}.
 *
 * @param version the version described
 * @param aliases the model's aliases (alias → version)
 * @param approvals the version's approvals
 */
public record ModelCard(ModelVersion version, Map<String, Integer> aliases, List<Approval> approvals) {
    private static final String TEMPLATE = "model-card.html";

    public ModelCard {
        requireNonNull(version, "version is null");
        aliases = Map.copyOf(aliases);
        approvals = List.copyOf(approvals);
    }

    /** The card of a registered version. */
    public static ModelCard of(ModelRegistry registry, String name, int version) {
        return new ModelCard(registry.get(name, version), registry.aliases(name), registry.approvals(name, version));
    }

    /** A section: a heading, paragraphs, and an optional table (header row first). */
    private record Section(String title, List<String> paragraphs, List<List<String>> table) {}

    private List<Section> sections() {
        ModelVersion model = version;
        ModelSpec spec = model.spec();
        List<Section> sections = new ArrayList<>();
        List<String> aliasesHere = aliases.entrySet().stream().filter(entry -> entry.getValue() == model.version())
                .map(Map.Entry::getKey).sorted().toList();
        sections.add(new Section("Purpose", List.of(spec.description().isBlank() ? "(no description in the spec)"
                : spec.description(), "Task: binary classification with gradient-boosted trees (XGBoost, "
                + spec.params().rounds() + " rounds, depth " + spec.params().maxDepth() + ", eta "
                + number(spec.params().eta()) + ", seed " + spec.params().seed() + "). Trained by " + model.trainer()
                + " on " + model.createdAt() + (aliasesHere.isEmpty() ? "." : "; aliases: "
                + String.join(", ", aliasesHere) + ".")), List.of()));
        List<List<String>> inputs = new ArrayList<>();
        inputs.add(List.of("table", "snapshot", "columns"));
        model.inputs().forEach(input -> inputs.add(List.of(input.table().toString(),
                Long.toString(input.snapshotId()), String.join(", ", input.columns()))));
        ModelSpec.Split split = spec.training().split();
        String splitText = split.validateAfter().map(instant -> "rows from " + instant + " validate")
                .orElseGet(() -> "the latest " + number(split.validationFraction().getAsDouble() * 100)
                        + "% of rows by " + spec.training().timestamp() + " validate");
        sections.add(new Section("Data", List.of("Features: " + String.join(", ", spec.training().features())
                + ". Label: " + spec.training().label() + ". Split by time: " + splitText + " ("
                + model.trainingRows() + " training rows, " + model.validationRows() + " validation rows).",
                "Retrain exactly with `northstar model reproduce " + model.reference() + "`: it reads each table at"
                + " the snapshot below."), inputs));
        Evaluation evaluation = model.validation();
        Evaluation.ConfusionMatrix confusion = evaluation.confusion();
        sections.add(new Section("Metrics", List.of("On the validation rows: ROC-AUC " + number(evaluation.rocAuc())
                + ", PR-AUC " + number(evaluation.prAuc()) + ", Brier score " + number(evaluation.brierScore())
                + ". Decision threshold " + number(evaluation.threshold()) + ", minimising " + number(
                spec.costs().falsePositive()) + " × false positives + " + number(spec.costs().falseNegative())
                + " × false negatives (cost " + number(evaluation.cost()) + ")."), List.of(
                List.of("", "predicted positive", "predicted negative"),
                List.of("actual positive", Long.toString(confusion.truePositives()),
                        Long.toString(confusion.falseNegatives())),
                List.of("actual negative", Long.toString(confusion.falsePositives()),
                        Long.toString(confusion.trueNegatives())))));
        List<List<String>> calibration = new ArrayList<>();
        calibration.add(List.of("score bin", "rows", "mean predicted", "observed rate"));
        evaluation.calibration().forEach(bin -> calibration.add(List.of(number(bin.lower()) + "–"
                + number(bin.upper()), Long.toString(bin.count()), number(bin.meanPredicted()),
                number(bin.observedRate()))));
        sections.add(new Section("Calibration", List.of("Expected calibration error: "
                + number(evaluation.expectedCalibrationError()) + "."), calibration));
        List<String> fairnessText = new ArrayList<>();
        List<List<String>> groups = new ArrayList<>();
        groups.add(List.of("attribute", "group", "rows", "positives", "selection rate", "true-positive rate",
                "ROC-AUC"));
        for (Fairness attribute : model.fairness()) {
            fairnessText.add(attribute.attribute() + ": demographic parity difference "
                    + number(attribute.demographicParityDifference()) + ", equal opportunity difference "
                    + number(attribute.equalOpportunityDifference()) + ", disparate impact ratio "
                    + number(attribute.disparateImpactRatio()) + ".");
            attribute.groups().forEach(group -> groups.add(List.of(attribute.attribute(), group.group(),
                    Long.toString(group.count()), Long.toString(group.positives()), number(group.selectionRate()),
                    number(group.truePositiveRate()), number(group.rocAuc()))));
        }
        if (model.fairness().isEmpty()) {
            fairnessText.add("The spec names no protected attribute: fairness was not measured.");
        }
        sections.add(new Section("Fairness", fairnessText, model.fairness().isEmpty() ? List.of() : groups));
        List<List<String>> gates = new ArrayList<>();
        gates.add(List.of("gate", "on", "limit", "value", "result"));
        model.gates().forEach(gate -> gates.add(List.of(gate.gate(), gate.subject(), number(gate.limit()),
                number(gate.value()), gate.passed() ? "passed" : "FAILED")));
        sections.add(new Section("Gates", List.of(model.gates().isEmpty() ? "The spec sets no gate."
                : model.gatesPassed() ? "Every gate passed." : "Some gates failed: this version cannot become"
                + " champion."), model.gates().isEmpty() ? List.of() : gates));
        List<List<String>> importance = new ArrayList<>();
        importance.add(List.of("feature", "mean |SHAP| (log-odds)"));
        model.importance().forEach(feature -> importance.add(List.of(feature.feature(),
                number(feature.meanAbsoluteShap()))));
        sections.add(new Section("Importance", List.of("Mean absolute SHAP value over validation rows."),
                importance));
        List<String> approvalText = new ArrayList<>();
        approvals.forEach(approval -> approvalText.add("Approved by " + approval.approver() + " on "
                + approval.approvedAt() + (approval.comment().isBlank() ? "." : ": " + approval.comment())));
        if (approvalText.isEmpty()) {
            approvalText.add("Not approved yet. A principal other than " + model.trainer() + " must approve it"
                    + " before it can become champion.");
        }
        sections.add(new Section("Approvals", approvalText, List.of()));
        List<String> limitations = new ArrayList<>(spec.limitations());
        limitations.add("Validated on the latest rows by time only; performance on later data is watched by drift"
                + " monitoring (PSI, KS) against this version's references.");
        sections.add(new Section("Limitations", limitations, List.of()));
        return sections;
    }

    /** The card in Markdown. */
    public String markdown() {
        StringBuilder text = new StringBuilder("# Model card: ").append(version.reference()).append("\n\n");
        for (Section section : sections()) {
            text.append("## ").append(section.title()).append("\n\n");
            for (String paragraph : section.paragraphs()) {
                text.append(paragraph).append("\n\n");
            }
            if (!section.table().isEmpty()) {
                List<String> header = section.table().get(0);
                text.append("| ").append(String.join(" | ", header)).append(" |\n|");
                header.forEach(cell -> text.append(" --- |"));
                text.append('\n');
                section.table().subList(1, section.table().size()).forEach(row -> text.append("| ")
                        .append(String.join(" | ", row.stream().map(cell -> cell.replace("|", "\\|")).toList()))
                        .append(" |\n"));
                text.append('\n');
            }
        }
        return text.toString();
    }

    /** The card as a standalone HTML page. */
    public String html() {
        StringBuilder body = new StringBuilder();
        for (Section section : sections()) {
            body.append("<section>\n<h2>").append(escape(section.title())).append("</h2>\n");
            for (String paragraph : section.paragraphs()) {
                body.append("<p>").append(escape(paragraph)).append("</p>\n");
            }
            if (!section.table().isEmpty()) {
                body.append("<table>\n<thead><tr>");
                section.table().get(0).forEach(cell -> body.append("<th>").append(escape(cell)).append("</th>"));
                body.append("</tr></thead>\n<tbody>\n");
                section.table().subList(1, section.table().size()).forEach(row -> {
                    body.append("<tr>");
                    row.forEach(cell -> body.append(cell.equals("FAILED") ? "<td class=\"failed\">" : "<td>")
                            .append(escape(cell)).append("</td>"));
                    body.append("</tr>\n");
                });
                body.append("</tbody>\n</table>\n");
            }
            body.append("</section>\n");
        }
        return template().replace("{{title}}", escape("Model card: " + version.reference()))
                .replace("{{status}}", version.gatesPassed() ? "gates passed" : "gates failed")
                .replace("{{body}}", body.toString());
    }

    private static String template() {
        try (InputStream stream = ModelCard.class.getResourceAsStream(TEMPLATE)) {
            if (stream == null) {
                throw new NorthstarException(ErrorCode.INTERNAL, "The model card template " + TEMPLATE
                        + " is missing from the classpath", "Rebuild northstar-ml");
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot read the model card template: "
                    + e.getMessage(), null, e);
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
