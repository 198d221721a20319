package dev.northstar.cockpit.review;

import static dev.northstar.cockpit.review.Figures.escape;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monthly data review: a printable A4 page of the {@link CockpitView} with the headline KPIs and their trends,
 * the impact × feasibility matrix, the portfolio pipeline and business cases, costs and budgets, the top risks and
 * the readiness checklist. {@link #html(CockpitView)} draws its charts in SVG for browsers; {@link #pdf(CockpitView)}
 * renders the same page through openhtmltopdf with the charts as CSS boxes.
 */
public final class MonthlyReview {
    /** Risks the review lists. */
    static final int TOP_RISKS = 10;
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private MonthlyReview() {}

    /** The review as an HTML page with inline SVG charts. */
    public static String html(CockpitView view) {
        return render(view, true);
    }

    /** The review as a PDF document (A4). */
    public static byte[] pdf(CockpitView view) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(render(view, false), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the monthly review of " + view.period() + " as PDF", e);
        }
        return out.toByteArray();
    }

    /** The review's title for a month, e.g. "Monthly data review · November 2026". */
    public static String title(CockpitView view) {
        return "Monthly data review · " + view.period().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                + " " + view.period().getYear();
    }

    private static String render(CockpitView view, boolean svg) {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>"
                + "<meta charset=\"utf-8\"/><title>").append(escape("Northstar · " + title(view)))
                .append("</title><style>").append(STYLE).append(CockpitCharts.matrixBoxStyles())
                .append("</style></head><body>");
        page.append("<header><h1 id=\"review-title\">").append(escape(title(view))).append("</h1><p class=\"muted\">")
                .append("Northstar CDO cockpit · figures measured by the platform as of ")
                .append(escape(AS_OF.format(view.asOf()))).append(" · maturity ")
                .append(view.readiness().score()).append("/100, level ").append(view.readiness().level())
                .append(" (").append(escape(view.readiness().levelName())).append(")</p></header>");
        kpis(page, view, svg);
        portfolio(page, view, svg);
        costs(page, view, svg);
        risks(page, view);
        readiness(page, view);
        page.append("</body></html>\n");
        return page.toString();
    }

    private static void kpis(StringBuilder page, CockpitView view, boolean svg) {
        page.append("<section id=\"review-kpis\"><h2>Headline KPIs</h2>");
        if (view.kpis().isEmpty()) {
            empty(page, "No KPIs measured yet: the platform measures adoption, quality, economics and compliance "
                    + "as it is used; business KPIs come from your use cases.");
        } else {
            page.append("<table><thead><tr><th>KPI</th><th>Category</th><th class=\"num\">Value</th>"
                    + "<th class=\"num\">Target</th><th>Status</th><th>Trend</th></tr></thead><tbody>");
            for (KpiTile kpi : view.kpis()) {
                page.append("<tr class=\"kpi\" data-id=\"").append(escape(kpi.id())).append("\"><td>")
                        .append(escape(kpi.label())).append("</td><td>").append(escape(kpi.category()))
                        .append("</td><td class=\"num\">")
                        .append(kpi.value().isPresent() ? escape(Figures.withUnit(kpi.value().getAsDouble(), kpi.unit()))
                                : "<span class=\"muted\">not measured</span>")
                        .append("</td><td class=\"num\">")
                        .append(kpi.target().isPresent() ? escape(Figures.withUnit(kpi.target().getAsDouble(),
                                kpi.unit())) : "")
                        .append("</td><td class=\"status-").append(kpi.status().name().toLowerCase(Locale.ROOT))
                        .append("\">").append(escape(statusLabel(kpi.status()))).append("</td><td>")
                        .append(svg ? CockpitCharts.sparkline(kpi.trend(), "#0d6efd")
                                : CockpitCharts.sparkBars(kpi.trend()))
                        .append("</td></tr>");
            }
            page.append("</tbody></table>");
        }
        page.append("</section>");
    }

    /** How a KPI status reads. */
    public static String statusLabel(KpiStatus status) {
        return switch (status) {
            case ON_TARGET -> "on target";
            case AT_RISK -> "at risk";
            case OFF_TARGET -> "off target";
            case NO_TARGET -> "no target";
            case NOT_MEASURED -> "not measured";
        };
    }

    private static void portfolio(StringBuilder page, CockpitView view, boolean svg) {
        page.append("<section id=\"review-portfolio\"><h2>Portfolio: impact × feasibility</h2>");
        if (view.useCases().isEmpty()) {
            empty(page, "No use cases yet: put kind: UseCase files in your project folder and run "
                    + "northstar apply DIR.");
            page.append("</section>");
            return;
        }
        page.append(svg ? CockpitCharts.bubbleChart(view.useCases(), "") : CockpitCharts.bubbleBoxes(view.useCases()));
        page.append("<p class=\"legend\">");
        for (String lever : List.of("innovation", "competitiveness", "optimisation")) {
            page.append("<span class=\"swatch\" style=\"background-color: ").append(CockpitCharts.leverColour(lever))
                    .append(";\">&#160;&#160;&#160;</span> ").append(lever).append(" &#160; ");
        }
        page.append("· bubble area: annual benefit</p>");
        page.append("<h3>Pipeline</h3><table class=\"pipeline\"><thead><tr>");
        for (PipelineStage stage : PipelineStage.values()) {
            page.append("<th>").append(stage.label()).append(" (<span id=\"review-stage-").append(stage.id())
                    .append("\">").append(view.atStage(stage).size()).append("</span>)</th>");
        }
        page.append("</tr></thead><tbody><tr>");
        for (PipelineStage stage : PipelineStage.values()) {
            page.append("<td>");
            for (UseCaseTile useCase : view.atStage(stage)) {
                page.append("<div class=\"card\">").append(escape(useCase.title())).append("<br/><span class=\"muted\">")
                        .append(escape(useCase.domain() + " · " + useCase.lever())).append("</span></div>");
            }
            page.append("</td>");
        }
        page.append("</tr></tbody></table>");
        page.append("<h3>Business cases (base scenario)</h3><table><thead><tr><th>Use case</th><th>Stage</th>"
                + "<th>Quadrant</th><th class=\"num\">Impact</th><th class=\"num\">Feasibility</th>"
                + "<th class=\"num\">Benefit / year</th><th class=\"num\">ROI</th><th class=\"num\">Payback</th>"
                + "<th class=\"num\">NPV</th></tr></thead><tbody>");
        for (UseCaseTile useCase : view.useCases()) {
            page.append("<tr class=\"usecase\" data-id=\"").append(escape(useCase.id())).append("\"><td>")
                    .append(escape(useCase.title())).append("</td><td>").append(useCase.stage().label())
                    .append("</td><td>").append(escape(useCase.quadrant())).append("</td><td class=\"num\">")
                    .append(Figures.number(useCase.impact())).append("</td><td class=\"num\">")
                    .append(Figures.number(useCase.feasibility())).append("</td><td class=\"num\">")
                    .append(useCase.annualBenefit().isPresent()
                            ? escape(Figures.amount(useCase.annualBenefit().getAsDouble(), useCase.currency())) : "")
                    .append("</td><td class=\"num\">")
                    .append(useCase.roi().isPresent() ? Figures.percent(useCase.roi().getAsDouble()) : "")
                    .append("</td><td class=\"num\">")
                    .append(useCase.paybackMonths().isPresent()
                            ? Figures.number(useCase.paybackMonths().getAsDouble()) + " months" : "")
                    .append("</td><td class=\"num\">")
                    .append(useCase.npv().isPresent()
                            ? escape(Figures.amount(useCase.npv().getAsDouble(), useCase.currency())) : "")
                    .append("</td></tr>");
        }
        page.append("</tbody></table></section>");
    }

    private static void costs(StringBuilder page, CockpitView view, boolean svg) {
        page.append("<section id=\"review-costs\"><h2>Costs and budgets</h2>");
        List<CostLine> byDomain = view.costsBy("domain");
        if (byDomain.isEmpty()) {
            empty(page, "No costs attributed yet: FinOps attributes storage and compute to domains, products and "
                    + "use cases as the platform runs.");
        } else {
            Map<String, Double> totals = new TreeMap<>();
            byDomain.forEach(line -> totals.merge(line.currency(), line.amount(), Double::sum));
            page.append("<table><thead><tr><th>Domain</th><th class=\"num\">Cost this month</th><th>Trend</th>"
                    + "</tr></thead><tbody>");
            for (CostLine line : byDomain) {
                page.append("<tr class=\"cost\"><td>").append(escape(line.key())).append("</td><td class=\"num\">")
                        .append(escape(Figures.amount(line.amount(), line.currency()))).append("</td><td>")
                        .append(svg ? CockpitCharts.sparkline(line.trend(), "#6c757d")
                                : CockpitCharts.sparkBars(line.trend()))
                        .append("</td></tr>");
            }
            totals.forEach((currency, total) -> page.append("<tr class=\"total\"><td>Total</td><td class=\"num\">")
                    .append(escape(Figures.amount(total, currency))).append("</td><td></td></tr>"));
            page.append("</tbody></table>");
        }
        if (!view.budgets().isEmpty()) {
            page.append("<h3>Budgets</h3><table><thead><tr><th>Budget</th><th class=\"num\">Spent</th>"
                    + "<th class=\"num\">Budget</th><th>Use</th><th>Alert</th></tr></thead><tbody>");
            for (BudgetLine budget : view.budgets()) {
                double share = Math.min(1, budget.share());
                page.append("<tr class=\"budget\"><td>").append(escape(budget.dimension() + " " + budget.key()))
                        .append("</td><td class=\"num\">").append(escape(Figures.amount(budget.spent(),
                                budget.currency())))
                        .append("</td><td class=\"num\">").append(escape(Figures.amount(budget.budget(),
                                budget.currency())))
                        .append("</td><td><div class=\"bar\"><div class=\"fill alert-")
                        .append(escape(budget.alert())).append("\" style=\"width: ")
                        .append(String.format(Locale.ROOT, "%.0f", share * 100)).append("%;\"></div></div> ")
                        .append(Figures.percent(budget.share())).append("</td><td class=\"alert-text-")
                        .append(escape(budget.alert())).append("\">").append(escape(budget.alert()))
                        .append("</td></tr>");
            }
            page.append("</tbody></table>");
        }
        page.append("</section>");
    }

    private static void risks(StringBuilder page, CockpitView view) {
        page.append("<section id=\"review-risks\"><h2>Top risks (likelihood × severity)</h2>");
        List<RiskLine> top = view.topRisks(TOP_RISKS);
        if (top.isEmpty()) {
            empty(page, "No risks assessed: give each use case its risks (legal, ethical, security, operational, "
                    + "financial, reputational) with likelihood and severity.");
        } else {
            page.append("<table><thead><tr><th class=\"num\">Score</th><th>Use case</th><th>Category</th>"
                    + "<th>Risk</th><th>Mitigation</th></tr></thead><tbody>");
            for (RiskLine risk : top) {
                page.append("<tr class=\"risk\"><td class=\"num\">").append(risk.score()).append(" (")
                        .append(risk.likelihood()).append("×").append(risk.severity()).append(")</td><td>")
                        .append(escape(risk.useCaseTitle())).append("</td><td>").append(escape(risk.category()))
                        .append("</td><td>").append(escape(risk.description())).append("</td><td>")
                        .append(escape(risk.mitigation())).append("</td></tr>");
            }
            page.append("</tbody></table>");
        }
        page.append("</section>");
    }

    private static void readiness(StringBuilder page, CockpitView view) {
        Readiness readiness = view.readiness();
        page.append("<section id=\"review-readiness\"><h2>Readiness: ")
                .append("<span id=\"review-maturity\">").append(readiness.score()).append("/100</span>, level ")
                .append(readiness.level()).append(" ").append(escape(readiness.levelName())).append("</h2>");
        page.append("<table><thead><tr><th>Item</th><th>Status</th><th>Evidence</th><th>Next step</th></tr>"
                + "</thead><tbody>");
        for (ReadinessItem item : readiness.items()) {
            page.append("<tr class=\"readiness\"><td>").append(escape(item.title())).append("</td><td class=\"ready-")
                    .append(item.status().id()).append("\">").append(item.status().id()).append("</td><td>")
                    .append(escape(item.evidence())).append("</td><td>").append(escape(item.nextStep()))
                    .append("</td></tr>");
        }
        page.append("</tbody></table></section>");
    }

    private static void empty(StringBuilder page, String text) {
        page.append("<p class=\"empty\">").append(escape(text)).append("</p>");
    }

    private static final String STYLE = """
            @page { size: A4; margin: 14mm 12mm;
                @bottom-left { content: "Northstar · monthly data review"; font-size: 8px; color: #6c757d; }
                @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8px;
                    color: #6c757d; } }
            body { font-family: Helvetica, Arial, sans-serif; font-size: 10px; color: #212529; }
            h1 { font-size: 20px; margin: 0 0 2px 0; }
            h2 { font-size: 14px; border-bottom: 1px solid #dee2e6; padding-bottom: 2px; margin: 14px 0 6px 0; }
            h3 { font-size: 11px; margin: 10px 0 4px 0; }
            section { page-break-inside: auto; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: 3px 4px; border-bottom: 1px solid #e9ecef; vertical-align: top; }
            th { background-color: #f1f3f5; }
            tr { page-break-inside: avoid; }
            .num { text-align: right; }
            .muted, .empty { color: #6c757d; }
            .legend { color: #495057; }
            .swatch { display: inline-block; width: 10px; }
            .pipeline td { width: 33%; }
            .card { border: 1px solid #dee2e6; border-radius: 4px; padding: 3px 5px; margin-bottom: 4px; }
            .status-on_target, .ready-done, .alert-text-ok { color: #198754; }
            .status-at_risk, .ready-partial, .alert-text-warning { color: #b58100; }
            .status-off_target, .ready-missing, .alert-text-exceeded { color: #dc3545; }
            .bar { display: inline-block; width: 90px; height: 8px; background-color: #e9ecef; }
            .fill { height: 8px; background-color: #198754; }
            .alert-warning { background-color: #ffc107; }
            .alert-exceeded { background-color: #dc3545; }
            @media screen { body { max-width: 200mm; margin: 12px auto; } }
            """;
}
