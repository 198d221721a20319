package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.ContractProblem;
import dev.northstar.contracts.ContractValidator;
import dev.northstar.contracts.ContractVersion;
import dev.northstar.contracts.DataProduct;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.ingest.IngestRequest;
import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.QuarantineFilter;
import dev.northstar.ingest.QuarantineRun;
import dev.northstar.ingest.QuarantineTable;
import dev.northstar.ingest.QuarantinedRow;
import dev.northstar.ingest.plan.ContractRules;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.quality.CheckRun;
import dev.northstar.quality.ContractChecks;
import dev.northstar.quality.Incident;
import dev.northstar.quality.IncidentStore;
import dev.northstar.quality.MetricPoint;
import dev.northstar.quality.QualityConfig;
import dev.northstar.quality.QualityHistory;
import dev.northstar.quality.SloEvaluator;
import dev.northstar.quality.SloStatus;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.store.MetadataStore;
import dev.northstar.spi.store.RunRecord;
import dev.northstar.spi.store.RunStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the API and the console show of data products, read through the contracts, ingest and quality modules: the
 * contracts in force ({@link ProductRegistry}), ingestion runs ({@link RunStore}), the quarantine tables, the quality
 * history and the SLOs. Built from the lake and the JDBC metadata store the server is given; with any other store the
 * product routes answer {@link ErrorCode#UNAVAILABLE}.
 */
final class DataProducts {
    /** Most runs a product page lists. */
    static final int MAX_RUNS = 200;
    /** Most quarantined rows one request returns. */
    static final int MAX_QUARANTINE_ROWS = 1_000;
    /** Runs read to find the newest load run among runs of other kinds on the same table. */
    private static final int LAST_RUN_SCAN = 50;
    /** Run kinds that load a product. */
    private static final Set<String> LOAD_KINDS = Set.of(Ingestion.INGEST, Ingestion.REPLAY);

    private final Lakehouse lake;
    private final IngestSettings ingestSettings;
    private final Optional<Backing> backing;

    /** The registry, histories and ingestion of a JDBC metadata store. */
    private record Backing(ProductRegistry registry, RunStore runs, QualityHistory quality, IncidentStore incidents,
            SloEvaluator slos, QualityConfig config, Ingestion ingestion) {}

    DataProducts(Lakehouse lake, MetadataStore store, IngestSettings ingestSettings) {
        this.lake = requireNonNull(lake, "lake is null");
        requireNonNull(store, "store is null");
        this.ingestSettings = requireNonNull(ingestSettings, "ingestSettings is null");
        if (store instanceof JdbcMetadataStore jdbc) {
            MetadataDatabase database = jdbc.database();
            this.backing = Optional.of(new Backing(new ProductRegistry(database, lake), jdbc.runs(),
                    new QualityHistory(database), new IncidentStore(database),
                    new SloEvaluator(lake, jdbc.runs(), Clock.systemUTC()), QualityConfig.defaults(),
                    // Columns the contract protects (northstar.protect) are protected before being written.
                    new Ingestion(lake, jdbc, ingestSettings, dev.northstar.govern.privacy.Privacy.open(lake,
                            database, dev.northstar.govern.audit.AuditedPrivacy.of(new dev.northstar.govern.audit.AuditLog(database))).collection())));
        } else {
            this.backing = Optional.empty();
        }
    }

    /** Largest file the ingest route and form accept ({@code ingest.max-upload-bytes}). */
    long maxUploadBytes() {
        return ingestSettings.maxUploadBytes();
    }

    /**
     * Ingests a source into a governed table under its contract in force, as {@code northstar ingest} does:
     * quarantine, idempotence by the source's fingerprint unless {@code force}, recovery of dead runs first.
     *
     * @return the run summary; FAILED when the contract's policy rejected the batch (nothing committed)
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} when no contract governs the table, the codes of
     *     {@link Ingestion#ingest} for an unreadable source
     */
    IngestResult ingest(TableId table, Source source, boolean force) {
        ActiveContract active = contract(table);
        return backing().ingestion().ingest(IngestRequest.of(source, ContractRules.of(active)).withForce(force));
    }

    /** A table governed by a contract, with what the product list shows of it. */
    record ProductTable(TableId table, ContractVersion contract, Optional<RunRecord> lastRun, List<SloStatus> slos) {}

    /** Every data product with its tables, newest run and SLOs. */
    List<DataProduct> products() {
        return backing().registry().products();
    }

    /** The tables of a product version with their last run and SLO statuses. */
    List<ProductTable> tables(ContractVersion contract) {
        List<ProductTable> tables = new ArrayList<>();
        for (TableId table : contract.tables()) {
            tables.add(new ProductTable(table, contract, runs(table, LAST_RUN_SCAN).stream().findFirst(),
                    slos(table)));
        }
        return List.copyOf(tables);
    }

    /**
     * The contract in force for a table.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} when no contract governs the table
     */
    ActiveContract contract(TableId table) {
        Optional<ActiveContract> active = backing().registry().activeContract(table);
        if (active.isEmpty()) {
            List<String> governed = products().stream()
                    .flatMap(product -> product.contracts().stream())
                    .flatMap(version -> version.tables().stream())
                    .map(TableId::toString)
                    .toList();
            throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No data contract governs " + table,
                    governed.isEmpty() ? "Apply a contract with 'northstar apply <folder>'"
                            : "Products are: " + String.join(", ", governed));
        }
        return active.get();
    }

    /** The stored version of the contract in force for a table. */
    ContractVersion version(ActiveContract active) {
        return backing().registry().versions(active.contract().id()).stream()
                .filter(version -> version.version().equals(active.version()))
                .findFirst()
                .orElseThrow(() -> new NorthstarException(ErrorCode.INTERNAL, "Contract " + active.contract().id()
                        + " " + active.version() + " is in force for " + active.table() + " but not stored"));
    }

    /** The YAML text of the contract version in force for a table, exactly as applied. */
    String contractYaml(TableId table) {
        ActiveContract active = contract(table);
        return backing().registry().yaml(active.contract().id(), active.version()).orElseThrow(() ->
                new NorthstarException(ErrorCode.INTERNAL, "Contract " + active.contract().id() + " "
                        + active.version() + " is in force for " + table + " but not stored"));
    }

    /** Ingest and replay runs among the newest {@code limit} runs of a table, newest first. */
    List<RunRecord> runs(TableId table, int limit) {
        return backing().runs().forTarget(table.toString(), limit).stream()
                .filter(run -> LOAD_KINDS.contains(run.kind()))
                .toList();
    }

    /** The latest quality check run of a table. */
    Optional<CheckRun> latestCheck(TableId table) {
        return backing().quality().latestRun(table);
    }

    /** Every metric's history for a table, by metric name (sorted), oldest point first. */
    Map<String, List<MetricPoint>> metricHistory(TableId table) {
        QualityHistory quality = backing().quality();
        Map<String, List<MetricPoint>> series = new LinkedHashMap<>();
        for (String metric : quality.metrics(table)) {
            series.put(metric, quality.history(table, metric, Instant.EPOCH));
        }
        return series;
    }

    /** Incidents not resolved yet (open, then acknowledged), most recently updated first. */
    List<Incident> unresolvedIncidents() {
        IncidentStore incidents = backing().incidents();
        List<Incident> unresolved = new ArrayList<>(incidents.list(Optional.empty(),
                Optional.of(Incident.Status.OPEN)));
        unresolved.addAll(incidents.list(Optional.empty(), Optional.of(Incident.Status.ACKNOWLEDGED)));
        return List.copyOf(unresolved);
    }

    /** The SLOs of a governed table (from its contract's SLA and the quality defaults), evaluated now. */
    List<SloStatus> slos(TableId table) {
        Backing platform = backing();
        return platform.registry().activeContract(table)
                .map(active -> platform.slos().evaluate(table, ContractChecks.slos(active.contract(),
                        platform.config())))
                .orElse(List.of());
    }

    /**
     * Quarantined rows of a governed table, oldest first, optionally of one run.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} for a limit outside 1..{@value #MAX_QUARANTINE_ROWS}
     */
    List<QuarantinedRow> quarantine(TableId table, Optional<String> runId, int limit) {
        NorthstarException.checkArgument(limit >= 1 && limit <= MAX_QUARANTINE_ROWS,
                "limit must be between 1 and %s, got %s", MAX_QUARANTINE_ROWS, limit);
        contract(table);
        QuarantineFilter filter = runId.map(QuarantineFilter.all()::ofRun).orElse(QuarantineFilter.all());
        return QuarantineTable.read(lake, table, filter, limit);
    }

    /** Distinct run ids in the quarantine table of a product, newest first. */
    List<String> quarantineRuns(TableId table) {
        List<QuarantineRun> runs = new ArrayList<>(QuarantineTable.runs(lake, table));
        runs.sort(Comparator.comparing((QuarantineRun run) -> run.lastIngestedAt().orElse(Instant.EPOCH)).reversed());
        return runs.stream().map(QuarantineRun::runId).distinct().toList();
    }

    /** Lint problems of a contract text; empty when it is valid. */
    static List<ContractProblem> lint(String yaml) {
        return ContractValidator.lint(yaml, "contract.yaml");
    }

    private Backing backing() {
        return backing.orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "Data products need the platform's JDBC metadata store, and this server was started with another",
                "Start the server with JdbcMetadataStore.open(lake.config()), as 'northstar serve' does"));
    }
}
