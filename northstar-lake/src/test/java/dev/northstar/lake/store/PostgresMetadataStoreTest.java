package dev.northstar.lake.store;

import static org.junit.jupiter.api.Assertions.fail;

import dev.northstar.lake.LakeConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The metadata store contract on PostgreSQL at {@value #SERVER_URL}, user {@value #USER} (trust authentication).
 * Each database is a fresh schema, dropped after the test, so runs never see each other's rows.
 *
 * <p>Without a reachable server the tests are skipped with a notice on standard error, or fail when the environment
 * variable {@code CI} is {@code true}: CI must not pass by skipping.
 */
class PostgresMetadataStoreTest extends MetadataStoreContractTest {
    static final String HOST_AND_PORT = "127.0.0.1:5432";
    static final String SERVER_URL = "jdbc:postgresql://" + HOST_AND_PORT + "/test";
    static final String USER = "postgres";

    /** Why the server cannot be used, or null when it can; checked once per class. */
    private static String unreachable;

    private final List<String> schemas = new ArrayList<>();

    @BeforeAll
    static void requirePostgresql() {
        try (Connection connection = connectToServer()) {
            unreachable = connection.isValid(5) ? null : "the connection is not valid";
        } catch (SQLException e) {
            unreachable = e.getMessage();
        }
        if (unreachable == null) {
            return;
        }
        String notice = "PostgreSQL at " + HOST_AND_PORT + " unreachable (" + unreachable
                + "): PostgresMetadataStoreTest needs database 'test' with trust authentication for user '" + USER
                + "'; start it, e.g. `docker run -d -p 5432:5432 -e POSTGRES_DB=test"
                + " -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15`";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("*** FAILED (CI=true): " + notice + " ***");
        }
        System.err.println("*** SKIPPED: " + notice + " ***");
    }

    private static Connection connectToServer() throws SQLException {
        return DriverManager.getConnection(SERVER_URL + "?connectTimeout=5", USER, null);
    }

    @Override
    protected LakeConfig freshDatabase() throws SQLException {
        // Aborting here, before the contract opens a store, reports every test as skipped, not as passed or broken.
        Assumptions.assumeTrue(unreachable == null,
                () -> "*** SKIPPED: PostgreSQL at " + HOST_AND_PORT + " unreachable (" + unreachable + ") ***");
        String schema = "ns_test_" + HexFormat.of().formatHex(randomBytes());
        try (Connection connection = connectToServer(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        schemas.add(schema);
        // The home only matters to SQLite; the catalog URL points at the new schema.
        return LakeConfig.embedded(Path.of(System.getProperty("java.io.tmpdir"), "northstar-postgres-test"))
                .withCatalog(SERVER_URL + "?currentSchema=" + schema, Optional.of(USER), Optional.empty());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    @Override
    protected void dropDatabases() throws SQLException {
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection connection = connectToServer(); Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        schemas.clear();
    }
}
