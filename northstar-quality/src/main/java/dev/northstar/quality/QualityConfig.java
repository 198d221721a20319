package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.config.Settings;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.time.Duration;

/**
 * Quality settings the contract does not give, read from {@code northstar.yaml} ({@code quality.*} keys, each
 * overridable by its {@code NORTHSTAR_QUALITY_*} variable).
 *
 * <table>
 *   <caption>Keys and defaults</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code quality.anomaly-threshold}</td><td>3.5</td><td>robust z-score beyond which a metric value is
 *       anomalous</td></tr>
 *   <tr><td>{@code quality.anomaly-minimum-history}</td><td>8</td><td>past values needed before anomalies are
 *       detected</td></tr>
 *   <tr><td>{@code quality.anomaly-maximum-history}</td><td>30</td><td>latest past values compared</td></tr>
 *   <tr><td>{@code quality.slo-window-days}</td><td>28</td><td>rolling window of every SLO</td></tr>
 *   <tr><td>{@code quality.freshness-objective}</td><td>99</td><td>percent of the window the table must be
 *       fresh</td></tr>
 *   <tr><td>{@code quality.completeness-objective}</td><td>99</td><td>percent of loaded rows that must be
 *       valid</td></tr>
 *   <tr><td>{@code quality.availability-objective}</td><td>99</td><td>percent of runs that must succeed</td></tr>
 * </table>
 *
 * @param anomalies the anomaly detector's settings
 * @param sloWindow rolling window of SLOs
 * @param freshnessObjective default freshness objective, percent
 * @param completenessObjective default completeness objective, percent
 * @param availabilityObjective default availability objective, percent
 */
public record QualityConfig(
        AnomalyDetector anomalies,
        Duration sloWindow,
        double freshnessObjective,
        double completenessObjective,
        double availabilityObjective) {

    public QualityConfig {
        requireNonNull(anomalies, "anomalies is null");
        requireNonNull(sloWindow, "sloWindow is null");
        NorthstarException.checkArgument(!sloWindow.isNegative() && !sloWindow.isZero(),
                "quality.slo-window-days must be positive, got %s", sloWindow);
        requireObjective("quality.freshness-objective", freshnessObjective);
        requireObjective("quality.completeness-objective", completenessObjective);
        requireObjective("quality.availability-objective", availabilityObjective);
    }

    /** Every default. */
    public static QualityConfig defaults() {
        return new QualityConfig(AnomalyDetector.defaults(), Duration.ofDays(28), 99, 99, 99);
    }

    /**
     * Reads the {@code quality.*} keys.
     *
     * @throws NorthstarException {@code INVALID_CONFIGURATION} naming the key and its value
     */
    public static QualityConfig from(Settings settings) {
        requireNonNull(settings, "settings is null");
        try {
            return new QualityConfig(
                    new AnomalyDetector(
                            decimal(settings, "quality.anomaly-threshold", AnomalyDetector.DEFAULT_THRESHOLD),
                            integer(settings, "quality.anomaly-minimum-history",
                                    AnomalyDetector.DEFAULT_MINIMUM_HISTORY),
                            integer(settings, "quality.anomaly-maximum-history",
                                    AnomalyDetector.DEFAULT_MAXIMUM_HISTORY)),
                    Duration.ofDays(integer(settings, "quality.slo-window-days", 28)),
                    decimal(settings, "quality.freshness-objective", 99),
                    decimal(settings, "quality.completeness-objective", 99),
                    decimal(settings, "quality.availability-objective", 99));
        } catch (NorthstarException e) {
            if (e.code() != ErrorCode.INVALID_ARGUMENT) {
                throw e;
            }
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, e.getMessage(),
                    "Fix the key in " + settings.home().resolve(Settings.FILE_NAME) + " or its NORTHSTAR_ variable", e);
        }
    }

    private static double decimal(Settings settings, String key, double defaultValue) {
        String text = settings.value(key).orElse(null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, key + " '" + text + "' is not a number",
                    "Write a number such as " + defaultValue + " in " + Settings.FILE_NAME + " or "
                            + Settings.environmentVariable(key), e);
        }
    }

    private static int integer(Settings settings, String key, int defaultValue) {
        String text = settings.value(key).orElse(null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, key + " '" + text + "' is not a whole number",
                    "Write a whole number such as " + defaultValue + " in " + Settings.FILE_NAME + " or "
                            + Settings.environmentVariable(key), e);
        }
    }

    private static void requireObjective(String key, double percent) {
        NorthstarException.checkArgument(percent > 0 && percent < 100,
                "%s must be strictly between 0 and 100 percent, got %s", key, percent);
    }
}
