package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.gateway.GovernedQuery;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.govern.policy.TableAccess;
import dev.northstar.ingest.QuarantineTable;
import dev.northstar.ingest.QuarantinedRow;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.TableInfo;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Every data read the server makes for a request goes through here: SQL (API and console) and table previews run
 * through the {@link SqlGateway} as the request's principal, for the purpose the request declares, and are appended
 * to the audit log (answered with the policy decisions, or denied) before the answer is written. Reads that are not
 * SQL — the quarantine browser, which shows rejected rows' raw values — need the policy to allow the whole table,
 * unmasked and unfiltered.
 */
final class GovernedReads {
    /** Longest purpose a request may declare. */
    static final int MAX_PURPOSE_LENGTH = 100;

    private final Lakehouse lakehouse;
    private final SqlGateway gateway;
    private volatile MeterRegistry registry;

    GovernedReads(Lakehouse lakehouse, SqlGateway gateway) {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
    }

    /** The gateway every read goes through. */
    SqlGateway gateway() {
        return gateway;
    }

    /**
     * Times the governed queries on {@code registry}: {@code northstar_gateway_queries_seconds} by channel and outcome
     * ({@code answered}, {@code denied}, {@code failed}) — the platform's queries per day and their latency.
     */
    void registerMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** Runs a query as the request's principal, audited. */
    GovernedQuery query(Context ctx, String channel, Optional<String> purpose, String sql, QueryOptions options) {
        Principal principal = Authentication.principal(ctx);
        long start = System.nanoTime();
        GovernedQuery answer;
        try {
            answer = gateway.query(principal, purpose, sql, options);
        } catch (NorthstarException e) {
            time(channel, e.code() == ErrorCode.FORBIDDEN ? "denied" : "failed", start);
            AuditTrail.failed(ctx, channel, purpose, sql, List.of(), e);
            throw e;
        }
        time(channel, "answered", start);
        AuditTrail.governed(ctx, channel, purpose, sql, answer);
        return answer;
    }

    private void time(String channel, String outcome, long start) {
        MeterRegistry meters = registry;
        if (meters != null) {
            Timer.builder("northstar.gateway.queries").description("Queries through the governed SQL gateway")
                    .tag("channel", channel).tag("outcome", outcome).register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The first rows of a table as the principal may see them; one row more is read so that
     * {@link QueryResult#truncated()} tells whether the table holds more.
     */
    QueryResult preview(Context ctx, String channel, Optional<String> purpose, TableId id, int limit) {
        // TableId admits only [a-z_][a-z0-9_]* names, so it is safe to place in the SQL text.
        return query(ctx, channel, purpose, "SELECT * FROM " + id + " LIMIT " + (limit + 1),
                QueryOptions.defaults().withMaxRows(limit)).result();
    }

    /**
     * Checks that the principal may read all of {@code table}, unmasked and unfiltered, for a view that is not SQL.
     *
     * @param what what needs it, for the message, e.g. "browse the quarantine of retail.orders"
     * @throws NorthstarException {@code FORBIDDEN} naming the table and the policy's reasons (audited)
     */
    void requireWholeTable(Context ctx, String channel, Optional<String> purpose, TableId table, String what) {
        Principal principal = Authentication.principal(ctx);
        TableInfo info = lakehouse.describe(table);
        TableAccess access = gateway.policy().access(principal, purpose, table,
                info.columns().stream().map(column -> column.name()).toList());
        if (!access.allowed() || !access.deniedColumns().isEmpty() || !access.masks().isEmpty()
                || !access.rowFilters().isEmpty()) {
            NorthstarException denied = new NorthstarException(ErrorCode.FORBIDDEN, principal.name() + " may not "
                    + what + ": it shows raw values, and needs an unmasked, unfiltered read of " + table
                    + purpose.map(value -> " for purpose '" + value + "'").orElse(" (no purpose declared)") + " ("
                    + String.join("; ", access.reasons()) + ")",
                    "Ask a steward for a policy allowing " + table + ", or file an access request");
            AuditTrail.failed(ctx, channel, purpose, null, List.of(table.toString()), denied);
            throw denied;
        }
    }

    /**
     * Quarantined rows of a product, as the principal may see them: they hold the raw values of rejected rows, so
     * the principal needs an unmasked, unfiltered read of the quarantine table; the read is audited.
     *
     * @throws NorthstarException {@code FORBIDDEN} when the policy does not allow that (audited)
     */
    List<QuarantinedRow> quarantine(Context ctx, String channel, Optional<String> purpose, DataProducts products,
            TableId product, Optional<String> run, int limit) {
        TableId quarantine = QuarantineTable.of(product);
        try {
            requireWholeTable(ctx, channel, purpose, quarantine, "browse the quarantine of " + product);
        } catch (NorthstarException e) {
            if (e.code() == ErrorCode.TABLE_NOT_FOUND) {
                return List.of(); // nothing was ever quarantined
            }
            throw e;
        }
        List<QuarantinedRow> rows = products.quarantine(product, run, limit);
        AuditTrail.rows(ctx, channel, purpose, List.of(quarantine.toString()), rows.size());
        return rows;
    }

    /**
     * A declared purpose from a request parameter: blank is none.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} for a purpose longer than {@value #MAX_PURPOSE_LENGTH}
     *     characters or with control characters
     */
    static Optional<String> purpose(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String purpose = text.strip().toLowerCase(Locale.ROOT);
        if (purpose.length() > MAX_PURPOSE_LENGTH || purpose.chars().anyMatch(Character::isISOControl)) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The purpose is not valid: at most "
                    + MAX_PURPOSE_LENGTH + " characters, no control characters",
                    "Declare a purpose the table's contract allows, e.g. reporting");
        }
        return Optional.of(purpose);
    }
}
