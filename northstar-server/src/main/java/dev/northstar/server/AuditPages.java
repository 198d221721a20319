package dev.northstar.server;

import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The console's audit page: the log with its filters, and the verification of its hash chain. */
final class AuditPages {
    private static final List<String> ACTIONS = List.of(AuditEvent.DATA_READ, AuditEvent.DATA_DENIED,
            AuditEvent.POLICY_CHANGE, AuditEvent.TOKEN_CREATE, AuditEvent.PRIVACY_ERASE);

    private AuditPages() {}

    /** The page: verification result (when asked), filters, entries and the link to older ones. */
    static Html log(AuditQuery query, AuditBodies.AuditEntryList page,
            Optional<AuditBodies.AuditVerificationBody> verification, Optional<String> anchor) {
        String console = AuditRoutes.CONSOLE;
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Audit log</h1>
                <p class="text-body-secondary mb-0">Every data access and administrative change, appended to a hash \
                chain: each entry's hash covers its content and the previous entry's hash, so an edited, removed or \
                moved entry breaks the chain where it happened.</p></div>
                {}
                <form method="get" action="{}/verify" class="row g-2 align-items-end mb-3" id="audit-verify-form">
                <div class="col-md-6"><label class="form-label small" for="audit-anchor">Anchor (optional)</label>\
                <input class="form-control form-control-sm font-monospace" name="anchor" id="audit-anchor" \
                value="{}" placeholder="SEQUENCE:HASH kept from an earlier verification"></div>
                <div class="col-auto"><button type="submit" class="btn btn-sm btn-primary" id="audit-verify">Verify \
                the chain</button></div></form>
                <form method="get" action="{}" class="row g-2 align-items-end mb-3" id="audit-filters">
                {}{}{}{}{}
                <div class="col-auto"><button type="submit" class="btn btn-sm btn-outline-secondary" \
                id="audit-filter">Filter</button> <a class="btn btn-sm btn-link" href="{}" id="audit-clear">Clear</a>\
                </div></form>
                {}
                {}""", verification.map(AuditPages::verification).orElse(Html.empty()), console,
                anchor.orElse(""), console,
                input("principal", "Principal", query.principal(), "e.g. ada"), actionSelect(query.action()),
                input("table", "Table", query.table(), "domain.table"),
                input("from", "From", query.from().map(Instant::toString), "2026-11-01"),
                input("to", "To", query.to().map(Instant::toString), "2026-11-30"), console,
                entries(page), older(query, page));
    }

    private static Html verification(AuditBodies.AuditVerificationBody result) {
        if (result.intact()) {
            return Html.of("""
                    <div class="alert alert-success" id="audit-verification" role="status"><strong>Intact.</strong> \
                    {} {} verified; head <code id="audit-head">{}</code> (keep it elsewhere to detect a truncated \
                    tail later).</div>""", result.entries(), result.entries() == 1 ? "entry" : "entries",
                    result.head().orElse("none: the log is empty"));
        }
        AuditBodies.AuditBreakBody broken = result.firstBreak().orElseThrow();
        return Html.of("""
                <div class="alert alert-danger" id="audit-verification" role="alert"><strong>Tampered at entry {} \
                ({}).</strong> {}</div>""", broken.sequence(), broken.problem().replace('_', ' '), broken.message());
    }

    private static Html input(String name, String label, Optional<String> value, String placeholder) {
        return Html.of("""
                <div class="col-md-2"><label class="form-label small" for="audit-{}">{}</label><input \
                class="form-control form-control-sm" name="{}" id="audit-{}" value="{}" placeholder="{}"></div>""",
                name, label, name, name, value.orElse(""), placeholder);
    }

    private static Html actionSelect(Optional<String> selected) {
        Html options = ACTIONS.stream().map(action -> Html.of("<option value=\"{}\"{}>{}</option>", action,
                Html.of(selected.filter(action::equals).isPresent() ? " selected" : ""), action))
                .collect(Html.joining());
        return Html.of("""
                <div class="col-md-2"><label class="form-label small" for="audit-action">Action</label><select \
                class="form-select form-select-sm" name="action" id="audit-action"><option value="">any</option>{}\
                </select></div>""", options);
    }

    private static Html entries(AuditBodies.AuditEntryList page) {
        if (page.entries().isEmpty()) {
            return Html.of("<p class=\"text-body-secondary\" id=\"audit-empty\">No audit entries match.</p>");
        }
        Html rows = page.entries().stream().map(entry -> Html.of("""
                <tr data-sequence="{}"><td class="text-end">{}</td><td class="text-nowrap">{}</td><td>{}</td>\
                <td><code>{}</code></td><td>{}</td><td>{}</td><td class="text-end">{}</td><td>{}</td>\
                <td class="small text-body-secondary">{}</td><td><code class="small" title="{}">{}</code></td></tr>""",
                entry.sequence(), entry.sequence(), DisplayFormat.time(entry.time()), entry.principal(),
                entry.action(), decision(entry.decision()), String.join(", ", entry.resources()),
                entry.rowCount().map(String::valueOf).orElse(""), entry.purpose().orElse(""), details(entry.details()),
                entry.hash(), entry.hash().substring(0, 12))).collect(Html.joining());
        return Html.of("""
                <div class="card"><div class="table-responsive"><table class="table table-sm mb-0" id="audit-entries">
                <thead><tr><th class="text-end">#</th><th>Time (UTC)</th><th>Principal</th><th>Action</th>\
                <th>Decision</th><th>Resources</th><th class="text-end">Rows</th><th>Purpose</th><th>Details</th>\
                <th>Hash</th></tr></thead><tbody>{}</tbody></table></div></div>""", rows);
    }

    private static Html decision(String decision) {
        String style = switch (decision) {
            case "allowed" -> "text-bg-success";
            case "denied" -> "text-bg-danger";
            default -> "text-bg-warning";
        };
        return Html.of("<span class=\"badge {}\">{}</span>", style, decision);
    }

    private static String details(Map<String, String> details) {
        return details.entrySet().stream().filter(detail -> !detail.getKey().equals("sql_sha256"))
                .map(detail -> detail.getKey() + "=" + detail.getValue()).collect(Collectors.joining(" "));
    }

    private static Html older(AuditQuery query, AuditBodies.AuditEntryList page) {
        if (page.nextBefore().isEmpty()) {
            return Html.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        query.principal().ifPresent(value -> parameters.put("principal", value));
        query.action().ifPresent(value -> parameters.put("action", value));
        query.table().ifPresent(value -> parameters.put("table", value));
        query.from().ifPresent(value -> parameters.put("from", value.toString()));
        query.to().ifPresent(value -> parameters.put("to", value.toString()));
        parameters.put("before", page.nextBefore().get().toString());
        parameters.put("limit", Integer.toString(query.limit()));
        String link = parameters.entrySet().stream().map(parameter -> parameter.getKey() + "="
                + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return Html.of("<p class=\"mt-3\"><a href=\"{}?{}\" id=\"audit-older\">Older entries</a></p>",
                AuditRoutes.CONSOLE, link);
    }
}
