package dev.northstar.ingest.plan;

import dev.northstar.spi.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Privacy by design at collection: rewrites the protected columns of the rows bound for a product (pseudonymised,
 * encrypted, dropped or generalised, as its contract says) in the ingestion's DuckDB session, after validation and
 * before the rows are staged, so the product table never holds them in clear. Implemented by the governance module
 * ({@code dev.northstar.govern.privacy.CollectionProtection}); {@link #NONE} leaves rows as they are.
 */
@FunctionalInterface
public interface RowProtection {
    /** Protects nothing. */
    RowProtection NONE = (connection, table, product, validCondition) -> { };

    /**
     * Rewrites, in place, the rows of the DuckDB table {@code table} that match {@code validCondition} (those that go
     * to {@code product}).
     */
    void protect(Connection connection, String table, TableId product, String validCondition) throws SQLException;
}
