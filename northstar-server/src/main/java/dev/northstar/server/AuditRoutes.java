package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.Javalin;
import java.util.List;

/** The audit routes of the governance module: API routes (into the route registry) and console pages. */
final class AuditRoutes {
    private final Lakehouse lakehouse;
    private final MetadataStore store;

    AuditRoutes(Lakehouse lakehouse, MetadataStore store) {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.store = requireNonNull(store, "store is null");
    }

    /** The API routes. */
    List<ApiRoute> api() {
        return List.of();
    }

    /** Installs the console pages. */
    void console(Javalin app, ConsoleLayout layout) {
        requireNonNull(app, "app is null");
        requireNonNull(layout, "layout is null");
    }
}
