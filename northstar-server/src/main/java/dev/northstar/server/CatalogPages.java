package dev.northstar.server;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The catalog's console pages: {@code /console/catalog} (search with facets), {@code /console/catalog/{domain}/{table}}
 * (the entry, with overview, schema and governance tabs) and {@code /console/catalog/glossary}.
 */
final class CatalogPages {
    private static final String CONSOLE = "/console/catalog";
    private static final Map<String, String> FACET_LABELS = Map.of("domain", "Domain", "tag", "Tag",
            "classification", "Classification", "owner", "Owner", "quality", "Quality");
    private static final List<String> TABS = List.of("overview", "schema", "governance");

    private CatalogPages() {}

    // ---- search --------------------------------------------------------------------------------------------

    static Html search(CatalogBodies.CatalogSearchResult result) {
        Html facets = result.facets().entrySet().stream().map(facet -> facet(facet.getKey(), facet.getValue()))
                .collect(Html.joining());
        Html hits = result.hits().stream().map(CatalogPages::hit).collect(Html.joining());
        Html suggestion = result.didYouMean().map(corrected -> Html.of("""
                <p id="did-you-mean">Did you mean <a href="{}?q={}">{}</a>?</p>""", CONSOLE,
                CatalogRoutes.encode(corrected), corrected)).orElse(Html.empty());
        Html fuzzy = result.fuzzy() ? Html.of("""
                <p class="text-body-secondary small" id="fuzzy-notice">Nothing matched exactly; showing close \
                spellings.</p>""") : Html.empty();
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Catalog</h1>
                <p class="text-body-secondary mb-0">Every domain, table and data product of the platform, with \
                contracts, owners, classification, quality and usage. Words match names first, then descriptions \
                and glossary terms, then columns.</p></div>
                <form method="get" action="{}" id="catalog-search" class="row g-4">
                <div class="col-md-3" id="facets">{}
                <button type="submit" class="btn btn-sm btn-outline-secondary" id="apply-filters">Apply filters\
                </button> <a class="btn btn-sm btn-link" href="{}" id="clear-filters">Clear</a></div>
                <div class="col-md-9">
                <div class="input-group mb-2 position-relative"><input type="search" class="form-control" name="q" \
                id="catalog-query" value="{}" placeholder="Search tables, products, columns, glossary terms" \
                autocomplete="off" aria-label="Search the catalog"><button class="btn btn-primary" type="submit" \
                id="catalog-submit">Search</button></div>
                <div class="list-group mb-3 d-none" id="catalog-suggestions" role="listbox"></div>
                {}{}
                <p class="text-body-secondary small" id="hit-count">{} {}</p>
                {}
                <p class="small mt-3"><a href="{}/glossary" id="glossary-link">Business glossary</a></p>
                </div>
                </form>
                <script src="/static/catalog.js" defer></script>
                """, CONSOLE, facets, CONSOLE, result.query(), suggestion, fuzzy, result.total(),
                result.total() == 1 ? "result" : "results",
                result.hits().isEmpty() ? Html.of("""
                        <div class="card card-body text-body-secondary" id="no-results">No table matches. Try fewer \
                        words or clear the filters.</div>""")
                        : Html.of("<ol class=\"list-unstyled\" id=\"catalog-results\">{}</ol>", hits), CONSOLE);
    }

    private static Html facet(String key, List<CatalogBodies.CatalogFacetCount> counts) {
        Html values = IntStream.range(0, counts.size()).mapToObj(i -> {
            CatalogBodies.CatalogFacetCount count = counts.get(i);
            String id = "facet-" + key + "-" + i;
            return Html.of("""
                    <div class="form-check"><input class="form-check-input ns-facet" type="checkbox" name="{}" \
                    value="{}" id="{}" data-facet="{}" data-value="{}"{}><label class="form-check-label" for="{}">{} \
                    <span class="badge rounded-pill text-bg-light ns-facet-count">{}</span></label></div>
                    """, key, count.value(), id, key, count.value(), count.selected() ? Html.of(" checked")
                    : Html.empty(), id, count.value(), count.count());
        }).collect(Html.joining());
        return Html.of("""
                <fieldset class="mb-3" id="facet-{}"><legend class="h6 text-uppercase small text-body-secondary">{}\
                </legend>{}</fieldset>""", key, FACET_LABELS.getOrDefault(key, key), counts.isEmpty()
                ? Html.of("<div class=\"small text-body-secondary\">none</div>") : values);
    }

    private static Html hit(CatalogBodies.CatalogHit hit) {
        String[] parts = hit.table().split("\\.", 2);
        Html snippet = hit.snippet().stream().map(fragment -> fragment.highlighted()
                ? Html.of("<mark>{}</mark>", fragment.text()) : Html.text(fragment.text())).collect(Html.joining());
        return Html.of("""
                <li class="card mb-2 ns-hit" data-table="{}"><div class="card-body py-2">
                <div class="d-flex gap-2 align-items-center flex-wrap"><a class="ns-hit-link fw-semibold \
                font-monospace" href="{}/{}/{}">{}</a>{}{}<span class="ms-auto small text-body-secondary" \
                title="relevance">{}</span></div>
                <p class="small mb-1 ns-snippet" data-field="{}">{}</p>
                <div class="small">{}<span class="text-body-secondary">{}</span></div>
                </div></li>
                """, hit.table(), CONSOLE, parts[0], parts[1], hit.table(), hit.product().map(product -> Html.of(
                        " <span class=\"badge text-bg-primary\">{}</span>", product)).orElse(Html.empty()),
                qualityBadge(hit.quality()), String.format(Locale.ROOT, "%.2f", hit.score()), hit.snippetField(),
                snippet, hit.tags().stream().map(tag -> Html.of("<span class=\"badge text-bg-light me-1\">{}</span>",
                        tag)).collect(Html.joining()), hit.owners().isEmpty() ? ""
                        : " · " + String.join(", ", hit.owners()));
    }

    static Html qualityBadge(String quality) {
        String style = switch (quality) {
            case "passed" -> "text-bg-success";
            case "warning" -> "text-bg-warning";
            case "failed" -> "text-bg-danger";
            default -> "text-bg-secondary";
        };
        return Html.of(" <span class=\"badge {} ns-quality\">quality: {}</span>", style, quality);
    }

    // ---- entry ---------------------------------------------------------------------------------------------

    static Html entry(CatalogBodies.CatalogEntryBody entry, String tab, List<String> terms,
            Optional<Html> classification) {
        String active = TABS.contains(tab) ? tab : "overview";
        String path = CONSOLE + "/" + entry.domain() + "/" + entry.name();
        Html tabs = TABS.stream().map(name -> Html.of("""
                <li class="nav-item"><a class="nav-link{}" id="tab-{}" href="{}?tab={}"{}>{}</a></li>""",
                name.equals(active) ? " active" : "", name, path, name,
                name.equals(active) ? Html.of(" aria-current=\"page\"") : Html.empty(),
                Character.toUpperCase(name.charAt(0)) + name.substring(1))).collect(Html.joining());
        Html content = switch (active) {
            case "schema" -> schema(entry, terms, path);
            case "governance" -> governance(entry, path, classification);
            default -> overview(entry);
        };
        return Html.of("""
                <nav aria-label="breadcrumb"><ol class="breadcrumb">
                <li class="breadcrumb-item"><a href="{}">Catalog</a></li>
                <li class="breadcrumb-item"><a href="{}?domain={}">{}</a></li>
                <li class="breadcrumb-item active" aria-current="page">{}</li></ol></nav>
                <div class="ns-page-head d-flex justify-content-between align-items-start gap-3"><div>
                <h1 class="h3 font-monospace" id="entry-name">{}</h1>
                <p class="text-body-secondary mb-0" id="entry-description">{}</p></div>
                <div class="text-nowrap">{}{}</div></div>
                <ul class="nav nav-tabs mb-3" id="entry-tabs">{}</ul>
                <div id="pane-{}">{}</div>
                """, CONSOLE, CONSOLE, CatalogRoutes.encode(entry.domain()), entry.domain(), entry.name(),
                entry.table(), entry.description().isBlank() ? "No description." : entry.description(),
                entry.product().map(product -> Html.of("<span class=\"badge text-bg-primary me-1\">{}</span>",
                        product.name())).orElse(Html.empty()), qualityBadge(entry.quality()), tabs, active, content);
    }

    private static Html overview(CatalogBodies.CatalogEntryBody entry) {
        Html product = entry.product().map(found -> Html.of("""
                <div class="card mb-3" id="product-card"><div class="card-body">
                <h2 class="h6">Data product <a href="/console/products/{}/{}">{}</a></h2>
                <dl class="row mb-0 small">
                <dt class="col-sm-3">Contract</dt><dd class="col-sm-9" id="contract-version"><span \
                class="font-monospace">{}</span> {} {}</dd>
                <dt class="col-sm-3">Purpose</dt><dd class="col-sm-9">{}</dd>
                <dt class="col-sm-3">Usage</dt><dd class="col-sm-9">{}</dd>
                <dt class="col-sm-3">Limitations</dt><dd class="col-sm-9">{}</dd>
                <dt class="col-sm-3">Team</dt><dd class="col-sm-9" id="owners">{}</dd>
                </dl></div></div>""", entry.domain(), entry.name(), found.name(), found.contractId(),
                found.version(), ProductsPage.statusBadge(found.status()), dash(found.purpose()),
                dash(found.usage()), dash(found.limitations()), owners(entry, found)))
                .orElse(Html.of("""
                        <div class="card card-body mb-3 text-body-secondary" id="product-card">No data contract \
                        governs this table.</div>"""));
        Html slos = entry.slos().isEmpty() ? Html.of("<span class=\"text-body-secondary\">none</span>")
                : entry.slos().stream().map(slo -> Html.of("<span class=\"badge {} me-1\" title=\"objective {} %\">"
                        + "{}: {}</span>", ProductsPage.sloClass(slo.status()), ProductPage.number(
                                slo.objectivePercent()), slo.kind(), slo.status().replace('_', ' ')))
                        .collect(Html.joining());
        return Html.of("""
                {}
                <div class="row g-3">
                <div class="col-md-4"><div class="card h-100"><div class="card-body" id="size-card">
                <h2 class="h6">Size</h2><div>{} rows · {} files · {}</div>
                <div class="small text-body-secondary">last commit {}</div>
                <a class="small" href="/console/tables/{}/{}">Table details and preview</a></div></div></div>
                <div class="col-md-4"><div class="card h-100"><div class="card-body" id="usage-card">
                <h2 class="h6">Usage (last {} days)</h2><div><span id="usage-queries">{}</span> reads by \
                <span id="usage-users">{}</span> users</div>
                <div class="small text-body-secondary">last access {}</div></div></div></div>
                <div class="col-md-4"><div class="card h-100"><div class="card-body" id="quality-card">
                <h2 class="h6">Quality and SLOs</h2><div>{}</div><div class="small text-body-secondary mb-1">{}</div>
                <div>{}</div></div></div></div>
                </div>
                """, product, DisplayFormat.count(entry.rows()), DisplayFormat.count(entry.files()),
                DisplayFormat.bytes(entry.bytes()), entry.lastCommit().map(DisplayFormat::time).orElse("never"),
                entry.domain(), entry.name(), entry.usage().windowDays(), entry.usage().queries(),
                entry.usage().distinctUsers(), entry.usage().lastAccess().map(DisplayFormat::time).orElse("never"),
                qualityBadge(entry.quality()), entry.latestCheck().map(check -> "latest check " + DisplayFormat.time(
                        check.at()) + ": " + check.failed() + " of " + check.checks() + " failed")
                        .orElse("never checked"), slos);
    }

    private static Html owners(CatalogBodies.CatalogEntryBody entry, CatalogBodies.CatalogProduct product) {
        Html members = product.members().stream().map(member -> Html.of("<li>{}{}</li>", member.username(),
                member.role().isBlank() ? "" : " (" + member.role() + ")")).collect(Html.joining());
        return Html.of("{}<ul class=\"list-unstyled mb-0\">{}</ul>", product.team().isBlank() ? "—" : product.team(),
                members);
    }

    private static Html schema(CatalogBodies.CatalogEntryBody entry, List<String> terms, String path) {
        Html rows = entry.columns().stream().map(column -> Html.of("""
                <tr data-column="{}"><td class="font-monospace">{}</td><td class="font-monospace small">{}</td>\
                <td>{}</td><td>{}</td><td>{}</td><td class="small">{}</td></tr>
                """, column.name(), column.name(), column.type(), column.required() ? "yes" : "",
                classificationBadge(column.classification()), termLinks(column.glossaryTerms()),
                column.description())).collect(Html.joining());
        return Html.of("""
                <div class="card mb-3"><div class="table-responsive"><table class="table mb-0" id="schema-columns">
                <thead><tr><th>Column</th><th>Type</th><th>Required</th><th>Classification</th><th>Glossary terms</th>\
                <th>Description</th></tr></thead><tbody>{}</tbody></table></div></div>
                {}
                """, rows, linkForm(entry, terms, path + "?tab=schema"));
    }

    private static Html linkForm(CatalogBodies.CatalogEntryBody entry, List<String> terms, String back) {
        if (terms.isEmpty()) {
            return Html.of("""
                    <p class="small text-body-secondary">Define glossary terms in the <a href="{}/glossary">glossary\
                    </a> to link them to columns.</p>""", CONSOLE);
        }
        return Html.of("""
                <form method="post" action="{}/glossary/link" class="row g-2 align-items-end" id="link-term-form">
                <input type="hidden" name="table" value="{}"><input type="hidden" name="back" value="{}">
                <div class="col-auto"><label class="form-label small" for="link-term">Term</label>\
                <select class="form-select form-select-sm" name="term" id="link-term">{}</select></div>
                <div class="col-auto"><label class="form-label small" for="link-column">Column</label>\
                <select class="form-select form-select-sm" name="column" id="link-column">{}</select></div>
                <div class="col-auto"><button class="btn btn-sm btn-outline-primary" type="submit" name="action" \
                value="link" id="link-submit">Link term</button></div></form>
                """, CONSOLE, entry.table(), back,
                terms.stream().map(term -> Html.of("<option>{}</option>", term)).collect(Html.joining()),
                entry.columns().stream().map(column -> Html.of("<option>{}</option>", column.name()))
                        .collect(Html.joining()));
    }

    private static Html governance(CatalogBodies.CatalogEntryBody entry, String path, Optional<Html> suggestions) {
        Html classification = entry.columns().stream().map(column -> Html.of("""
                <tr data-column="{}"><td class="font-monospace">{}</td><td>{}</td><td>{}</td></tr>
                """, column.name(), column.name(), classificationBadge(column.classification()),
                termLinks(column.glossaryTerms()))).collect(Html.joining());
        List<String> contractTags = entry.product().map(CatalogBodies.CatalogProduct::tags).orElse(List.of());
        Html stewardTags = entry.stewardTags().stream().map(tag -> Html.of("""
                <form method="post" action="{}/tags" class="d-inline"><input type="hidden" name="tag" value="{}">\
                <button class="btn btn-sm btn-outline-secondary me-1 ns-steward-tag" type="submit" name="action" \
                value="remove" title="Remove this tag">{} ×</button></form>""", path, tag, tag))
                .collect(Html.joining());
        return Html.of("""
                <div class="row g-3">
                <div class="col-lg-8">
                <div class="card mb-3"><div class="card-body">
                <h2 class="h6">Classification from the contract</h2>
                <p class="small text-body-secondary">The contract's <code>classification</code> of each column is \
                authoritative.</p>
                <table class="table table-sm mb-0" id="governance-classification"><thead><tr><th>Column</th>\
                <th>Classification</th><th>Glossary terms</th></tr></thead><tbody>{}</tbody></table>
                </div></div>
                <section class="card mb-3" id="classification-suggestions" data-table="{}"><div class="card-body">
                {}
                </div></section>
                </div>
                <div class="col-lg-4">
                <div class="card mb-3"><div class="card-body" id="governance-owners"><h2 class="h6">Owners</h2>{}\
                </div></div>
                <div class="card mb-3"><div class="card-body" id="governance-tags"><h2 class="h6">Tags</h2>
                <div class="mb-2">{}</div><div class="mb-2">{}</div>
                <form method="post" action="{}/tags" class="input-group input-group-sm" id="add-tag-form">\
                <input class="form-control" name="tag" id="new-tag" placeholder="new tag" aria-label="New tag">\
                <button class="btn btn-outline-primary" type="submit" name="action" value="add" id="add-tag">Add \
                tag</button></form></div></div>
                </div></div>
                """, classification, entry.table(), suggestions.orElse(Html.of("""
                <h2 class="h6">Classification suggestions</h2>
                <p class="small text-body-secondary mb-0">Detector suggestions with their evidence, reviewed by a \
                steward, are listed on the <a href="/console/classification">Classification</a> page.</p>""")),
                entry.owners().isEmpty()
                ? Html.of("<span class=\"text-body-secondary\">No owner: no contract names a team.</span>")
                : Html.of("<ul class=\"mb-0\">{}</ul>", entry.owners().stream().map(owner -> Html.of("<li>{}</li>",
                        owner)).collect(Html.joining())),
                contractTags.stream().map(tag -> Html.of("<span class=\"badge text-bg-light me-1 ns-contract-tag\" "
                        + "title=\"from the contract\">{}</span>", tag)).collect(Html.joining()), stewardTags, path);
    }

    private static Html classificationBadge(Optional<String> classification) {
        return classification.map(value -> Html.of("<span class=\"badge text-bg-warning ns-classification\">{}"
                + "</span>", value)).orElse(Html.of("<span class=\"text-body-secondary small\">—</span>"));
    }

    private static Html termLinks(List<String> terms) {
        return terms.stream().map(term -> Html.of("<a class=\"badge text-bg-info me-1 text-decoration-none "
                + "ns-term\" href=\"{}/glossary#term-{}\">{}</a>", CONSOLE, anchor(term), term))
                .collect(Html.joining());
    }

    // ---- glossary ------------------------------------------------------------------------------------------

    static Html glossary(List<CatalogBodies.GlossaryTermBody> terms) {
        Html cards = terms.stream().map(term -> Html.of("""
                <div class="card mb-2 ns-glossary-term" id="term-{}"><div class="card-body py-2">
                <div class="d-flex gap-2 align-items-center"><h2 class="h6 mb-0">{}</h2><span class="badge \
                text-bg-light">{}</span><span class="small text-body-secondary ms-auto">owner {}</span></div>
                <p class="mb-1">{}</p>{}
                <div class="small">Columns: {}</div></div></div>
                """, anchor(term.name()), term.name(), term.status(), term.owner(), term.definition(),
                term.synonyms().isEmpty() ? Html.empty() : Html.of("<p class=\"small mb-1\">Synonyms: {}</p>",
                        String.join(", ", term.synonyms())),
                term.links().isEmpty() ? Html.of("<span class=\"text-body-secondary\">none</span>")
                        : term.links().stream().map(link -> {
                            String[] parts = link.table().split("\\.", 2);
                            return Html.of("<a class=\"font-monospace me-2 ns-term-column\" href=\"{}/{}/{}?tab=schema\">"
                                    + "{}.{}</a>", CONSOLE, parts[0], parts[1], link.table(), link.column());
                        }).collect(Html.joining()))).collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Business glossary</h1>
                <p class="text-body-secondary mb-0">Terms of the business, linked to the columns that hold them. \
                Terms are searched in the <a href="{}">catalog</a>.</p></div>
                <div class="row g-4"><div class="col-lg-8" id="glossary-terms">{}</div>
                <div class="col-lg-4"><div class="card"><div class="card-body">
                <h2 class="h6">Define a term</h2>
                <form method="post" action="{}/glossary" id="define-term-form">
                <input class="form-control form-control-sm mb-2" name="name" id="term-name" placeholder="Name" \
                aria-label="Name" required>
                <textarea class="form-control form-control-sm mb-2" name="definition" id="term-definition" rows="3" \
                placeholder="Definition" aria-label="Definition" required></textarea>
                <input class="form-control form-control-sm mb-2" name="synonyms" id="term-synonyms" \
                placeholder="Synonyms, comma-separated" aria-label="Synonyms">
                <input class="form-control form-control-sm mb-2" name="owner" id="term-owner" \
                placeholder="Owner (you by default)" aria-label="Owner">
                <select class="form-select form-select-sm mb-2" name="status" id="term-status" aria-label="Status">\
                <option value="draft">draft</option><option value="approved">approved</option>\
                <option value="deprecated">deprecated</option></select>
                <button class="btn btn-sm btn-primary" type="submit" id="define-term">Define</button></form>
                </div></div></div></div>
                """, CONSOLE, terms.isEmpty() ? Html.of("<div class=\"card card-body text-body-secondary\" "
                + "id=\"no-terms\">No terms yet.</div>") : cards, CONSOLE);
    }

    /** An HTML id fragment for a term: lower-case letters and digits, others as {@code -}. */
    static String anchor(String term) {
        return term.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String dash(String text) {
        return text.isBlank() ? "—" : text;
    }
}
