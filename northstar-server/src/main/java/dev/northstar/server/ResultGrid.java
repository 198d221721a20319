package dev.northstar.server;

import dev.northstar.lake.QueryResult;
import java.util.List;

/** The grid of rows shown by the SQL page and the table preview. */
final class ResultGrid {
    private ResultGrid() {}

    static Html render(QueryResult result, String id) {
        if (result.columns().isEmpty()) {
            return Html.of("<p class=\"text-body-secondary\">The statement returned no columns.</p>");
        }
        Html header = result.columns().stream().map(column -> Html.of("""
                <th scope="col"><span class="ns-col-name">{}</span><span class="ns-col-type">{}</span></th>""",
                column.name(), column.type().toLowerCase(java.util.Locale.ROOT))).collect(Html.joining());
        Html rows = result.rows().isEmpty()
                ? Html.of("<tr><td class=\"text-body-secondary\" colspan=\"{}\">No rows</td></tr>",
                        result.columns().size())
                : result.rows().stream().map(ResultGrid::row).collect(Html.joining());
        return Html.of("""
                <div class="table-responsive ns-grid-wrap">
                <table class="table table-sm table-hover ns-grid" id="{}">
                <thead><tr>{}</tr></thead>
                <tbody>
                {}
                </tbody>
                </table>
                </div>
                """, id, header, rows);
    }

    private static Html row(List<Object> values) {
        Html cells = values.stream().map(value -> {
            String text = ResultValues.display(value);
            if (text == null) {
                return Html.of("<td class=\"ns-null\">NULL</td>");
            }
            return Html.of("<td{}>{}</td>", value instanceof Number ? Html.of(" class=\"ns-num\"") : Html.empty(),
                    text);
        }).collect(Html.joining());
        return Html.of("<tr>{}</tr>\n", cells);
    }
}
