package dev.northstar.ingest;

import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.schema.TableId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Child JVM of {@link KilledRunTest}: ingests a CSV file into {@code shop.orders} (or, with a fourth argument
 * {@code replay}, replays its quarantine) and halts the JVM (exit 137, no
 * shutdown hooks, no finally blocks) when the run reaches the named point of the commit protocol.
 */
public final class KilledIngestMain {
    private KilledIngestMain() {}

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        Path file = Path.of(args[1]);
        String haltAt = args[2];
        LakeConfig config = LakeConfig.embedded(home);
        Lakehouse lake = Lakehouse.open(config);
        JdbcMetadataStore store = JdbcMetadataStore.open(config);
        Ingestion ingestion = new Ingestion(lake, store, IngestSettings.defaults(), point -> {
            if (point.equals(haltAt)) {
                Runtime.getRuntime().halt(137);
            }
        });
        ProductRules rules = ProductRules.fromTable(lake.describe(TableId.parse("shop.orders")));
        if (args.length > 3 && args[3].equals("replay")) {
            ingestion.replay(rules);
        } else {
            ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(), CsvOptions.defaults()), rules));
        }
        Runtime.getRuntime().halt(0);
    }
}
