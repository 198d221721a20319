package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.store.MetadataStore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that run {@code northstar} commands in-process, in a fresh temporary working directory whose
 * default data directory ({@code northstar-data}) {@code northstar init} has created before each test.
 */
abstract class InitializedHomeTestBase {
    @TempDir
    Path directory;

    @BeforeEach
    void initializeHome() {
        assertThat(CliRun.run(directory, "init").exitCode()).isZero();
    }

    /** Runs one command in the working directory, with no environment variables. */
    CliRun northstar(String... args) {
        return CliRun.run(directory, args);
    }

    /** What {@code northstar sql --format csv} prints for a query that must succeed. */
    String csv(String sql) {
        CliRun run = northstar("sql", sql, "--format", "csv");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.out();
    }

    /** Opens the metadata store of the data directory, to check what the commands recorded. */
    MetadataStore openStore() {
        return JdbcMetadataStore.open(LakeConfig.embedded(directory.resolve("northstar-data")));
    }
}
