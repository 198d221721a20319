package dev.northstar.server;

import dev.northstar.govern.classify.ClassTag;
import dev.northstar.govern.classify.ClassificationSource;
import dev.northstar.govern.classify.Classifications;
import dev.northstar.govern.classify.ColumnClassification;
import dev.northstar.govern.classify.Evidence;
import dev.northstar.govern.classify.ListedSuggestion;
import dev.northstar.govern.classify.Suggestion;
import dev.northstar.govern.classify.TableClassification;
import dev.northstar.spi.schema.TableId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /console/classification}, in the Govern stage: the review queue of pending suggestions with their evidence
 * and accept/reject forms, a form to scan a table, and per table the effective classification of each column.
 */
final class ClassificationPage {
    private ClassificationPage() {}

    /** The review queue and the scan form. */
    static Html queue(List<ListedSuggestion> pending, List<TableId> tables, Optional<String> done) {
        Html options = tables.stream().map(table -> Html.of("<option value=\"{}\">{}</option>", table, table))
                .collect(Html.joining());
        Html tableLinks = tables.stream().map(table -> Html.of(
                        "<li><a class=\"font-monospace\" href=\"{}\">{}</a></li>",
                        ClassificationRoutes.tablePath(table), table))
                .collect(Html.joining());
        Html rows = pending.stream().map(listed -> Html.of("""
                <tr id="{}"><td><a class="font-monospace" href="{}">{}</a>.<span class="font-monospace">{}</span></td>\
                <td>{}</td><td>{}</td><td>{}</td></tr>
                """, listed.suggestion().id(), ClassificationRoutes.tablePath(listed.suggestion().table()),
                listed.suggestion().table(), listed.suggestion().column(), classCell(listed), evidence(listed
                        .suggestion().evidence()), reviewForms(listed.suggestion(), "queue")))
                .collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Classification</h1>
                <p class="text-body-secondary mb-0">Detectors sample each table for personal and health data; a \
                steward accepts or rejects each suggestion. A contract's classification is authoritative; classes \
                propagate to derived columns along lineage unless the derived column is declared anonymised.</p></div>
                {}
                <div class="card mb-4"><div class="card-header">Scan a table</div><div class="card-body">
                <form method="post" action="/console/classification/scan" class="row g-2 align-items-end" id="scan-form">
                <div class="col-auto"><label class="form-label" for="scan-table">Table</label>
                <select class="form-select" name="table" id="scan-table">{}</select></div>
                <div class="col-auto"><label class="form-label" for="scan-sample">Rows to sample</label>
                <input class="form-control" type="number" min="1" max="{}" name="sample" id="scan-sample" value="{}"></div>
                <div class="col-auto"><button type="submit" class="btn btn-primary" id="scan">Scan</button></div>
                </form></div></div>
                <div class="card mb-4"><div class="card-header">Review queue \
                <span class="badge text-bg-light" id="pending-count">{}</span></div>{}</div>
                <div class="card"><div class="card-header">Effective classification by table</div>\
                <div class="card-body"><ul class="mb-0" id="classified-tables">{}</ul></div></div>
                """,
                notice(done), options, Classifications.MAX_SAMPLE_ROWS, Classifications.DEFAULT_SAMPLE_ROWS,
                pending.size(),
                pending.isEmpty()
                        ? Html.of("<div class=\"card-body text-body-secondary\" id=\"queue-empty\">Nothing to review."
                                + "</div>")
                        : Html.of("""
                                <div class="table-responsive"><table class="table table-sm mb-0 align-middle" \
                                id="review-queue">
                                <thead><tr><th>Column</th><th>Class</th><th>Evidence</th><th>Review</th></tr></thead>
                                <tbody>{}</tbody></table></div>""", rows),
                tables.isEmpty() ? Html.of("<li class=\"text-body-secondary\">No tables yet.</li>") : tableLinks);
    }

    /** A table's effective classification, column by column, with every suggestion and its review forms. */
    static Html table(TableClassification classification, Optional<String> done) {
        Html rows = rows(classification);
        Html scan = classification.lastScan().map(last -> Html.of(
                        "Last scanned {} by {}: {} rows sampled.", DisplayFormat.time(last.scannedAt()),
                        last.scannedBy(), last.sampledRows()))
                .orElse(Html.of("Never scanned."));
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Classification of <span class="font-monospace">{}</span></h1>
                <p class="text-body-secondary mb-0" id="table-summary">{} {}</p></div>
                {}
                <form method="post" action="/console/classification/scan" class="mb-3" id="rescan-form">
                <input type="hidden" name="table" value="{}">
                <button type="submit" class="btn btn-outline-primary btn-sm" id="rescan">Scan again</button>
                <a class="btn btn-link btn-sm" href="/console/classification">Back to the review queue</a>
                </form>
                {}
                """, classification.table(),
                classification.contract().map(contract -> Html.of("Contract {}.", contract))
                        .orElse(Html.of("No contract governs this table.")),
                scan, notice(done), classification.table(), effectiveCard(rows));
    }

    /** The effective classification of each column with its evidence and suggestions, as a card. */
    private static Html effectiveCard(Html rows) {
        return Html.of("""
                <div class="card"><div class="table-responsive"><table class="table table-sm mb-0 align-middle" \
                id="effective-classification">
                <thead><tr><th>Column</th><th>Effective classification</th><th>Suggestions</th></tr></thead>
                <tbody>{}</tbody></table></div></div>
                """, rows);
    }

    /**
     * The section of a catalog entry's governance tab: each column's effective classification (contract, accepted,
     * propagated with its path) and the detectors' suggestions with their masked evidence and review buttons.
     */
    static Html governanceSection(TableClassification classification) {
        Html scan = classification.lastScan().map(last -> Html.of(
                        "Last scanned {} by {}: {} rows sampled.", DisplayFormat.time(last.scannedAt()),
                        last.scannedBy(), last.sampledRows()))
                .orElse(Html.of("Never scanned."));
        return Html.of("""
                <h2 class="h6">Classification with evidence</h2>
                <p class="small text-body-secondary">{} The contract is authoritative; accepted suggestions and classes \
                propagated along column lineage follow. <a href="{}">Scan or review on the classification page</a>.</p>
                {}""", scan, ClassificationRoutes.tablePath(classification.table()), effectiveCard(rows(classification)));
    }

    private static Html rows(TableClassification classification) {
        return classification.columns().stream().map(column -> Html.of("""
                <tr id="column-{}"><td class="font-monospace">{}</td><td>{}</td><td>{}</td></tr>
                """, column.column(), column.column(), classes(column), suggestions(column)))
                .collect(Html.joining());
    }

    private static Html notice(Optional<String> done) {
        return done.map(text -> Html.of("<div class=\"alert alert-success py-2\" role=\"status\" id=\"done\">{}</div>",
                text)).orElse(Html.empty());
    }

    private static Html classes(ColumnClassification column) {
        if (column.classes().isEmpty()) {
            return column.anonymised()
                    ? Html.of("<span class=\"badge text-bg-info\">anonymised (contract)</span>")
                    : Html.of("<span class=\"text-body-secondary\">none</span>");
        }
        return column.classes().stream().map(ClassificationPage::classTag).collect(Html.joining());
    }

    private static Html classTag(ClassTag tag) {
        Html detail = switch (tag.source()) {
            case CONTRACT -> Html.of("<div class=\"small text-body-secondary\">declared by the contract</div>");
            case ACCEPTED -> Html.of("<div class=\"small text-body-secondary\">{}</div>",
                    tag.evidence().map(Evidence::summary).orElse(""));
            case PROPAGATED -> Html.of("<div class=\"small text-body-secondary ns-path\">from {}</div>",
                    tag.path().stream().map(Object::toString).collect(Collectors.joining(" → ")));
        };
        return Html.of("""
                <div class="mb-1 ns-class" data-class="{}" data-source="{}"><span class="badge {}">{}</span> \
                <span class="badge text-bg-light">{}</span>{}</div>""", tag.classId(), tag.source().label(),
                tag.source() == ClassificationSource.CONTRACT ? "text-bg-primary"
                        : "text-bg-warning", tag.classId(), tag.source().label(), detail);
    }

    private static Html suggestions(ColumnClassification column) {
        if (column.suggestions().isEmpty()) {
            return Html.of("<span class=\"text-body-secondary\">none</span>");
        }
        return column.suggestions().stream().map(listed -> Html.of("""
                <div class="mb-2 ns-suggestion" id="{}" data-status="{}">{} <span class="badge {}">{}</span>{}{}\
                {}{}</div>""", listed.suggestion().id(), ClassificationBodies.status(listed.suggestion().status()),
                classCell(listed), statusClass(listed.suggestion().status()),
                ClassificationBodies.status(listed.suggestion().status()),
                listed.suggestion().review().map(review -> Html.of(
                        " <span class=\"small text-body-secondary\">by {} {}</span>", review.reviewer(),
                        DisplayFormat.time(review.at()))).orElse(Html.empty()),
                listed.suggestion().note().map(note -> Html.of(
                        "<div class=\"small fst-italic ns-note\">{}</div>", note)).orElse(Html.empty()),
                evidence(listed.suggestion().evidence()),
                reviewForms(listed.suggestion(), "table"))).collect(Html.joining());
    }

    private static Html classCell(ListedSuggestion listed) {
        Suggestion suggestion = listed.suggestion();
        return Html.of("""
                <span class="badge text-bg-warning">{}</span> <span class="small">{}</span> \
                <span class="badge text-bg-light" title="confidence {}">{} {}</span>{}""",
                suggestion.dataClass().id(), suggestion.dataClass().label(),
                String.format(Locale.ROOT, "%.2f", suggestion.confidence()),
                suggestion.level().name().toLowerCase(Locale.ROOT),
                String.format(Locale.ROOT, "%.2f", suggestion.confidence()),
                listed.contradictsContract()
                        ? Html.of(" <span class=\"badge text-bg-danger ns-contradiction\" title=\"The contract is"
                                + " authoritative\">contradicts contract: {}</span>",
                                listed.contractClassification().orElse(""))
                        : Html.empty());
    }

    private static Html evidence(Evidence evidence) {
        return Html.of("""
                <div class="small ns-evidence">{}{}</div>""", evidence.summary(),
                evidence.examples().isEmpty() ? Html.empty()
                        : Html.of("<div class=\"font-monospace text-body-secondary\">e.g. {}</div>",
                                String.join(" · ", evidence.examples())));
    }

    private static Html reviewForms(Suggestion suggestion, String from) {
        Html accept = suggestion.status() == Suggestion.Status.ACCEPTED ? Html.empty() : Html.of("""
                <button type="submit" class="btn btn-sm btn-success" formaction="/console/classification/suggestions/\
                {}/accept" name="decision" value="accept">Accept</button>""", suggestion.id());
        Html reject = suggestion.status() == Suggestion.Status.REJECTED ? Html.empty() : Html.of("""
                <button type="submit" class="btn btn-sm btn-outline-danger" formaction="/console/classification/\
                suggestions/{}/reject" name="decision" value="reject">Reject</button>""", suggestion.id());
        return Html.of("""
                <form method="post" action="/console/classification/suggestions/{}/accept" \
                class="d-flex gap-1 align-items-center mt-1 ns-review">
                <input type="hidden" name="from" value="{}">
                <input class="form-control form-control-sm" type="text" name="note" placeholder="Note (optional)" \
                aria-label="Note">{}{}</form>""", suggestion.id(), from, accept, reject);
    }

    private static String statusClass(Suggestion.Status status) {
        return switch (status) {
            case PENDING -> "text-bg-secondary";
            case ACCEPTED -> "text-bg-success";
            case REJECTED -> "text-bg-dark";
        };
    }
}
