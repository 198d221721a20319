package dev.northstar.server;

import dev.northstar.lake.TableInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /console/overview}: what the lake holds, by domain. */
final class OverviewPage {
    private OverviewPage() {}

    static Html body(List<String> domains, List<TableInfo> tables) {
        long rows = tables.stream().mapToLong(TableInfo::totalRecords).sum();
        long bytes = tables.stream().mapToLong(TableInfo::totalBytes).sum();
        Map<String, long[]> byDomain = new TreeMap<>();
        domains.forEach(domain -> byDomain.put(domain, new long[3]));
        for (TableInfo table : tables) {
            long[] totals = byDomain.computeIfAbsent(table.id().domain(), domain -> new long[3]);
            totals[0]++;
            totals[1] += table.totalRecords();
            totals[2] += table.totalBytes();
        }
        Html domainRows = byDomain.entrySet().stream().map(entry -> Html.of("""
                <tr><td><a href="/console/tables?domain={}">{}</a></td><td class="ns-num">{}</td>\
                <td class="ns-num">{}</td><td class="ns-num">{}</td></tr>
                """, entry.getKey(), entry.getKey(), DisplayFormat.count(entry.getValue()[0]),
                DisplayFormat.count(entry.getValue()[1]), DisplayFormat.bytes(entry.getValue()[2])))
                .collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Overview</h1>
                <p class="text-body-secondary">The lake at a glance: Iceberg tables grouped by domain.</p></div>
                <div class="row g-3 mb-4" id="overview-stats">
                {}{}{}{}
                </div>
                <div class="card"><div class="card-header">Domains</div>
                {}
                </div>
                """,
                stat("Domains", DisplayFormat.count(byDomain.size()), "stat-domains"),
                stat("Tables", DisplayFormat.count(tables.size()), "stat-tables"),
                stat("Rows", DisplayFormat.count(rows), "stat-rows"),
                stat("Data size", DisplayFormat.bytes(bytes), "stat-bytes"),
                byDomain.isEmpty()
                        ? Html.of("<div class=\"card-body text-body-secondary\">No domains yet: creating a table "
                                + "creates its domain.</div>")
                        : Html.of("""
                                <table class="table table-hover mb-0" id="domains">
                                <thead><tr><th>Domain</th><th class="ns-num">Tables</th><th class="ns-num">Rows</th>\
                                <th class="ns-num">Size</th></tr></thead>
                                <tbody>{}</tbody></table>
                                """, domainRows));
    }

    static Html stat(String label, String value, String id) {
        return Html.of("""
                <div class="col-6 col-lg-3"><div class="card ns-stat h-100"><div class="card-body">
                <div class="ns-stat-label">{}</div><div class="ns-stat-value{}" id="{}">{}</div>
                </div></div></div>
                """, label, value.length() > 12 ? " ns-stat-value-long" : "", id, value);
    }
}
