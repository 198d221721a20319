package dev.northstar.lake;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL server tests run against ({@value #HOST_AND_PORT}, database {@code test}, user
 * {@value #USER}, trust authentication), with one fresh schema per use so runs never see each other's rows.
 *
 * <p>When the server is unreachable a test is skipped with a loud notice on standard error, or fails when the
 * environment variable {@code CI} is {@code true}: CI must not pass by skipping.
 */
public final class LocalPostgres {
    public static final String HOST_AND_PORT = "127.0.0.1:5432";
    public static final String SERVER_URL = "jdbc:postgresql://" + HOST_AND_PORT + "/test";
    public static final String USER = "postgres";

    private LocalPostgres() {}

    /** Skips (or, on CI, fails) the calling test when the server cannot be reached. */
    public static void require(String testName) {
        String unreachable;
        try (Connection connection = connect()) {
            unreachable = connection.isValid(5) ? null : "the connection is not valid";
        } catch (SQLException e) {
            unreachable = e.getMessage();
        }
        if (unreachable == null) {
            return;
        }
        String notice = "PostgreSQL at " + HOST_AND_PORT + " unreachable (" + unreachable + "): " + testName
                + " needs database 'test' with trust authentication for user '" + USER + "'";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("*** FAILED (CI=true): " + notice + " ***");
        }
        System.err.println("*** SKIPPED: " + notice + " ***");
        Assumptions.abort(notice);
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER_URL + "?connectTimeout=5", USER, null);
    }

    /** Creates a schema with a random name and returns it. */
    public static String createSchema() throws SQLException {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        String schema = "ns_test_" + HexFormat.of().formatHex(bytes);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return schema;
    }

    public static void dropSchema(String schema) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /**
     * The fresh schemas one test class creates, dropped together: {@link #fresh} skips (or fails on CI) without a
     * server, then returns a configuration whose catalog lives in a new schema.
     */
    public static final class Schemas {
        private final String testName;
        private final java.util.List<String> created = new java.util.ArrayList<>();

        public Schemas(String testName) {
            this.testName = testName;
        }

        public LakeConfig fresh(LakeConfig base) throws SQLException {
            require(testName);
            String schema = createSchema();
            created.add(schema);
            return config(base, schema);
        }

        public void dropAll() throws SQLException {
            for (String schema : created) {
                dropSchema(schema);
            }
            created.clear();
        }
    }

    /** A lake configuration whose catalog lives in {@code schema} of the local server. */
    public static LakeConfig config(LakeConfig base, String schema) {
        return base.withCatalog(SERVER_URL + "?currentSchema=" + schema, Optional.of(USER), Optional.empty());
    }
}
