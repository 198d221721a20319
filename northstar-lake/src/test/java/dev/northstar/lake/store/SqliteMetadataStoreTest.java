package dev.northstar.lake.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.lake.LakeConfig;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.IssuedToken;
import dev.northstar.spi.store.MetadataStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata store contract on an embedded SQLite file, plus what only SQLite has: WAL, the file, the catalog. */
class SqliteMetadataStoreTest extends MetadataStoreContractTest {
    @TempDir
    Path temporaryDirectory;

    private int databases;

    /** The embedded default: {@code <home>/northstar.db}, the file not created yet. */
    @Override
    protected LakeConfig freshDatabase() throws IOException {
        databases++;
        return LakeConfig.embedded(Files.createDirectories(temporaryDirectory.resolve("home-" + databases)));
    }

    @Override
    protected void dropDatabases() {
        // @TempDir deletes the files.
    }

    @Test
    void createsTheDataDirectoryAndTheDatabaseFile() {
        LakeConfig config = LakeConfig.embedded(temporaryDirectory.resolve("missing").resolve("home"));
        assertThat(config.home()).doesNotExist();

        open(config);

        assertThat(config.home().resolve("northstar.db")).isRegularFile();
    }

    @Test
    void databaseIsInWriteAheadLogMode() throws Exception {
        LakeConfig config = freshDatabase();
        open(config);

        try (Connection connection = connectDirectly(config);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void sharesTheFileWithTheIcebergJdbcCatalog() throws Exception {
        LakeConfig config = freshDatabase();
        Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
        try (JdbcCatalog catalog = new JdbcCatalog()) {
            // The catalog comes first, as in a data directory that predates the metadata store.
            catalog.initialize("northstar", Map.of(
                    CatalogProperties.URI, config.catalogJdbcUrl(),
                    CatalogProperties.WAREHOUSE_LOCATION, config.warehouse().toUri().toString(),
                    CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.inmemory.InMemoryFileIO",
                    "jdbc.schema-version", "V1"));
            catalog.createNamespace(Namespace.of("retail"));
            catalog.createTable(TableIdentifier.of("retail", "orders"), schema);

            MetadataStore store = open(config);
            IssuedToken issued = store.tokens().create(Principal.of("alice", "admin"), Optional.empty());
            catalog.createTable(TableIdentifier.of("retail", "customers"), schema);

            assertThat(catalog.listTables(Namespace.of("retail")))
                    .containsExactlyInAnyOrder(TableIdentifier.of("retail", "orders"),
                            TableIdentifier.of("retail", "customers"));
            assertThat(store.tokens().authenticate(issued.secret())).isPresent();
            assertThat(store.schemaVersion()).isEqualTo("1");
        }
    }
}
