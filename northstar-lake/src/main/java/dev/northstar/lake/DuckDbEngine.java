package dev.northstar.lake;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The in-process DuckDB database the lakehouse computes with. One database per {@link Lakehouse}; each operation
 * works on its own connection (DuckDB connections are not thread-safe), and uses a fresh statement per query since
 * the JDBC driver closes a statement after an error.
 */
final class DuckDbEngine implements AutoCloseable {
    private final DuckDBConnection root;

    /**
     * A DuckDB database.
     *
     * @param config threads, memory limit and directories
     * @param sandboxed whether the database may touch only the warehouse: used for user queries. DuckDB then denies
     *     every file outside the warehouse, external access (extensions, network, {@code getenv}) and any later
     *     configuration change. Writes, which read source files from anywhere, use an unsandboxed database.
     */
    DuckDbEngine(LakeConfig config, boolean sandboxed) {
        try {
            Properties properties = new Properties();
            properties.setProperty("threads", Integer.toString(config.duckdbThreads()));
            config.duckdbMemoryLimit().ifPresent(limit -> properties.setProperty("memory_limit", limit));
            // DuckDB writes spill files here; keep them inside the data directory.
            properties.setProperty("temp_directory", config.home().resolve("tmp").resolve("duckdb").toString());
            this.root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
            if (sandboxed) {
                execute(root, "SET allowed_directories = [" + TypeMapping.literal(config.warehouse().toString()) + "]");
                execute(root, "SET enable_external_access = false");
                // Data files are immutable (a commit adds new ones), so their footers can be kept between queries;
                // DuckDB still re-reads a footer when the file's modification time changes.
                execute(root, "SET parquet_metadata_cache = true");
                execute(root, "SET lock_configuration = true");
            }
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot start DuckDB: " + e.getMessage(), null, e);
        }
    }

    /** A new connection to the shared database; close it after use. */
    Connection connection() {
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot open a DuckDB connection: " + e.getMessage(),
                    null, e);
        }
    }

    /** Runs a statement on a connection with a fresh JDBC statement. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs a query and returns all rows as lists of objects. */
    static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Runs a query returning one value. */
    static Object scalar(Connection connection, String sql) throws SQLException {
        List<List<Object>> rows = rows(connection, sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    /**
     * Turns a DuckDB error into a Northstar error: parser, binder and catalog errors are the user's SQL
     * ({@code INVALID_SQL}, DuckDB's message keeps the position), conversion errors are bad data.
     */
    static NorthstarException translate(SQLException e, String context) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        ErrorCode code;
        String hint = null;
        if (message.startsWith("Parser Error") || message.startsWith("Binder Error")
                || message.startsWith("Catalog Error") || message.startsWith("Syntax Error")) {
            code = ErrorCode.INVALID_SQL;
            hint = "Fix the SQL at the position shown; tables are named domain.table";
        } else if (message.startsWith("Conversion Error") || message.startsWith("Invalid Input Error")) {
            code = ErrorCode.INVALID_DATA;
        } else if (message.startsWith("IO Error") && message.contains("No files found")) {
            code = ErrorCode.FILE_NOT_FOUND;
        } else if (message.startsWith("Out of Memory Error")) {
            code = ErrorCode.UNAVAILABLE;
            hint = "Raise lake.duckdb-memory-limit or reduce the query's working set";
        } else {
            code = ErrorCode.INTERNAL;
        }
        return new NorthstarException(code, context + ": " + message, hint, e);
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot close DuckDB: " + e.getMessage(), null, e);
        }
    }
}
