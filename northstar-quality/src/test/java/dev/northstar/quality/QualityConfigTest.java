package dev.northstar.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.config.Settings;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityConfigTest {
    private static final Path HOME = Path.of("/tmp/northstar-quality-config-test");

    @Test
    void defaults() {
        QualityConfig config = QualityConfig.from(Settings.of(HOME, Map.of()));

        assertThat(config).isEqualTo(QualityConfig.defaults());
        assertThat(config.anomalies()).isEqualTo(new AnomalyDetector(3.5, 8, 30));
        assertThat(config.sloWindow()).isEqualTo(Duration.ofDays(28));
        assertThat(config.freshnessObjective()).isEqualTo(99);
        assertThat(config.completenessObjective()).isEqualTo(99);
        assertThat(config.availabilityObjective()).isEqualTo(99);
    }

    @Test
    void everyKeyIsRead() {
        QualityConfig config = QualityConfig.from(Settings.of(HOME, Map.of(
                "quality.anomaly-threshold", "3",
                "quality.anomaly-minimum-history", "5",
                "quality.anomaly-maximum-history", "50",
                "quality.slo-window-days", "7",
                "quality.freshness-objective", "95",
                "quality.completeness-objective", "99.9",
                "quality.availability-objective", "90")));

        assertThat(config).isEqualTo(new QualityConfig(new AnomalyDetector(3, 5, 50), Duration.ofDays(7), 95, 99.9,
                90));
    }

    @Test
    void invalidValuesNameTheKey() {
        assertThatThrownBy(() -> QualityConfig.from(Settings.of(HOME, Map.of("quality.anomaly-threshold", "high"))))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.getMessage()).isEqualTo("quality.anomaly-threshold 'high' is not a number");
                });
        assertThatThrownBy(() -> QualityConfig.from(Settings.of(HOME, Map.of("quality.availability-objective",
                "100"))))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.getMessage()).isEqualTo(
                            "quality.availability-objective must be strictly between 0 and 100 percent, got 100.0");
                });
    }
}
