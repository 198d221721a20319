package dev.northstar.server;

import dev.northstar.govern.policy.AccessRequest;
import dev.northstar.govern.policy.Decision;
import dev.northstar.govern.policy.PolicyChange;
import dev.northstar.govern.policy.PolicyEngine;
import dev.northstar.govern.policy.StoredPolicy;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.schema.TableId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The console pages of access policies: list, view, edit with validation, simulate, access requests. */
final class PolicyPage {
    /** What a new policy starts from. */
    static final String TEMPLATE = """
            kind: AccessPolicy
            name: my-policy
            description: What this policy is for
            rules:
              - effect: allow
                subjects: {roles: [analyst]}
                resources: {domains: [retail]}
                purposes: [reporting]
            """;

    private PolicyPage() {}

    static Html overview(List<StoredPolicy> policies, List<AccessRequest> requests, List<TableId> tables,
            Optional<String> done) {
        Html rows = policies.stream().map(policy -> Html.of("""
                <tr><td><a class="font-monospace" href="{}">{}</a></td><td>{}</td><td class="text-end">{}</td>\
                <td class="text-end">{}</td><td>{}</td><td>{}</td></tr>
                """, PolicyRoutes.CONSOLE + "/view/" + policy.name(), policy.name(), policy.document().description(),
                policy.version(), policy.document().rules().size(), policy.updatedBy(), policy.updatedAt()))
                .collect(Html.joining());
        Html requestRows = requests.stream().map(PolicyPage::requestRow).collect(Html.joining());
        Html options = tables.stream().map(table -> Html.of("<option value=\"{}\">{}</option>", table, table))
                .collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Access policies</h1>
                <p class="text-body-secondary mb-0">Attribute-based policies decide what each principal reads of each \
                table for each purpose. Everything is denied unless a policy allows it; a deny beats an allow; the \
                most restrictive mask wins; row filters add up.</p></div>
                {}
                <div class="mb-3"><a class="btn btn-primary" id="new-policy" href="/console/policies/edit">New policy</a> \
                <a class="btn btn-outline-secondary" id="simulate-link" href="/console/policies/simulate">Simulate</a></div>
                <div class="card mb-4"><div class="card-header">Policies in force \
                <span class="badge text-bg-light" id="policy-count">{}</span></div>{}</div>
                <div class="card mb-4"><div class="card-header">Access requests</div>{}</div>
                <div class="card"><div class="card-header">Request temporary access</div><div class="card-body">
                <form method="post" action="/console/policies/requests" class="row g-2 align-items-end" id="request-form">
                <div class="col-auto"><label class="form-label" for="request-table">Table</label>
                <select class="form-select" name="table" id="request-table">{}</select></div>
                <div class="col-auto"><label class="form-label" for="request-purpose">Purpose</label>
                <input class="form-control" name="purpose" id="request-purpose" required></div>
                <div class="col-auto"><label class="form-label" for="request-justification">Justification</label>
                <input class="form-control" name="justification" id="request-justification" required></div>
                <div class="col-auto"><label class="form-label" for="request-duration">For</label>
                <input class="form-control" name="duration" id="request-duration" value="8h" size="5"></div>
                <div class="col-auto"><button type="submit" class="btn btn-outline-primary" id="request">Request</button></div>
                </form></div></div>
                """, notice(done), policies.size(),
                policies.isEmpty()
                        ? Html.of("<div class=\"card-body text-body-secondary\" id=\"no-policies\">No policies: every"
                                + " read is denied.</div>")
                        : Html.of("""
                                <div class="table-responsive"><table class="table table-sm mb-0" id="policies">
                                <thead><tr><th>Name</th><th>Description</th><th class="text-end">Version</th>\
                                <th class="text-end">Rules</th><th>Updated by</th><th>Updated at</th></tr></thead>
                                <tbody>{}</tbody></table></div>""", rows),
                requests.isEmpty()
                        ? Html.of("<div class=\"card-body text-body-secondary\" id=\"no-requests\">No access"
                                + " requests.</div>")
                        : Html.of("""
                                <div class="table-responsive"><table class="table table-sm mb-0 align-middle" \
                                id="access-requests">
                                <thead><tr><th>Request</th><th>Principal</th><th>Table</th><th>Purpose</th>\
                                <th>Justification</th><th>For</th><th>Status</th><th>Decision</th></tr></thead>
                                <tbody>{}</tbody></table></div>""", requestRows),
                options);
    }

    private static Html requestRow(AccessRequest request) {
        Html decision = request.status() == AccessRequest.Status.PENDING ? Html.of("""
                <form method="post" action="{}" class="d-inline-flex gap-1">
                <input class="form-control form-control-sm" name="note" placeholder="Note" aria-label="Note">
                <button type="submit" class="btn btn-sm btn-success approve">Approve</button>
                <button type="submit" class="btn btn-sm btn-outline-danger deny" formaction="{}">Deny</button></form>""",
                PolicyRoutes.CONSOLE + "/requests/" + request.id() + "/approve",
                PolicyRoutes.CONSOLE + "/requests/" + request.id() + "/deny")
                : Html.of("{} by {}{}", request.status().name().toLowerCase(Locale.ROOT),
                        request.decidedBy().orElse("?"), request.expiresAt().map(at -> ", until " + at).orElse(""));
        return Html.of("""
                <tr id="{}"><td class="font-monospace">{}</td><td>{}</td><td class="font-monospace">{}</td><td>{}</td>\
                <td>{}</td><td>{}</td><td class="status">{}</td><td>{}</td></tr>
                """, request.id(), request.id(), request.principal(), request.table(), request.purpose(),
                request.justification(), request.duration(), request.status().name().toLowerCase(Locale.ROOT),
                decision);
    }

    static Html policy(StoredPolicy policy, List<PolicyChange> history) {
        Html changes = history.stream().map(change -> Html.of("<li>v{} {} by {} at {}</li>", change.version(),
                change.action().toLowerCase(Locale.ROOT), change.changedBy(), change.changedAt()))
                .collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Policy <span class="font-monospace">{}</span></h1>
                <p class="text-body-secondary mb-0">{}</p></div>
                <div class="mb-3"><a class="btn btn-primary" id="edit" href="{}">Edit</a> \
                <a class="btn btn-outline-secondary" href="/console/policies">All policies</a></div>
                <div class="card mb-4"><div class="card-header">Version {}</div>
                <pre class="card-body mb-0" id="policy-yaml">{}</pre></div>
                <div class="card"><div class="card-header">History</div><ul class="card-body mb-0" id="history">{}</ul></div>
                """, policy.name(), policy.document().description(), "/console/policies/edit?name=" + policy.name(),
                policy.version(), policy.document().yaml(), changes);
    }

    static Html editor(String yaml, Optional<List<YamlProblem>> problems) {
        Html lint = problems.map(list -> list.isEmpty()
                ? Html.of("<div class=\"alert alert-success py-2\" role=\"status\" id=\"lint\">Valid.</div>")
                : Html.of("<div class=\"alert alert-danger py-2\" role=\"alert\" id=\"lint\"><ul class=\"mb-0\">{}"
                        + "</ul></div>", list.stream().map(problem -> Html.of(
                        "<li><span class=\"font-monospace\">line {}, column {}</span>{}: {} <span"
                                + " class=\"text-body-secondary\">{}</span></li>", problem.line(), problem.column(),
                        problem.path().isEmpty() ? "" : " (" + problem.path() + ")", problem.message(),
                        problem.hint())).collect(Html.joining())))
                .orElse(Html.empty());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Edit access policy</h1>
                <p class="text-body-secondary mb-0">A <code>kind: AccessPolicy</code> YAML document; see \
                docs/guides/access-policies.md. Check validates without saving; Save stores a new version.</p></div>
                {}
                <form method="post" action="/console/policies/edit" id="policy-form">
                <textarea class="form-control font-monospace mb-2" name="yaml" id="policy-yaml-input" rows="22" \
                spellcheck="false">{}</textarea>
                <button type="submit" class="btn btn-outline-secondary" name="action" value="check" id="check">Check</button>
                <button type="submit" class="btn btn-primary" name="action" value="save" id="save">Save</button>
                </form>
                """, lint, yaml);
    }

    static Html simulator(Map<String, String> form, List<TableId> tables, Optional<Decision> decision) {
        Html options = tables.stream().map(table -> table.toString().equals(form.get("table"))
                ? Html.of("<option value=\"{}\" selected>{}</option>", table, table)
                : Html.of("<option value=\"{}\">{}</option>", table, table)).collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Simulate access</h1>
                <p class="text-body-secondary mb-0">What a principal would see of a table for a purpose, and why.</p></div>
                <form method="get" action="/console/policies/simulate" class="row g-2 align-items-end mb-4" id="simulate-form">
                <div class="col-auto"><label class="form-label" for="sim-principal">Principal</label>
                <input class="form-control" name="principal" id="sim-principal" value="{}" required></div>
                <div class="col-auto"><label class="form-label" for="sim-roles">Roles</label>
                <input class="form-control" name="roles" id="sim-roles" value="{}" placeholder="analyst"></div>
                <div class="col-auto"><label class="form-label" for="sim-attributes">Attributes</label>
                <input class="form-control" name="attributes" id="sim-attributes" value="{}" placeholder="region=EU"></div>
                <div class="col-auto"><label class="form-label" for="sim-purpose">Purpose</label>
                <input class="form-control" name="purpose" id="sim-purpose" value="{}"></div>
                <div class="col-auto"><label class="form-label" for="sim-table">Table</label>
                <select class="form-select" name="table" id="sim-table">{}</select></div>
                <div class="col-auto"><button type="submit" class="btn btn-primary" id="simulate">Simulate</button></div>
                </form>
                {}
                """, form.get("principal"), form.get("roles"), form.get("attributes"), form.get("purpose"), options,
                decision.map(PolicyPage::decision).orElse(Html.empty()));
    }

    private static Html decision(Decision decision) {
        Html columns = decision.columns().stream().map(column -> Html.of(
                        "<tr class=\"{}\"><td class=\"font-monospace\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        "column-" + column.status().name().toLowerCase(Locale.ROOT), column.column(),
                        column.status().name().toLowerCase(Locale.ROOT),
                        column.mask().map(PolicyEngine::describe).orElse(""), column.reason()))
                .collect(Html.joining());
        Html reasons = decision.access().reasons().stream().map(reason -> Html.of("<li>{}</li>", reason))
                .collect(Html.joining());
        Html filters = decision.access().rowFilters().isEmpty() ? Html.empty()
                : Html.of("<p id=\"row-filters\">Rows: only where <code>{}</code></p>",
                        String.join(" AND ", decision.access().rowFilters()));
        return Html.of("""
                <div class="card" id="decision"><div class="card-header">{} reading {}{}: \
                <strong id="verdict">{}</strong></div><div class="card-body">
                {}{}
                <h2 class="h6">Why</h2><ul id="reasons">{}</ul></div></div>
                """, decision.principal().name(), decision.access().table(),
                decision.purpose().map(purpose -> " for " + purpose).orElse(" without a purpose"),
                decision.access().allowed() ? "ALLOWED" : "DENIED",
                decision.columns().isEmpty() ? Html.empty() : Html.of("""
                        <table class="table table-sm" id="columns"><thead><tr><th>Column</th><th>Access</th>\
                        <th>Mask</th><th>Why</th></tr></thead><tbody>{}</tbody></table>""", columns),
                filters, reasons);
    }

    private static Html notice(Optional<String> done) {
        return done.map(text -> Html.of("<div class=\"alert alert-success py-2\" role=\"status\" id=\"done\">{}</div>",
                text)).orElse(Html.empty());
    }
}
