package dev.northstar.ml.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.ml.scoring.Reason;
import dev.northstar.spi.schema.TableId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The prediction log commits once per flush, whatever arrives while it writes, and loses nothing. */
class PredictionLogTest {
    private static final TableId TABLE = TableId.parse("ml.predictions");
    @TempDir
    Path home;

    private static PredictionRow row(long id) {
        return new PredictionRow("card-fraud", 1, "request-" + id, Instant.parse("2026-11-23T00:00:00Z"),
                Map.of("card", "card-" + id), List.of("amount", "velocity"), new float[] {12.5f, Float.NaN}, 0.25,
                false, 0.5, List.of(new Reason("amount", 12.5, 0.1)), 90, false, false);
    }

    /** A dead process's spool file: two whole lines and a third cut short by the crash. */
    private static String leftBehind(long first) throws java.io.IOException {
        java.io.StringWriter text = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator generator = new com.fasterxml.jackson.databind.ObjectMapper()
                .getFactory().createGenerator(text)) {
            for (long id = first; id < first + 3; id++) {
                row(id).write(generator);
                generator.writeRaw('\n');
            }
        }
        String whole = text.toString();
        return whole.substring(0, whole.length() - 40);
    }

    @Test
    void predictionsLeftByAProcessThatDiedAreAppendedOnStartAndNothingElse() throws Exception {
        Path spool = home.resolve("spool").resolve("predictions");
        java.nio.file.Files.createDirectories(spool);
        // No process has this id (above the kernel's pid limit); this process is alive.
        java.nio.file.Files.writeString(spool.resolve("batch-99999999-1.ndjson"), leftBehind(0));
        Path live = spool.resolve("batch-" + ProcessHandle.current().pid() + "-2.ndjson");
        java.nio.file.Files.writeString(live, leftBehind(10));
        java.nio.file.Files.writeString(spool.resolve("batch-99999998-3.ndjson"), "{\"model\": \n");
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home))) {
            try (PredictionLog log = new PredictionLog(lake, TABLE, 100, Duration.ofDays(1))) {
                assertThat(log.logged()).isEqualTo(2);
            }
            assertThat(lake.query("SELECT request_id FROM ml.predictions ORDER BY request_id", QueryOptions.defaults())
                    .rows()).containsExactly(List.of("request-0"), List.of("request-1"));
            assertThat(live).as("a running process's own file").exists();
            assertThat(spool.resolve("batch-99999999-1.ndjson")).doesNotExist();
            assertThat(spool.resolve("batch-99999998-3.failed.ndjson")).as("kept for a person to look at").exists();
            try (PredictionLog again = new PredictionLog(lake, TABLE, 100, Duration.ofDays(1))) {
                assertThat(again.logged()).as("nothing appended twice, the failed file not retried").isZero();
            }
        }
    }

    @Test
    @Timeout(60) // draining until the queue is empty never ends under steady traffic
    void aFlushUnderSteadyTrafficCommitsWhatWasWaitingOnceAndLeavesTheRestForTheNext() throws Exception {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home))) {
            AtomicLong ids = new AtomicLong();
            AtomicBoolean traffic = new AtomicBoolean(true);
            try (PredictionLog log = new PredictionLog(lake, TABLE, 1_000_000, Duration.ofDays(1))) {
                for (int i = 0; i < 500; i++) {
                    PredictionRow row = row(ids.getAndIncrement());
                    log.offer(() -> List.of(row));
                }
                Thread producer = new Thread(() -> {
                    while (traffic.get()) {
                        PredictionRow row = row(ids.getAndIncrement());
                        log.offer(() -> List.of(row));
                        Thread.onSpinWait();
                    }
                });
                producer.start();
                try {
                    log.flush();
                    assertThat(lake.history(TABLE)).as("one commit for what was waiting").hasSize(1);
                    assertThat(log.logged()).isGreaterThanOrEqualTo(500);
                    assertThat(log.waiting()).as("what arrived meanwhile waits for the next flush").isPositive();
                } finally {
                    traffic.set(false);
                    producer.join();
                }
            }
            // Closing flushed the rest: every offered prediction is in the table, once.
            List<List<Object>> counts = lake.query("SELECT count(*), count(DISTINCT request_id) FROM ml.predictions",
                    QueryOptions.defaults()).rows();
            assertThat(counts.get(0)).containsExactly(ids.get(), ids.get());
        }
    }
}
