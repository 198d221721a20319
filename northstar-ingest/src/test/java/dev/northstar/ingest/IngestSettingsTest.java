package dev.northstar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.config.Settings;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestSettingsTest {
    @TempDir
    Path home;

    @Test
    void uploadLimitDefaultsTo512MebibytesAndIsConfigurable() {
        assertThat(IngestSettings.from(Settings.of(home, Map.of())).maxUploadBytes()).isEqualTo(536_870_912L);
        assertThat(IngestSettings.defaults().maxUploadBytes()).isEqualTo(IngestSettings.DEFAULT_MAX_UPLOAD_BYTES);
        assertThat(IngestSettings.from(Settings.of(home, Map.of("ingest.max-upload-bytes", "1024")))
                .maxUploadBytes()).isEqualTo(1024);
    }

    @Test
    void aLimitBelowOneByteIsAConfigurationError() {
        assertThatThrownBy(() -> IngestSettings.from(Settings.of(home, Map.of("ingest.max-upload-bytes", "0"))))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.getMessage()).isEqualTo("ingest.max-upload-bytes must be at least 1, got 0");
                });
    }
}
