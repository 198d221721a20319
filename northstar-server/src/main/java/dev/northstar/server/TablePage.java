package dev.northstar.server;

import dev.northstar.lake.QueryResult;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.TableInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code /console/tables/{domain}/{table}}: schema, layout, snapshot history and the first rows of a table. */
final class TablePage {
    private TablePage() {}

    /**
     * @param preview the first rows as the principal may see them, or why they are withheld (a policy denial)
     * @param purpose the purpose the preview was read for ("" for none)
     */
    static Html body(TableInfo table, List<SnapshotInfo> history, Optional<QueryResult> preview, String withheld,
            String purpose) {
        String querySql = "SELECT * FROM " + table.id() + " LIMIT 100";
        String description = table.properties().getOrDefault("comment", "");
        return Html.of("""
                <nav aria-label="breadcrumb"><ol class="breadcrumb">
                <li class="breadcrumb-item"><a href="/console/tables">Tables</a></li>
                <li class="breadcrumb-item"><a href="/console/tables?domain={}">{}</a></li>
                <li class="breadcrumb-item active" aria-current="page">{}</li>
                </ol></nav>
                <div class="ns-page-head d-flex flex-wrap align-items-start justify-content-between gap-2">
                <div><h1 class="h3 font-monospace" id="table-name">{}</h1>{}</div>
                <div class="d-flex gap-2"><a class="btn btn-outline-secondary" id="table-lineage" \
                href="/console/lineage?name={}">Lineage</a>\
                <a class="btn btn-outline-secondary" id="table-governance" href="/console/catalog/{}/{}?tab=governance">\
                Governance</a>\
                <a class="btn btn-primary" id="query-table" href="/console/sql?sql={}">Query in SQL</a></div>
                </div>
                <div class="row g-3 mb-4">{}{}{}{}</div>
                <div class="row g-4 mb-4">
                <div class="col-lg-7">
                <div class="card"><div class="card-header">Schema</div>
                <table class="table table-sm mb-0" id="schema">
                <thead><tr><th class="ns-num">Field id</th><th>Column</th><th>Type</th><th>Nulls</th>\
                <th>Description</th></tr></thead>
                <tbody>{}</tbody></table></div>
                </div>
                <div class="col-lg-5">
                <div class="card"><div class="card-header">Layout</div><div class="card-body">
                <dl class="ns-facts mb-0">
                <dt>Partitioning</dt><dd id="partitioning">{}</dd>
                <dt>Sort order</dt><dd id="sort-order">{}</dd>
                <dt>Location</dt><dd class="font-monospace small text-break">{}</dd>
                {}
                </dl></div></div>
                </div>
                </div>
                {}
                <div class="card mb-4"><div class="card-header">Snapshot history <span class="badge text-bg-light">{}\
                </span></div>
                {}
                </div>
                <div class="card mb-4"><div class="card-header d-flex flex-wrap gap-2 justify-content-between \
                align-items-center">
                <span>Preview <span class="text-body-secondary small" id="preview-meta">{}</span></span>
                <form method="get" class="d-flex gap-1 align-items-center" id="preview-purpose-form">
                <label class="small text-body-secondary" for="preview-purpose">Purpose</label>
                <input class="form-control form-control-sm font-monospace" name="purpose" id="preview-purpose" \
                maxlength="100" size="18" placeholder="e.g. reporting" value="{}">
                <button type="submit" class="btn btn-sm btn-outline-secondary" id="preview-show">Show</button>
                </form></div>
                {}
                </div>
                """,
                table.id().domain(), table.id().domain(), table.id().name(),
                table.id(),
                description.isEmpty() ? Html.empty() : Html.of("<p class=\"text-body-secondary mb-0\">{}</p>",
                        description),
                URLEncoder.encode(table.id().toString(), StandardCharsets.UTF_8),
                URLEncoder.encode(table.id().domain(), StandardCharsets.UTF_8),
                URLEncoder.encode(table.id().name(), StandardCharsets.UTF_8),
                URLEncoder.encode(querySql, StandardCharsets.UTF_8),
                OverviewPage.stat("Rows", DisplayFormat.count(table.totalRecords()), "stat-rows"),
                OverviewPage.stat("Data files", DisplayFormat.count(table.totalDataFiles()), "stat-files"),
                OverviewPage.stat("Size", DisplayFormat.bytes(table.totalBytes()), "stat-bytes"),
                OverviewPage.stat("Current snapshot", table.currentSnapshot()
                        .map(snapshot -> Long.toString(snapshot.snapshotId())).orElse("none"), "stat-snapshot"),
                schemaRows(table),
                table.partitioning().isEmpty() ? Html.of("<span class=\"text-body-secondary\">unpartitioned</span>")
                        : table.partitioning().stream().map(field -> Html.of(
                                "<span class=\"badge text-bg-secondary font-monospace me-1\">{}({})</span>",
                                field.transform(), field.column())).collect(Html.joining()),
                table.sortOrder().isEmpty() ? Html.of("<span class=\"text-body-secondary\">unsorted</span>")
                        : table.sortOrder().stream().map(field -> Html.of(
                                "<span class=\"badge text-bg-secondary font-monospace me-1\">{}</span>",
                                field.text())).collect(Html.joining()),
                table.location(),
                properties(table.properties()),
                rowsChart(history),
                history.size(),
                historyTable(history),
                preview.map(rows -> rows.truncated()
                        ? "first " + DisplayFormat.count(rows.rows().size()) + " rows"
                        : DisplayFormat.count(rows.rows().size()) + " rows").orElse("withheld"),
                purpose,
                preview.map(rows -> ResultGrid.render(rows, "preview")).orElseGet(() -> Html.of(
                        "<div class=\"card-body text-body-secondary\" id=\"preview-withheld\">{}</div>", withheld)));
    }

    private static Html schemaRows(TableInfo table) {
        return table.columns().stream().map(column -> Html.of("""
                <tr><td class="ns-num text-body-secondary">{}</td><td class="font-monospace">{}</td>\
                <td class="font-monospace">{}</td><td>{}</td><td class="text-body-secondary">{}</td></tr>
                """, column.fieldId(), column.name(), column.type(),
                column.required() ? Html.of("<span class=\"badge text-bg-dark\">required</span>")
                        : Html.of("<span class=\"text-body-secondary\">optional</span>"),
                column.doc())).collect(Html.joining());
    }

    private static Html properties(Map<String, String> properties) {
        Map<String, String> shown = new TreeMap<>(properties);
        shown.remove("comment");
        if (shown.isEmpty()) {
            return Html.empty();
        }
        Html items = shown.entrySet().stream().map(entry -> Html.of(
                "<div class=\"font-monospace small\"><span class=\"text-body-secondary\">{}</span> = {}</div>",
                entry.getKey(), entry.getValue())).collect(Html.joining());
        return Html.of("<dt>Properties</dt><dd>{}</dd>", items);
    }

    /**
     * Rows after each commit, drawn by uPlot from the numbers in {@code data-chart} (epoch seconds and row counts; no
     * text of the user's goes into it).
     */
    private static Html rowsChart(List<SnapshotInfo> history) {
        if (history.isEmpty()) {
            return Html.empty();
        }
        StringBuilder times = new StringBuilder();
        StringBuilder rows = new StringBuilder();
        for (SnapshotInfo snapshot : history) {
            times.append(times.length() == 0 ? "" : ",").append(snapshot.committedAt().toEpochMilli() / 1000.0);
            rows.append(rows.length() == 0 ? "" : ",").append(snapshot.totalRecords());
        }
        return Html.of("""
                <div class="card mb-4"><div class="card-header">Rows after each commit</div>
                <div class="card-body"><div class="ns-chart" id="rows-chart" data-chart="{}"></div></div></div>
                """, "{\"x\":[" + times + "],\"y\":[" + rows + "]}");
    }

    private static Html historyTable(List<SnapshotInfo> history) {
        if (history.isEmpty()) {
            return Html.of("<div class=\"card-body text-body-secondary\">Never written.</div>");
        }
        List<SnapshotInfo> newestFirst = new ArrayList<>(history);
        Collections.reverse(newestFirst);
        Html rows = newestFirst.stream().map(snapshot -> Html.of("""
                <tr><td class="font-monospace">{}{}</td><td>{}</td><td>{}</td><td class="ns-num">{}</td>\
                <td class="ns-num">{}</td><td class="font-monospace small">{}</td></tr>
                """, snapshot.snapshotId(),
                snapshot.current() ? Html.of(" <span class=\"badge text-bg-success\">current</span>") : Html.empty(),
                DisplayFormat.time(snapshot.committedAt()), snapshot.operation(),
                DisplayFormat.count(snapshot.addedRecords()), DisplayFormat.count(snapshot.totalRecords()),
                snapshot.summary().getOrDefault(SnapshotInfo.RUN_ID, "—"))).collect(Html.joining());
        return Html.of("""
                <div class="table-responsive"><table class="table table-sm table-hover mb-0" id="history">
                <thead><tr><th>Snapshot</th><th>Committed</th><th>Operation</th><th class="ns-num">Rows added</th>\
                <th class="ns-num">Total rows</th><th>Run id</th></tr></thead>
                <tbody>{}</tbody></table></div>
                """, rows);
    }
}
