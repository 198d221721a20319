package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Health, readiness and identity: the routes that say whether the server works and who is calling. */
final class SystemEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(SystemEndpoints.class);

    private final Lakehouse lakehouse;
    private final MetadataStore store;

    SystemEndpoints(Lakehouse lakehouse, MetadataStore store) {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.store = requireNonNull(store, "store is null");
    }

    /** Liveness: answering at all is the answer. */
    void health(Context ctx) {
        ctx.json(new ApiBodies.Health("up"));
    }

    /**
     * Readiness: the catalog lists its domains and the metadata store tells its schema version. A failing check is
     * logged with its cause; the public answer names only the check, since this route needs no token.
     */
    void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        check("catalog", () -> lakehouse.domains(), checks, failed);
        check("metadata", () -> store.schemaVersion(), checks, failed);
        if (!failed.isEmpty()) {
            throw new NorthstarException(ErrorCode.UNAVAILABLE,
                    "Not ready: " + String.join(" and ", failed) + " did not answer",
                    "The server log tells why; check the catalog database (catalog.jdbc-url) is reachable");
        }
        ctx.json(new ApiBodies.Readiness("ready", checks));
    }

    private static void check(String name, Runnable probe, Map<String, String> checks, List<String> failed) {
        try {
            probe.run();
            checks.put(name, "up");
        } catch (RuntimeException e) {
            LOG.warn("Readiness check '{}' failed", name, e);
            checks.put(name, "down");
            failed.add(name);
        }
    }

    void me(Context ctx) {
        ctx.json(ApiBodies.Me.of(Authentication.principal(ctx)));
    }
}
