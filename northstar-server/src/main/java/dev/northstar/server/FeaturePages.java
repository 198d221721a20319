package dev.northstar.server;

import dev.northstar.features.Feature;
import dev.northstar.features.FeatureValues;
import dev.northstar.features.FeatureView;
import dev.northstar.features.FeatureViewStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The console's Features page: the views in force and an entity's values now. */
final class FeaturePages {
    private FeaturePages() {}

    /**
     * @param views the views in force
     * @param form the lookup form as submitted (view, key, purpose)
     * @param lookup the values found, or the refusal's message
     */
    static Html features(List<FeatureViewStore.StoredView> views, Map<String, String> form,
            Optional<FeatureValues> values, Optional<String> refusal) {
        Html rows = views.stream().map(stored -> {
            FeatureView view = stored.view();
            Html features = view.features().stream().map(FeaturePages::feature).collect(Html.joining());
            return Html.of("""
                    <tr id="view-{}"><td class="font-monospace">{}</td><td class="text-end">{}</td><td>{}</td>\
                    <td class="font-monospace">{}</td><td>{}</td><td>{}</td><td><ul class="mb-0 ps-3">{}</ul></td></tr>
                    """, view.name(), view.name(), stored.version(), String.join(", ", view.entities()),
                    view.source(), view.stream().orElse("—"), view.ttl(), features);
        }).collect(Html.joining());
        Html options = views.stream().map(stored -> Html.of("<option value=\"{}\"{}>{}</option>",
                stored.view().name(), stored.view().name().equals(form.get("view")) ? Html.of(" selected")
                        : Html.empty(), stored.view().name())).collect(Html.joining());
        return Html.of("""
                <div class="ns-page-head"><h1 class="h3">Feature store</h1>
                <p class="text-body-secondary mb-0">Feature views aggregate an entity's events over time windows; the \
                online store keeps them current from their stream for scoring. Reading an entity's values is a read of \
                the view's source table: the access policy decides for the purpose, and it is audited.</p></div>
                <div class="card mb-4"><div class="card-header">Views in force \
                <span class="badge text-bg-light" id="view-count">{}</span></div>{}</div>
                <div class="card"><div class="card-header">An entity's values now</div><div class="card-body">
                <form method="get" action="/console/features" class="row g-2 align-items-end mb-3" id="lookup-form">
                <div class="col-auto"><label class="form-label" for="lookup-view">View</label>
                <select class="form-select" name="view" id="lookup-view">{}</select></div>
                <div class="col-auto"><label class="form-label" for="lookup-key">Key</label>
                <input class="form-control" name="key" id="lookup-key" value="{}" required></div>
                <div class="col-auto"><label class="form-label" for="lookup-purpose">Purpose</label>
                <input class="form-control" name="purpose" id="lookup-purpose" value="{}"></div>
                <div class="col-auto"><button type="submit" class="btn btn-primary" id="lookup">Look up</button></div>
                </form>
                {}{}</div></div>
                """, views.size(), views.isEmpty()
                        ? Html.of("<div class=\"card-body text-body-secondary\" id=\"no-views\">No feature views:"
                                + " apply some with northstar features apply.</div>")
                        : Html.of("""
                                <div class="table-responsive"><table class="table table-sm mb-0" id="views">
                                <thead><tr><th>View</th><th class="text-end">Version</th><th>Entities</th>\
                                <th>Source</th><th>Stream</th><th>TTL</th><th>Features (window)</th></tr></thead>
                                <tbody>{}</tbody></table></div>""", rows),
                options, form.getOrDefault("key", ""), form.getOrDefault("purpose", ""),
                refusal.map(text -> Html.of("<div class=\"alert alert-danger py-2\" role=\"alert\" id=\"refused\">{}"
                        + "</div>", text)).orElse(Html.empty()),
                values.map(FeaturePages::values).orElse(Html.empty()));
    }

    private static Html feature(Feature feature) {
        return Html.of("<li><span class=\"font-monospace\">{}</span> {}{}</li>", feature.name(),
                feature.aggregation().name().toLowerCase(Locale.ROOT),
                feature.window().map(window -> " over " + window).orElse(""));
    }

    private static Html values(FeatureValues values) {
        Html rows = values.values().entrySet().stream().map(entry -> Html.of(
                "<tr><td class=\"font-monospace\">{}</td><td class=\"text-end\">{}</td></tr>", entry.getKey(),
                entry.getValue() == null ? "null" : entry.getValue())).collect(Html.joining());
        return Html.of("""
                <div id="values"><p class="mb-2">{} <span class="font-monospace">{}</span> as of {}: \
                <strong id="present">{}</strong></p>
                <table class="table table-sm w-auto"><thead><tr><th>Feature</th><th class="text-end">Value</th></tr>\
                </thead><tbody>{}</tbody></table></div>
                """, values.view(), String.join(", ", values.entity()), values.asOf(),
                values.present() ? "present" : "no recent events (values are their empty aggregates)", rows);
    }
}
