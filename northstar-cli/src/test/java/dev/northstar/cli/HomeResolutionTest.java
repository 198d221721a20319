package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory comes from --home, else NORTHSTAR_HOME, else ./northstar-data. */
class HomeResolutionTest {
    @TempDir
    Path directory;

    @Test
    void defaultsToNorthstarDataInTheWorkingDirectory() {
        CliRun run = CliRun.run(directory, Map.of(), "init");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(directory.resolve("northstar-data").resolve("northstar.yaml")).isRegularFile();
    }

    @Test
    void environmentVariableOverridesTheDefault() {
        CliRun run = CliRun.run(directory, Map.of("NORTHSTAR_HOME", "from-env"), "init");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(directory.resolve("from-env").resolve("northstar.yaml")).isRegularFile();
        assertThat(directory.resolve("northstar-data")).doesNotExist();
    }

    @Test
    void homeOptionOverridesTheEnvironmentBeforeOrAfterTheCommand() {
        Map<String, String> environment = Map.of("NORTHSTAR_HOME", directory.resolve("from-env").toString());

        CliRun before = CliRun.run(directory, environment, "--home", "before", "init");
        CliRun after = CliRun.run(directory, environment, "init", "--home", "after");

        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(directory.resolve("before").resolve("northstar.yaml")).isRegularFile();
        assertThat(directory.resolve("after").resolve("northstar.yaml")).isRegularFile();
        assertThat(directory.resolve("from-env")).doesNotExist();
    }

    @Test
    void environmentOverridesConfigurationKeys() {
        CliRun.run(directory, "init");
        Map<String, String> environment = Map.of("NORTHSTAR_LAKE_TARGET_FILE_SIZE", "not-a-size");

        CliRun run = CliRun.run(directory, environment, "table", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Configuration key 'lake.target-file-size' has the invalid value "
                + "'not-a-size'");
    }
}
