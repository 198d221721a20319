package dev.northstar.server;

import dev.northstar.spi.security.Principal;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The frame of every console page: the navigation along the value chain, the signed-in principal, the page body.
 * Stages not built yet are shown greyed and without links, so the map is honest about what exists.
 */
final class ConsoleLayout {
    /** The stages of the value chain, in order, with the console page of each that has one. */
    enum Stage {
        INGEST("Ingest", "/console/products"),
        LAKE("Lake", "/console/tables"),
        GOVERN("Govern", "/console/catalog"),
        PROCESS("Process", null),
        FEATURES("Features", "/console/features"),
        MODELS("Models", "/console/models"),
        SERVE("Serve", "/console/serve"),
        OBSERVE("Observe", "/console/quality"),
        VALUE("Value", "/console");

        private final String label;
        private final String href;

        Stage(String label, String href) {
            this.label = label;
            this.href = href;
        }

        String label() {
            return label;
        }

        Optional<String> href() {
            return Optional.ofNullable(href);
        }
    }

    /** A tab of the second navigation row, under the active stage. */
    record Tab(String label, String href, String id) {}

    private static final List<Tab> LAKE_TABS = List.of(
            new Tab("Tables", "/console/tables", "nav-tables"),
            new Tab("SQL", "/console/sql", "nav-sql"));

    private static final List<Tab> INGEST_TABS = List.of(
            new Tab("Products", "/console/products", "nav-products"),
            new Tab("Contract lint", "/console/contracts/lint", "nav-lint"));

    private static final List<Tab> GOVERN_TABS = List.of(
            new Tab("Catalog", "/console/catalog", "nav-catalog"),
            new Tab("Lineage", "/console/lineage", "nav-lineage"),
            new Tab("Classification", "/console/classification", "nav-classification"),
            new Tab("Policies", "/console/policies", "nav-policies"),
            new Tab("Privacy", "/console/privacy", "nav-privacy"),
            new Tab("Audit", "/console/audit", "nav-audit"));

    private static final List<Tab> OBSERVE_TABS = List.of(
            new Tab("Quality and SLOs", "/console/quality", "nav-quality"));

    private static final List<Tab> FEATURES_TABS = List.of(
            new Tab("Feature views", "/console/features", "nav-features"));

    private static final List<Tab> MODELS_TABS = List.of(
            new Tab("Models", "/console/models", "nav-models"));

    private static final List<Tab> VALUE_TABS = List.of(
            new Tab("Cockpit", "/console", "nav-cockpit"),
            new Tab("Lake overview", "/console/overview", "nav-overview"));

    private static final List<Tab> SERVE_TABS = List.of(
            new Tab("Decisions, alerts and drift", "/console/serve", "nav-serve"));

    private final Html assets;

    /** A layout loading the client libraries from their WebJars. */
    ConsoleLayout() {
        this.assets = Html.of("""
                <link rel="stylesheet" href="{}">
                <link rel="stylesheet" href="{}">
                <link rel="stylesheet" href="/static/console.css">
                <script src="{}" defer></script>
                <script src="/static/console.js" defer></script>
                """, WebJarAssets.bootstrapCss(), WebJarAssets.uplotCss(), WebJarAssets.uplotScript());
    }

    /**
     * Answers a console page, with headers that keep it from being framed, sniffed or fed foreign scripts.
     *
     * @param ctx the request
     * @param title page title
     * @param stage stage of the value chain the page belongs to, empty for the overview and error pages
     * @param activeTab href of the active tab
     * @param body the page's content
     */
    void render(Context ctx, String title, Optional<Stage> stage, String activeTab, Html body) {
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        ctx.html(page(title, stage, activeTab, Authentication.optionalPrincipal(ctx), body).markup());
    }

    /**
     * A full page.
     *
     * @param title page title (after "Northstar · ")
     * @param stage stage of the value chain the page belongs to, empty for the overview
     * @param activeTab href of the active tab of the stage, if any
     * @param principal who is signed in, empty on the sign-in page
     * @param body the page's content
     */
    Html page(String title, Optional<Stage> stage, String activeTab, Optional<Principal> principal, Html body) {
        return Html.of("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Northstar · {}</title>
                <link rel="icon" href="/static/northstar.svg" type="image/svg+xml">
                {}</head>
                <body>
                <header class="ns-header">
                <nav class="navbar navbar-expand navbar-dark ns-navbar" aria-label="Value chain">
                <div class="container-fluid">
                <a class="navbar-brand ns-brand" href="/console"><img src="/static/northstar.svg" alt="" width="22" \
                height="22"> Northstar</a>
                {}
                {}
                </div>
                </nav>
                {}
                </header>
                <main class="container-fluid ns-main">
                {}
                </main>
                <footer class="container-fluid ns-footer">Northstar · <a href="/api/v1/openapi.json">API</a> · \
                <a href="/metrics">Metrics</a></footer>
                </body>
                </html>
                """,
                title, assets,
                principal.isPresent() ? valueChain(stage) : Html.empty(),
                principal.map(ConsoleLayout::account).orElse(Html.empty()),
                stage.map(active -> tabs(active, activeTab)).orElse(Html.empty()),
                body);
    }

    private static Html valueChain(Optional<Stage> active) {
        Html items = Arrays.stream(Stage.values()).map(stage -> {
            boolean current = active.isPresent() && active.get() == stage;
            if (stage.href().isEmpty()) {
                return Html.of("""
                        <li class="nav-item"><span class="nav-link disabled ns-stage-pending" aria-disabled="true" \
                        title="{} is not built yet">{}</span></li>
                        """, stage.label(), stage.label());
            }
            return Html.of("""
                    <li class="nav-item"><a class="nav-link{}" {}href="{}" id="stage-{}">{}</a></li>
                    """, current ? " active" : "", current ? Html.of("aria-current=\"page\" ") : Html.empty(),
                    stage.href().get(), stage.name().toLowerCase(java.util.Locale.ROOT), stage.label());
        }).collect(Html.joining());
        return Html.of("<ul class=\"navbar-nav ns-chain me-auto\">{}</ul>", items);
    }

    private static Html account(Principal principal) {
        return Html.of("""
                <div class="d-flex align-items-center gap-2 ns-account">
                <span class="navbar-text" id="principal" title="Roles: {}">{}</span>
                <form method="post" action="/console/logout" class="m-0">
                <button type="submit" class="btn btn-sm btn-outline-light" id="sign-out">Sign out</button>
                </form>
                </div>
                """, String.join(", ", principal.roles().stream().sorted().toList()), principal.name());
    }

    private static Html tabs(Stage stage, String activeTab) {
        List<Tab> stageTabs = switch (stage) {
            case LAKE -> LAKE_TABS;
            case INGEST -> INGEST_TABS;
            case GOVERN -> GOVERN_TABS;
            case OBSERVE -> OBSERVE_TABS;
            case FEATURES -> FEATURES_TABS;
            case MODELS -> MODELS_TABS;
            case SERVE -> SERVE_TABS;
            case VALUE -> VALUE_TABS;
            default -> List.of();
        };
        if (stageTabs.isEmpty()) {
            return Html.empty();
        }
        Html items = stageTabs.stream().map(tab -> Html.of("""
                <li class="nav-item"><a class="nav-link{}" href="{}" id="{}">{}</a></li>
                """, tab.href().equals(activeTab) ? " active" : "", tab.href(), tab.id(), tab.label()))
                .collect(Html.joining());
        return Html.of("""
                <div class="ns-subnav"><div class="container-fluid">
                <ul class="nav nav-underline">{}</ul>
                </div></div>
                """, items);
    }
}
