package dev.northstar.lake;

import static dev.northstar.lake.TypeMapping.quote;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The body of a guarded table's per-query view: the table's files read through a {@link TableProjection}, so the
 * masked and filtered relation is the only thing the query can name the table by.
 *
 * <p>Keyed hashes are HMAC-SHA256 computed in SQL from DuckDB's {@code sha256}: the key's inner and outer pads live
 * in a table of a separate in-memory catalog attached for this query only. User SQL cannot name another catalog
 * (SqlAnalysis refuses it) nor read view definitions (system views and table functions are refused), so the key
 * never reaches the query, which therefore cannot hash values of its choosing to reverse a pseudonym.
 */
final class GuardedView {
    private static final String SOURCE = "ns_source";
    private static final String KEY_TABLE = "ns_hash_key";
    private static final int BLOCK = 64;

    private GuardedView() {}

    /** Attaches the per-query key catalog holding the HMAC pads of the key. */
    static void attachKey(Connection connection, String catalog, byte[] key) throws SQLException {
        if (key == null || key.length < 16) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "The keyed-hash key must have at least 16 bytes",
                    "Configure the gateway with a 32-byte random key");
        }
        byte[] block = new byte[BLOCK];
        byte[] material = key.length > BLOCK ? sha256(key) : key;
        System.arraycopy(material, 0, block, 0, material.length);
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            inner[i] = (byte) (block[i] ^ 0x36);
            outer[i] = (byte) (block[i] ^ 0x5c);
        }
        HexFormat hex = HexFormat.of();
        DuckDbEngine.execute(connection, "ATTACH ':memory:' AS " + catalog);
        DuckDbEngine.execute(connection, "CREATE TABLE " + catalog + ".main." + KEY_TABLE + " AS SELECT unhex('"
                + hex.formatHex(inner) + "') AS inner_pad, unhex('" + hex.formatHex(outer) + "') AS outer_pad");
    }

    /**
     * {@code SELECT <projected columns> FROM <relation> AS ns_source WHERE <row filters>}, after checking that the
     * projection's SQL reads no table and calls no table function.
     */
    static String body(Connection connection, SqlAnalysisCache analyses, TableId table, TableProjection projection,
            String relation, java.util.Optional<String> keyCatalog) {
        List<String> select = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        String visible = projection.rowFilters().isEmpty() ? ""
                : "(" + String.join(") AND (", projection.rowFilters()) + ")";
        for (TableProjection.ProjectedColumn column : projection.columns()) {
            String expression = "(" + column.expression() + ")";
            plain.add(expression + " AS " + quote(column.name()));
            if (column.keyedHash()) {
                String key = keyCatalog.orElseThrow() + ".main." + KEY_TABLE;
                expression = "CASE WHEN " + expression + " IS NULL THEN NULL ELSE sha256((SELECT outer_pad FROM "
                        + key + ") || unhex(sha256((SELECT inner_pad FROM " + key + ") || encode(CAST("
                        + expression + " AS VARCHAR))))) END";
            }
            if (!visible.isEmpty()) {
                // DuckDB may evaluate the query's own predicates before the row filter; a hidden row then shows
                // only NULLs, so a predicate that errors or counts on a value learns nothing about hidden rows.
                expression = "CASE WHEN " + visible + " THEN " + expression + " END";
            }
            select.add(expression + " AS " + quote(column.name()));
        }
        if (select.isEmpty()) {
            throw new NorthstarException(ErrorCode.FORBIDDEN, "No column of " + table + " may be read",
                    "Ask the table's owner for access to some of its columns");
        }
        String where = visible.isEmpty() ? "" : " WHERE " + visible;
        // The projection is checked like user SQL: no file, no table function, and no other table (a filter
        // reading another table would dodge that table's own policy).
        SqlAnalysis check = analyses.analyse(connection,
                "WITH " + SOURCE + " AS (SELECT 1) SELECT " + String.join(", ", plain) + " FROM " + SOURCE + where);
        if (!check.references().isEmpty()) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "The access projection of " + table
                    + " reads other tables (" + check.tables() + ")",
                    "Masks and row filters may only use the table's own columns and the subject's attributes");
        }
        return "SELECT " + String.join(", ", select) + " FROM " + relation + " AS " + SOURCE + where;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
