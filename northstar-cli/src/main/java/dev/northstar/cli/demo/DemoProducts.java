package dev.northstar.cli.demo;

import static java.util.Objects.requireNonNull;

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
import dev.northstar.quality.ContractChecks;
import dev.northstar.quality.QualityConfig;
import dev.northstar.quality.QualityMonitor;
import dev.northstar.quality.QualityReport;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The demo's data products: two ODCS contracts shipped as resources, applied to the demo data directory, and three
 * days of messy source files per product ingested through the real contract enforcement, each followed by the
 * product's quality checks.
 *
 * <p>{@code retail.order_feed} is a marketplace partner's daily order CSV; {@code banking.card_authorisations} the
 * card processor's daily authorisation CSV. About 1.5% of the records are broken in six ways (bad number, amount out
 * of range, value outside the list, broken pattern, missing required value, ragged line) and land in quarantine with
 * their reasons. On the third day the partner sends many orders without email, so the order feed's warning check on
 * missing emails fails and opens an incident. The files are the same on every run.
 */
public final class DemoProducts {
    /** Contract files shipped under {@code /demo/} on the class path, in apply order. */
    public static final List<String> CONTRACTS = List.of("retail-order-feed.odcs.yaml",
            "banking-card-authorisations.odcs.yaml");
    /** The partner's order feed. */
    public static final TableId ORDER_FEED = new TableId("retail", "order_feed");
    /** The card processor's authorisations. */
    public static final TableId CARD_AUTHORISATIONS = new TableId("banking", "card_authorisations");
    /** Folder of the contracts inside the demo data directory. */
    public static final String CONTRACTS_FOLDER = "contracts";
    /** Folder of the source files inside the demo data directory. */
    public static final String INBOX_FOLDER = "inbox";
    /** Business days of the source files: one file per product and day. */
    public static final List<LocalDate> DAYS = List.of(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 17),
            LocalDate.of(2026, 11, 18));

    /** Percent of orders without email on the last day (1% before): above the contract's 2% warning threshold. */
    private static final int GUEST_PERCENT_LAST_DAY = 7;

    private DemoProducts() {}

    /**
     * One ingested file and the quality checks run right after it.
     *
     * @param product the data product
     * @param file the source file ingested
     * @param ingest what the ingestion did: rows in, valid, quarantined and sample reasons
     * @param quality the product's checks after this file: results, anomalies, incidents
     * @param millis wall-clock time of the ingestion and the checks
     */
    public record DemoRun(TableId product, Path file, IngestResult ingest, QualityReport quality, long millis) {
        /** Checks the fields are present. */
        public DemoRun {
            requireNonNull(product, "product is null");
            requireNonNull(file, "file is null");
            requireNonNull(ingest, "ingest is null");
            requireNonNull(quality, "quality is null");
        }
    }

    /**
     * Rows per source file for a demo of about {@code totalRows} rows: 1% of them, between 500 and 10,000.
     */
    public static int rowsPerFile(long totalRows) {
        return (int) Math.max(500, Math.min(10_000, totalRows / 100));
    }

    /**
     * Writes the contracts to {@code <home>/contracts} and applies them, writes the source files to
     * {@code <home>/inbox}, then ingests the files day by day, running the product's quality checks after each.
     *
     * @param home the demo data directory
     * @param lake its lake
     * @param store its metadata store
     * @param ingestSettings ingestion settings of the data directory
     * @param qualityConfig quality settings of the data directory
     * @param rowsPerFile records per source file, at most {@value MessyFiles#MAX_ROWS}
     * @param onRun called after each file, e.g. to print progress
     * @return the runs in order
     * @throws NorthstarException {@code INVALID_DATA} when a file's run fails (its quarantine share is too high)
     */
    public static List<DemoRun> build(Path home, Lakehouse lake, JdbcMetadataStore store,
            IngestSettings ingestSettings, QualityConfig qualityConfig, int rowsPerFile, Consumer<DemoRun> onRun) {
        if (rowsPerFile < 1 || rowsPerFile > MessyFiles.MAX_ROWS) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "rowsPerFile must be between 1 and "
                    + MessyFiles.MAX_ROWS + ", got " + rowsPerFile);
        }
        new ProductRegistry(store.database(), lake).apply(writeContracts(home));
        Path inbox = home.resolve(INBOX_FOLDER);
        Ingestion ingestion = new Ingestion(lake, store, ingestSettings);
        QualityMonitor monitor = new QualityMonitor(lake, store.database(), qualityConfig, Clock.systemUTC());
        ProductRegistry registry = new ProductRegistry(store.database(), lake);
        List<DemoRun> runs = new ArrayList<>();
        for (int day = 0; day < DAYS.size(); day++) {
            LocalDate date = DAYS.get(day);
            int guests = day == DAYS.size() - 1 ? GUEST_PERCENT_LAST_DAY : 1;
            runs.add(ingest(ingestion, monitor, registry, ORDER_FEED,
                    MessyFiles.orders(inbox, day, date, rowsPerFile, guests), onRun));
            runs.add(ingest(ingestion, monitor, registry, CARD_AUTHORISATIONS,
                    MessyFiles.authorisations(inbox, day, date, rowsPerFile), onRun));
        }
        return List.copyOf(runs);
    }

    private static DemoRun ingest(Ingestion ingestion, QualityMonitor monitor, ProductRegistry registry,
            TableId product, Path file, Consumer<DemoRun> onRun) {
        ActiveContract contract = registry.activeContract(product).orElseThrow(() -> new NorthstarException(
                ErrorCode.RESOURCE_NOT_FOUND, "No active contract governs the demo product " + product,
                "The demo applies its contracts first: rebuild it with 'northstar demo'"));
        long start = System.nanoTime();
        IngestResult result = ingestion.ingest(IngestRequest.of(
                Source.file(file, Optional.of("csv"), CsvOptions.defaults()), ContractRules.of(contract)));
        if (result.failure().isPresent()) {
            throw new NorthstarException(ErrorCode.INVALID_DATA, "The demo could not ingest " + file + " into "
                    + product + ": " + result.failure().get(), "This is a bug of the demo data: report it");
        }
        QualityReport quality = monitor.run(product, ContractChecks.checks(contract.contract(),
                contract.schemaObject()));
        DemoRun run = new DemoRun(product, file, result, quality,
                (System.nanoTime() - start) / 1_000_000);
        onRun.accept(run);
        return run;
    }

    /** Copies the shipped contracts to {@code <home>/contracts}, returning that folder. */
    static Path writeContracts(Path home) {
        Path folder = home.resolve(CONTRACTS_FOLDER);
        try {
            Files.createDirectories(folder);
            for (String name : CONTRACTS) {
                try (InputStream in = DemoProducts.class.getResourceAsStream("/demo/" + name)) {
                    if (in == null) {
                        throw new NorthstarException(ErrorCode.INTERNAL, "The demo contract /demo/" + name
                                + " is missing from the class path", "Rebuild Northstar: the jar is incomplete");
                    }
                    Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot write the demo contracts to " + folder
                    + ": " + e, "Run the demo with a --home you can write to", e);
        }
        return folder;
    }
}
