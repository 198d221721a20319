package dev.northstar.govern.gateway;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.policy.TableAccess;
import dev.northstar.lake.QueryResult;
import java.util.List;

/**
 * A query the gateway ran: its rows, and the access decision applied to each table it read (for the audit log).
 *
 * @param result the rows the principal may see
 * @param decisions one per table read, in the order the query names them
 */
public record GovernedQuery(QueryResult result, List<TableAccess> decisions) {
    public GovernedQuery {
        requireNonNull(result, "result is null");
        decisions = List.copyOf(decisions);
    }
}
