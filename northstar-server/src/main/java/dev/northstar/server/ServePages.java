package dev.northstar.server;

import dev.northstar.ml.metrics.Drift;
import dev.northstar.ml.scoring.Reason;
import dev.northstar.ml.serving.LiveDrift;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The console's Serve page: live decisions, the alert queue, drift per model. */
final class ServePages {
    private ServePages() {}

    /** A flagged decision, from the prediction log or not yet flushed. */
    record Alert(Instant at, String model, int version, String requestId, String entities, double score,
            Double amount, List<Reason> reasons) {
        /** Risk × amount; the score alone when the request carried no amount. */
        double priority() {
            return amount == null ? score : score * amount;
        }
    }

    /** Drift of one model's live traffic, or why it could not be measured. */
    record ModelDrift(String model, Optional<LiveDrift> drift, Optional<String> problem) {}

    /**
     * @param recent the latest answers, or empty when the principal may not see them
     * @param alerts flagged decisions of the last 24 h, highest priority first
     * @param alertProblem why the prediction log could not be read, if it could not
     */
    static Html serve(Optional<List<ModelBodies.RecentScore>> recent, List<Alert> alerts,
            Optional<String> alertProblem, List<ModelDrift> drift, String purpose) {
        Html live = recent.map(scores -> Html.of("""
                <div class="table-responsive"><table class="table table-sm mb-0" id="live" \
                data-source="/api/v1/score/recent?n=20">
                <thead><tr><th>Time</th><th>Model</th><th class="text-end">Version</th><th>Entity</th>\
                <th class="text-end">Score</th><th>Decision</th><th>Top reasons (contribution)</th></tr></thead>
                <tbody>{}</tbody></table></div>""", scores.stream().map(ServePages::liveRow).collect(Html.joining())))
                .orElse(Html.of("<div class=\"card-body text-body-secondary\" id=\"live-refused\">Live decisions"
                        + " show entity keys: they need the role scorer or admin.</div>"));
        Html alertRows = alerts.stream().map(alert -> Html.of("""
                <tr><td>{}</td><td>{}</td><td class="text-end">{}</td><td class="font-monospace">{}</td>\
                <td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td><td>{}</td></tr>
                """, alert.at(), alert.model(), alert.version(), alert.entities(), ModelPages.number(alert.score()),
                alert.amount() == null ? "—" : ModelPages.number(alert.amount()),
                ModelPages.number(alert.priority()), reasons(alert.reasons()))).collect(Html.joining());
        Html driftCards = drift.stream().map(ServePages::drift).collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Serve</h1>
                <p class="text-body-secondary mb-0">What the models decide now: the latest answers of this server \
                (refreshed every 2 s), the flagged decisions to review, and drift of live traffic against training.\
                </p></div>
                <div class="card mb-4"><div class="card-header">Live decisions</div>{}</div>
                <div class="card mb-4"><div class="card-header">Alert queue <span class="text-body-secondary">— \
                flagged decisions of the last 24 h by risk × amount</span></div><div class="card-body">
                <form method="get" action="/console/serve" class="row g-2 align-items-end mb-2" id="alert-form">
                <div class="col-auto"><label class="form-label" for="alert-purpose">Purpose</label>
                <input class="form-control form-control-sm" name="purpose" id="alert-purpose" value="{}"></div>
                <div class="col-auto"><button type="submit" class="btn btn-sm btn-outline-primary">Read</button></div>
                </form>{}{}</div></div>
                <div class="card"><div class="card-header">Drift of live traffic</div><div class="card-body" \
                id="drift">{}</div></div>
                <script src="/static/serve.js" defer></script>
                """, live, purpose,
                alertProblem.map(text -> Html.of("<div class=\"alert alert-warning py-2\" role=\"alert\""
                        + " id=\"alerts-refused\">{}</div>", text)).orElse(Html.empty()),
                alerts.isEmpty() ? Html.of("<p class=\"text-body-secondary mb-0\" id=\"no-alerts\">No flagged"
                        + " decisions in the last 24 h.</p>") : Html.of("""
                        <div class="table-responsive"><table class="table table-sm mb-0" id="alerts">
                        <thead><tr><th>Time</th><th>Model</th><th class="text-end">Version</th><th>Entity</th>\
                        <th class="text-end">Score</th><th class="text-end">Amount</th><th class="text-end">Risk ×\
                         amount</th><th>Top reasons</th></tr></thead><tbody>{}</tbody></table></div>""", alertRows),
                drift.isEmpty() ? Html.of("<span class=\"text-body-secondary\">No model has a champion.</span>")
                        : driftCards);
    }

    private static Html liveRow(ModelBodies.RecentScore score) {
        return Html.of("""
                <tr><td>{}</td><td>{}</td><td class="text-end">{}</td><td class="font-monospace">{}</td>\
                <td class="text-end">{}</td><td>{}</td><td>{}</td></tr>
                """, score.at(), score.model(), score.version(), entities(score.entities()),
                ModelPages.number(score.score()), score.decision() ? "flagged" : "pass",
                score.reasons().stream().map(reason -> reason.feature() + " (" + signed(reason.contribution()) + ")")
                        .reduce((a, b) -> a + ", " + b).orElse(""));
    }

    static String entities(Map<String, Object> entities) {
        return String.join(", ", entities.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .toList());
    }

    private static String reasons(List<Reason> reasons) {
        return String.join(", ", reasons.stream().map(reason -> reason.feature() + " ("
                + signed(reason.contribution()) + ")").toList());
    }

    private static String signed(double value) {
        return (value >= 0 ? "+" : "") + ModelPages.number(value);
    }

    private static Html drift(ModelDrift model) {
        if (model.drift().isEmpty()) {
            return Html.of("<p class=\"drift-model\">{}: <span class=\"text-body-secondary\">{}</span></p>",
                    model.model(), model.problem().orElse(""));
        }
        LiveDrift drift = model.drift().get();
        Html rows = drift.report().variables().stream().map(ServePages::variable).collect(Html.joining());
        return Html.of("""
                <h2 class="h6 drift-model" id="drift-{}">{} v{} — {} live predictions: <strong>{}</strong></h2>
                <table class="table table-sm"><thead><tr><th>Variable</th><th class="text-end">Live rows</th>\
                <th class="text-end">PSI</th><th class="text-end">KS</th><th class="text-end">KS p-value</th>\
                <th>Alerts</th></tr></thead><tbody>{}</tbody></table>
                """, drift.model(), drift.model(), drift.version(), drift.rows(),
                drift.rows() == 0 ? "no traffic yet" : drift.report().drifted() ? "DRIFTED" : "stable", rows);
    }

    private static Html variable(Drift variable) {
        return Html.of("""
                <tr class="{}"><td class="font-monospace">{}</td><td class="text-end">{}</td><td class="text-end">{}</td>\
                <td class="text-end">{}</td><td class="text-end">{}</td><td>{}</td></tr>
                """, variable.alerts().isEmpty() ? "" : "table-warning", variable.name(), variable.liveCount(),
                ModelPages.number(variable.psi()), ModelPages.number(variable.ksStatistic()),
                ModelPages.number(variable.ksPValue()), String.join("; ", variable.alerts()));
    }
}
