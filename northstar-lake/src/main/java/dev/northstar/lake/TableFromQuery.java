package dev.northstar.lake;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.util.List;
import java.util.Set;

/**
 * A table created from a query.
 *
 * @param table the new table
 * @param write its first commit
 * @param inputs the tables the query read
 * @param columns the query's result columns (DuckDB types), in order: the new table's columns
 */
public record TableFromQuery(TableInfo table, WriteResult write, Set<TableId> inputs, List<QueryResult.Column> columns) {
    public TableFromQuery {
        requireNonNull(table, "table is null");
        requireNonNull(write, "write is null");
        inputs = Set.copyOf(inputs);
        columns = List.copyOf(columns);
    }
}
