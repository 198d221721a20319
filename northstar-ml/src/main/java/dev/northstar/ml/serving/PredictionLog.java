package dev.northstar.ml.serving;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prediction log: a bounded queue the request threads offer to (never waiting: a full queue drops and counts)
 * and one background thread that, every second, turns what waits into rows (scoring the shadow model there, off the
 * hot path) written to a spool file, and every flush interval appends that file to the Iceberg table in one commit.
 */
final class PredictionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PredictionLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Most rows appended in one commit. */
    private static final int MAX_BATCH = 50_000;
    private static final String SPOOL_PREFIX = "batch-";
    private static final String SPOOL_SUFFIX = ".ndjson";
    private static final String FAILED_SUFFIX = ".failed" + SPOOL_SUFFIX;
    /** How often waiting predictions are encoded into the spool file between commits. */
    static final Duration SPOOL_EVERY = Duration.ofSeconds(1);

    /** The table's columns. */
    static final TableSchema SCHEMA = TableSchema.of(
            Column.required("model", ColumnType.Primitive.STRING),
            Column.required("version", ColumnType.Primitive.INT),
            Column.required("request_id", ColumnType.Primitive.STRING),
            Column.required("scored_at", ColumnType.Primitive.TIMESTAMPTZ),
            Column.optional("entities", ColumnType.Primitive.STRING),
            Column.optional("features", ColumnType.Primitive.STRING),
            Column.required("score", ColumnType.Primitive.DOUBLE),
            Column.required("decision", ColumnType.Primitive.BOOLEAN),
            Column.required("threshold", ColumnType.Primitive.DOUBLE),
            Column.optional("reasons", ColumnType.Primitive.STRING),
            Column.required("latency_us", ColumnType.Primitive.LONG),
            Column.required("shadow", ColumnType.Primitive.BOOLEAN),
            Column.required("canary", ColumnType.Primitive.BOOLEAN));

    /** Something waiting to be logged: it becomes its rows on the logging thread. */
    interface Pending {
        List<PredictionRow> rows();
    }

    private final Lakehouse lake;
    private final TableId table;
    private final Duration interval;
    private final Path spool;
    private final BlockingQueue<Pending> queue;
    private final LongAdder logged = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Object writing = new Object();
    /** The rows spooled since the last commit (guarded by {@code writing}). */
    private Path spoolFile;
    private JsonGenerator spoolGenerator;
    private int spooledRows;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean tableReady;

    PredictionLog(Lakehouse lake, TableId table, int capacity, Duration interval) {
        this.lake = requireNonNull(lake, "lake is null");
        this.table = requireNonNull(table, "table is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.spool = lake.config().home().resolve("spool").resolve("predictions");
        recover();
        this.thread = new Thread(this::run, "prediction-log");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a prediction; drops it (counted) when the queue is full. */
    void offer(Pending pending) {
        if (!queue.offer(pending)) {
            dropped.increment();
        }
    }

    /** Rows appended to the table (served and shadow). */
    long logged() {
        return logged.sum();
    }

    /** Predictions dropped because the queue was full. */
    long dropped() {
        return dropped.sum();
    }

    /** Rows lost because their batch could not be appended. */
    long failed() {
        return failed.sum();
    }

    /** Predictions waiting. */
    int waiting() {
        return queue.size();
    }

    private void run() {
        long commitEvery = interval.toNanos();
        long spoolEvery = Math.min(SPOOL_EVERY.toNanos(), commitEvery);
        long nextCommit = System.nanoTime() + commitEvery;
        while (running) {
            long until = Math.min(System.nanoTime() + spoolEvery, nextCommit);
            for (long left = until - System.nanoTime(); running && left > 0; left = until - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, left);
            }
            try {
                synchronized (writing) {
                    spool();
                    if (System.nanoTime() - nextCommit >= 0) {
                        commit();
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("Could not log predictions to {}", table, e);
            }
            if (System.nanoTime() - nextCommit >= 0) {
                nextCommit = System.nanoTime() + commitEvery;
            }
        }
    }

    /**
     * Appends what is waiting when called to the table, in the calling thread, with what was spooled since the last
     * commit. Predictions queued meanwhile wait for the next flush: under steady traffic the queue is never empty, and
     * draining it until it was turned one commit per interval into a stream of commits of a few rows each.
     */
    void flush() {
        synchronized (writing) {
            spool();
            commit();
        }
    }

    /**
     * Turns what waits now into rows written to the spool file, which the next commit appends. Called every
     * {@link #SPOOL_EVERY}: encoding a few hundred rows a second keeps the thread's work even, where encoding an
     * interval's worth at once took a core for the better part of a second, every interval, and delayed the
     * requests around it.
     */
    private void spool() {
        int waiting = queue.size();
        while (waiting > 0) {
            List<Pending> batch = new ArrayList<>(Math.min(waiting, 4_096));
            int drained = queue.drainTo(batch, Math.min(waiting, 4_096));
            if (drained == 0) {
                return;
            }
            waiting -= drained;
            for (Pending pending : batch) {
                List<PredictionRow> rows = pending.rows();
                try {
                    JsonGenerator generator = spoolGenerator();
                    for (PredictionRow row : rows) {
                        row.write(generator);
                        generator.writeRaw('\n');
                    }
                    spooledRows += rows.size();
                } catch (IOException | RuntimeException e) {
                    failed.add(rows.size());
                    LOG.error("Could not spool {} predictions for {}: they are lost", rows.size(), table, e);
                }
                if (spooledRows >= MAX_BATCH) {
                    commit();
                }
            }
        }
    }

    private JsonGenerator spoolGenerator() throws IOException {
        if (spoolGenerator == null) {
            Files.createDirectories(spool);
            spoolFile = Files.createTempFile(spool, SPOOL_PREFIX + ProcessHandle.current().pid() + "-", SPOOL_SUFFIX);
            spoolGenerator = JSON.getFactory().createGenerator(Files.newOutputStream(spoolFile));
        }
        return spoolGenerator;
    }

    /**
     * Appends the spool files that a process which stopped between two commits left behind (it died: a normal close
     * commits), so that what it had accepted is not lost; a last line cut short is dropped. Files of a process still
     * running are its own. A file that cannot be appended is renamed {@code .failed.ndjson}, kept and reported.
     */
    private void recover() {
        List<Path> left;
        try (Stream<Path> files = Files.list(spool)) {
            left = files.filter(PredictionLog::abandoned).sorted().toList();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("Could not look for predictions left in {}", spool, e);
            return;
        }
        for (Path file : left) {
            try {
                int rows = keepWholeLines(file);
                if (rows > 0) {
                    ensureTable();
                    lake.write(table, RowSource.file(file), WriteOptions.append());
                    logged.add(rows);
                    LOG.info("Appended {} predictions that a stopped process left in {}", rows, file);
                }
                Files.delete(file);
            } catch (IOException | RuntimeException e) {
                String name = file.getFileName().toString();
                Path failedFile = file.resolveSibling(name.substring(0, name.length() - SPOOL_SUFFIX.length())
                        + FAILED_SUFFIX);
                try {
                    Files.move(file, failedFile, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException moveFailure) {
                    e.addSuppressed(moveFailure);
                }
                LOG.error("Could not append the predictions left in {} to {}; kept as {}: check the file, then load"
                        + " it with 'northstar load {} --table {}' or delete it", file, table, failedFile, failedFile,
                        table, e);
            }
        }
    }

    /** Whether a spool file belongs to a process that is no longer running. */
    private static boolean abandoned(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(SPOOL_PREFIX) || !name.endsWith(SPOOL_SUFFIX) || name.endsWith(FAILED_SUFFIX)) {
            return false;
        }
        String rest = name.substring(SPOOL_PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true; // an older file without a process id
        }
    }

    /** Cuts a spool file after its last complete line and returns how many lines it keeps. */
    private static int keepWholeLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(end);
            }
        }
        int lines = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** Appends the spooled rows to the table in one commit and starts a new spool file. */
    private void commit() {
        if (spoolGenerator == null) {
            return;
        }
        Path file = spoolFile;
        int rows = spooledRows;
        try {
            spoolGenerator.close();
            if (rows > 0) {
                ensureTable();
                lake.write(table, RowSource.file(file), WriteOptions.append());
                logged.add(rows);
            }
        } catch (IOException | RuntimeException e) {
            failed.add(rows);
            LOG.error("Could not append {} predictions to {}: they are lost", rows, table, e);
        } finally {
            spoolGenerator = null;
            spoolFile = null;
            spooledRows = 0;
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not delete {}", file, e);
            }
        }
    }

    private void ensureTable() {
        if (tableReady) {
            return;
        }
        if (!lake.exists(table)) {
            lake.createDomain(table.domain());
            try {
                lake.createTable(table, TableDefinition.of(SCHEMA).withDescription("Predictions served by the"
                        + " scoring service, with their inputs, reasons and latency; shadow rows are the challenger's"));
            } catch (NorthstarException e) {
                if (e.code() != ErrorCode.TABLE_ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        tableReady = true;
    }

    /** Stops the thread and appends what waits. */
    @Override
    public void close() {
        running = false;
        java.util.concurrent.locks.LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
