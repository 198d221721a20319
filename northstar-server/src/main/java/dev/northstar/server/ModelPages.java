package dev.northstar.server;

import dev.northstar.ml.Approval;
import dev.northstar.ml.FeatureImportance;
import dev.northstar.ml.GateResult;
import dev.northstar.ml.InputTable;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelVersion;
import dev.northstar.ml.metrics.Evaluation;
import dev.northstar.ml.metrics.Fairness;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The console's Models pages: every model with its versions, and a version's model card with its actions. */
final class ModelPages {
    static final String CONSOLE = "/console/models";

    private ModelPages() {}

    /** A model with its versions and aliases. */
    record ModelRow(String name, String description, Map<String, Integer> aliases, List<ModelVersion> versions,
            Map<Integer, List<Approval>> approvals) {}

    static Html models(List<ModelRow> models) {
        Html cards = models.stream().map(ModelPages::model).collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Models</h1>
                <p class="text-body-secondary mb-0">Every registered model with its versions. A version becomes \
                champion only when every gate of its spec passed and a principal other than its trainer approved it \
                (four-eyes).</p></div>
                {}
                """, models.isEmpty() ? Html.of("<p class=\"text-body-secondary\" id=\"no-models\">No models are"
                + " registered: train one with northstar models train.</p>") : cards);
    }

    private static Html model(ModelRow model) {
        Html rows = model.versions().stream().map(version -> {
            String aliases = String.join(", ", model.aliases().entrySet().stream()
                    .filter(alias -> alias.getValue() == version.version()).map(Map.Entry::getKey).toList());
            long failed = version.gates().stream().filter(gate -> !gate.passed()).count();
            List<Approval> approvals = model.approvals().getOrDefault(version.version(), List.of());
            return Html.of("""
                    <tr id="{}"><td><a href="{}">v{}</a></td><td>{}</td><td>{}</td><td class="text-end">{}</td>\
                    <td>{}</td><td>{}</td><td>{}</td></tr>
                    """, "version-" + model.name() + "-" + version.version(), versionHref(model.name(),
                    version.version()), version.version(), aliases.isEmpty() ? Html.empty()
                    : Html.of("<span class=\"badge text-bg-primary\">{}</span>", aliases), version.trainer(),
                    number(version.validation().rocAuc()), version.gates().isEmpty() ? "no gates"
                    : failed == 0 ? Html.of("<span class=\"text-success gates-passed\">{} passed</span>",
                    version.gates().size())
                    : Html.of("<span class=\"text-danger gates-failed\">{} of {} failed</span>", failed,
                    version.gates().size()),
                    approvals.isEmpty() ? "—" : String.join(", ", approvals.stream().map(Approval::approver)
                            .toList()), version.createdAt());
        }).collect(Html.joining());
        return Html.of("""
                <div class="card mb-4 ns-model" id="model-{}"><div class="card-header"><strong class="font-monospace">\
                {}</strong> <span class="text-body-secondary">{}</span></div>
                <div class="table-responsive"><table class="table table-sm mb-0">
                <thead><tr><th>Version</th><th>Alias</th><th>Trainer</th><th class="text-end">ROC-AUC</th>\
                <th>Gates</th><th>Approved by</th><th>Trained at</th></tr></thead>
                <tbody>{}</tbody></table></div></div>
                """, model.name(), model.name(), model.description(), rows);
    }

    static String versionHref(String name, int version) {
        return CONSOLE + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/versions/" + version;
    }

    /**
     * A version's model card.
     *
     * @param notice what the last action did, or why the registry refused it
     * @param refused whether {@code notice} is a refusal
     */
    static Html version(ModelVersion version, Map<String, Integer> aliases, List<Approval> approvals,
            Optional<String> notice, boolean refused) {
        Evaluation metrics = version.validation();
        Evaluation.ConfusionMatrix confusion = metrics.confusion();
        String mine = String.join(", ", aliases.entrySet().stream().filter(alias -> alias.getValue()
                == version.version()).map(Map.Entry::getKey).toList());
        String action = versionHref(version.name(), version.version());
        Html gates = version.gates().stream().map(ModelPages::gate).collect(Html.joining());
        Html fairness = version.fairness().stream().map(ModelPages::fairness).collect(Html.joining());
        Html calibration = metrics.calibration().stream().map(bin -> Html.of("""
                <tr><td>{} – {}</td><td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td>\
                <td class="ns-bar-cell"><div class="ns-bar"><div class="ns-bar-valid" data-width="{}"></div></div></td></tr>
                """, number(bin.lower()), number(bin.upper()), bin.count(), number(bin.meanPredicted()),
                number(bin.observedRate()), percent(bin.observedRate()))).collect(Html.joining());
        Html lineage = version.inputs().stream().map(ModelPages::input).collect(Html.joining());
        Html importance = version.importance().stream().limit(10).map(ModelPages::importance)
                .collect(Html.joining());
        Html approvalRows = approvals.stream().map(approval -> Html.of("<li>{} at {}{}</li>", approval.approver(),
                approval.approvedAt(), approval.comment().isBlank() ? "" : ": " + approval.comment()))
                .collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Model <span class="font-monospace">{}</span> v{} {}</h1>
                <p class="text-body-secondary mb-0">{}</p></div>
                {}
                <p><a href="/console/models">All models</a> · trained by <span id="trainer">{}</span> at {} on {} rows, \
                validated on {} · <a href="{}">Markdown card</a></p>
                <div class="card mb-3"><div class="card-header">Approvals and promotion</div><div class="card-body">
                {}
                <form method="post" action="{}/approve" class="row g-2 align-items-end mb-2" id="approve-form">
                <div class="col-auto"><label class="form-label" for="approve-comment">Comment</label>
                <input class="form-control" name="comment" id="approve-comment"></div>
                <div class="col-auto"><button type="submit" class="btn btn-outline-success" id="approve">Approve\
                </button></div></form>
                <form method="post" action="{}/promote" class="d-flex gap-2" id="promote-form">
                <button type="submit" class="btn btn-primary" name="alias" value="champion" id="promote-champion">\
                Promote to champion</button>
                <button type="submit" class="btn btn-outline-primary" name="alias" value="challenger" \
                id="promote-challenger">Promote to challenger</button></form>
                </div></div>
                <div class="row g-3 mb-3">
                <div class="col-lg-6"><div class="card h-100"><div class="card-header">Validation</div>
                <table class="table table-sm mb-0" id="metrics"><tbody>
                <tr><th>ROC-AUC</th><td class="text-end" id="roc-auc">{}</td></tr>
                <tr><th>PR-AUC</th><td class="text-end">{}</td></tr>
                <tr><th>Brier score</th><td class="text-end">{}</td></tr>
                <tr><th>Expected calibration error</th><td class="text-end">{}</td></tr>
                <tr><th>Cost-based threshold</th><td class="text-end" id="threshold">{}</td></tr>
                <tr><th>Cost at the threshold</th><td class="text-end">{}</td></tr>
                </tbody></table></div></div>
                <div class="col-lg-6"><div class="card h-100"><div class="card-header">Confusion matrix at the \
                threshold</div>
                <table class="table table-sm mb-0 text-end" id="confusion"><thead><tr><th></th><th>Flagged</th>\
                <th>Not flagged</th></tr></thead><tbody>
                <tr><th class="text-start">Positive</th><td>{}</td><td>{}</td></tr>
                <tr><th class="text-start">Negative</th><td>{}</td><td>{}</td></tr>
                </tbody></table></div></div></div>
                <div class="card mb-3"><div class="card-header">Gates</div>{}</div>
                <div class="card mb-3"><div class="card-header">Fairness</div><div class="card-body" id="fairness">{}\
                </div></div>
                <div class="row g-3 mb-3">
                <div class="col-lg-6"><div class="card h-100"><div class="card-header">Calibration</div>
                <table class="table table-sm mb-0" id="calibration"><thead><tr><th>Scores</th>\
                <th class="text-end">Rows</th><th class="text-end">Mean predicted</th><th class="text-end">Observed\
                </th><th>Observed rate</th></tr></thead><tbody>{}</tbody></table></div></div>
                <div class="col-lg-6"><div class="card h-100"><div class="card-header">Importance (mean |SHAP|)</div>
                <table class="table table-sm mb-0" id="importance"><tbody>{}</tbody></table></div></div></div>
                <div class="card mb-3"><div class="card-header">Lineage</div>
                <table class="table table-sm mb-0" id="lineage"><thead><tr><th>Table</th><th>Snapshot</th>\
                <th>Columns</th></tr></thead><tbody>{}</tbody></table></div>
                """, version.name(), version.version(), mine.isEmpty() ? Html.empty()
                        : Html.of("<span class=\"badge text-bg-primary\" id=\"aliases\">{}</span>", mine),
                version.spec().description(),
                notice.map(text -> Html.of("<div class=\"alert {} py-2\" role=\"{}\" id=\"{}\">{}</div>",
                        refused ? "alert-danger" : "alert-success", refused ? "alert" : "status",
                        refused ? "refused" : "done", text)).orElse(Html.empty()),
                version.trainer(), version.createdAt(), version.trainingRows(), version.validationRows(),
                "/api/v1/models/" + URLEncoder.encode(version.name(), StandardCharsets.UTF_8) + "/versions/"
                        + version.version() + "/card",
                approvals.isEmpty() ? Html.of("<p id=\"approvals\">No approvals yet.</p>")
                        : Html.of("<ul id=\"approvals\">{}</ul>", approvalRows),
                action, action,
                number(metrics.rocAuc()), number(metrics.prAuc()), number(metrics.brierScore()),
                number(metrics.expectedCalibrationError()), number(metrics.threshold()), number(metrics.cost()),
                confusion.truePositives(), confusion.falseNegatives(), confusion.falsePositives(),
                confusion.trueNegatives(),
                version.gates().isEmpty() ? Html.of("<div class=\"card-body text-body-secondary\" id=\"gates\">The"
                        + " spec declares no gates.</div>") : Html.of("""
                        <table class="table table-sm mb-0" id="gates"><thead><tr><th>Gate</th><th>Subject</th>\
                        <th class="text-end">Limit</th><th class="text-end">Measured</th><th>Result</th></tr></thead>
                        <tbody>{}</tbody></table>""", gates),
                version.fairness().isEmpty() ? Html.of("<span class=\"text-body-secondary\">The spec names no"
                        + " protected attributes.</span>") : fairness,
                calibration, importance, lineage);
    }

    private static Html gate(GateResult gate) {
        return Html.of("""
                <tr class="{}"><td class="font-monospace">{}</td><td>{}</td><td class="text-end">{}</td>\
                <td class="text-end">{}</td><td>{}</td></tr>
                """, gate.passed() ? "gate-passed" : "gate-failed table-danger", gate.gate(), gate.subject(),
                number(gate.limit()), number(gate.value()), gate.passed() ? "passed" : "FAILED");
    }

    private static Html fairness(Fairness fairness) {
        Html groups = fairness.groups().stream().map(group -> Html.of("""
                <tr><td>{}</td><td class="text-end">{}</td><td class="text-end">{}</td>\
                <td class="ns-bar-cell"><div class="ns-bar"><div class="ns-bar-valid" data-width="{}"></div></div></td>\
                <td class="text-end">{}</td><td class="text-end">{}</td></tr>
                """, group.group(), group.count(), number(group.selectionRate()), percent(group.selectionRate()),
                number(group.truePositiveRate()), number(group.rocAuc()))).collect(Html.joining());
        return Html.of("""
                <h2 class="h6 mt-2">{} <span class="text-body-secondary fw-normal">— demographic parity difference {}, \
                equal opportunity difference {}, disparate impact ratio {}</span></h2>
                <table class="table table-sm ns-fairness" id="fairness-{}"><thead><tr><th>Group</th>\
                <th class="text-end">Rows</th><th class="text-end">Selection rate</th><th></th>\
                <th class="text-end">TPR</th><th class="text-end">ROC-AUC</th></tr></thead><tbody>{}</tbody></table>
                """, fairness.attribute(), number(fairness.demographicParityDifference()),
                number(fairness.equalOpportunityDifference()), number(fairness.disparateImpactRatio()),
                fairness.attribute(), groups);
    }

    private static Html input(InputTable input) {
        return Html.of("""
                <tr><td><a class="font-monospace" href="/console/lineage?name={}">{}</a></td>\
                <td class="font-monospace">{}</td><td>{}</td></tr>
                """, URLEncoder.encode(input.table().toString(), StandardCharsets.UTF_8), input.table(),
                input.snapshotId(), String.join(", ", input.columns()));
    }

    private static Html importance(FeatureImportance importance) {
        return Html.of("<tr><td class=\"font-monospace\">{}</td><td class=\"text-end\">{}</td></tr>",
                importance.feature(), number(importance.meanAbsoluteShap()));
    }

    /** Three decimals, or a dash when not a number. */
    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "—";
    }

    private static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f", share * 100) : "0";
    }

    /** The aliases that point at a version. */
    static List<String> aliasesOf(ModelRegistry registry, ModelVersion version) {
        return registry.aliases(version.name()).entrySet().stream()
                .filter(alias -> alias.getValue() == version.version()).map(Map.Entry::getKey).toList();
    }
}
