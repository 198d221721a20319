package dev.northstar.server;

import dev.northstar.lake.QueryResult;
import dev.northstar.spi.schema.TableId;
import java.util.List;

/** {@code /console/sql}: a query box and the result grid, or the error in words. */
final class SqlPage {
    private SqlPage() {}

    /** What the page shows below the editor. */
    sealed interface Outcome {
        /** Nothing ran yet. */
        record None() implements Outcome {}

        /** The query ran. */
        record Rows(QueryResult result) implements Outcome {}

        /** The query failed. */
        record Failure(Problem problem) implements Outcome {}
    }

    /**
     * @param purpose the purpose the query declares (tables whose contract lists purposes need one of them)
     */
    static Html body(String sql, String purpose, List<TableId> tables, Outcome outcome) {
        Html tableList = tables.isEmpty()
                ? Html.of("<li class=\"text-body-secondary\">No tables yet</li>")
                : tables.stream().map(id -> Html.of("<li><button type=\"button\" class=\"btn btn-link p-0 "
                        + "font-monospace ns-insert\" data-insert=\"{}\">{}</button></li>", id, id))
                        .collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">SQL</h1>
                <p class="text-body-secondary">Query the lake with DuckDB SQL. Name tables \
                <code>domain.table</code>. You see what the access policies allow you, for the purpose you \
                declare: withheld columns are absent, masked ones masked, filtered rows hidden.</p>
                </div>
                <div class="row g-4">
                <div class="col-lg-9">
                <form method="post" action="/console/sql" id="sql-form" class="mb-4">
                <textarea class="form-control font-monospace ns-editor" id="sql" name="sql" rows="7" \
                spellcheck="false" placeholder="SELECT * FROM retail.orders LIMIT 10">{}</textarea>
                <div class="d-flex flex-wrap align-items-center gap-3 mt-2">
                <button type="submit" class="btn btn-primary" id="run">Run</button>
                <label for="purpose" class="small text-body-secondary">Purpose</label>
                <input type="text" class="form-control form-control-sm w-auto font-monospace" id="purpose" \
                name="purpose" maxlength="100" placeholder="e.g. reporting" value="{}">
                <span class="small text-body-secondary">Ctrl+Enter runs the query</span>
                </div>
                </form>
                {}
                </div>
                <div class="col-lg-3">
                <div class="card"><div class="card-header">Tables</div><div class="card-body">
                <ul class="list-unstyled mb-0 ns-table-list">{}</ul></div></div>
                </div>
                </div>
                """, sql, purpose, outcome(outcome), tableList);
    }

    private static Html outcome(Outcome outcome) {
        if (outcome instanceof Outcome.Rows rows) {
            QueryResult result = rows.result();
            return Html.of("""
                    <div class="d-flex flex-wrap gap-3 align-items-center mb-2 small" id="result-meta">
                    <span><strong id="row-count">{}</strong> {}</span>
                    <span class="text-body-secondary" id="elapsed">{} ms</span>
                    <span class="text-body-secondary">{} of {} data files scanned</span>
                    </div>
                    {}
                    {}
                    """,
                    DisplayFormat.count(result.rows().size()), result.rows().size() == 1 ? "row" : "rows",
                    result.millis(), result.scannedFiles(), result.totalFiles(),
                    result.truncated()
                            ? Html.of("<div class=\"alert alert-warning py-2\" id=\"truncated\">The result was "
                                    + "truncated to the first {} rows. Add a LIMIT or aggregate to see less.</div>",
                                    DisplayFormat.count(result.rows().size()))
                            : Html.empty(),
                    ResultGrid.render(result, "result"));
        }
        if (outcome instanceof Outcome.Failure failure) {
            Problem problem = failure.problem();
            return Html.of("""
                    <div class="alert alert-danger" role="alert" id="sql-error">
                    <div class="fw-semibold mb-1">{}</div>
                    <pre class="ns-error-detail mb-0">{}</pre>
                    {}
                    </div>
                    """, problem.title(), problem.detail(),
                    problem.hint().map(hint -> Html.of("<div class=\"small mt-2\">{}</div>", hint))
                            .orElse(Html.empty()));
        }
        return Html.empty();
    }
}
