package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.ContractProblem;
import dev.northstar.contracts.ContractValidator;
import dev.northstar.contracts.ContractVersion;
import dev.northstar.contracts.DataProduct;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.ingest.Ingestion;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
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
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Lakehouse lake;
    private final Optional<Backing> backing;

    /** The registry and histories of a JDBC metadata store. */
    private record Backing(MetadataDatabase database, ProductRegistry registry, RunStore runs, QualityHistory quality,
            IncidentStore incidents, SloEvaluator slos, QualityConfig config) {}

    DataProducts(Lakehouse lake, MetadataStore store) {
        this.lake = requireNonNull(lake, "lake is null");
        requireNonNull(store, "store is null");
        if (store instanceof JdbcMetadataStore jdbc) {
            MetadataDatabase database = jdbc.database();
            this.backing = Optional.of(new Backing(database, new ProductRegistry(database, lake), jdbc.runs(),
                    new QualityHistory(database), new IncidentStore(database),
                    new SloEvaluator(lake, jdbc.runs(), Clock.systemUTC()), QualityConfig.defaults()));
        } else {
            this.backing = Optional.empty();
        }
    }

    /** A table governed by a contract, with what the product list shows of it. */
    record ProductTable(TableId table, ContractVersion contract, Optional<RunRecord> lastRun, List<SloStatus> slos) {}

    /** A quarantined row. */
    record QuarantinedRow(String runId, String status, String source, Optional<Long> line, Optional<Long> record,
            Optional<String> rawValues, Optional<String> rawLine, List<Reason> reasons, Optional<Instant> ingestedAt) {}

    /** One reason a row was quarantined: the contract rule, the column and the message. */
    record Reason(String rule, String column, String message) {}

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

    /**
     * The YAML text of the contract version in force for a table, exactly as applied. The contracts module keeps it in
     * {@code ns_contract_versions.yaml} but has no accessor for it, so it is read here.
     */
    String contractYaml(TableId table) {
        ActiveContract active = contract(table);
        return backing().database().call("read the YAML of contract " + active.contract().id(), handle -> handle
                .createQuery("SELECT yaml FROM ns_contract_versions WHERE contract_id = :id AND version = :version")
                .bind("id", active.contract().id())
                .bind("version", active.version())
                .mapTo(String.class)
                .one());
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
        TableId quarantine = Ingestion.quarantineTable(table);
        if (!lake.exists(quarantine)) {
            return List.of();
        }
        String where = runId.map(run -> " WHERE _run_id = '" + run.replace("'", "''") + "'").orElse("");
        List<List<Object>> rows = lake.query("SELECT _run_id, _status, _source, _line, _record, _raw_values,"
                + " _raw_line, _reasons, _ingested_at FROM " + quarantine + where
                + " ORDER BY _ingested_at, _run_id, _line NULLS LAST, _record LIMIT " + limit,
                QueryOptions.defaults().withMaxRows(limit)).rows();
        List<QuarantinedRow> result = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            result.add(new QuarantinedRow(text(row.get(0)), text(row.get(1)), text(row.get(2)),
                    number(row.get(3)), number(row.get(4)), Optional.ofNullable(row.get(5)).map(Object::toString),
                    Optional.ofNullable(row.get(6)).map(Object::toString), reasons(text(row.get(7))),
                    Optional.ofNullable(row.get(8)).map(DataProducts::instant)));
        }
        return List.copyOf(result);
    }

    /** Distinct run ids in the quarantine table of a product, newest first. */
    List<String> quarantineRuns(TableId table) {
        TableId quarantine = Ingestion.quarantineTable(table);
        if (!lake.exists(quarantine)) {
            return List.of();
        }
        return lake.query("SELECT _run_id, max(_ingested_at) AS last_ingested FROM " + quarantine
                        + " GROUP BY _run_id ORDER BY last_ingested DESC", QueryOptions.defaults()).rows().stream()
                .map(row -> text(row.get(0)))
                .toList();
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

    static List<Reason> reasons(String json) {
        if (json.isEmpty()) {
            return List.of();
        }
        try {
            List<Reason> reasons = new ArrayList<>();
            for (JsonNode reason : JSON.readTree(json)) {
                reasons.add(new Reason(reason.path("rule").asText(""), reason.path("column").asText(""),
                        reason.path("message").asText("")));
            }
            return List.copyOf(reasons);
        } catch (IOException e) {
            // Not JSON (a future format): keep the text whole rather than lose it.
            return List.of(new Reason("", "", json));
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Optional<Long> number(Object value) {
        return value instanceof Number number ? Optional.of(number.longValue()) : Optional.empty();
    }

    private static Instant instant(Object value) {
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return java.time.OffsetDateTime.parse(value.toString().replace(' ', 'T')).toInstant();
    }
}
