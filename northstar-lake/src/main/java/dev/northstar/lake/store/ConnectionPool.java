package dev.northstar.lake.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a few idle connections for reuse. Tokens are checked on every API request, and a new PostgreSQL connection
 * costs a process fork and several milliseconds; a full pool library would be one more dependency for a store that
 * needs only this. Connections are validated before reuse, so a database restart costs no failed request.
 */
final class ConnectionPool implements ConnectionFactory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    ConnectionPool(DataSource dataSource, int maximumIdle) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.idle = new ArrayBlockingQueue<>(maximumIdle);
    }

    @Override
    public Connection openConnection() throws SQLException {
        if (closed) {
            throw new IllegalStateException("The metadata store is closed");
        }
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return connection;
            }
            discard(connection);
        }
        return dataSource.getConnection();
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        if (closed || connection.isClosed()) {
            connection.close();
            return;
        }
        try {
            // Jdbi ends its transactions, but a connection must never carry an open one to its next user.
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            discard(connection);
            throw e;
        }
        if (!idle.offer(connection)) {
            connection.close();
        } else if (closed) {
            // close() ran between the check above and the offer: it may have missed this connection.
            closeIdle();
        }
    }

    /** Closes the idle connections; connections in use are closed when they are returned. */
    @Override
    public void close() throws SQLException {
        closed = true;
        closeIdle();
    }

    private void closeIdle() throws SQLException {
        SQLException failure = null;
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            try {
                connection.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes a connection already known to be broken; failing to close it again changes nothing. */
    private static void discard(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a broken metadata database connection failed", e);
        }
    }
}
