package dev.northstar.govern.gateway;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.policy.TableAccess;
import dev.northstar.lake.TableFromQuery;
import java.util.List;

/**
 * A table the gateway created from a query ({@code CREATE TABLE AS}) in the principal's own domain.
 *
 * @param table the new table and its first commit
 * @param decisions the access decision applied to each table the query read
 */
public record GovernedTable(TableFromQuery table, List<TableAccess> decisions) {
    public GovernedTable {
        requireNonNull(table, "table is null");
        decisions = List.copyOf(decisions);
    }
}
