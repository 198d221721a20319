package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.Javalin;
import java.util.List;

/**
 * The lineage routes of the governance module: its API routes (declared into the route registry, hence the OpenAPI
 * document) and its console pages.
 */
final class LineageRoutes {
    private final Lakehouse lakehouse;
    private final MetadataStore store;

    LineageRoutes(Lakehouse lakehouse, MetadataStore store) {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.store = requireNonNull(store, "store is null");
    }

    /** The API routes, added to {@link ApiRoutes}. */
    List<ApiRoute> api() {
        return List.of();
    }

    /** Installs the console pages. */
    void console(Javalin app, ConsoleLayout layout) {
        requireNonNull(app, "app is null");
        requireNonNull(layout, "layout is null");
    }
}
