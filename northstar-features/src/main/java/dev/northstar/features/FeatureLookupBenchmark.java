package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Measures online feature lookups ({@link OnlineFeatures#get}, the serving path) and returns latency percentiles.
 * {@link #measure} works on any loaded {@link OnlineFeatures}; {@link #main} builds a synthetic card-transaction lake
 * in a temporary directory, loads it into the in-process store and, when reachable, a Redis store, and prints one
 * JSON line per store. Run: {@code java -cp <classpath> dev.northstar.features.FeatureLookupBenchmark [cards]
 * [events] [lookups] [redis-host:port]}.
 */
public final class FeatureLookupBenchmark {
    /** The synthetic view of {@link #main}: eight features over 10 minutes to 7 days. */
    public static final String VIEW = """
            kind: FeatureView
            name: card_velocity
            entities: [card_id]
            timestamp: event_time
            source: {table: bench.card_transactions, stream: card-transactions}
            ttl: 7d
            features:
              - {name: txn_count_10m, aggregation: count, window: 10m}
              - {name: amount_sum_1h, column: amount, aggregation: sum, window: 1h}
              - {name: amount_avg_24h, column: amount, aggregation: avg, window: 24h}
              - {name: amount_max_7d, column: amount, aggregation: max, window: 7d}
              - {name: amount_min_7d, column: amount, aggregation: min, window: 7d}
              - {name: merchants_24h, column: merchant_id, aggregation: count_distinct, window: 24h}
              - {name: last_country, column: country, aggregation: last}
              - {name: night_share_7d, expression: "CASE WHEN hour(event_time) < 6 THEN 1 ELSE 0 END", aggregation: avg, window: 7d}
            """;

    /**
     * Lookup latencies.
     *
     * @param store which store was measured
     * @param lookups timed lookups
     * @param p50Micros median, in microseconds (likewise the others)
     */
    public record Percentiles(String store, int lookups, double p50Micros, double p90Micros, double p99Micros,
            double p999Micros, double maxMicros) {
        public Percentiles {
            requireNonNull(store, "store is null");
        }

        /** One JSON line, e.g. for {@code northstar bench features}. */
        public String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"features\",\"store\":\"%s\",\"lookups\":%d,"
                    + "\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,\"p999_us\":%.1f,\"max_us\":%.1f}", store,
                    lookups, p50Micros, p90Micros, p99Micros, p999Micros, maxMicros);
        }
    }

    private FeatureLookupBenchmark() {}

    /**
     * Times {@code lookups} lookups of entities chosen by {@code keys} at the online clock's time, after
     * {@code warmup} untimed ones.
     */
    public static Percentiles measure(String store, OnlineFeatures online, String view, Supplier<List<?>> keys,
            int warmup, int lookups) {
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += online.get(view, keys.get()).values().size();
        }
        long[] nanos = new long[lookups];
        for (int i = 0; i < lookups; i++) {
            List<?> key = keys.get();
            long start = System.nanoTime();
            FeatureValues values = online.get(view, key);
            nanos[i] = System.nanoTime() - start;
            sink += values.present() ? 1 : 0;
        }
        if (sink == Long.MIN_VALUE) {
            System.out.print("");
        }
        Arrays.sort(nanos);
        return new Percentiles(store, lookups, percentile(nanos, 0.50), percentile(nanos, 0.90),
                percentile(nanos, 0.99), percentile(nanos, 0.999), nanos[nanos.length - 1] / 1000.0);
    }

    private static double percentile(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    /**
     * Writes {@code events} synthetic transactions of {@code cards} cards over the 7 days before {@code end} into
     * {@code bench.card_transactions}.
     */
    public static void writeTransactions(Lakehouse lake, int cards, int events, Instant end) {
        writeTransactions(lake, cards, events, end, Duration.ofDays(7));
    }

    /** Like {@link #writeTransactions(Lakehouse, int, int, Instant)}, over {@code span} before {@code end}. */
    public static void writeTransactions(Lakehouse lake, int cards, int events, Instant end, Duration span) {
        TableId table = TableId.parse("bench.card_transactions");
        lake.createTable(table, TableDefinition.of(TableSchema.of(Column.parse("card_id:string"),
                Column.parse("event_time:timestamp"), Column.parse("amount:double"),
                Column.parse("merchant_id:string"), Column.parse("country:string"))));
        long endMicros = OnlineFeatures.micros(end);
        long spanMicros = span.toNanos() / 1000;
        lake.write(table, RowSource.sql("SELECT 'card-' || (hash(range * 7) % " + cards + ") AS card_id,"
                + " make_timestamp(" + endMicros + " - CAST(hash(range) % " + spanMicros + " AS BIGINT)) AS event_time,"
                + " round((hash(range * 3) % 100000) / 100.0, 2) AS amount,"
                + " 'm' || (hash(range * 5) % 500) AS merchant_id,"
                + " list_extract(['FR', 'DE', 'ES', 'IT', 'GB', 'US'], CAST(1 + hash(range * 11) % 6 AS BIGINT)) AS country"
                + " FROM range(" + events + ")"), WriteOptions.append());
    }

    public static void main(String[] args) throws Exception {
        int cards = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        int lookups = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        String redis = args.length > 3 ? args[3] : "127.0.0.1:6379";
        run(cards, events, lookups, redis, System.err::println).forEach(System.out::println);
    }

    /**
     * Measures lookups on the in-process store and, when reachable, on Redis; posts events to each.
     *
     * @param redis {@code host:port} of a Redis server, measured when it answers
     * @param notices progress and why Redis was left out
     * @return JSON lines: per store, lookup percentiles ({@code "bench":"features"}) and the ingestion rate
     */
    public static List<String> run(int cards, int events, int lookups, String redis,
            java.util.function.Consumer<String> notices) throws IOException {
        List<String> lines = new ArrayList<>();
        Path home = Files.createTempDirectory("northstar-feature-bench");
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home))) {
            writeTransactions(lake, cards, events, end);
            FeatureView view = FeatureViewParser.parse(VIEW, "bench");
            List<OnlineStore> stores = new ArrayList<>(List.of(new InMemoryOnlineStore()));
            String[] hostPort = redis.split(":");
            try {
                RedisOnlineStore store = RedisOnlineStore.connect(hostPort[0], Integer.parseInt(hostPort[1]));
                store.events("probe", "probe", 0, 1);
                stores.add(store);
            } catch (RuntimeException e) {
                notices.accept("Redis at " + redis + " is not reachable, measuring the in-process store only: "
                        + e.getMessage());
            }
            for (OnlineStore store : stores) {
                String name = store instanceof RedisOnlineStore ? "redis" : "in-process";
                try (store; OnlineFeatures online = new OnlineFeatures(lake, store, Clock.fixed(end, ZoneOffset.UTC),
                        Duration.ZERO)) {
                    online.register(view);
                    long start = System.nanoTime();
                    long loaded = online.load(view.name());
                    notices.accept(String.format(Locale.ROOT, "%s: loaded %d events in %.1f s", name, loaded,
                            (System.nanoTime() - start) / 1e9));
                    Random random = new Random(1);
                    Percentiles result = measure(name, online, view.name(),
                            () -> List.of("card-" + random.nextInt(cards)), Math.min(lookups, 50_000), lookups);
                    lines.add(result.json());
                    lines.add(ingest(name, online, cards, end));
                    store.clear(view.name());
                } catch (Exception e) {
                    throw e instanceof IOException io ? io : new IOException(e);
                }
            }
        } finally {
            deleteRecursively(home);
        }
        return lines;
    }

    /** Posts 20,000 events in batches of 100 to the view's stream and reports the rate. */
    private static String ingest(String store, OnlineFeatures online, int cards, Instant end) {
        Random random = new Random(2);
        int batches = 200;
        long start = System.nanoTime();
        for (int batch = 0; batch < batches; batch++) {
            List<java.util.Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                events.add(java.util.Map.of("card_id", "card-" + random.nextInt(cards), "event_time",
                        end.minusSeconds(random.nextInt(3600)).toString(), "amount", random.nextInt(100_000) / 100.0,
                        "merchant_id", "m" + random.nextInt(500), "country", "FR"));
            }
            online.events("card-transactions", events);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "{\"bench\":\"features-ingest\",\"store\":\"%s\",\"events\":%d,"
                + "\"batch\":100,\"events_per_second\":%.0f}", store, batches * 100, batches * 100 / seconds);
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
