package dev.northstar.features;

import dev.northstar.govern.gateway.GovernedTable;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.TableFromQuery;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import dev.northstar.spi.security.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Measures a point-in-time training set built through the gateway: a spine of random (card, time) rows against a
 * source of card transactions over 30 days, with the eight features of {@link FeatureLookupBenchmark#VIEW} (windows
 * up to 7 days), and the view's materialisation. Prints one JSON line. Run: {@code java -cp <classpath>
 * dev.northstar.features.TrainingSetBenchmark [spine-rows] [events] [cards]}.
 */
public final class TrainingSetBenchmark {
    private TrainingSetBenchmark() {}

    public static void main(String[] args) throws Exception {
        int spineRows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        int cards = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        Path home = Files.createTempDirectory("northstar-training-bench");
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        Duration span = Duration.ofDays(30);
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home));
                JdbcMetadataStore metadata = JdbcMetadataStore.open(lake.config())) {
            FeatureLookupBenchmark.writeTransactions(lake, cards, events, end, span);
            TableId spineTable = TableId.parse("bench.spine");
            lake.createTable(spineTable, TableDefinition.of(TableSchema.of(Column.parse("card_id:string"),
                    Column.parse("scored_at:timestamp"), Column.parse("label:boolean"))));
            long endMicros = OnlineFeatures.micros(end);
            lake.write(spineTable, RowSource.sql("SELECT 'card-' || (hash(range * 13) % " + cards + ") AS card_id,"
                    + " make_timestamp(" + endMicros + " - CAST(hash(range * 17) % " + span.toNanos() / 1000
                    + " AS BIGINT)) AS scored_at, hash(range) % 50 = 0 AS label FROM range(" + spineRows + ")"),
                    WriteOptions.append());
            FeatureView view = FeatureViewParser.parse(FeatureLookupBenchmark.VIEW, "bench");
            OfflineFeatures offline = new OfflineFeatures(lake, SqlGateway.open(lake, metadata.database(),
                    Settings.load(home)));
            Principal scientist = new Principal("bench", Set.of("admin"), Map.of("domains", "ml"));

            long start = System.nanoTime();
            GovernedTable training = offline.createTrainingSet(scientist, Optional.of("benchmark"),
                    Spine.table(spineTable, "scored_at"), List.of(view), TableId.parse("ml.training"),
                    WriteOptions.append());
            double trainingSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            TableFromQuery materialised = offline.materialise(view, WriteOptions.append());
            double materialiseSeconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT, "{\"bench\":\"training-set\",\"spine_rows\":%d,"
                    + "\"events\":%d,\"cards\":%d,\"features\":%d,\"training_rows\":%d,\"training_seconds\":%.2f,"
                    + "\"materialised_rows\":%d,\"materialise_seconds\":%.2f}", spineRows, events, cards,
                    view.features().size(), training.table().write().rows(), trainingSeconds,
                    materialised.write().rows(), materialiseSeconds));
        } finally {
            try (var paths = Files.walk(home)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
