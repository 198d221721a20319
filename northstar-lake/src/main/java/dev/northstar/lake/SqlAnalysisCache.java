package dev.northstar.lake;

import java.sql.Connection;

/**
 * Parses of SQL texts already analysed: DuckDB's parser is deterministic, so an identical text gets the same
 * {@link SqlAnalysis} (refusals are not kept; they are parsed, and refused, again). Saves the query path a
 * {@code json_serialize_sql} round trip and the walk of its tree, about a millisecond each, for repeated queries and
 * for the access projections of guarded tables.
 */
final class SqlAnalysisCache {
    private static final int ENTRIES = 512;
    /** Longer texts are parsed every time rather than kept. */
    private static final int LONGEST_KEPT = 16 * 1024;

    private final LruCache<String, SqlAnalysis> analyses = new LruCache<>(ENTRIES);

    /** {@link SqlAnalysis#analyse(Connection, String)}, from the cache when the same text was analysed before. */
    SqlAnalysis analyse(Connection connection, String sql) {
        if (sql.length() > LONGEST_KEPT) {
            return SqlAnalysis.analyse(connection, sql);
        }
        return analyses.get(sql).orElseGet(() -> {
            SqlAnalysis analysis = SqlAnalysis.analyse(connection, sql);
            analyses.put(sql, analysis);
            return analysis;
        });
    }
}
