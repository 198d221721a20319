package dev.northstar.server;

import dev.northstar.govern.privacy.ErasureCertificate;
import dev.northstar.govern.privacy.KeyInfo;
import dev.northstar.govern.privacy.PrivacyRequest;
import dev.northstar.govern.privacy.RequestMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /console/privacy}, in the Govern stage: data-subject requests with their deadlines and a form to answer a new
 * access or erasure request; erasure certificates; the keystore's keys with rotation.
 */
final class PrivacyPage {
    private PrivacyPage() {}

    static Html overview(List<PrivacyRequest> requests, RequestMetrics metrics, Optional<List<KeyInfo>> keys,
            Instant now, Optional<String> done) {
        Html rows = requests.stream().map(request -> Html.of("""
                <tr id="{}"><td class="font-monospace">{}</td><td>{}</td><td class="font-monospace">{}</td>\
                <td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>
                """, request.id(), request.kind() == PrivacyRequest.Kind.ERASE && request.status()
                        == PrivacyRequest.Status.COMPLETED
                        ? Html.of("<a href=\"{}\">{}</a>", PrivacyRoutes.CONSOLE + "/requests/" + request.id(),
                                request.id())
                        : Html.text(request.id()),
                lower(request.kind()), request.subject(), status(request, now),
                DisplayFormat.time(request.receivedAt()), DisplayFormat.time(request.deadline()),
                request.responseTime().map(time -> DisplayFormat.count(time.toMillis()) + " ms").orElse("-")))
                .collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Privacy</h1>
                <p class="text-body-secondary mb-0">Data-subject requests across every product whose contract \
                declares a subject key (<code>northstar.subjectKey: true</code>), their quarantine tables and the \
                tables derived from them along lineage. Each request is due 30 days after receipt.</p></div>
                {}
                <div class="card mb-4"><div class="card-header">Answer a request</div><div class="card-body">
                <form method="post" action="/console/privacy/requests" class="row g-2 align-items-end" id="request-form">
                <div class="col-auto"><label class="form-label" for="request-subject">Subject key</label>
                <input class="form-control" name="subject" id="request-subject" required></div>
                <div class="col-auto"><label class="form-label" for="request-kind">Request</label>
                <select class="form-select" name="kind" id="request-kind">
                <option value="access">Access: export every row (JSON)</option>
                <option value="erase">Erase everywhere, with a certificate</option></select></div>
                <div class="col-auto"><button type="submit" class="btn btn-primary" id="request-run">Run</button></div>
                </form></div></div>
                <div class="card mb-4"><div class="card-header">Requests \
                <span class="text-body-secondary small" id="request-metrics">open {}, overdue {}, completed {}, \
                median response {} ms</span></div>{}</div>
                {}
                """, notice(done), metrics.open(), metrics.overdue(), metrics.completed(),
                DisplayFormat.count(metrics.medianResponseMillis()),
                requests.isEmpty()
                        ? Html.of("<div class=\"card-body text-body-secondary\" id=\"requests-empty\">No requests"
                                + " yet.</div>")
                        : Html.of("""
                                <div class="table-responsive"><table class="table table-sm mb-0" id="requests">
                                <thead><tr><th>Request</th><th>Kind</th><th>Subject</th><th>Status</th>\
                                <th>Received</th><th>Deadline</th><th>Response time</th></tr></thead>
                                <tbody>{}</tbody></table></div>""", rows),
                keysCard(keys));
    }

    private static Html keysCard(Optional<List<KeyInfo>> keys) {
        if (keys.isEmpty()) {
            return Html.of("""
                    <div class="card"><div class="card-header">Keys</div><div class="card-body text-body-secondary" \
                    id="keys-off">No master key is configured: set <code>NORTHSTAR_MASTER_KEY</code> (32 random \
                    bytes, base64) or <code>privacy.master-key-file</code> to pseudonymise and encrypt.</div></div>""");
        }
        Html rows = keys.get().stream().map(key -> Html.of(
                        "<tr><td class=\"font-monospace\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        key.id(), lower(key.kind()), key.version(), lower(key.status()),
                        DisplayFormat.time(key.createdAt())))
                .collect(Html.joining());
        return Html.of("""
                <div class="card"><div class="card-header d-flex justify-content-between align-items-center">Keys
                <form method="post" action="/console/privacy/keys/rotate" class="m-0" id="rotate-form">
                <button type="submit" class="btn btn-outline-primary btn-sm" id="rotate">Rotate the \
                pseudonymisation key</button></form></div>
                <div class="table-responsive"><table class="table table-sm mb-0" id="keys">
                <thead><tr><th>Key</th><th>Kind</th><th>Version</th><th>Status</th><th>Created</th></tr></thead>
                <tbody>{}</tbody></table></div></div>""", rows);
    }

    static Html certificate(ErasureCertificate certificate) {
        Html rows = certificate.tables().stream().map(table -> Html.of(
                        "<tr><td class=\"font-monospace\">{}</td><td>{}</td><td class=\"font-monospace\">{}</td>"
                                + "<td class=\"text-end\">{}</td></tr>",
                        table.table(), table.kind().toLowerCase(Locale.ROOT), table.column(), table.rowsDeleted()))
                .collect(Html.joining());
        Html files = certificate.filesRemoved().stream().map(file -> Html.of("<li class=\"font-monospace small\">{}"
                + "</li>", file)).collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Erasure certificate <span class="font-monospace">{}</span></h1>
                <p class="mb-0" id="certificate-summary">Subject <span class="font-monospace">{}</span> erased by {}; \
                received {}, completed {}. Verified by a query of every table afterwards: <strong>{}</strong>. \
                Subject data key shredded: {}.</p></div>
                <div class="card mb-4"><div class="card-header">Where</div>
                <div class="table-responsive"><table class="table table-sm mb-0" id="certificate-tables">
                <thead><tr><th>Table</th><th>Kind</th><th>Column</th><th class="text-end">Rows deleted</th></tr></thead>
                <tbody>{}</tbody></table></div></div>
                <div class="card"><div class="card-header">Files physically removed \
                <span class="badge text-bg-light" id="files-removed">{}</span></div>
                <div class="card-body"><ul class="mb-0">{}</ul></div></div>
                <p class="mt-3"><a href="/console/privacy">Back to the requests</a></p>
                """, certificate.requestId(), certificate.subjectKeyId(), certificate.erasedBy(),
                certificate.receivedAt(), certificate.completedAt(), certificate.verified() ? "yes" : "NO",
                certificate.keyShredded() ? "yes" : "no key existed", rows, certificate.filesRemoved().size(),
                files);
    }

    private static Html status(PrivacyRequest request, Instant now) {
        String status = lower(request.status());
        if (request.overdue(now)) {
            return Html.of("<span class=\"badge text-bg-danger\">{} (overdue)</span>", status);
        }
        return Html.of("<span class=\"badge {}\">{}</span>", request.status() == PrivacyRequest.Status.COMPLETED
                ? "text-bg-success" : request.status() == PrivacyRequest.Status.FAILED ? "text-bg-warning"
                : "text-bg-secondary", status);
    }

    private static Html notice(Optional<String> done) {
        return done.map(text -> Html.of("<div class=\"alert alert-success py-2\" role=\"status\" id=\"done\">{}</div>",
                text)).orElse(Html.empty());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
