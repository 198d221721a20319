package dev.northstar.server;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /console/products/{domain}/{table}}: one data product table in sections — the contract rendered and as YAML,
 * the schema, the runs, quality history and latest checks, SLOs with their error budgets, and the quarantine browser.
 */
final class ProductPage {
    private ProductPage() {}

    /** What the page shows. */
    record Content(
            ProductBodies.ProductDetail detail,
            String yaml,
            List<ProductBodies.RunSummary> runs,
            ProductBodies.Quality quality,
            List<ProductBodies.SloDetail> slos,
            List<String> quarantineRuns,
            Optional<String> selectedRun,
            List<ProductBodies.QuarantinedRow> quarantine,
            Optional<String> quarantineWithheld,
            long maxUploadBytes,
            Ingested ingested) {}

    /** What the "Ingest a file" form did, shown above it. */
    sealed interface Ingested {
        /** Nothing uploaded (a plain visit). */
        record None() implements Ingested {}

        /** A run happened (or was skipped as a repeat): its summary. */
        record Ran(ProductBodies.IngestSummary summary) implements Ingested {}

        /** The upload or the file was refused before a run could say anything. */
        record Failure(Problem problem) implements Ingested {}
    }

    static Html body(Content content) {
        ProductBodies.ProductDetail detail = content.detail();
        String[] parts = detail.table().split("\\.", 2);
        return Html.of("""
                <nav aria-label="breadcrumb"><ol class="breadcrumb">
                <li class="breadcrumb-item"><a href="/console/products">Products</a></li>
                <li class="breadcrumb-item">{}</li>
                <li class="breadcrumb-item active" aria-current="page">{}</li>
                </ol></nav>
                <div class="ns-page-head d-flex flex-wrap align-items-start justify-content-between gap-2">
                <div><h1 class="h3 font-monospace" id="product-name">{}</h1>
                <div class="text-body-secondary">{} {} · contract <span class="font-monospace">{}</span> \
                <span id="contract-version">{}</span> · team <span id="team">{}</span></div></div>
                <div class="d-flex gap-2"><a class="btn btn-outline-secondary" id="product-lineage" \
                href="/console/lineage?name={}.{}">Lineage</a>\
                <a class="btn btn-outline-secondary" id="product-governance" \
                href="/console/catalog/{}/{}?tab=governance">Governance</a>\
                <a class="btn btn-outline-primary" href="/console/tables/{}/{}">Table in the lake</a></div>
                </div>
                <ul class="nav nav-pills ns-sections mb-4" id="sections">
                <li class="nav-item"><a class="nav-link" href="#contract">Contract</a></li>
                <li class="nav-item"><a class="nav-link" href="#schema">Schema</a></li>
                <li class="nav-item"><a class="nav-link" href="#ingest" id="section-ingest">Ingest</a></li>
                <li class="nav-item"><a class="nav-link" href="#runs" id="section-runs">Runs</a></li>
                <li class="nav-item"><a class="nav-link" href="#quality">Quality</a></li>
                <li class="nav-item"><a class="nav-link" href="#slos">SLOs</a></li>
                <li class="nav-item"><a class="nav-link" href="#quarantine" id="section-quarantine">Quarantine</a></li>
                </ul>
                {}{}{}{}{}{}{}
                """,
                detail.dataProduct(), detail.table(), detail.table(), detail.dataProduct(),
                ProductsPage.statusBadge(detail.contractStatus()), detail.contractId(), detail.contractVersion(),
                detail.team().isEmpty() ? "none" : detail.team(), parts[0], parts[1], parts[0], parts[1], parts[0],
                parts[1], contract(detail, content.yaml()), schema(detail), ingest(detail.table(), content),
                runs(content.runs()), quality(content.quality()),
                slos(content.slos()), quarantine(detail.table(), content));
    }

    private static Html contract(ProductBodies.ProductDetail detail, String yaml) {
        ProductBodies.ContractDescription description = detail.description();
        Html rules = detail.qualityRules().isEmpty()
                ? Html.of("<p class=\"text-body-secondary mb-0\">No quality rules.</p>")
                : Html.of("""
                        <table class="table table-sm mb-0" id="quality-rules"><thead><tr><th>Column</th><th>Rule</th>\
                        <th>Expectation</th><th>Dimension</th><th>Severity</th><th>Description</th></tr></thead>
                        <tbody>{}</tbody></table>""", detail.qualityRules().stream().map(rule -> Html.of("""
                        <tr><td class="font-monospace">{}</td><td class="font-monospace">{}</td>\
                        <td class="font-monospace small">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>
                        """, rule.column().isEmpty() ? "(table)" : rule.column(),
                        rule.metric().isEmpty() ? rule.type() : rule.metric(),
                        rule.query().isEmpty() ? rule.expectation() : rule.query() + " " + rule.expectation(),
                        rule.dimension(), rule.severity(), rule.description().isEmpty() ? rule.name()
                                : rule.description())).collect(Html.joining()));
        Html sla = detail.sla().isEmpty()
                ? Html.of("<p class=\"text-body-secondary mb-0\">No SLA properties.</p>")
                : Html.of("<dl class=\"ns-facts mb-0\" id=\"sla\">{}</dl>", detail.sla().stream().map(property ->
                        Html.of("<dt>{}</dt><dd>{} {}{}</dd>", property.property(), property.value(), property.unit(),
                                property.element().isEmpty() ? Html.empty()
                                        : Html.of(" <span class=\"text-body-secondary\">on {}</span>",
                                                property.element()))).collect(Html.joining()));
        return Html.of("""
                <section id="contract" class="mb-4"><h2 class="h5">Contract</h2>
                <div class="row g-3">
                <div class="col-lg-7"><div class="card h-100"><div class="card-body" id="contract-description">
                <dl class="ns-facts mb-0">
                <dt>Purpose</dt><dd id="purpose">{}</dd>
                <dt>Usage</dt><dd>{}</dd>
                <dt>Limitations</dt><dd>{}</dd>
                <dt>On violation</dt><dd id="on-violation">{}</dd>
                <dt>Quarantine at most</dt><dd>{} % of a batch</dd>
                <dt>Applied</dt><dd>{} from <span class="font-monospace small">{}</span></dd>
                </dl></div></div></div>
                <div class="col-lg-5"><div class="card h-100"><div class="card-header">SLA</div>\
                <div class="card-body">{}</div></div></div>
                </div>
                <div class="card mt-3"><div class="card-header">Quality rules</div>{}</div>
                <details class="mt-3"><summary>Contract YAML</summary>
                <pre class="ns-yaml mt-2" id="contract-yaml"><code>{}</code></pre></details>
                </section>
                """, orNone(description.purpose()), orNone(description.usage()), orNone(description.limitations()),
                detail.policy().onViolation(), number(detail.policy().maxQuarantineShare() * 100),
                DisplayFormat.time(detail.appliedAt()), detail.source(), sla, rules, yaml);
    }

    private static Html schema(ProductBodies.ProductDetail detail) {
        Html rows = detail.schema().stream().map(column -> Html.of("""
                <tr><td class="font-monospace">{}</td><td class="font-monospace">{}</td><td>{}</td><td>{}</td>\
                <td>{}</td><td class="small font-monospace">{}</td><td class="text-body-secondary">{}</td></tr>
                """, column.name(),
                column.physicalType().isEmpty() ? column.logicalType()
                        : column.logicalType() + " / " + column.physicalType(),
                flag(column.required(), "required") , flag(column.unique() || column.primaryKey(),
                        column.primaryKey() ? "primary key" : "unique"),
                column.classification().isEmpty() ? Html.empty()
                        : Html.of("<span class=\"badge text-bg-info\">{}</span>", column.classification()),
                column.constraints().entrySet().stream().map(entry -> Html.of("<div>{} = {}</div>", entry.getKey(),
                        entry.getValue())).collect(Html.joining()),
                column.description())).collect(Html.joining());
        return Html.of("""
                <section id="schema" class="mb-4"><h2 class="h5">Schema <span class="text-body-secondary small \
                font-monospace">{}</span></h2>
                <div class="card"><div class="table-responsive"><table class="table table-sm mb-0" \
                id="product-schema">
                <thead><tr><th>Column</th><th>Type</th><th>Required</th><th>Unique</th><th>Classification</th>\
                <th>Constraints</th><th>Description</th></tr></thead>
                <tbody>{}</tbody></table></div></div></section>
                """, detail.schemaObject(), rows);
    }

    /** The "Ingest a file" form, with the outcome of the last upload above it. */
    private static Html ingest(String table, Content content) {
        String[] parts = table.split("\\.", 2);
        return Html.of("""
                <section id="ingest" class="mb-4"><h2 class="h5">Ingest a file</h2>
                {}
                <form method="post" action="/console/products/{}/{}/ingest#ingest" enctype="multipart/form-data"                 class="card card-body" id="ingest-form">
                <div class="row g-2 align-items-end">
                <div class="col-lg-4"><label for="ingest-file" class="form-label small">File</label>
                <input class="form-control form-control-sm" type="file" id="ingest-file" name="file" required                 accept=".csv,.tsv,.txt,.json,.ndjson,.jsonl,.parquet,.gz,.zst"></div>
                <div class="col-lg-2"><label for="ingest-format" class="form-label small">Format</label>
                <select class="form-select form-select-sm" id="ingest-format" name="format">
                <option value="">from the extension</option><option value="csv">CSV</option>                <option value="json">JSON array</option><option value="ndjson">NDJSON</option>                <option value="parquet">Parquet</option></select></div>
                <div class="col-lg-2"><label for="ingest-encoding" class="form-label small">Encoding (CSV)</label>
                <select class="form-select form-select-sm" id="ingest-encoding" name="encoding">
                <option value="">UTF-8</option><option value="iso-8859-1">ISO-8859-1</option>                <option value="windows-1252">Windows-1252</option></select></div>
                <div class="col-lg-1"><label for="ingest-delimiter" class="form-label small">Delimiter</label>
                <input class="form-control form-control-sm" id="ingest-delimiter" name="delimiter" maxlength="3"                 placeholder="auto"></div>
                <div class="col-lg-2"><div class="form-check mb-1">
                <input class="form-check-input" type="checkbox" id="ingest-force" name="force" value="true">
                <label class="form-check-label small" for="ingest-force">Even if already ingested</label></div></div>
                <div class="col-lg-1"><button type="submit" class="btn btn-primary btn-sm w-100"                 id="ingest-submit">Ingest</button></div>
                </div>
                <div class="form-text">Up to {}. The contract in force decides: valid rows go to the product, the                 others to its quarantine with every reason. A file already ingested is skipped unless you tick                 the box.</div>
                </form></section>
                """, ingestOutcome(table, content.ingested()), parts[0], parts[1],
                DisplayFormat.bytes(content.maxUploadBytes()));
    }

    private static Html ingestOutcome(String table, Ingested ingested) {
        if (ingested instanceof Ingested.Failure failure) {
            Problem problem = failure.problem();
            return Html.of("""
                    <div class="alert alert-danger" role="alert" id="ingest-error">
                    <div class="fw-semibold mb-1">{}</div>
                    <pre class="ns-error-detail mb-0">{}</pre>
                    {}
                    </div>
                    """, problem.title(), problem.detail(),
                    problem.hint().map(hint -> Html.of("<div class=\"small mt-2\">{}</div>", hint))
                            .orElse(Html.empty()));
        }
        if (!(ingested instanceof Ingested.Ran ran)) {
            return Html.empty();
        }
        ProductBodies.IngestSummary summary = ran.summary();
        String[] parts = table.split("\\.", 2);
        String tone = switch (summary.status()) {
            case "FAILED" -> "danger";
            case "SKIPPED" -> "secondary";
            default -> summary.rowsQuarantined() > 0 ? "warning" : "success";
        };
        Html headline = switch (summary.status()) {
            case "SKIPPED" -> Html.of("Skipped: this file was already ingested by run {}. Tick the box to ingest it "
                    + "again.", summary.runId());
            case "FAILED" -> Html.of("Failed: nothing was committed. {}", summary.failure().orElse(""));
            default -> Html.of("{} rows in, {} valid, {} quarantined{} in {} ms",
                    DisplayFormat.count(summary.rowsIn()), DisplayFormat.count(summary.rowsValid()),
                    DisplayFormat.count(summary.rowsQuarantined()), summary.rowsWarned() > 0
                            ? ", " + DisplayFormat.count(summary.rowsWarned()) + " with warnings" : "",
                    summary.durationMs());
        };
        Html reasons = summary.reasons().isEmpty() || summary.status().equals("SKIPPED") ? Html.empty()
                : Html.of("<div class=\"small mt-2\">First reasons:</div><ul class=\"small mb-0 font-monospace\""
                        + " id=\"ingest-reasons\">{}</ul>", summary.reasons().stream()
                        .map(reason -> Html.of("<li>{}</li>", reason)).collect(Html.joining()));
        Html link = summary.rowsQuarantined() == 0 || summary.status().equals("FAILED") ? Html.empty()
                : Html.of("<div class=\"mt-2\"><a href=\"/console/products/{}/{}?run={}#quarantine\" "
                        + "id=\"ingest-quarantine-link\">Browse the quarantined rows of this run</a></div>",
                        parts[0], parts[1], summary.runId());
        return Html.of("""
                <div class="alert alert-{}" role="status" id="ingest-result" data-status="{}">
                <div class="fw-semibold">Run <span class="font-monospace" id="ingest-run">{}</span>                 <span class="badge text-bg-{}" id="ingest-status">{}</span></div>
                <div id="ingest-summary">{}</div>{}{}
                </div>
                """, tone, summary.status(), summary.runId(), tone, summary.status().toLowerCase(Locale.ROOT),
                headline, reasons, link);
    }

    private static Html runs(List<ProductBodies.RunSummary> runs) {
        long most = Math.max(1, runs.stream().mapToLong(ProductBodies.RunSummary::rowsIn).max().orElse(1));
        Html rows = runs.stream().map(run -> Html.of("""
                <tr><td class="font-monospace small">{}</td><td>{}</td><td>{}</td><td>{}</td>\
                <td class="ns-num">{}</td><td class="ns-num ns-valid">{}</td><td class="ns-num ns-quarantined">{}</td>\
                <td class="ns-bar-cell">{}</td><td class="ns-num">{}</td></tr>
                """, run.runId(), run.kind(), ProductsPage.runStatus(run.status()), DisplayFormat.time(run.startedAt()),
                DisplayFormat.count(run.rowsIn()), DisplayFormat.count(run.rowsValid()),
                DisplayFormat.count(run.rowsQuarantined()), bar(run, most),
                run.durationMs().map(ms -> ms + " ms").orElse("running"))).collect(Html.joining());
        return Html.of("""
                <section id="runs" class="mb-4"><h2 class="h5">Runs</h2>
                <div class="card">{}</div></section>
                """, runs.isEmpty()
                ? Html.of("<div class=\"card-body text-body-secondary\">Never ingested: run <code>northstar ingest"
                        + "</code>.</div>")
                : Html.of("""
                        <div class="table-responsive"><table class="table table-sm mb-0" id="runs-table">
                        <thead><tr><th>Run</th><th>Kind</th><th>Status</th><th>Started</th><th class="ns-num">Rows in\
                        </th><th class="ns-num">Valid</th><th class="ns-num">Quarantined</th><th>Valid / quarantined\
                        </th><th class="ns-num">Duration</th></tr></thead>
                        <tbody>{}</tbody></table></div>""", rows));
    }

    /** Valid and quarantined rows as two bar segments, scaled to the largest run. */
    private static Html bar(ProductBodies.RunSummary run, long most) {
        double valid = 100.0 * run.rowsValid() / most;
        double quarantined = 100.0 * run.rowsQuarantined() / most;
        // Widths are numbers computed here; the CSP forbids inline styles, so they go in as data for console.js.
        return Html.of("""
                <div class="ns-bar" title="{} valid, {} quarantined"><div class="ns-bar-valid" data-width="{}">\
                </div><div class="ns-bar-quarantined" data-width="{}"></div></div>""",
                DisplayFormat.count(run.rowsValid()), DisplayFormat.count(run.rowsQuarantined()),
                String.format(Locale.ROOT, "%.2f", valid), String.format(Locale.ROOT, "%.2f", quarantined));
    }

    private static Html quality(ProductBodies.Quality quality) {
        Html charts = quality.metrics().stream().map(series -> {
            StringBuilder times = new StringBuilder();
            StringBuilder values = new StringBuilder();
            for (ProductBodies.MetricValue point : series.points()) {
                times.append(times.length() == 0 ? "" : ",").append(point.at().toEpochMilli() / 1000.0);
                values.append(values.length() == 0 ? "" : ",").append(Double.isFinite(point.value())
                        ? Double.toString(point.value()) : "null");
            }
            return Html.of("""
                    <div class="col-md-6 col-xl-4"><div class="card h-100"><div class="card-header font-monospace \
                    small">{}</div><div class="card-body"><div class="ns-chart ns-metric-chart" data-chart="{}">\
                    </div></div></div></div>
                    """, series.metric(), "{\"x\":[" + times + "],\"y\":[" + values + "],\"line\":true}");
        }).collect(Html.joining());
        Html latest = quality.latest().map(run -> Html.of("""
                <div class="card mb-3"><div class="card-header d-flex justify-content-between"><span>Latest checks \
                {}</span><span class="small text-body-secondary">{} · run {}</span></div>
                <div class="table-responsive"><table class="table table-sm mb-0" id="check-results">
                <thead><tr><th>Check</th><th>Result</th><th class="ns-num">Measured</th><th>Expected</th>\
                <th>Severity</th><th>Message</th></tr></thead><tbody>{}</tbody></table></div></div>
                """, run.passed() ? Html.of("<span class=\"badge text-bg-success\">passed</span>")
                        : Html.of("<span class=\"badge text-bg-danger\">failed</span>"),
                DisplayFormat.time(run.at()), run.runId(),
                run.results().stream().map(result -> Html.of("""
                        <tr><td class="font-monospace small">{}</td><td>{}</td><td class="ns-num">{}</td>\
                        <td class="font-monospace small">{}</td><td>{}</td><td class="small">{}</td></tr>
                        """, result.checkId(), result.passed() ? Html.of("<span class=\"badge text-bg-success\">pass"
                                + "</span>") : Html.of("<span class=\"badge text-bg-danger\">fail</span>"),
                        result.measured().map(ProductPage::number).orElse("—"), result.expectation(),
                        result.severity(), result.message())).collect(Html.joining())))
                .orElse(Html.of("<p class=\"text-body-secondary\">No quality checks ran yet: run <code>northstar "
                        + "quality check</code>.</p>"));
        return Html.of("""
                <section id="quality" class="mb-4"><h2 class="h5">Quality</h2>
                {}
                <div class="row g-3" id="metric-charts">{}</div>
                </section>
                """, latest, charts);
    }

    private static Html slos(List<ProductBodies.SloDetail> slos) {
        Html cards = slos.stream().map(slo -> {
            double remaining = Math.max(0, Math.min(100, slo.errorBudgetRemainingPercent()));
            return Html.of("""
                    <div class="col-md-4"><div class="card h-100 ns-slo" id="slo-{}"><div class="card-header d-flex \
                    justify-content-between"><span class="text-capitalize">{}</span>\
                    <span class="badge {}">{}</span></div><div class="card-body">
                    <dl class="ns-facts mb-2">
                    <dt>Objective</dt><dd>{} % over {}{}</dd>
                    <dt>Indicator</dt><dd>{} % <span class="text-body-secondary small">({} of {} {})</span></dd>
                    <dt>Burn rate</dt><dd>{}</dd>
                    <dt>Error budget left</dt><dd>{} %</dd>
                    </dl>
                    <div class="progress" role="progressbar" aria-label="Error budget remaining" \
                    aria-valuenow="{}" aria-valuemin="0" aria-valuemax="100"><div class="progress-bar {}" \
                    data-width="{}"></div></div>
                    </div></div></div>
                    """, slo.kind(), slo.kind(), ProductsPage.sloClass(slo.status()), slo.status().replace('_', ' '),
                    number(slo.objectivePercent()), duration(slo.windowSeconds()),
                    slo.maxAgeSeconds().map(age -> ", data at most " + duration(age) + " old").orElse(""),
                    number(slo.indicatorPercent()), number(slo.good()), number(slo.total()), slo.unit(),
                    number(slo.burnRate()), number(slo.errorBudgetRemainingPercent()),
                    String.format(Locale.ROOT, "%.0f", remaining),
                    remaining > 50 ? "bg-success" : remaining > 20 ? "bg-warning" : "bg-danger",
                    String.format(Locale.ROOT, "%.2f", remaining));
        }).collect(Html.joining());
        return Html.of("""
                <section id="slos" class="mb-4"><h2 class="h5">SLOs and error budgets</h2>
                <div class="row g-3">{}</div></section>
                """, slos.isEmpty() ? Html.of("<p class=\"text-body-secondary\">No SLOs.</p>") : cards);
    }

    private static Html quarantine(String table, Content content) {
        String[] parts = table.split("\\.", 2);
        Html options = content.quarantineRuns().stream().map(run -> Html.of("<option value=\"{}\"{}>{}</option>",
                run, content.selectedRun().filter(run::equals).isPresent() ? Html.of(" selected") : Html.empty(),
                run)).collect(Html.joining());
        Html rows = content.quarantine().stream().map(row -> Html.of("""
                <tr><td class="font-monospace small">{}</td><td class="ns-num">{}</td><td>{}</td>\
                <td><ul class="list-unstyled mb-0 ns-reasons">{}</ul></td>\
                <td class="font-monospace small ns-raw">{}</td><td class="font-monospace small">{}</td></tr>
                """, row.source(), row.line().map(String::valueOf).orElse("—"), row.status(),
                row.reasons().stream().map(reason -> Html.of("<li><span class=\"font-monospace small "
                        + "text-body-secondary\">{}</span> {}</li>", reason.rule(), reason.message()))
                        .collect(Html.joining()),
                rawValues(row), row.runId()))
                .collect(Html.joining());
        return Html.of("""
                <section id="quarantine" class="mb-4"><h2 class="h5">Quarantine</h2>
                <form method="get" action="/console/products/{}/{}#quarantine" class="d-flex gap-2 mb-2 \
                align-items-center" id="quarantine-filter">
                <label for="run" class="small text-body-secondary">Run</label>
                <select class="form-select form-select-sm w-auto" id="run" name="run">
                <option value="">all runs</option>{}</select>
                <button type="submit" class="btn btn-sm btn-outline-secondary" id="filter-run">Filter</button>
                </form>
                <div class="card">{}</div></section>
                """, parts[0], parts[1], options, content.quarantineWithheld().isPresent()
                ? Html.of("<div class=\"card-body text-body-secondary\" id=\"quarantine-withheld\">{}</div>",
                        content.quarantineWithheld().get())
                : content.quarantine().isEmpty()
                ? Html.of("<div class=\"card-body text-body-secondary\" id=\"no-quarantine\">No quarantined rows."
                        + "</div>")
                : Html.of("""
                        <div class="table-responsive"><table class="table table-sm mb-0" id="quarantine-rows">
                        <thead><tr><th>Source</th><th class="ns-num">Line</th><th>Status</th><th>Reasons</th>\
                        <th>Raw values</th><th>Run</th></tr></thead>
                        <tbody>{}</tbody></table></div>""", rows));
    }

    /**
     * Raw values as {@code column: value} lines, the columns a reason names marked; a malformed record's raw line as
     * it was read.
     */
    private static Html rawValues(ProductBodies.QuarantinedRow row) {
        if (row.rawValues().isEmpty() || !row.rawValues().get().isObject()) {
            return Html.text(row.rawValues().map(Object::toString).or(row::rawLine).orElse(""));
        }
        java.util.Set<String> blamed = new java.util.HashSet<>();
        row.reasons().forEach(reason -> blamed.add(reason.column()));
        List<Html> lines = new java.util.ArrayList<>();
        row.rawValues().get().fields().forEachRemaining(field -> lines.add(Html.of(
                "<div{}><span class=\"text-body-secondary\">{}:</span> {}</div>",
                blamed.contains(field.getKey()) ? Html.of(" class=\"ns-blamed\"") : Html.empty(), field.getKey(),
                field.getValue().isNull() ? "null" : field.getValue().asText())));
        return lines.stream().collect(Html.joining());
    }

    /** A length of time in the largest whole unit: {@code 2 d}, {@code 3 h}, {@code 15 min}, {@code 42 s}. */
    static String duration(long seconds) {
        if (seconds > 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + " d";
        }
        if (seconds > 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + " h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    private static Html flag(boolean set, String label) {
        return set ? Html.of("<span class=\"badge text-bg-dark\">{}</span>", label)
                : Html.of("<span class=\"text-body-secondary\">—</span>");
    }

    private static String orNone(String text) {
        return text.isEmpty() ? "—" : text;
    }

    /** A number without trailing zeros, at most 4 decimals. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
