package dev.northstar.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.security.Principal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training/serving consistency: one random event history (ties, NULLs, events exactly on window boundaries) gives
 * the same feature values online ({@link OnlineFeatures#get} at t) as offline (the training-set row at t) for many
 * random (card, t). Counts, distinct counts, min, max and last are compared exactly; sums and averages of doubles
 * within 1e-9 relative, because DuckDB's window aggregates add in a different order than the online path.
 */
class TrainingServingConsistencyTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Principal MIA = new Principal("mia", Set.of("admin"), Map.of("domains", "ml"));
    private static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(10), Duration.ofHours(1),
            Duration.ofHours(24), Duration.ofDays(7));

    @TempDir
    Path home;

    private Lakehouse lake;
    private JdbcMetadataStore metadata;
    private FeatureView view;
    private List<CardTransactions.Row> history;

    @BeforeEach
    void open() {
        lake = Lakehouse.open(LakeConfig.embedded(home));
        metadata = JdbcMetadataStore.open(lake.config());
        view = FeatureViewParser.parse(FeatureViewParserTest.CARD_VELOCITY, "card_velocity.yaml");
        CardTransactions.create(lake);
        history = history(new Random(6), 25, 3000);
        CardTransactions.write(lake, history);
    }

    @AfterEach
    void close() {
        metadata.close();
        lake.close();
    }

    @Test
    void theInProcessStoreServesTheTrainingValues() {
        compare(new InMemoryOnlineStore(), 400);
    }

    @Test
    void theRedisStoreServesTheTrainingValues() {
        compare(LocalRedis.store(), 200);
    }

    private void compare(OnlineStore store, int samples) {
        Random random = new Random(60);
        List<String> cards = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            CardTransactions.Row event = history.get(random.nextInt(history.size()));
            Instant time = switch (i % 4) {
                case 0 -> event.time();
                case 1 -> event.time().plus(WINDOWS.get(random.nextInt(WINDOWS.size())));
                case 2 -> event.time().plus(WINDOWS.get(random.nextInt(WINDOWS.size()))).plusNanos(1000);
                default -> START.plusSeconds(random.nextInt(4 * 86_400));
            };
            cards.add(i % 7 == 0 ? "card-" + random.nextInt(30) : event.card());
            times.add(time);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            values.add("(" + i + ", '" + cards.get(i) + "', TIMESTAMP '" + CardTransactions.timestamp(times.get(i))
                    + "')");
        }
        Spine spine = Spine.sql("SELECT * FROM (VALUES " + String.join(", ", values)
                + ") AS s(sample, card_id, scored_at)", "scored_at");
        OfflineFeatures offline = new OfflineFeatures(lake, SqlGateway.open(lake, metadata.database(),
                Settings.load(home)));
        QueryResult training = offline.trainingSet(MIA, Optional.of("fraud-model"), spine, List.of(view),
                QueryOptions.defaults().withMaxRows(Integer.MAX_VALUE)).result();
        assertThat(training.rows()).hasSize(samples);

        Instant end = history.stream().map(CardTransactions.Row::time).max(Instant::compareTo).orElseThrow();
        int present = 0;
        try (store; OnlineFeatures online = new OnlineFeatures(lake, store, Clock.fixed(end, ZoneOffset.UTC),
                Duration.ofDays(30))) {
            online.register(view);
            online.load(view.name());
            for (List<Object> row : training.rows()) {
                int sample = ((Number) row.get(0)).intValue();
                FeatureValues served = online.get(view.name(), List.of(cards.get(sample)), times.get(sample));
                present += served.present() ? 1 : 0;
                for (int f = 0; f < view.features().size(); f++) {
                    Feature feature = view.features().get(f);
                    Object expected = row.get(3 + f);
                    Object actual = served.value(feature.name());
                    String what = feature.name() + " of " + cards.get(sample) + " at " + times.get(sample);
                    if (expected instanceof Double number && (feature.aggregation() == Aggregation.SUM
                            || feature.aggregation() == Aggregation.AVG)) {
                        assertThat(actual).as(what).isInstanceOf(Double.class);
                        assertThat((Double) actual).as(what).isCloseTo(number, within(1e-9 * Math.max(1,
                                Math.abs(number))));
                    } else {
                        assertThat(actual).as(what).isEqualTo(expected);
                    }
                }
            }
            store.clear(view.name());
        }
        // The comparison is meaningful: most samples have history.
        assertThat(present).isGreaterThan(samples / 2);
    }

    /** Random card transactions over three days: times on whole seconds (ties happen), some NULL values. */
    static List<CardTransactions.Row> history(Random random, int cards, int events) {
        List<CardTransactions.Row> rows = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            Instant time = START.plusSeconds(random.nextInt(3 * 86_400));
            if (i % 10 == 0) {
                time = START.plusSeconds(600L * random.nextInt(3 * 144));  // on the 10-minute grid: ties
            }
            Double amount = random.nextInt(20) == 0 ? null : Math.round(random.nextDouble() * 50_000) / 100.0;
            String merchant = random.nextInt(20) == 0 ? null : "m" + random.nextInt(20);
            String country = random.nextInt(20) == 0 ? null : List.of("FR", "DE", "ES", "IT", "GB", "US", "NL",
                    "PT").get(random.nextInt(8));
            rows.add(new CardTransactions.Row("card-" + random.nextInt(cards), time, amount, merchant, country));
        }
        return rows;
    }
}
