package dev.northstar.spi.store;

/**
 * Platform metadata, kept in the same database as the Iceberg catalog (SQLite embedded, PostgreSQL at scale) and
 * versioned by migrations, so that one backup holds the tables and everything known about them. Every
 * implementation passes the same contract-test suite.
 *
 * <p>Implementations are thread-safe. Every method may throw a {@link dev.northstar.spi.error.NorthstarException}
 * with {@link dev.northstar.spi.error.ErrorCode#UNAVAILABLE} when the database cannot be reached (or stays locked
 * by another writer) and {@link dev.northstar.spi.error.ErrorCode#INTERNAL} for any other database failure. Times
 * are kept with millisecond precision.
 */
public interface MetadataStore extends AutoCloseable {
    /** API tokens, hashed at rest. */
    TokenStore tokens();

    /** History of job runs. */
    RunStore runs();

    /** Version of the newest migration applied, e.g. {@code "1"}. */
    String schemaVersion();

    /** Releases the database connections; the store cannot be used afterwards. */
    @Override
    void close();
}
