package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.TableInfo;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/** Handlers of the domain and table routes: thin adapters from HTTP to {@link Lakehouse}; previews are governed. */
final class TableEndpoints {
    /** Rows of a preview unless the request says otherwise. */
    static final int DEFAULT_PREVIEW_ROWS = 50;
    /** Most rows a preview returns. */
    static final int MAX_PREVIEW_ROWS = 1_000;

    private final Lakehouse lakehouse;
    private final GovernedReads reads;

    TableEndpoints(Lakehouse lakehouse, GovernedReads reads) {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.reads = requireNonNull(reads, "reads is null");
    }

    void domains(Context ctx) {
        List<ApiBodies.Domain> domains = new ArrayList<>();
        for (String domain : lakehouse.domains()) {
            domains.add(new ApiBodies.Domain(domain, lakehouse.tables(domain).size()));
        }
        ctx.json(new ApiBodies.DomainList(domains));
    }

    void tables(Context ctx) {
        String domain = ctx.queryParam("domain");
        List<TableId> ids = domain == null || domain.isBlank() ? lakehouse.tables() : lakehouse.tables(domain);
        ctx.json(new ApiBodies.TableList(describeAll(ids).stream().map(ApiBodies.TableSummary::of).toList()));
    }

    void describe(Context ctx) {
        ctx.json(ApiBodies.TableDetail.of(lakehouse.describe(tableId(ctx))));
    }

    void history(Context ctx) {
        TableId id = tableId(ctx);
        ctx.json(new ApiBodies.SnapshotHistory(id.toString(),
                lakehouse.history(id).stream().map(ApiBodies.Snapshot::of).toList()));
    }

    void preview(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class)
                .check(value -> value >= 1 && value <= MAX_PREVIEW_ROWS, "must be between 1 and " + MAX_PREVIEW_ROWS)
                .getOrDefault(DEFAULT_PREVIEW_ROWS);
        TableId id = tableId(ctx);
        ctx.json(ApiBodies.SqlResult.of(reads.preview(ctx, AuditTrail.PREVIEW,
                GovernedReads.purpose(ctx.queryParam("purpose")), id, limit)));
        CatalogUsageRecorder.previewed(ctx, id);
    }

    /** Describes tables, skipping any dropped between listing and describing. */
    List<TableInfo> describeAll(List<TableId> ids) {
        List<TableInfo> infos = new ArrayList<>(ids.size());
        for (TableId id : ids) {
            try {
                infos.add(lakehouse.describe(id));
            } catch (NorthstarException e) {
                if (e.code() != ErrorCode.TABLE_NOT_FOUND) {
                    throw e;
                }
            }
        }
        return List.copyOf(infos);
    }

    /** The table named by the {@code domain} and {@code table} path parameters. */
    static TableId tableId(Context ctx) {
        return new TableId(ctx.pathParam("domain"), ctx.pathParam("table"));
    }
}
