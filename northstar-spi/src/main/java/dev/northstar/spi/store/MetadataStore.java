package dev.northstar.spi.store;

/**
 * Platform metadata, kept in the same database as the Iceberg catalog (SQLite embedded, PostgreSQL at scale) and
 * versioned by migrations. Every implementation passes the same contract-test suite.
 */
public interface MetadataStore extends AutoCloseable {
    TokenStore tokens();

    RunStore runs();

    /** Version of the newest migration applied, e.g. {@code "1"}. */
    String schemaVersion();

    @Override
    void close();
}
