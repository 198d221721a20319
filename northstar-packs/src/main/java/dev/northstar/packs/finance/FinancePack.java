package dev.northstar.packs.finance;

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
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The finance pack: card payments (merchants, transactions with fraud episodes) and consumer credit (applications
 * with a historical bias), governed by ODCS contracts shipped with the pack. Loading applies the contracts, generates
 * each table's rows ({@link FinanceData}) as a Parquet file and ingests it through the contract like any source:
 * validation, quarantine, lineage and run history included.
 */
public final class FinancePack {
    /** Merchants the cards pay. */
    public static final TableId MERCHANTS = new TableId("banking", "merchants");
    /** Card authorisations with the fraud label. */
    public static final TableId TRANSACTIONS = new TableId("banking", "card_transactions");
    /** Credit applications with the historical decision and outcome. */
    public static final TableId APPLICATIONS = new TableId("banking", "credit_applications");

    /** Contract files shipped on the class path under {@value #RESOURCES}contracts/, in apply order. */
    public static final List<String> CONTRACTS = List.of("banking-merchants.odcs.yaml",
            "banking-card-transactions.odcs.yaml", "banking-credit-applications.odcs.yaml");

    /** Feature view files shipped under {@value #RESOURCES}features/. */
    public static final List<String> FEATURE_VIEWS = List.of("card_velocity.yaml", "merchant_activity.yaml");

    private static final String RESOURCES = "/dev/northstar/packs/finance/";

    private FinancePack() {}

    /**
     * One table loaded.
     *
     * @param table the product table
     * @param ingest the ingestion run: rows in, valid, quarantined
     * @param millis time to generate and ingest it
     */
    public record Loaded(TableId table, IngestResult ingest, long millis) {
        public Loaded {
            requireNonNull(table, "table is null");
            requireNonNull(ingest, "ingest is null");
        }
    }

    /**
     * Applies the pack's contracts and loads its tables.
     *
     * @param workDirectory where the contracts and the generated source files are written (kept: they are the
     *     sources the runs name)
     * @throws NorthstarException {@code INVALID_DATA} when a generated file does not pass its contract (a bug of the
     *     generator)
     */
    public static List<Loaded> load(Lakehouse lake, JdbcMetadataStore store, IngestSettings settings,
            FinanceData.Scale scale, Path workDirectory) {
        requireNonNull(lake, "lake is null");
        requireNonNull(store, "store is null");
        requireNonNull(scale, "scale is null");
        ProductRegistry registry = new ProductRegistry(store.database(), lake);
        registry.apply(copyResources(workDirectory.resolve("contracts"), "contracts", CONTRACTS));
        Path inbox = workDirectory.resolve("inbox");
        Ingestion ingestion = new Ingestion(lake, store, settings);
        List<Loaded> loaded = new ArrayList<>();
        loaded.add(load(ingestion, registry, MERCHANTS, FinanceData.merchantsSelect(scale), inbox));
        loaded.add(load(ingestion, registry, TRANSACTIONS, FinanceData.transactionsSelect(scale), inbox));
        loaded.add(load(ingestion, registry, APPLICATIONS, FinanceData.applicationsSelect(scale), inbox));
        return List.copyOf(loaded);
    }

    private static Loaded load(Ingestion ingestion, ProductRegistry registry, TableId table, String select,
            Path inbox) {
        long start = System.nanoTime();
        ActiveContract contract = registry.activeContract(table).orElseThrow(() -> new NorthstarException(
                ErrorCode.RESOURCE_NOT_FOUND, "No active contract governs " + table,
                "The pack applies its contracts first; this is a bug of the pack"));
        Path file = inbox.resolve(table.domain() + "-" + table.name() + ".parquet");
        generate(select, file);
        IngestResult result = ingestion.ingest(IngestRequest.of(Source.file(file, Optional.of("parquet"),
                CsvOptions.defaults()), ContractRules.of(contract)));
        if (result.failure().isPresent() || result.rowsQuarantined() > 0) {
            throw new NorthstarException(ErrorCode.INVALID_DATA, "The finance pack's generated " + table + " did not"
                    + " pass its contract: " + result.rowsQuarantined() + " rows quarantined"
                    + result.failure().map(failure -> ", " + failure).orElse("") + "; samples: "
                    + result.sampleReasons(), "This is a bug of the pack's generator: report it");
        }
        return new Loaded(table, result, (System.nanoTime() - start) / 1_000_000);
    }

    /** Writes the rows of a generator query to a Parquet file. */
    static void generate(String select, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot write " + file + ": " + e,
                    "Choose a work directory you can write to", e);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO '" + file.toString().replace("'", "''")
                    + "' (FORMAT parquet, COMPRESSION zstd)");
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "The finance pack could not generate " + file + ": "
                    + e.getMessage(), "This is a bug of the pack's generator: report it", e);
        }
    }

    /** Copies resources of the pack (contracts, feature views, models) to a folder, returning it. */
    public static Path copyResources(Path folder, String kind, List<String> names) {
        try {
            Files.createDirectories(folder);
            for (String name : names) {
                String resource = RESOURCES + kind + "/" + name;
                try (InputStream in = FinancePack.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new NorthstarException(ErrorCode.INTERNAL, "The pack resource " + resource
                                + " is missing from the class path", "Rebuild Northstar: the jar is incomplete");
                    }
                    Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot write the pack's " + kind + " to "
                    + folder + ": " + e, "Choose a work directory you can write to", e);
        }
        return folder;
    }
}
