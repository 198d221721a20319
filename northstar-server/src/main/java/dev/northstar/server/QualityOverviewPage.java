package dev.northstar.server;

import dev.northstar.quality.Incident;
import dev.northstar.quality.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code /console/quality}, the Observe stage: each product table's latest checks and SLOs, unresolved incidents. */
final class QualityOverviewPage {
    private QualityOverviewPage() {}

    /** A product table with its latest check run. */
    record Row(ProductBodies.ProductTable table, Optional<ProductBodies.CheckRunBody> latest) {}

    static Html body(List<Row> rows, List<Incident> incidents) {
        Html tableRows = rows.stream().map(row -> {
            String[] parts = row.table().table().split("\\.", 2);
            return Html.of("""
                    <tr><td><a class="font-monospace" href="/console/products/{}/{}#quality">{}</a></td><td>{}</td>\
                    <td>{}</td></tr>
                    """, parts[0], parts[1], row.table().table(), row.latest().map(QualityOverviewPage::latest)
                            .orElse(Html.of("<span class=\"text-body-secondary\">never checked</span>")),
                    row.table().slos().stream().map(slo -> Html.of("<span class=\"badge {} me-1\">{}: {}</span>",
                            ProductsPage.sloClass(slo.status()), slo.kind(), slo.status().replace('_', ' ')))
                            .collect(Html.joining()));
        }).collect(Html.joining());
        Html incidentRows = incidents.stream().map(incident -> Html.of("""
                <tr><td><span class="badge {}">{}</span></td><td>{}</td><td class="font-monospace">{}</td>\
                <td>{}<div class="small text-body-secondary">{}</div></td><td>{}</td><td class="ns-num">{}</td></tr>
                """, incident.severity() == Severity.ERROR ? "text-bg-danger" : "text-bg-warning",
                lower(incident.severity().name()), lower(incident.status().name()), incident.table(),
                incident.title(), incident.detail(), DisplayFormat.time(incident.openedAt()),
                incident.occurrences())).collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Quality and SLOs</h1>
                <p class="text-body-secondary mb-0">Checks from each product's contract, its SLOs over the rolling \
                window, and the incidents failed checks and anomalies raised.</p></div>
                <div class="card mb-4"><div class="card-header">Products</div>{}</div>
                <div class="card"><div class="card-header">Unresolved incidents \
                <span class="badge text-bg-light" id="incident-count">{}</span></div>{}</div>
                """,
                rows.isEmpty()
                        ? Html.of("<div class=\"card-body text-body-secondary\">No data products yet.</div>")
                        : Html.of("""
                                <div class="table-responsive"><table class="table table-sm mb-0" id="quality-overview">
                                <thead><tr><th>Table</th><th>Latest checks</th><th>SLOs</th></tr></thead>
                                <tbody>{}</tbody></table></div>""", tableRows),
                incidents.size(),
                incidents.isEmpty()
                        ? Html.of("<div class=\"card-body text-body-secondary\" id=\"no-incidents\">None.</div>")
                        : Html.of("""
                                <div class="table-responsive"><table class="table table-sm mb-0" id="incidents">
                                <thead><tr><th>Severity</th><th>Status</th><th>Table</th><th>Incident</th>\
                                <th>Opened</th><th class="ns-num">Occurrences</th></tr></thead>
                                <tbody>{}</tbody></table></div>""", incidentRows));
    }

    private static Html latest(ProductBodies.CheckRunBody run) {
        long failed = run.results().stream().filter(result -> !result.passed()).count();
        return Html.of("{} <span class=\"small text-body-secondary\">{} · {} of {} checks failed</span>",
                run.passed() ? Html.of("<span class=\"badge text-bg-success\">passed</span>")
                        : Html.of("<span class=\"badge text-bg-danger\">failed</span>"),
                DisplayFormat.time(run.at()), failed, run.results().size());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
