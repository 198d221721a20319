package dev.northstar.server;

/** A problem shown to a person in the console. */
final class ErrorPage {
    private ErrorPage() {}

    static Html body(Problem problem) {
        return Html.of("""
                <div class="ns-error-page">
                <p class="text-body-secondary mb-1">Error {} · <code>{}</code></p>
                <h1 class="h3" id="error-title">{}</h1>
                <p class="lead" id="error-detail">{}</p>
                {}
                <a class="btn btn-outline-secondary" href="/console">Back to the overview</a>
                </div>
                """, problem.status(), problem.code(), problem.title(), problem.detail(),
                problem.hint().map(hint -> Html.of("<p class=\"text-body-secondary\">{}</p>", hint))
                        .orElse(Html.empty()));
    }
}
