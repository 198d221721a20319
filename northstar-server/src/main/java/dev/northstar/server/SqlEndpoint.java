package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.catalog.UsageLog;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import io.javalin.http.Context;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/sql}: runs a query through the governed gateway as the calling principal, for the purpose the
 * request declares, and answers its rows; a denial is a 403 problem naming the table or column.
 */
final class SqlEndpoint {
    /** Most rows one request may ask for. */
    static final int MAX_ROWS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(SqlEndpoint.class);

    private final GovernedReads reads;

    SqlEndpoint(GovernedReads reads) {
        this.reads = requireNonNull(reads, "reads is null");
    }

    void query(Context ctx) {
        ApiBodies.SqlRequest request = ctx.bodyValidator(ApiBodies.SqlRequest.class)
                .check("sql", body -> body.sql() != null && !body.sql().isBlank(), "is required")
                .check("max_rows", body -> body.maxRows().map(rows -> rows >= 0 && rows <= MAX_ROWS).orElse(true),
                        "must be between 0 and " + MAX_ROWS)
                .check("snapshot", body -> body.snapshot().map(SqlEndpoint::validSnapshotKeys).orElse(true),
                        "keys must name tables as domain.table, e.g. retail.orders")
                .check("purpose", body -> body.purpose().map(SqlEndpoint::validPurpose).orElse(true),
                        "must be at most " + GovernedReads.MAX_PURPOSE_LENGTH + " characters, without control"
                                + " characters")
                .get();
        QueryResult rows = reads.query(ctx, AuditTrail.API, request.purpose().flatMap(GovernedReads::purpose),
                request.sql(), options(request)).result();
        CatalogUsageRecorder.queried(ctx, UsageLog.Channel.API, rows);
        ApiBodies.SqlResult result = ApiBodies.SqlResult.of(rows);
        LOG.info("{} ran a query of {} characters: {} rows in {} ms", Authentication.principal(ctx).name(),
                request.sql().length(), result.rowCount(), result.millis());
        ctx.json(result);
    }

    /** The query options a request asks for. */
    static QueryOptions options(ApiBodies.SqlRequest request) {
        QueryOptions options = QueryOptions.defaults();
        for (Map.Entry<String, Long> pin : request.snapshot().orElse(Map.of()).entrySet()) {
            options = options.withSnapshot(TableId.parse(pin.getKey()), pin.getValue());
        }
        if (request.asOf().isPresent()) {
            options = options.withAsOf(request.asOf().get());
        }
        if (request.maxRows().isPresent()) {
            options = options.withMaxRows(request.maxRows().get());
        }
        return options;
    }

    private static boolean validPurpose(String purpose) {
        try {
            GovernedReads.purpose(purpose);
            return true;
        } catch (NorthstarException e) {
            return false;
        }
    }

    private static boolean validSnapshotKeys(Map<String, Long> snapshots) {
        for (Map.Entry<String, Long> entry : snapshots.entrySet()) {
            try {
                TableId.parse(entry.getKey());
            } catch (NorthstarException e) {
                return false;
            }
            if (entry.getValue() == null) {
                return false;
            }
        }
        return true;
    }
}
