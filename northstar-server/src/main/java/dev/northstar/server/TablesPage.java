package dev.northstar.server;

import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.TableInfo;
import java.util.List;
import java.util.Optional;

/** {@code /console/tables}: every table with its size and last commit. */
final class TablesPage {
    private TablesPage() {}

    static Html body(List<String> domains, Optional<String> selectedDomain, List<TableInfo> tables) {
        Html filters = Html.of("<a class=\"btn btn-sm {}\" href=\"/console/tables\">All</a>",
                selectedDomain.isEmpty() ? "btn-secondary" : "btn-outline-secondary");
        Html domainFilters = domains.stream().map(domain -> Html.of(
                "<a class=\"btn btn-sm {}\" href=\"/console/tables?domain={}\">{}</a>",
                selectedDomain.filter(domain::equals).isPresent() ? "btn-secondary" : "btn-outline-secondary",
                domain, domain)).collect(Html.joining());
        Html rows = tables.stream().map(table -> Html.of("""
                <tr><td><a class="ns-table-link" href="/console/tables/{}/{}">{}</a></td><td>{}</td>\
                <td class="ns-num">{}</td><td class="ns-num">{}</td><td class="ns-num">{}</td><td>{}</td></tr>
                """, table.id().domain(), table.id().name(), table.id().name(), table.id().domain(),
                DisplayFormat.count(table.totalRecords()), DisplayFormat.count(table.totalDataFiles()),
                DisplayFormat.bytes(table.totalBytes()),
                table.currentSnapshot().map(SnapshotInfo::committedAt).map(DisplayFormat::time).orElse("never")))
                .collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head d-flex flex-wrap align-items-end justify-content-between gap-2">
                <div><h1 class="h3">Tables</h1>
                <p class="text-body-secondary mb-0">Apache Iceberg tables of the lake.</p></div>
                <div class="btn-group flex-wrap" role="group" aria-label="Domains">{}{}</div>
                </div>
                <div class="card">
                {}
                </div>
                """, filters, domainFilters,
                tables.isEmpty()
                        ? Html.of("<div class=\"card-body text-body-secondary\" id=\"no-tables\">No tables yet.</div>")
                        : Html.of("""
                                <table class="table table-hover mb-0" id="tables">
                                <thead><tr><th>Table</th><th>Domain</th><th class="ns-num">Rows</th>\
                                <th class="ns-num">Files</th><th class="ns-num">Size</th><th>Last commit</th>\
                                </tr></thead>
                                <tbody>{}</tbody></table>
                                """, rows));
    }
}
