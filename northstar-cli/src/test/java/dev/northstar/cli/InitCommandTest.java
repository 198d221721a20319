package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    @TempDir
    Path directory;

    @Test
    void createsConfigurationCatalogAndWarehouse() throws Exception {
        CliRun run = CliRun.run(directory, "init", "data");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Path home = directory.resolve("data");
        assertThat(run.out()).contains("Initialized Northstar in " + home);
        assertThat(home.resolve("northstar.yaml")).isRegularFile();
        assertThat(home.resolve("northstar.db")).isRegularFile();
        assertThat(home.resolve("warehouse")).isDirectory();
    }

    @Test
    void configurationListsEveryKeyCommentedOutAndParsesToDefaults() throws Exception {
        CliRun.run(directory, "init", "data");
        Path home = directory.resolve("data");
        String text = Files.readString(home.resolve("northstar.yaml"));

        for (ConfigurationTemplate.Key key : ConfigurationTemplate.keys(home)) {
            String name = key.key().substring(key.key().indexOf('.') + 1);
            assertThat(text).contains("# " + name + ":").contains(Settings.environmentVariable(key.key()));
        }
        // Nothing is set by the template: the typed configuration is the code's defaults.
        assertThat(LakeConfig.from(Settings.load(home, Map.of()))).isEqualTo(LakeConfig.embedded(home));
    }

    @Test
    void uncommentingAKeyIsTheOnlyEditNeeded() throws Exception {
        CliRun.run(directory, "init", "data");
        Path file = directory.resolve("data").resolve("northstar.yaml");
        Files.writeString(file, Files.readString(file).replace("# commit-retries: 20", "commit-retries: 7"));

        assertThat(LakeConfig.from(Settings.load(directory.resolve("data"), Map.of())).commitRetries()).isEqualTo(7);
    }

    @Test
    void isIdempotentAndKeepsAnEditedConfiguration() throws Exception {
        CliRun.run(directory, "init", "data");
        Path file = directory.resolve("data").resolve("northstar.yaml");
        Files.writeString(file, "server:\n  port: 9191\n");

        CliRun again = CliRun.run(directory, "init", "data");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("Northstar data directory is ready: " + directory.resolve("data"));
        assertThat(Files.readString(file)).isEqualTo("server:\n  port: 9191\n");
    }

    @Test
    void commandsOtherThanInitNeedAnInitializedDirectory() {
        CliRun run = CliRun.run(directory, "table", "list");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("error: No Northstar data directory at " + directory.resolve("northstar-data"))
                .contains("hint: Run 'northstar init' first");
    }
}
