package dev.northstar.server;

import java.util.Optional;

/** {@code /console/contracts/lint}: paste an ODCS contract, see every problem with its line:column and the fix. */
final class ContractLintPage {
    private ContractLintPage() {}

    static Html body(String yaml, Optional<ProductBodies.LintResult> result) {
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Contract lint</h1>
                <p class="text-body-secondary mb-0">Paste an Open Data Contract Standard (ODCS v3) contract: it is \
                parsed and checked as <code>northstar contract lint</code> and <code>northstar apply</code> do. \
                Nothing is applied.</p></div>
                <form method="post" action="/console/contracts/lint" id="lint-form" class="mb-4">
                <textarea class="form-control font-monospace ns-editor" id="contract" name="contract" rows="16" \
                spellcheck="false" placeholder="apiVersion: v3.1.0&#10;kind: DataContract&#10;id: orders&#10;...">{}\
                </textarea>
                <div class="mt-2"><button type="submit" class="btn btn-primary" id="lint">Lint</button></div>
                </form>
                {}
                """, yaml, result.map(ContractLintPage::outcome).orElse(Html.empty()));
    }

    private static Html outcome(ProductBodies.LintResult result) {
        if (result.valid()) {
            return Html.of("<div class=\"alert alert-success\" id=\"lint-valid\">No problems: the contract is "
                    + "valid.</div>");
        }
        Html rows = result.problems().stream().map(problem -> Html.of("""
                <tr><td class="font-monospace text-nowrap ns-position">{}:{}</td><td class="font-monospace small">{}\
                </td><td>{}</td><td class="text-body-secondary small">{}</td></tr>
                """, problem.line(), problem.column(), problem.path().isEmpty() ? "(document)" : problem.path(),
                problem.message(), problem.hint())).collect(Html.joining());
        return Html.of("""
                <div class="card border-danger"><div class="card-header text-danger" id="lint-summary">{} {}</div>
                <div class="table-responsive"><table class="table table-sm mb-0" id="lint-problems">
                <thead><tr><th>Line:column</th><th>Path</th><th>Problem</th><th>Fix</th></tr></thead>
                <tbody>{}</tbody></table></div></div>
                """, result.problems().size(), result.problems().size() == 1 ? "problem" : "problems", rows);
    }
}
