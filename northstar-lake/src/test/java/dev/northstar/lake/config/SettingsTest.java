package dev.northstar.lake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.spi.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path home;

    @Test
    void defaultsWithoutFileAndWithCommentsOnly() throws Exception {
        LakeConfig defaults = LakeConfig.from(Settings.load(home, Map.of()));
        assertThat(defaults.catalogJdbcUrl()).isEqualTo("jdbc:sqlite:" + home.resolve("northstar.db"));
        assertThat(defaults.warehouse()).isEqualTo(home.resolve("warehouse"));
        assertThat(defaults.targetFileSizeBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(defaults.commitRetries()).isEqualTo(20);
        Files.writeString(home.resolve(Settings.FILE_NAME), "# catalog:\n#   jdbc-url: jdbc:postgresql://x/y\n");
        assertThat(LakeConfig.from(Settings.load(home, Map.of()))).isEqualTo(defaults);
    }

    @Test
    void fileValuesAreOverriddenByEnvironment() throws Exception {
        Files.writeString(home.resolve(Settings.FILE_NAME), """
                lake:
                  target-file-size: 64MB
                  commit-retries: 5
                warehouse:
                  path: /data/wh
                """);
        LakeConfig config = LakeConfig.from(Settings.load(home, Map.of("NORTHSTAR_LAKE_COMMIT_RETRIES", "9")));
        assertThat(config.targetFileSizeBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.commitRetries()).isEqualTo(9);
        assertThat(config.warehouse()).isEqualTo(Path.of("/data/wh"));
        assertThat(Settings.environmentVariable("catalog.jdbc-url")).isEqualTo("NORTHSTAR_CATALOG_JDBC_URL");
    }

    @Test
    void invalidValuesNameTheKeyAndTheFix() throws Exception {
        Files.writeString(home.resolve(Settings.FILE_NAME), "lake:\n  commit-retries: many\n");
        assertThatThrownBy(() -> LakeConfig.from(Settings.load(home, Map.of())))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_CONFIGURATION)
                .hasMessageContaining("lake.commit-retries")
                .hasMessageContaining("many");
        Files.writeString(home.resolve(Settings.FILE_NAME), "lake: [unclosed\n");
        assertThatThrownBy(() -> Settings.load(home, Map.of()))
                .hasFieldOrPropertyWithValue("code", ErrorCode.INVALID_CONFIGURATION)
                .hasMessageContaining(Settings.FILE_NAME);
        Files.writeString(home.resolve(Settings.FILE_NAME), "- a list\n");
        assertThatThrownBy(() -> Settings.load(home, Map.of()))
                .hasMessageContaining("mapping");
        assertThat(LakeConfig.from(Settings.of(home, Map.of("catalog.jdbc-url",
                "jdbc:postgresql://h/db?password=secret"))).toString()).doesNotContain("secret");
    }
}
