package dev.northstar.lake.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How opening the store fails: each failure has its code, names the database (password masked) and the fix. */
class JdbcMetadataStoreTest {
    @TempDir
    Path temporaryDirectory;

    @Test
    void unreachablePostgresqlIsUnavailableAndMasksPasswords() {
        // Nothing listens on port 1, so the connection is refused at once.
        LakeConfig config = LakeConfig.embedded(temporaryDirectory).withCatalog(
                "jdbc:postgresql://127.0.0.1:1/test?password=hunter2&connectTimeout=2",
                Optional.of("postgres"), Optional.of("s3cret"));

        assertThatThrownBy(() -> JdbcMetadataStore.open(config))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.hint()).contains("catalog.jdbc-url", "NORTHSTAR_CATALOG_JDBC_URL",
                            "NORTHSTAR_CATALOG_PASSWORD");
                    assertThat(e.hint()).doesNotContain("hunter2", "s3cret");
                })
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/test?password=***&connectTimeout=2")
                .hasMessageContaining("unavailable")
                .message().doesNotContain("hunter2").doesNotContain("s3cret");
    }

    @Test
    void sqliteDirectoryThatCannotBeCreatedIsUnavailable() throws Exception {
        Path file = Files.createFile(temporaryDirectory.resolve("not-a-directory"));
        LakeConfig config = LakeConfig.embedded(file.resolve("home"));

        assertThatThrownBy(() -> JdbcMetadataStore.open(config))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.hint()).contains("catalog.jdbc-url");
                })
                .hasMessageContaining("Cannot create the directory " + file.resolve("home"))
                .hasMessageContaining(config.catalogJdbcUrl());
    }

    @Test
    void inMemorySqliteIsRejected() {
        LakeConfig config = LakeConfig.embedded(temporaryDirectory)
                .withCatalog("jdbc:sqlite::memory:", Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> JdbcMetadataStore.open(config))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.hint()).contains("jdbc:sqlite:<file>");
                })
                .hasMessageContaining("in-memory");
    }

    @Test
    void malformedPostgresqlUrlIsInvalidConfigurationAndMasksPasswords() {
        LakeConfig config = LakeConfig.embedded(temporaryDirectory).withCatalog(
                "jdbc:postgresql://db:notaport/lake?password=hunter2", Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> JdbcMetadataStore.open(config))
                .isInstanceOfSatisfying(NorthstarException.class, e ->
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessage("catalog.jdbc-url 'jdbc:postgresql://db:notaport/lake?password=***' is not a valid"
                        + " PostgreSQL JDBC URL");
    }

    @Test
    void failedMigrationIsInternalAndNamesTheDatabase() throws Exception {
        LakeConfig config = LakeConfig.embedded(temporaryDirectory);
        try (Connection connection = DriverManager.getConnection(config.catalogJdbcUrl());
                Statement statement = connection.createStatement()) {
            // A table in the way of migration 1, as if someone had created it by hand.
            statement.execute("CREATE TABLE ns_runs (id TEXT)");
        }

        assertThatThrownBy(() -> JdbcMetadataStore.open(config))
                .isInstanceOfSatisfying(NorthstarException.class, e ->
                        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageContaining("Failed to migrate the metadata schema in the metadata database "
                        + config.catalogJdbcUrl())
                .hasMessageContaining("ns_runs");
    }

    @Test
    void toStringShowsTheMaskedUrlAndVersion() {
        LakeConfig config = LakeConfig.embedded(temporaryDirectory);
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            assertThat(store).hasToString(
                    "JdbcMetadataStore[jdbcUrl=" + config.catalogJdbcUrl() + ", schemaVersion=1]");
        }
    }

    @Test
    void passwordsAreMaskedInUrls() {
        assertThat(DatabaseLocation.mask("jdbc:postgresql://db:5432/lake?user=ns&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/lake?user=ns&password=***&ssl=true");
        assertThat(DatabaseLocation.mask("jdbc:postgresql://db/lake?PASSWORD=secret"))
                .isEqualTo("jdbc:postgresql://db/lake?PASSWORD=***");
        assertThat(DatabaseLocation.mask("jdbc:postgresql://ns:secret@db:5432/lake"))
                .isEqualTo("jdbc:postgresql://ns:***@db:5432/lake");
        assertThat(DatabaseLocation.mask("jdbc:postgresql://db:5432/lake")).isEqualTo("jdbc:postgresql://db:5432/lake");
        assertThat(new DatabaseLocation("jdbc:postgresql://db/lake", Optional.of("ns"), Optional.of("secret")))
                .asString().doesNotContain("secret").contains("password=***");
        assertThat(new DatabaseLocation("jdbc:postgresql://db/lake", Optional.of("ns"), Optional.of("pa55word"))
                .redact("FATAL: password pa55word rejected for jdbc:postgresql://db/lake?password=pa55word"))
                .isEqualTo("FATAL: password *** rejected for jdbc:postgresql://db/lake?password=***");
    }

    @Test
    void sqliteFileIsReadFromTheUrl() {
        assertThat(new DatabaseLocation("jdbc:sqlite:/data/northstar.db?journal_mode=WAL", Optional.empty(),
                Optional.empty()).sqliteFile()).contains(Path.of("/data/northstar.db"));
        assertThat(new DatabaseLocation("jdbc:sqlite:file:///data/northstar.db", Optional.empty(),
                Optional.empty()).sqliteFile()).contains(Path.of("/data/northstar.db"));
        assertThat(new DatabaseLocation("jdbc:postgresql://db/lake", Optional.empty(), Optional.empty())
                .sqliteFile()).isEmpty();
    }
}
