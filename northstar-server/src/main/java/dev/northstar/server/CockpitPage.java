package dev.northstar.server;

import dev.northstar.cockpit.review.BudgetLine;
import dev.northstar.cockpit.review.CockpitCharts;
import dev.northstar.cockpit.review.CockpitView;
import dev.northstar.cockpit.review.CostLine;
import dev.northstar.cockpit.review.EvidenceLink;
import dev.northstar.cockpit.review.Figures;
import dev.northstar.cockpit.review.KpiStatus;
import dev.northstar.cockpit.review.KpiTile;
import dev.northstar.cockpit.review.MonthlyReview;
import dev.northstar.cockpit.review.PipelineStage;
import dev.northstar.cockpit.review.Readiness;
import dev.northstar.cockpit.review.ReadinessItem;
import dev.northstar.cockpit.review.ReadinessStatus;
import dev.northstar.cockpit.review.UseCaseTile;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code /console}, the landing page: the CDO cockpit. KPI tiles with trends, the impact × feasibility matrix, the
 * portfolio pipeline, costs against budgets and the readiness checklist with its maturity score, with links to the
 * monthly review.
 */
final class CockpitPage {
    /** Where a use case's details are, from its id. */
    static final String USE_CASE_LINK = "/api/v1/usecases/%s";
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private CockpitPage() {}

    static Html body(CockpitView view) {
        String month = view.period().toString();
        String monthName = view.period().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                + view.period().getYear();
        return Html.of("""
                <link rel="stylesheet" href="/static/cockpit.css">
                <div class="ns-page-head d-flex flex-wrap align-items-start justify-content-between gap-2">
                <div><h1 class="h3">CDO cockpit</h1>
                <p class="text-body-secondary mb-0">{} · measured by the platform as of {} · \
                <a href="/console/overview" id="lake-overview">Lake overview</a></p></div>
                <div class="btn-group" role="group" aria-label="Monthly review">
                <a class="btn btn-primary" id="review-html" href="/api/v1/review/monthly?month={}&amp;format=html">\
                Monthly review</a>
                <a class="btn btn-outline-primary" id="review-pdf" href="/api/v1/review/monthly?month={}&amp;format=pdf">\
                PDF</a>
                </div></div>
                <section class="mb-4" aria-labelledby="kpis-title"><h2 class="h5" id="kpis-title">KPIs</h2>{}</section>
                <div class="row g-3 mb-4">
                <div class="col-xl-7"><div class="card h-100"><div class="card-header">Portfolio: impact × feasibility\
                </div><div class="card-body ns-matrix-body">{}</div></div></div>
                <div class="col-xl-5"><div class="card h-100"><div class="card-header">Pipeline</div>\
                <div class="card-body">{}</div></div></div>
                </div>
                <div class="row g-3 mb-4">
                <div class="col-xl-5"><div class="card h-100"><div class="card-header">Costs by domain and budgets\
                </div><div class="card-body">{}</div></div></div>
                <div class="col-xl-7"><div class="card h-100"><div class="card-header">Readiness</div>\
                <div class="card-body">{}</div></div></div>
                </div>
                """, monthName, AS_OF.format(view.asOf()), month, month, kpis(view.kpis()), matrix(view),
                pipeline(view), costs(view), readiness(view.readiness()));
    }

    private static Html kpis(List<KpiTile> kpis) {
        if (kpis.isEmpty()) {
            return Html.of("""
                    <div class="alert alert-light border" id="no-kpis">No KPIs measured yet. The platform measures \
                    adoption, time-to-value, quality, economics and compliance as people use it; business KPIs are \
                    declared in your use cases as governed SQL over product tables.</div>
                    """);
        }
        Html tiles = kpis.stream().map(kpi -> Html.of("""
                <div class="col-6 col-md-4 col-xxl-3"><a class="card h-100 ns-kpi ns-kpi-{}" id="kpi-{}" href="{}">\
                <div class="card-body">
                <div class="ns-stat-label">{} <span class="text-body-secondary">· {}</span></div>
                <div class="ns-stat-value ns-kpi-value">{}</div>
                <div class="d-flex justify-content-between align-items-end">
                <span class="badge ns-kpi-status">{}</span>{}</div>
                </div></a></div>
                """, kpi.status().name().toLowerCase(Locale.ROOT).replace('_', '-'), kpi.id(), kpi.evidencePath(),
                kpi.label(), kpi.category(),
                kpi.value().isPresent() ? Figures.withUnit(kpi.value().getAsDouble(), kpi.unit()) : "—",
                kpi.status() == KpiStatus.NOT_MEASURED ? kpi.notMeasuredReason()
                        : MonthlyReview.statusLabel(kpi.status()) + kpi.target().stream()
                                .mapToObj(target -> " · target " + Figures.withUnit(target, kpi.unit()))
                                .findFirst().orElse(""),
                Html.rendered(CockpitCharts.sparkline(kpi.trend(), sparkColour(kpi.status())))))
                .collect(Html.joining());
        return Html.of("<div class=\"row g-3\" id=\"kpi-tiles\">{}</div>", tiles);
    }

    private static String sparkColour(KpiStatus status) {
        return switch (status) {
            case ON_TARGET -> "#198754";
            case AT_RISK -> "#b58100";
            case OFF_TARGET -> "#dc3545";
            default -> "#0d6efd";
        };
    }

    private static Html matrix(CockpitView view) {
        if (view.useCases().isEmpty()) {
            return Html.of("""
                    <p class="text-body-secondary mb-0" id="no-use-cases">No use cases yet: put \
                    <code>kind: UseCase</code> files in your project folder and run \
                    <code>northstar apply DIR</code>. Each is placed here by its impact and feasibility scores.</p>
                    """);
        }
        Html legend = Arrays.stream(new String[] {"innovation", "competitiveness", "optimisation"})
                .map(lever -> Html.of("""
                        <span class="me-3"><svg width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" \
                        r="5" fill="{}"/></svg> {}</span>""", CockpitCharts.leverColour(lever), lever))
                .collect(Html.joining());
        return Html.of("""
                <div class="ns-matrix-wrap">{}</div>
                <div class="small text-body-secondary mt-2">{}· bubble area: annual benefit</div>
                """, Html.rendered(CockpitCharts.bubbleChart(view.useCases(), USE_CASE_LINK)), legend);
    }

    private static Html pipeline(CockpitView view) {
        if (view.useCases().isEmpty()) {
            return Html.of("""
                    <p class="text-body-secondary mb-0" id="no-pipeline">The pipeline follows each use case from \
                    <strong>idea</strong> to <strong>MVP</strong> to <strong>production</strong>, with its dates: \
                    declare a <code>status</code> in each use case.</p>
                    """);
        }
        Html columns = Arrays.stream(PipelineStage.values()).map(stage -> {
            List<UseCaseTile> cases = view.atStage(stage);
            Html cards = cases.stream().map(useCase -> Html.of("""
                    <a class="card card-body p-2 mb-2 ns-usecase" href="{}" data-id="{}">\
                    <span class="fw-semibold">{}</span><span class="small text-body-secondary">{} · {}{}</span></a>
                    """, String.format(Locale.ROOT, USE_CASE_LINK, useCase.id()), useCase.id(), useCase.title(),
                    useCase.domain(), useCase.lever(),
                    useCase.roi().isPresent() ? " · ROI " + Figures.percent(useCase.roi().getAsDouble()) : ""))
                    .collect(Html.joining());
            return Html.of("""
                    <div class="col-4 ns-pipeline-column" id="pipeline-{}"><div class="ns-stat-label mb-2">{} \
                    <span class="badge text-bg-secondary" id="pipeline-{}-count">{}</span></div>{}</div>
                    """, stage.id(), stage.label(), stage.id(), cases.size(), cards);
        }).collect(Html.joining());
        return Html.of("<div class=\"row g-2\" id=\"pipeline\">{}</div>", columns);
    }

    private static Html costs(CockpitView view) {
        List<CostLine> byDomain = view.costsBy("domain");
        if (byDomain.isEmpty() && view.budgets().isEmpty()) {
            return Html.of("""
                    <p class="text-body-secondary mb-0" id="no-costs">No costs attributed yet: FinOps attributes \
                    storage and compute to domains, products and use cases as the platform runs; budgets with alerts \
                    are declared per domain, product, use case or tag.</p>
                    """);
        }
        Html rows = byDomain.stream().map(line -> Html.of("""
                <tr><td>{}</td><td class="ns-num">{}</td><td>{}</td></tr>
                """, line.key(), Figures.amount(line.amount(), line.currency()),
                Html.rendered(CockpitCharts.sparkline(line.trend(), "#6c757d")))).collect(Html.joining());
        Html budgets = view.budgets().stream().map(CockpitPage::budget).collect(Html.joining());
        return Html.of("""
                <table class="table table-sm mb-3" id="costs"><thead><tr><th>Domain</th><th class="ns-num">This month\
                </th><th>Trend</th></tr></thead><tbody>{}</tbody></table>
                <div id="budgets">{}</div>
                """, rows, budgets);
    }

    private static Html budget(BudgetLine budget) {
        String alert = budget.alert().toLowerCase(Locale.ROOT);
        // An SVG bar: its width is an attribute, which the console's content security policy allows.
        double share = Math.min(1, budget.share());
        return Html.of("""
                <div class="mb-2 ns-budget ns-budget-{}" data-key="{}">
                <div class="d-flex justify-content-between small"><span>{} {}</span>\
                <span>{} of {} · <strong>{}</strong></span></div>
                <svg class="ns-budget-bar" viewBox="0 0 100 6" preserveAspectRatio="none" width="100%" height="8" \
                aria-hidden="true"><rect width="100" height="6" fill="#e9ecef"/><rect width="{}" height="6" \
                fill="{}"/></svg>
                </div>
                """, alert, budget.key(), budget.dimension(), budget.key(),
                Figures.amount(budget.spent(), budget.currency()), Figures.amount(budget.budget(), budget.currency()),
                alert, String.format(Locale.ROOT, "%.1f", share * 100),
                switch (alert) {
                    case "exceeded" -> "#dc3545";
                    case "warning" -> "#ffc107";
                    default -> "#198754";
                });
    }

    private static Html readiness(Readiness readiness) {
        if (readiness.items().isEmpty()) {
            return Html.of("""
                    <p class="text-body-secondary mb-0" id="no-readiness">Readiness is evaluated from the metadata \
                    database: start the server on a data directory made by <code>northstar init</code>.</p>
                    """);
        }
        Html items = readiness.items().stream().map(CockpitPage::readinessItem).collect(Html.joining());
        return Html.of("""
                <div class="d-flex align-items-baseline gap-3 mb-2">
                <div class="ns-stat-value" id="maturity-score">{}</div><div class="text-body-secondary">/ 100 · level \
                <span id="maturity-level">{}</span> {} · {} done, {} partial, {} missing</div></div>
                <ul class="list-group list-group-flush" id="readiness">{}</ul>
                """, readiness.score(), readiness.level(), readiness.levelName(),
                readiness.count(ReadinessStatus.DONE), readiness.count(ReadinessStatus.PARTIAL),
                readiness.count(ReadinessStatus.MISSING), items);
    }

    private static Html readinessItem(ReadinessItem item) {
        Html links = item.links().stream().map(CockpitPage::link).collect(Html.joining());
        return Html.of("""
                <li class="list-group-item px-0 ns-ready ns-ready-{}" id="ready-{}">
                <div class="d-flex justify-content-between gap-2"><span>{}</span>\
                <span class="badge ns-ready-badge">{}</span></div>
                <div class="small text-body-secondary">{}{}</div>{}
                </li>
                """, item.status().id(), item.id().replace('.', '-'), item.title(), item.status().id(),
                item.evidence(), links,
                item.nextStep().isEmpty() ? Html.empty()
                        : Html.of("<div class=\"small\"><strong>Next:</strong> {}</div>", item.nextStep()));
    }

    private static Html link(EvidenceLink link) {
        return Html.of(" · <a href=\"{}\">{}</a>", link.path(), link.label());
    }
}
