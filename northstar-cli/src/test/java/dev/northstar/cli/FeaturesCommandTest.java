package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.packs.finance.FinanceData;
import dev.northstar.packs.finance.FinancePack;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code northstar features}: the finance pack's views applied, read as of a time, joined into a training set. */
class FeaturesCommandTest extends InitializedHomeTestBase {
    @BeforeEach
    void loadThePack() {
        Path home = directory.resolve("northstar-data");
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home));
                JdbcMetadataStore store = JdbcMetadataStore.open(lake.config())) {
            FinancePack.load(lake, store, IngestSettings.defaults(), new FinanceData.Scale(10_000),
                    directory.resolve("pack"));
        }
        FinancePack.copyResources(directory.resolve("views"), "features", FinancePack.FEATURE_VIEWS);
    }

    /** The pack's contracts allow reads for declared purposes only. */
    private String report(String sql) {
        CliRun run = northstar("sql", sql, "--purpose", "reporting", "--format", "csv");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.out();
    }

    @Test
    void appliesReadsAndBuildsATrainingSet() {
        CliRun applied = northstar("features", "apply", "views");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("Applied card_velocity version 1", "Applied merchant_activity version 1");
        assertThat(northstar("features", "apply", "views").out()).contains("Unchanged card_velocity version 1");

        CliRun list = northstar("features", "list");
        assertThat(list.out()).contains("card_velocity").contains("banking.card_transactions")
                .contains("card-transactions").contains("7d");

        // The card with most payments, one second after its last one.
        String[] busiest = report("SELECT card_id, strftime(max(event_time) + INTERVAL 1 SECOND, '%Y-%m-%dT%H:%M:%SZ')"
                + " FROM banking.card_transactions GROUP BY card_id ORDER BY count(*) DESC, card_id LIMIT 1")
                .lines().skip(1).findFirst().orElseThrow().split(",");
        CliRun get = northstar("features", "get", "card_velocity", busiest[0], "--at", busiest[1]);
        assertThat(get.exitCode()).as(get.toString()).isZero();
        assertThat(get.out()).contains("card_velocity " + busiest[0] + " as of").contains("txn_count_24h")
                .doesNotContain("no event within");

        CliRun set = northstar("features", "training-set", "--spine",
                "SELECT txn_id, card_id, merchant_id, event_time, amount, is_fraud FROM banking.card_transactions",
                "--timestamp", "event_time", "--views", "card_velocity,merchant_activity", "--into",
                "ml.fraud_training", "--purpose", "model-training");
        assertThat(set.exitCode()).as(set.toString()).isZero();
        long transactions = Long.parseLong(report("SELECT count(*) FROM banking.card_transactions").lines().skip(1)
                .findFirst().orElseThrow().trim());
        assertThat(set.out()).contains("Created training set ml.fraud_training: " + transactions + " rows");
        assertThat(csv("SELECT count(*) FILTER (WHERE txn_count_24h IS NULL), count(*) FILTER (WHERE merchant_cards_1h > 0)"
                + " FROM ml.fraud_training")).contains("0,");

        CliRun unknown = northstar("features", "get", "nope", "1");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("No feature view nope").contains("card_velocity");
    }
}
