package dev.northstar.govern.catalog;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.DataContract;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.contracts.SchemaProperty;
import dev.northstar.govern.classify.AcceptedClasses;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.TableInfo;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.quality.CheckResult;
import dev.northstar.quality.CheckRun;
import dev.northstar.quality.ContractChecks;
import dev.northstar.quality.ErrorBudget;
import dev.northstar.quality.QualityConfig;
import dev.northstar.quality.QualityHistory;
import dev.northstar.quality.SloEvaluator;
import dev.northstar.quality.SloStatus;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.store.RunStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog: the platform's own state read as one list of entries, always complete and current (there is no
 * crawler). Every table of every domain is an entry, with its size and last commit from the lake, the data product
 * and contract in force from the {@link ProductRegistry}, the latest quality check from {@link QualityHistory}, SLOs
 * from {@link SloEvaluator}, usage from the {@link UsageLog}, glossary terms and steward tags. Thread-safe.
 */
public final class Catalog {
    private final Lakehouse lake;
    private final MetadataDatabase database;
    private final ProductRegistry registry;
    private final QualityHistory quality;
    private final SloEvaluator slos;
    private final QualityConfig qualityConfig;
    private final Glossary glossary;
    private final StewardTags tags;
    private final UsageLog usage;

    /**
     * A catalog over a lake and the metadata database beside it.
     *
     * @param clock the clock of usage windows, SLOs and steward changes
     */
    public Catalog(Lakehouse lake, MetadataDatabase database, RunStore runs, QualityConfig qualityConfig,
            Clock clock) {
        this.lake = requireNonNull(lake, "lake is null");
        this.database = requireNonNull(database, "database is null");
        requireNonNull(runs, "runs is null");
        this.qualityConfig = requireNonNull(qualityConfig, "qualityConfig is null");
        requireNonNull(clock, "clock is null");
        this.registry = new ProductRegistry(database, lake, clock);
        this.quality = new QualityHistory(database);
        this.slos = new SloEvaluator(lake, runs, clock);
        this.glossary = new Glossary(database, lake, clock);
        this.tags = new StewardTags(database, lake, clock);
        this.usage = new UsageLog(database, clock);
    }

    /** The catalog of a lake and its JDBC metadata store, with the default quality settings and the UTC clock. */
    public static Catalog of(Lakehouse lake, JdbcMetadataStore store) {
        requireNonNull(store, "store is null");
        return new Catalog(lake, store.database(), store.runs(), QualityConfig.defaults(), Clock.systemUTC());
    }

    public Glossary glossary() {
        return glossary;
    }

    public StewardTags tags() {
        return tags;
    }

    public UsageLog usage() {
        return usage;
    }

    /** Every domain with its number of tables, sorted by name. */
    public Map<String, Integer> domains() {
        return lake.domains().stream().collect(Collectors.toMap(Function.identity(),
                domain -> lake.tables(domain).size(), (left, right) -> left, java.util.TreeMap::new));
    }

    /**
     * Every table of every domain, sorted by name, without SLO status (evaluating SLOs reads run history; {@link
     * #entry} has them). A table dropped while listing is skipped.
     */
    public List<CatalogEntry> entries() {
        Map<String, List<String>> allTags = tags.all();
        Map<String, UsageLog.TableUsage> allUsage = usage.usageByTable();
        List<CatalogEntry> entries = new ArrayList<>();
        for (TableId table : lake.tables()) {
            TableInfo info;
            try {
                info = lake.describe(table);
            } catch (NorthstarException e) {
                if (e.code() == ErrorCode.TABLE_NOT_FOUND) {
                    continue;
                }
                throw e;
            }
            entries.add(entry(info, allTags.getOrDefault(table.toString(), List.of()),
                    allUsage.getOrDefault(table.toString(), UsageLog.TableUsage.NONE), false));
        }
        return List.copyOf(entries);
    }

    /**
     * One table in full, SLO status included.
     *
     * @throws NorthstarException {@code TABLE_NOT_FOUND} for an unknown table (with close matches)
     */
    public CatalogEntry entry(TableId table) {
        requireNonNull(table, "table is null");
        TableInfo info = lake.describe(table);
        return entry(info, tags.tags(table), usage.usage(table), true);
    }

    /**
     * A cheap digest of everything an entry is built from except usage and SLOs: the metadata file of every table
     * (it changes on each commit and schema change), the contract versions and which is in force, the latest quality
     * run and the steward revision (glossary and tags). Equal fingerprints mean equal {@link #entries()} apart from
     * usage and SLOs.
     */
    public String fingerprint() {
        StringBuilder state = new StringBuilder();
        state.append(tablesState()).append('\n');
        database.call("read the catalog fingerprint", handle -> {
            handle.createQuery("SELECT contract_id, version, active FROM ns_contract_versions"
                            + " ORDER BY contract_id, version")
                    .map((row, context) -> row.getString(1) + "@" + row.getString(2) + ":" + row.getBoolean(3))
                    .list()
                    .forEach(line -> state.append(line).append('\n'));
            handle.createQuery("SELECT count(*), max(run_at) FROM ns_quality_runs")
                    .map((row, context) -> row.getLong(1) + "/" + row.getLong(2))
                    .list()
                    .forEach(line -> state.append("quality ").append(line).append('\n'));
            state.append("revision ").append(CatalogRevision.read(handle));
            return null;
        });
        state.append("\naccepted ").append(AcceptedClasses.state(database));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(state.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The metadata location of every table, read in one query of the Iceberg JDBC catalog's own table when the
     * catalog shares the metadata database (the default); else the current snapshot of each table.
     */
    private String tablesState() {
        try {
            return database.call("read the catalog's table state", handle -> String.join("\n", handle
                    .createQuery("SELECT table_namespace, table_name, metadata_location FROM iceberg_tables"
                            + " ORDER BY table_namespace, table_name")
                    .map((row, context) -> row.getString(1) + "." + row.getString(2) + "=" + row.getString(3))
                    .list()));
        } catch (NorthstarException e) {
            StringBuilder state = new StringBuilder();
            for (TableId table : lake.tables()) {
                try {
                    TableInfo info = lake.describe(table);
                    state.append(table).append('=')
                            .append(info.currentSnapshot().map(SnapshotInfo::snapshotId).orElse(0L))
                            .append('/').append(info.columns()).append('\n');
                } catch (NorthstarException gone) {
                    state.append(table).append("=gone\n");
                }
            }
            return state.toString();
        }
    }

    private CatalogEntry entry(TableInfo info, List<String> stewardTags, UsageLog.TableUsage tableUsage,
            boolean withSlos) {
        TableId table = info.id();
        Optional<ActiveContract> active = registry.activeContract(table);
        Map<String, List<String>> terms = glossary.termsByColumn(table);
        Map<String, List<String>> accepted = AcceptedClasses.byColumn(database, table);
        Map<String, SchemaProperty> properties = active.map(found -> found.schemaObject().properties().stream()
                        .collect(Collectors.toMap(property -> property.name().toLowerCase(Locale.ROOT),
                                Function.identity(), (left, right) -> left)))
                .orElse(Map.of());
        List<CatalogEntry.ColumnEntry> columns = new ArrayList<>();
        for (TableInfo.ColumnInfo column : info.columns()) {
            Optional<SchemaProperty> property = Optional.ofNullable(properties.get(column.name()
                    .toLowerCase(Locale.ROOT)));
            String doc = column.doc() == null ? "" : column.doc();
            if (doc.isEmpty()) {
                doc = property.map(SchemaProperty::description).orElse("");
            }
            // The contract's classification is authoritative; without one, the classes a steward accepted.
            Optional<String> classification = property.map(SchemaProperty::classification)
                    .filter(value -> !value.isBlank())
                    .or(() -> Optional.ofNullable(accepted.get(column.name().toLowerCase(Locale.ROOT)))
                            .map(ids -> String.join(", ", ids)));
            columns.add(new CatalogEntry.ColumnEntry(column.name(), column.type(), column.required(), doc,
                    classification,
                    terms.getOrDefault(column.name(), List.of()),
                    property.map(SchemaProperty::tags).orElse(List.of())));
        }
        Optional<CatalogEntry.Product> product = active.map(Catalog::product);
        String comment = info.properties().getOrDefault("comment", "");
        String description = !comment.isBlank() ? comment : product.map(CatalogEntry.Product::purpose).orElse("");
        Optional<CheckRun> latest = quality.latestRun(table);
        List<CatalogEntry.SloState> sloStates = withSlos && active.isPresent()
                ? slos.evaluate(table, ContractChecks.slos(active.get().contract(), qualityConfig)).stream()
                        .map(Catalog::sloState).toList()
                : List.of();
        return new CatalogEntry(table, description, columns, info.totalRecords(), info.totalDataFiles(),
                info.totalBytes(), info.currentSnapshot().map(SnapshotInfo::committedAt),
                info.currentSnapshot().map(SnapshotInfo::snapshotId), product, stewardTags, status(latest),
                latest.map(run -> new CatalogEntry.CheckSummary(run.id(), run.at(), run.results().size(),
                        run.failures().size())), sloStates, tableUsage);
    }

    private static CatalogEntry.Product product(ActiveContract active) {
        DataContract contract = active.contract();
        List<String> contractTags = new ArrayList<>(contract.tags());
        active.schemaObject().tags().stream().filter(tag -> !contractTags.contains(tag)).forEach(contractTags::add);
        List<CatalogEntry.Member> members = contract.team().members().stream()
                .map(member -> new CatalogEntry.Member(member.username(), member.name(), member.role()))
                .toList();
        String productName = contract.dataProduct().isBlank() ? contract.id() : contract.dataProduct();
        return new CatalogEntry.Product(productName, contract.id(), contract.name(), active.version(),
                contract.status(), active.appliedAt(), contract.description().purpose(),
                contract.description().usage(), contract.description().limitations(), contract.team().name(),
                members, contractTags);
    }

    private static CatalogEntry.QualityStatus status(Optional<CheckRun> latest) {
        if (latest.isEmpty()) {
            return CatalogEntry.QualityStatus.UNCHECKED;
        }
        CheckRun run = latest.get();
        if (!run.passed()) {
            return CatalogEntry.QualityStatus.FAILED;
        }
        return run.results().stream().allMatch(CheckResult::passed) ? CatalogEntry.QualityStatus.PASSED
                : CatalogEntry.QualityStatus.WARNING;
    }

    private static CatalogEntry.SloState sloState(SloStatus status) {
        ErrorBudget budget = status.budget();
        String state = budget.total() == 0 ? "no_data" : budget.met() ? "met" : "breached";
        return new CatalogEntry.SloState(status.slo().kind().name().toLowerCase(Locale.ROOT), state,
                status.slo().objectivePercent(), budget.indicator() * 100, budget.remainingFraction() * 100);
    }
}
