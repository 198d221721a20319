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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prediction log: a bounded queue the request threads offer to (never waiting: a full queue drops and counts)
 * and one background thread that, every flush interval, turns what waits into rows (scoring the shadow model there,
 * off the hot path) and appends them to the Iceberg table in one commit.
 */
final class PredictionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PredictionLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Most rows appended in one commit. */
    private static final int MAX_BATCH = 50_000;

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
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean tableReady;

    PredictionLog(Lakehouse lake, TableId table, int capacity, Duration interval) {
        this.lake = requireNonNull(lake, "lake is null");
        this.table = requireNonNull(table, "table is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.spool = lake.config().home().resolve("spool").resolve("predictions");
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
        long nanos = interval.toNanos();
        while (running) {
            long until = System.nanoTime() + nanos;
            for (long left = nanos; running && left > 0; left = until - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, left);
            }
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.error("Could not log predictions to {}", table, e);
            }
        }
    }

    /** Appends everything waiting now, in the calling thread. */
    void flush() {
        synchronized (writing) {
            while (!queue.isEmpty()) {
                List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
                queue.drainTo(batch, MAX_BATCH);
                List<PredictionRow> rows = new ArrayList<>(batch.size() * 2);
                for (Pending pending : batch) {
                    rows.addAll(pending.rows());
                }
                if (!rows.isEmpty()) {
                    append(rows);
                }
            }
        }
    }

    private void append(List<PredictionRow> rows) {
        Path file = null;
        try {
            ensureTable();
            Files.createDirectories(spool);
            file = Files.createTempFile(spool, "batch-", ".ndjson");
            try (OutputStream out = Files.newOutputStream(file)) {
                JsonGenerator generator = JSON.getFactory().createGenerator(out);
                for (PredictionRow row : rows) {
                    row.write(generator);
                    generator.writeRaw('\n');
                }
                generator.flush();
            }
            lake.write(table, RowSource.file(file), WriteOptions.append());
            logged.add(rows.size());
        } catch (IOException | RuntimeException e) {
            failed.add(rows.size());
            LOG.error("Could not append {} predictions to {}: they are lost", rows.size(), table, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("Could not delete {}", file, e);
                }
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
