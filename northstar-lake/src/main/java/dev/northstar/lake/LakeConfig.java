package dev.northstar.lake;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.config.Settings;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Typed configuration of the lakehouse.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code catalog.jdbc-url}</td><td>{@code jdbc:sqlite:<home>/northstar.db}</td><td>catalog and metadata
 * database (SQLite or PostgreSQL)</td></tr>
 * <tr><td>{@code catalog.user}, {@code catalog.password}</td><td>none</td><td>database credentials</td></tr>
 * <tr><td>{@code warehouse.path}</td><td>{@code <home>/warehouse}</td><td>where data and metadata files go</td></tr>
 * <tr><td>{@code lake.target-file-size}</td><td>{@code 128MB}</td><td>target size of written data files</td></tr>
 * <tr><td>{@code lake.commit-retries}</td><td>{@code 20}</td><td>retries of a commit that lost a race</td></tr>
 * <tr><td>{@code lake.duckdb-threads}</td><td>available processors</td><td>DuckDB worker threads</td></tr>
 * <tr><td>{@code lake.duckdb-memory-limit}</td><td>DuckDB's default (80% of RAM)</td><td>e.g. {@code 4GB}</td></tr>
 * </table>
 *
 * @param home data directory
 * @param catalogJdbcUrl JDBC URL of the catalog database
 * @param catalogUser database user, if any
 * @param catalogPassword database password, if any (never logged)
 * @param warehouse warehouse directory
 * @param targetFileSizeBytes target data file size
 * @param commitRetries commit retries
 * @param duckdbThreads DuckDB threads
 * @param duckdbMemoryLimit DuckDB memory limit, e.g. {@code 4GB}, if set
 */
public record LakeConfig(
        Path home,
        String catalogJdbcUrl,
        Optional<String> catalogUser,
        Optional<String> catalogPassword,
        Path warehouse,
        long targetFileSizeBytes,
        int commitRetries,
        int duckdbThreads,
        Optional<String> duckdbMemoryLimit) {

    public LakeConfig {
        requireNonNull(home, "home is null");
        requireNonNull(catalogJdbcUrl, "catalogJdbcUrl is null");
        requireNonNull(catalogUser, "catalogUser is null");
        requireNonNull(catalogPassword, "catalogPassword is null");
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(duckdbMemoryLimit, "duckdbMemoryLimit is null");
        home = home.toAbsolutePath().normalize();
        warehouse = warehouse.toAbsolutePath().normalize();
        NorthstarException.checkArgument(catalogJdbcUrl.startsWith("jdbc:sqlite:")
                        || catalogJdbcUrl.startsWith("jdbc:postgresql:"),
                "catalog.jdbc-url '%s' is not supported: use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB",
                catalogJdbcUrl);
        NorthstarException.checkArgument(targetFileSizeBytes >= 1024 * 1024,
                "lake.target-file-size must be at least 1MB, got %d bytes", targetFileSizeBytes);
        NorthstarException.checkArgument(commitRetries >= 0, "lake.commit-retries must be >= 0");
        NorthstarException.checkArgument(duckdbThreads >= 1, "lake.duckdb-threads must be >= 1");
    }

    /** Embedded defaults: SQLite catalog and warehouse inside {@code home}. */
    public static LakeConfig embedded(Path home) {
        return from(Settings.of(home, java.util.Map.of()));
    }

    /** Reads the {@code catalog.*}, {@code warehouse.*} and {@code lake.*} keys. */
    public static LakeConfig from(Settings settings) {
        Path home = settings.home();
        return new LakeConfig(
                home,
                settings.string("catalog.jdbc-url", "jdbc:sqlite:" + home.resolve("northstar.db")),
                settings.value("catalog.user"),
                settings.value("catalog.password"),
                Path.of(settings.string("warehouse.path", home.resolve("warehouse").toString())),
                settings.bytes("lake.target-file-size", 128L * 1024 * 1024),
                settings.integer("lake.commit-retries", 20),
                settings.integer("lake.duckdb-threads", Runtime.getRuntime().availableProcessors()),
                settings.value("lake.duckdb-memory-limit"));
    }

    public boolean isSqlite() {
        return catalogJdbcUrl.startsWith("jdbc:sqlite:");
    }

    public LakeConfig withTargetFileSizeBytes(long bytes) {
        return new LakeConfig(home, catalogJdbcUrl, catalogUser, catalogPassword, warehouse, bytes, commitRetries,
                duckdbThreads, duckdbMemoryLimit);
    }

    public LakeConfig withCatalog(String jdbcUrl, Optional<String> user, Optional<String> password) {
        return new LakeConfig(home, jdbcUrl, user, password, warehouse, targetFileSizeBytes, commitRetries,
                duckdbThreads, duckdbMemoryLimit);
    }

    @Override
    public String toString() {
        return "LakeConfig[home=" + home + ", catalogJdbcUrl=" + IcebergLakehouse.maskedUrl(catalogJdbcUrl)
                + ", warehouse=" + warehouse
                + ", targetFileSizeBytes=" + targetFileSizeBytes + ", commitRetries=" + commitRetries + "]";
    }
}
