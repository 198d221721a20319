package dev.northstar.server;

import dev.northstar.govern.catalog.UsageLog;
import dev.northstar.lake.QueryResult;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records who read which table into the catalog's {@link UsageLog}: the query paths (SQL API, console SQL, table
 * previews) mark the tables a request read, and one after-handler writes them once the answer succeeded, with the
 * principal of the request.
 */
final class CatalogUsageRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogUsageRecorder.class);
    private static final String READS = "northstar.catalog.reads";

    private CatalogUsageRecorder() {}

    /** What a request read. */
    private record Reads(UsageLog.Channel channel, Set<TableId> tables) {}

    /** Marks the tables a query of this request read. */
    static void queried(Context ctx, UsageLog.Channel channel, QueryResult result) {
        ctx.attribute(READS, new Reads(channel, UsageLog.tablesRead(result)));
    }

    /** Marks a table this request previewed. */
    static void previewed(Context ctx, TableId table) {
        ctx.attribute(READS, new Reads(UsageLog.Channel.PREVIEW, Set.of(table)));
    }

    /**
     * The paths whose handlers mark reads. After-handlers are installed on these paths only: a catch-all after-handler
     * would make requests no route matched look matched to the route metrics.
     */
    private static final List<String> READING_PATHS = List.of(ApiRoutes.PREFIX + "/sql",
            ApiRoutes.PREFIX + "/tables/{domain}/{table}/preview", "/console/sql", "/console/tables/{domain}/{table}");

    /** Installs the after-handlers that write what requests read, when the server has a usage log. */
    static void install(Javalin app, Optional<UsageLog> usage) {
        if (usage.isEmpty()) {
            return;
        }
        READING_PATHS.forEach(path -> app.after(path, ctx -> {
            Reads reads = ctx.attribute(READS);
            if (reads == null || ctx.statusCode() >= 400 || reads.tables().isEmpty()) {
                return;
            }
            try {
                usage.get().record(Authentication.principal(ctx).name(), reads.channel(), reads.tables());
            } catch (NorthstarException e) {
                // The answer is already sent; losing a usage record must not fail the read it counts.
                LOG.warn("Could not record reads of {}: {}", reads.tables(), e.getMessage());
            }
        }));
    }
}
