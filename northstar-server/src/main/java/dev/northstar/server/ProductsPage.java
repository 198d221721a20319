package dev.northstar.server;

import java.util.List;

/** {@code /console/products}: every data product with its tables, contract, team, last run and SLOs. */
final class ProductsPage {
    private ProductsPage() {}

    static Html body(List<ProductBodies.ProductSummary> products) {
        Html rows = products.stream().flatMap(product -> product.tables().stream().map(table -> {
            String[] parts = table.table().split("\\.", 2);
            return Html.of("""
                    <tr><td class="text-nowrap">{}</td><td><a class="ns-product-link font-monospace" \
                    href="/console/products/{}/{}">{}</a></td><td class="font-monospace small">{} \
                    <span class="text-body-secondary">{}</span></td>\
                    <td>{}</td><td class="text-nowrap">{}</td><td>{}</td><td>{}</td></tr>
                    """, product.name(), parts[0], parts[1], table.table(), table.contractId(),
                    table.contractVersion(), statusBadge(table.contractStatus()), table.team(),
                    table.lastRun().map(ProductsPage::lastRun)
                            .orElse(Html.of("<span class=\"text-body-secondary\">never</span>")),
                    table.slos().stream().map(slo -> Html.of("<span class=\"badge {} me-1\" title=\"{} of {} %\">{}"
                            + "</span>", sloClass(slo.status()), slo.kind(), ProductPage.number(
                                    slo.objectivePercent()), slo.kind() + ": " + slo.status().replace('_', ' ')))
                            .collect(Html.joining()));
        })).collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Data products</h1>
                <p class="text-body-secondary mb-0">Tables governed by an applied ODCS data contract: ingestion \
                enforces it, quality measures it.</p></div>
                <div class="card">{}</div>
                """, products.isEmpty()
                ? Html.of("""
                        <div class="card-body text-body-secondary" id="no-products">No data products yet: apply a \
                        folder of contracts with <code>northstar apply contracts/</code>.</div>""")
                : Html.of("""
                        <div class="table-responsive"><table class="table table-hover mb-0" id="products">
                        <thead><tr><th>Product</th><th>Table</th><th>Contract</th><th>Status</th><th>Team</th>\
                        <th>Last run</th><th>SLOs</th></tr></thead>
                        <tbody>{}</tbody></table></div>
                        """, rows));
    }

    private static Html lastRun(ProductBodies.RunSummary run) {
        return Html.of("{} <span class=\"small text-body-secondary\">{} · {} in, {} quarantined</span>",
                runStatus(run.status()), DisplayFormat.time(run.startedAt()), DisplayFormat.count(run.rowsIn()),
                DisplayFormat.count(run.rowsQuarantined()));
    }

    static Html statusBadge(String status) {
        String style = switch (status) {
            case "active" -> "text-bg-success";
            case "deprecated", "retired" -> "text-bg-warning";
            default -> "text-bg-secondary";
        };
        return Html.of("<span class=\"badge {}\">{}</span>", style, status.isEmpty() ? "unknown" : status);
    }

    static Html runStatus(String status) {
        String style = switch (status) {
            case "SUCCEEDED" -> "text-bg-success";
            case "FAILED" -> "text-bg-danger";
            default -> "text-bg-secondary";
        };
        return Html.of("<span class=\"badge {}\">{}</span>", style, status.toLowerCase(java.util.Locale.ROOT));
    }

    static String sloClass(String status) {
        return switch (status) {
            case "met" -> "text-bg-success";
            case "breached" -> "text-bg-danger";
            default -> "text-bg-light";
        };
    }
}
