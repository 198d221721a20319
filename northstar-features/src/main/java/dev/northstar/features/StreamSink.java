package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.ingest.IngestRequest;
import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.plan.ContractRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the events posted to streams durable: they are buffered per source table and, every interval (or when a
 * buffer is full), written to an NDJSON file in a spool folder and ingested into the table through its contract like
 * any source — validated, invalid events quarantined with their reasons, nothing lost — so that the offline store
 * (training sets) and a restarted server see the same events as the online store. Posting never waits for a commit.
 *
 * <p>A table without an active contract is not written (its events are still served online); the spool file stays
 * for an operator to ingest. Thread-safe.
 */
public final class StreamSink implements AutoCloseable {
    /** Events buffered per table before a flush is started without waiting for the interval. */
    public static final int MAX_BUFFERED = 50_000;

    private static final Logger LOG = LoggerFactory.getLogger(StreamSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Lakehouse lake;
    private final JdbcMetadataStore store;
    private final IngestSettings settings;
    private final Path spool;
    private final Map<TableId, List<Map<String, Object>>> buffers = new LinkedHashMap<>();
    private final ScheduledExecutorService flusher;
    private final Object flushing = new Object();

    /**
     * @param spool folder of the files written before ingestion (kept: they are the runs' sources)
     * @param interval how often buffered events are ingested
     */
    public StreamSink(Lakehouse lake, JdbcMetadataStore store, IngestSettings settings, Path spool,
            Duration interval) {
        this.lake = requireNonNull(lake, "lake is null");
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.spool = requireNonNull(spool, "spool is null");
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "northstar-stream-sink");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Buffers events for {@code table}; they are ingested at the next flush. */
    public void accept(TableId table, List<Map<String, Object>> events) {
        requireNonNull(table, "table is null");
        boolean full;
        synchronized (buffers) {
            List<Map<String, Object>> buffer = buffers.computeIfAbsent(table, key -> new ArrayList<>());
            buffer.addAll(events);
            full = buffer.size() >= MAX_BUFFERED;
        }
        if (full) {
            flusher.execute(this::flushQuietly);
        }
    }

    /** Events buffered and not yet ingested. */
    public int pending() {
        synchronized (buffers) {
            return buffers.values().stream().mapToInt(List::size).sum();
        }
    }

    /**
     * Ingests every buffered event now.
     *
     * @return the runs, one per table with events
     */
    public List<IngestResult> flush() {
        synchronized (flushing) {
            Map<TableId, List<Map<String, Object>>> taken;
            synchronized (buffers) {
                taken = new LinkedHashMap<>(buffers);
                buffers.clear();
            }
            List<IngestResult> results = new ArrayList<>();
            for (Map.Entry<TableId, List<Map<String, Object>>> entry : taken.entrySet()) {
                ingest(entry.getKey(), entry.getValue()).ifPresent(results::add);
            }
            return results;
        }
    }

    private Optional<IngestResult> ingest(TableId table, List<Map<String, Object>> events) {
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Path file = spool.resolve(table.domain() + "." + table.name()).resolve(System.currentTimeMillis() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".ndjson");
        write(file, events);
        Optional<ActiveContract> contract = new ProductRegistry(store.database(), lake).activeContract(table);
        if (contract.isEmpty()) {
            LOG.warn("{} streamed events for {} are kept in {} but not ingested: the table has no active contract",
                    events.size(), table, file);
            return Optional.empty();
        }
        IngestResult result = new Ingestion(lake, store, settings).ingest(IngestRequest.of(
                Source.file(file, Optional.of("ndjson"), CsvOptions.defaults()), ContractRules.of(contract.get())));
        LOG.info("Ingested {} streamed events into {}: {} valid, {} quarantined (run {})", result.rowsIn(), table,
                result.rowsValid(), result.rowsQuarantined(), result.runId());
        return Optional.of(result);
    }

    private static void write(Path file, List<Map<String, Object>> events) {
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Map<String, Object> event : events) {
                    writer.write(JSON.writeValueAsString(event));
                    writer.newLine();
                }
            }
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.UNAVAILABLE, "Cannot spool streamed events to " + file + ": " + e,
                    "Check that the data directory is writable", e);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.error("Could not ingest streamed events (they stay in the spool folder {})", spool, e);
        }
    }

    /** Ingests what is buffered, then stops. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }
}
