package dev.northstar.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent committers to one table retry and never lose an update. */
class ConcurrencyTest {
    private static final TableId COUNTER = TableId.parse("ops.commits");
    private static final int COMMITS_PER_WRITER = 8;

    @TempDir
    Path home;

    @Test
    void fourThreadsAppendingToOneTableLoseNothing() throws Exception {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home))) {
            lake.createTable(COUNTER, definition());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                int id = writer;
                futures.add(pool.submit(() -> append(lake, id)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
            assertAllCommitted(lake, 4);
        }
    }

    @Test
    void twoProcessesAppendingToOneTableLoseNothing() throws Exception {
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home))) {
            lake.createTable(COUNTER, definition());
        }
        List<Process> processes = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
            processes.add(new ProcessBuilder(ProcessTools.java(Appender.class, home.toString(),
                    Integer.toString(writer))).redirectErrorStream(true).start());
        }
        for (Process process : processes) {
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(output).isZero();
        }
        try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(home))) {
            assertAllCommitted(lake, 2);
        }
    }

    private static TableDefinition definition() {
        return TableDefinition.of(TableSchema.of(Column.parse("writer!:int"), Column.parse("sequence!:int")));
    }

    static void append(Lakehouse lake, int writer) {
        for (int sequence = 0; sequence < COMMITS_PER_WRITER; sequence++) {
            lake.write(COUNTER, RowSource.sql("SELECT " + writer + " AS writer, " + sequence + " AS sequence"),
                    WriteOptions.append());
        }
    }

    private static void assertAllCommitted(Lakehouse lake, int writers) {
        QueryResult result = lake.query("SELECT writer, count(DISTINCT sequence) FROM ops.commits GROUP BY writer "
                + "ORDER BY writer", QueryOptions.defaults());
        assertThat(result.rows()).hasSize(writers);
        assertThat(result.rows()).allSatisfy(row -> assertThat(row.get(1)).isEqualTo((long) COMMITS_PER_WRITER));
        assertThat(lake.history(COUNTER)).hasSize(writers * COMMITS_PER_WRITER);
        assertThat(lake.describe(COUNTER).totalRecords()).isEqualTo((long) writers * COMMITS_PER_WRITER);
    }

    /** One writer process. */
    public static final class Appender {
        public static void main(String[] args) {
            try (Lakehouse lake = Lakehouse.open(LakeConfig.embedded(Path.of(args[0])))) {
                append(lake, Integer.parseInt(args[1]));
            }
        }
    }
}
