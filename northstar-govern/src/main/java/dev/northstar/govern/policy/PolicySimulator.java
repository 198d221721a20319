package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.TableInfo;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.util.Optional;

/** Answers "what would this principal see of this table for this purpose, and why" over the table's real columns. */
public final class PolicySimulator {
    private final Lakehouse lakehouse;
    private final PolicyEngine engine;

    public PolicySimulator(Lakehouse lakehouse, PolicyEngine engine) {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.engine = requireNonNull(engine, "engine is null");
    }

    /**
     * The decision for every column of the table.
     *
     * @throws dev.northstar.spi.error.NorthstarException {@code TABLE_NOT_FOUND} for an unknown table
     */
    public Decision simulate(Principal principal, Optional<String> purpose, TableId table) {
        requireNonNull(table, "table is null");
        TableInfo info = lakehouse.describe(table);
        return engine.decide(principal, purpose, table,
                info.columns().stream().map(TableInfo.ColumnInfo::name).toList());
    }
}
