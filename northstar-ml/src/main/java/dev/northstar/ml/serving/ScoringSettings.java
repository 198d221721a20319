package dev.northstar.ml.serving;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.config.Settings;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the scoring service runs (keys of {@code northstar.yaml} in brackets).
 *
 * @param championRefresh how often aliases are re-read, so a new champion serves within this time
 *     ({@code scoring.champion-refresh-ms}, 1000)
 * @param queueCapacity predictions waiting to be logged; beyond, new ones are dropped and counted, never waited for
 *     ({@code scoring.queue-capacity}, 100000)
 * @param flushInterval how often waiting predictions are appended to the table ({@code scoring.flush-interval-ms},
 *     2000)
 * @param canaryShare share of requests, 0 to 1, decided by the challenger when there is one
 *     ({@code scoring.canary-share}, 0)
 * @param canaryShares per-model shares overriding {@code canaryShare} ({@code scoring.canary.<model>})
 * @param predictions the table predictions are logged to ({@code scoring.predictions-table}, ml.predictions)
 */
public record ScoringSettings(Duration championRefresh, int queueCapacity, Duration flushInterval, double canaryShare,
        Map<String, Double> canaryShares, TableId predictions) {
    /** The default prediction log. */
    public static final TableId PREDICTIONS = new TableId("ml", "predictions");

    public ScoringSettings {
        requireNonNull(championRefresh, "championRefresh is null");
        requireNonNull(flushInterval, "flushInterval is null");
        requireNonNull(predictions, "predictions is null");
        canaryShares = Map.copyOf(canaryShares);
        if (championRefresh.isNegative() || championRefresh.isZero() || flushInterval.isNegative()
                || flushInterval.isZero()) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "scoring.champion-refresh-ms and"
                    + " scoring.flush-interval-ms must be positive", "Use e.g. 1000 and 2000");
        }
        if (queueCapacity < 1) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, "scoring.queue-capacity must be at least"
                    + " 1, not " + queueCapacity, "Use e.g. 100000");
        }
        checkShare("scoring.canary-share", canaryShare);
        canaryShares.forEach((model, share) -> checkShare("scoring.canary." + model, share));
    }

    private static void checkShare(String key, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, key + " must be between 0 and 1, not "
                    + share, "Write e.g. 0.05 to send 5% of requests to the challenger");
        }
    }

    public static ScoringSettings defaults() {
        return new ScoringSettings(Duration.ofSeconds(1), 100_000, Duration.ofSeconds(30), 0, Map.of(), PREDICTIONS);
    }

    /**
     * Reads the {@code scoring.*} keys, with the defaults for the others; per-model canary shares need the model
     * names ({@link #withCanaryShares}).
     */
    public static ScoringSettings from(Settings settings) {
        ScoringSettings defaults = defaults();
        return new ScoringSettings(
                Duration.ofMillis(settings.longValue("scoring.champion-refresh-ms",
                        defaults.championRefresh().toMillis())),
                settings.integer("scoring.queue-capacity", defaults.queueCapacity()),
                Duration.ofMillis(settings.longValue("scoring.flush-interval-ms",
                        defaults.flushInterval().toMillis())),
                number(settings, "scoring.canary-share", 0),
                Map.of(),
                TableId.parse(settings.string("scoring.predictions-table", PREDICTIONS.toString())));
    }

    /** With per-model canary shares read from the settings for these models. */
    public ScoringSettings withCanaryShares(Settings settings, Iterable<String> models) {
        Map<String, Double> shares = new LinkedHashMap<>(canaryShares);
        for (String model : models) {
            settings.value("scoring.canary." + model).ifPresent(value -> shares.put(model,
                    number(settings, "scoring.canary." + model, 0)));
        }
        return new ScoringSettings(championRefresh, queueCapacity, flushInterval, canaryShare, shares, predictions);
    }

    /** With a global canary share. */
    public ScoringSettings withCanaryShare(double share) {
        return new ScoringSettings(championRefresh, queueCapacity, flushInterval, share, canaryShares, predictions);
    }

    /** With another queue capacity. */
    public ScoringSettings withQueueCapacity(int capacity) {
        return new ScoringSettings(championRefresh, capacity, flushInterval, canaryShare, canaryShares, predictions);
    }

    /** With another refresh interval of the aliases. */
    public ScoringSettings withChampionRefresh(Duration refresh) {
        return new ScoringSettings(refresh, queueCapacity, flushInterval, canaryShare, canaryShares, predictions);
    }

    /** The canary share of a model. */
    public double canaryShare(String model) {
        return canaryShares.getOrDefault(model, canaryShare);
    }

    private static double number(Settings settings, String key, double defaultValue) {
        String text = settings.value(key).orElse(null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION, key + " is not a number: '" + text + "'",
                    "Write a number between 0 and 1, e.g. 0.05");
        }
    }
}
