package dev.northstar.lake;

import dev.northstar.spi.schema.TableId;
import java.util.List;

/**
 * Decides, per query, what each table it reads looks like: the lake builds the query's per-query view of the table
 * (the only name under which the query can reach it, whether through CTEs, subqueries, joins or time travel) from the
 * projection the guard returns. The governed SQL gateway implements it from access policies.
 */
public interface TableGuard {
    /**
     * The projection a query sees of a table, or an exception refusing the table.
     *
     * @param table the table read
     * @param columns its columns at the snapshot read, with their DuckDB types
     * @throws dev.northstar.spi.error.NorthstarException {@code FORBIDDEN} when the table may not be read
     */
    TableProjection project(TableId table, List<QueryResult.Column> columns);

    /**
     * The key of {@link TableProjection.ProjectedColumn#keyedHash() keyed hashes} (HMAC-SHA256). It never appears in
     * SQL the query can see: the lake keeps it in a catalog user SQL cannot name.
     */
    byte[] hashKey();
}
