package dev.northstar.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * DuckDB's own parse tree of a SQL text ({@code json_serialize_sql}), for the platform's checks of user-written SQL
 * pieces — row filters, feature expressions, queries whose column lineage is derived. Parsing only: nothing runs.
 */
public final class SqlParseTree {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlParseTree() {}

    /**
     * The tree of {@code sql}.
     *
     * @throws SQLException when DuckDB cannot serialise it (the caller words the error for its users)
     * @throws NorthstarException {@code INTERNAL} when the tree is not readable JSON
     */
    public static JsonNode of(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement statement = connection.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            statement.setString(1, sql);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return JSON.readTree(result.getString(1));
            }
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot read DuckDB's parse tree: " + e.getMessage(),
                    null, e);
        }
    }
}
