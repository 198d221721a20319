package dev.northstar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.ProcessTools;
import dev.northstar.spi.store.RunRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs killed at each point of the commit protocol leave, after recovery, exactly nothing; the next ingest of the
 * same file then commits the complete run.
 */
class KilledRunTest extends IngestTestBase {
    private static final String FILE = "id,name,amount\n1,a,1\n2,b,2\n3,c,x\n4,d,4\n";

    @ParameterizedTest
    @ValueSource(strings = {"before-stage", "after-stage", "between-commits", "after-commits"})
    void aRunKilledAnywhereIsUndoneByRecovery(String point) throws Exception {
        Path file = write("orders.csv", FILE);
        Process child = new ProcessBuilder(ProcessTools.java(KilledIngestMain.class, home.resolve("data").toString(),
                file.toString(), point)).redirectErrorStream(true).redirectOutput(home.resolve("child.log").toFile())
                .start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(java.nio.file.Files.readString(home.resolve("child.log"))).isEqualTo(137);
        RunRecord killed = store.runs().forTarget(ORDERS.toString(), 10).get(0);
        assertThat(killed.status()).isEqualTo(RunRecord.RUNNING);
        assertThat(killed.details()).containsEntry("pid", Long.toString(child.pid()));
        if (point.equals("between-commits")) {
            assertThat(count(ORDERS_QUARANTINE)).isEqualTo(1);
            assertThat(count(ORDERS)).isZero();
        }
        if (point.equals("after-commits")) {
            assertThat(count(ORDERS)).isEqualTo(3);
        }

        List<RecoveredRun> recovered = ingestion.recover(ORDERS);

        assertThat(recovered).containsExactly(new RecoveredRun(killed.id(), Ingestion.INGEST, "reverted"));
        assertThat(count(ORDERS)).isZero();
        if (lake.exists(ORDERS_QUARANTINE)) {
            assertThat(count(ORDERS_QUARANTINE)).isZero();
        }
        RunRecord failed = store.runs().find(killed.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(RunRecord.FAILED);
        assertThat(failed.error()).contains(Ingestion.RECOVERED);
        assertThat(ingestion.lineage().events(killed.id())).extracting(event -> event.eventType())
                .containsExactly("START", "FAIL");
        assertThat(ingestion.recover(ORDERS)).isEmpty();

        IngestResult again = ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(),
                CsvOptions.defaults()), ProductRules.fromTable(lake.describe(ORDERS))));
        assertThat(again.status()).isEqualTo(IngestStatus.SUCCEEDED);
        assertThat(count(ORDERS)).isEqualTo(3);
        assertThat(count(ORDERS_QUARANTINE)).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void ingestRecoversADeadRunOfTheProductFirst() throws IOException, InterruptedException {
        Path file = write("orders.csv", FILE);
        Process child = new ProcessBuilder(ProcessTools.java(KilledIngestMain.class, home.resolve("data").toString(),
                file.toString(), "between-commits")).redirectErrorStream(true)
                .redirectOutput(home.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(count(ORDERS_QUARANTINE)).isEqualTo(1);

        IngestResult result = ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(),
                CsvOptions.defaults()), ProductRules.fromTable(lake.describe(ORDERS))));

        assertThat(result.rowsIn()).isEqualTo(4);
        assertThat(count(ORDERS)).isEqualTo(3);
        assertThat(count(ORDERS_QUARANTINE)).isEqualTo(1);
        assertThat(rows("SELECT DISTINCT _run_id FROM shop.orders__quarantine")).containsExactly(
                List.of(result.runId()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"between-commits", "after-commits"})
    void aReplayKilledBetweenOrAfterItsCommitsIsRevertedOrCompleted(String point) throws Exception {
        // An amount too large for decimal(10,2) is quarantined, then the column is widened so the replay passes it.
        Path file = write("orders.csv", "id,name,amount\n1,a,1\n2,b,99999999999\n");
        ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(), CsvOptions.defaults()),
                ProductRules.fromTable(lake.describe(ORDERS))));
        assertThat(count(ORDERS_QUARANTINE)).isEqualTo(1);
        lake.evolve(ORDERS, List.of(new dev.northstar.lake.SchemaChange.WidenColumn("amount",
                dev.northstar.spi.schema.ColumnType.parse("decimal(20,2)"))));

        Process child = new ProcessBuilder(ProcessTools.java(KilledIngestMain.class, home.resolve("data").toString(),
                file.toString(), point, "replay")).redirectErrorStream(true)
                .redirectOutput(home.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(java.nio.file.Files.readString(home.resolve("child.log"))).isEqualTo(137);
        assertThat(count(ORDERS)).isEqualTo(2);

        List<RecoveredRun> recovered = ingestion.recover(ORDERS);

        assertThat(recovered).singleElement().satisfies(run -> {
            assertThat(run.kind()).isEqualTo(Ingestion.REPLAY);
            assertThat(run.outcome()).isEqualTo(point.equals("after-commits") ? "completed" : "reverted");
        });
        if (point.equals("after-commits")) {
            assertThat(count(ORDERS)).isEqualTo(2);
            assertThat(rows("SELECT _status FROM shop.orders__quarantine")).containsExactly(List.of("replayed"));
        } else {
            assertThat(count(ORDERS)).isEqualTo(1);
            assertThat(rows("SELECT _status FROM shop.orders__quarantine")).containsExactly(List.of("quarantined"));
            assertThat(ingestion.replay(ProductRules.fromTable(lake.describe(ORDERS))).rowsValid()).isEqualTo(1);
            assertThat(count(ORDERS)).isEqualTo(2);
        }
    }
}
