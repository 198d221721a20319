package dev.northstar.lake.store;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.LakeConfig;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.store.MetadataStore;
import dev.northstar.spi.store.RunStore;
import dev.northstar.spi.store.TokenStore;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The platform metadata store on the catalog database of {@link LakeConfig#catalogJdbcUrl()}: the SQLite file the
 * Iceberg JdbcCatalog uses in embedded mode, or PostgreSQL at scale. Opening it applies the pending Flyway
 * migrations of {@code db/migration}, recorded in the {@value #SCHEMA_HISTORY_TABLE} table; all its tables are
 * prefixed {@code ns_} so they never meet the catalog's {@code iceberg_*} tables.
 *
 * <p>Thread-safe; each call takes a connection from a small pool. On SQLite, connections use WAL and wait up to ten
 * seconds for the write lock, because catalog commits and other processes write the same file.
 *
 * <p>Migrations are portable SQL (the common subset of SQLite and PostgreSQL). A later module adds its tables as the
 * next version in the same location, so one schema history describes the whole platform database.
 */
public final class JdbcMetadataStore implements MetadataStore {
    /** Flyway's record of applied migrations. */
    public static final String SCHEMA_HISTORY_TABLE = "ns_schema_history";
    /** Classpath location of the migrations; they are portable SQL, so one location serves every database. */
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

    private final MetadataDatabase database;
    private final JdbcTokenStore tokens;
    private final JdbcRunStore runs;
    private final String schemaVersion;

    private JdbcMetadataStore(MetadataDatabase database, Clock clock, String schemaVersion) {
        this.database = database;
        this.tokens = new JdbcTokenStore(database, clock);
        this.runs = new JdbcRunStore(database);
        this.schemaVersion = schemaVersion;
    }

    /**
     * Connects to the catalog database and migrates it, creating the SQLite file and its directories if missing.
     *
     * @throws NorthstarException {@code UNAVAILABLE} when the database cannot be reached (the message names the URL,
     *     passwords masked, and the hint the settings to fix), {@code INVALID_CONFIGURATION} for an in-memory SQLite
     *     URL, {@code INTERNAL} when a migration fails
     */
    public static JdbcMetadataStore open(LakeConfig config) {
        return open(config, Clock.systemUTC());
    }

    /** Like {@link #open(LakeConfig)}, with the clock that stamps tokens and decides their expiry (tests). */
    public static JdbcMetadataStore open(LakeConfig config, Clock clock) {
        requireNonNull(config, "config is null");
        requireNonNull(clock, "clock is null");
        MetadataDatabase database = MetadataDatabase.connect(DatabaseLocation.of(config));
        try {
            return new JdbcMetadataStore(database, clock, migrate(database));
        } catch (RuntimeException e) {
            try {
                database.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** Applies pending migrations and returns the version of the newest one applied. */
    private static String migrate(MetadataDatabase database) {
        Flyway flyway = Flyway.configure(JdbcMetadataStore.class.getClassLoader())
                .dataSource(database.dataSource())
                .locations(MIGRATIONS_LOCATION)
                .table(SCHEMA_HISTORY_TABLE)
                // The database is rarely empty: the Iceberg catalog may have created its tables first. Baseline at
                // version 0 so that migration 1 and later still run instead of Flyway refusing a non-empty schema.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("before Northstar metadata")
                // clean would drop every table of the schema, the Iceberg catalog's included.
                .cleanDisabled(true)
                // Modules bring their own migrations (contracts, quality, lineage...): a process built with fewer
                // modules must still open a database migrated by the full distribution, and a module added later
                // must still apply a migration numbered below ones already applied.
                .ignoreMigrationPatterns("*:missing")
                .outOfOrder(true)
                .load();
        try {
            flyway.migrate();
            MigrationInfo current = flyway.info().current();
            if (current == null || current.getVersion() == null) {
                throw new NorthstarException(ErrorCode.INTERNAL,
                        "No migration was found in " + MIGRATIONS_LOCATION + " for the metadata database "
                                + database.location().maskedUrl(),
                        "The northstar-lake jar is incomplete: rebuild it with its resources");
            }
            return current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw database.failure("migrate the metadata schema", e);
        }
    }

    /** The database, for modules that keep their own metadata tables (see {@link MetadataDatabase#call}). */
    public MetadataDatabase database() {
        return database;
    }

    @Override
    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public RunStore runs() {
        return runs;
    }

    @Override
    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "JdbcMetadataStore[jdbcUrl=" + database.location().maskedUrl() + ", schemaVersion=" + schemaVersion
                + "]";
    }
}
