package dev.northstar.ml;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.spi.security.Principal;
import java.util.Optional;

/**
 * Where training reads its rows: the governed gateway on behalf of the principal who trains (so access policies,
 * masks and row filters apply to training as to any read), or the lake directly for trusted platform code.
 */
@FunctionalInterface
public interface TrainingSource {
    /** Runs a query; the result's {@link QueryResult#snapshots()} tells which snapshot of each table was read. */
    QueryResult read(String sql, QueryOptions options);

    /** Reads through the gateway as {@code principal}, for {@code purpose}. */
    static TrainingSource governed(SqlGateway gateway, Principal principal, Optional<String> purpose) {
        requireNonNull(gateway, "gateway is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(purpose, "purpose is null");
        return (sql, options) -> gateway.query(principal, purpose, sql, options).result();
    }

    /** Reads the lake without policies: platform code and tests only. */
    static TrainingSource unrestricted(Lakehouse lake) {
        requireNonNull(lake, "lake is null");
        return lake::query;
    }
}
