package dev.northstar.lake.store;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;

/**
 * The metadata database: its connections, and the one place where database failures become
 * {@link NorthstarException}s ({@code UNAVAILABLE} when the database cannot be reached or stays locked,
 * {@code INTERNAL} otherwise), with the URL masked and a hint.
 */
public final class MetadataDatabase implements AutoCloseable {
    /**
     * How long a SQLite writer waits for the lock. The Iceberg catalog and other processes commit to the same file;
     * their transactions last milliseconds, so waiting seconds means something is stuck.
     */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;
    private static final int MAXIMUM_IDLE_CONNECTIONS = 8;

    private final DatabaseLocation location;
    private final DataSource dataSource;
    private final ConnectionPool pool;
    private final Jdbi jdbi;
    private volatile boolean closed;

    private MetadataDatabase(DatabaseLocation location, DataSource dataSource) {
        this.location = requireNonNull(location, "location is null");
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.pool = new ConnectionPool(dataSource, MAXIMUM_IDLE_CONNECTIONS);
        this.jdbi = Jdbi.create(pool);
    }

    /**
     * Connects, failing fast with {@code UNAVAILABLE} when the database cannot be reached.
     *
     * @throws NorthstarException {@code INVALID_CONFIGURATION} for an unsupported URL, {@code UNAVAILABLE} when
     *     the database cannot be reached
     */
    static MetadataDatabase connect(DatabaseLocation location) {
        location.createSqliteDirectories();
        MetadataDatabase database = new MetadataDatabase(location, dataSource(location));
        // Any failure to connect (refused, unknown host, bad credentials, unwritable file) is UNAVAILABLE: the fix
        // is in the environment or the configuration, not in the request.
        try {
            Connection connection = database.pool.openConnection();
            database.pool.closeConnection(connection);
        } catch (SQLException e) {
            throw database.unavailable("connect", e);
        }
        return database;
    }

    private static DataSource dataSource(DatabaseLocation location) {
        if (location.isSqlite()) {
            SQLiteConfig config = new SQLiteConfig();
            // WAL lets readers proceed while the Iceberg catalog or another process writes; it is a property of the
            // file, so setting it here also serves the catalog's connections.
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // Without a busy timeout a second writer fails at once with SQLITE_BUSY instead of waiting its turn.
            config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
            // A transaction that reads then writes would otherwise fail, not wait, if another writer got in between.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource dataSource = new SQLiteDataSource(config);
            dataSource.setUrl(location.jdbcUrl());
            return dataSource;
        }
        if (location.isPostgresql()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            // setURL keeps properties set before it, so it comes first: the URL's parameters (currentSchema, sslmode,
            // connectTimeout...) then stand unless catalog.user and catalog.password say otherwise.
            try {
                dataSource.setURL(location.jdbcUrl());
            } catch (IllegalArgumentException e) {
                // The driver's message repeats the URL, password included: only the masked URL goes out.
                throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                        "catalog.jdbc-url '" + location.maskedUrl() + "' is not a valid PostgreSQL JDBC URL",
                        "Use jdbc:postgresql://<host>:<port>/<database>[?parameters]", null);
            }
            Properties urlProperties = Driver.parseURL(location.jdbcUrl(), null);
            if (urlProperties != null && !urlProperties.containsKey(PGProperty.APPLICATION_NAME.getName())) {
                // Names our sessions in pg_stat_activity, apart from the Iceberg catalog's.
                dataSource.setApplicationName("northstar-metadata");
            }
            location.user().ifPresent(dataSource::setUser);
            location.password().ifPresent(dataSource::setPassword);
            return dataSource;
        }
        throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                "catalog.jdbc-url '" + location.maskedUrl() + "' is not supported by the metadata store",
                "Use jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>");
    }

    DatabaseLocation location() {
        return location;
    }

    /** Fresh, unpooled connections, for Flyway, which closes what it opens. */
    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs work on a pooled connection; {@code action} completes the sentence "Failed to ..." in error messages.
     * Other modules keep their metadata (contracts, quality history, lineage...) through this, in tables created by
     * their own Flyway migrations under {@code db/migration} (one version number per migration across all modules).
     */
    public <T> T call(String action, HandleCallback<T, SQLException> work) {
        if (closed) {
            throw new IllegalStateException("The metadata store on " + location.maskedUrl() + " is closed");
        }
        try {
            return jdbi.withHandle(work);
        } catch (SQLException | JdbiException e) {
            throw failure(action, e);
        }
    }

    /** Translates a failure of the database (SQLException, Jdbi or Flyway exception) into a NorthstarException. */
    NorthstarException failure(String action, Exception exception) {
        SQLException sqlException = sqlCause(exception);
        if (sqlException != null && isUnavailable(sqlException)) {
            return unavailable(action, exception);
        }
        return new NorthstarException(ErrorCode.INTERNAL,
                "Failed to " + action + " in the metadata database " + location.maskedUrl() + ": "
                        + location.redact(exception.getMessage()),
                null, exception);
    }

    private NorthstarException unavailable(String action, Exception exception) {
        return new NorthstarException(ErrorCode.UNAVAILABLE,
                "Failed to " + action + ": the metadata database " + location.maskedUrl() + " is unavailable: "
                        + location.redact(exception.getMessage()),
                location.connectionHint(), exception);
    }

    private static SQLException sqlCause(Throwable throwable) {
        for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sqlException) {
                return sqlException;
            }
        }
        return null;
    }

    private boolean isUnavailable(SQLException exception) {
        String state = exception.getSQLState() == null ? "" : exception.getSQLState().toUpperCase(Locale.ROOT);
        // SQLSTATE class 08: connection exceptions; 57P01-57P03: server shutting down or starting; 53300: too many
        // connections. All of them go away when the server is back, which is what UNAVAILABLE tells the caller.
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
            return true;
        }
        if (location.isSqlite()) {
            // sqlite-jdbc reports extended result codes (SQLITE_BUSY_SNAPSHOT...); the low byte is the primary one.
            int primary = exception.getErrorCode() & 0xff;
            return primary == SQLiteErrorCode.SQLITE_BUSY.code
                    || primary == SQLiteErrorCode.SQLITE_LOCKED.code
                    || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code;
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        try {
            pool.close();
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL,
                    "Failed to close connections to the metadata database " + location.maskedUrl() + ": "
                            + location.redact(e.getMessage()),
                    null, e);
        }
    }
}
