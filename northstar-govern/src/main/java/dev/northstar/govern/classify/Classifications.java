package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.ContractTables;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.lineage.ColumnLineage;
import dev.northstar.govern.lineage.ColumnRef;
import dev.northstar.govern.lineage.DatasetRef;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.TableInfo;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PII/PHI classification of lake tables: scans that sample a table and store the detectors' suggestions, steward
 * review, and each column's effective classification (contract › accepted suggestions › propagated along column
 * lineage). Thread-safe.
 */
public final class Classifications {
    /** Rows a scan samples unless told otherwise. */
    public static final int DEFAULT_SAMPLE_ROWS = 1_000;
    /** Most rows a scan may sample: detection needs a sample, not the table. */
    public static final int MAX_SAMPLE_ROWS = 100_000;
    /** Lake tables are OpenLineage datasets in namespaces {@code northstar://<lake name>}. */
    static final String LAKE_NAMESPACE_PREFIX = "northstar://";

    private final Lakehouse lake;
    private final ProductRegistry registry;
    private final ColumnLineage lineage;
    private final SuggestionStore store;
    private final Detectors detectors;
    private final Clock clock;

    /** On the lake's metadata database, its contracts and a column lineage graph. */
    public Classifications(Lakehouse lake, MetadataDatabase database, ColumnLineage lineage) {
        this(lake, database, new ProductRegistry(database, lake), lineage, Clock.systemUTC());
    }

    /** With the contracts registry and the clock that stamps scans and reviews (tests). */
    public Classifications(Lakehouse lake, MetadataDatabase database, ProductRegistry registry, ColumnLineage lineage,
            Clock clock) {
        this.lake = requireNonNull(lake, "lake is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.lineage = requireNonNull(lineage, "lineage is null");
        this.store = new SuggestionStore(requireNonNull(database, "database is null"));
        this.clock = requireNonNull(clock, "clock is null");
        this.detectors = Detectors.standard(clock);
    }

    // ---- scans and review ------------------------------------------------------------------------------------

    /**
     * Samples up to {@code sampleRows} rows of a table (deterministically: the same data gives the same sample),
     * runs every detector on each column and stores the suggestions (see {@link SuggestionStore} for what a
     * re-scan does to earlier ones).
     *
     * @throws NorthstarException {@code TABLE_NOT_FOUND} for an unknown table, {@code INVALID_ARGUMENT} for a
     *     sample size out of 1..{@value #MAX_SAMPLE_ROWS}
     */
    public ScanResult scan(TableId table, int sampleRows, String principal) {
        requireNonNull(table, "table is null");
        requireNonNull(principal, "principal is null");
        if (sampleRows < 1 || sampleRows > MAX_SAMPLE_ROWS) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Sample size " + sampleRows
                    + " for the scan of " + table + " is out of range",
                    "Sample between 1 and " + MAX_SAMPLE_ROWS + " rows (default " + DEFAULT_SAMPLE_ROWS + ")");
        }
        TableSample sample = TableSample.read(lake, table, sampleRows);
        Map<String, List<Detection>> detections = new LinkedHashMap<>();
        sample.values().forEach((column, values) -> detections.put(column, detectors.detect(column, values)));
        TableScan scan = new TableScan(table, clock.instant(), sample.rows(), sample.snapshotId(), principal);
        return store.record(scan, detections);
    }

    /** Suggestions, optionally of one table and in one status, each beside what the contract says of its column. */
    public List<ListedSuggestion> suggestions(Optional<TableId> table, Optional<Suggestion.Status> status) {
        Contracts contracts = new Contracts();
        return store.list(table, status).stream().map(contracts::listed).toList();
    }

    /** The suggestion with this id, beside the contract. */
    public Optional<ListedSuggestion> suggestion(String id) {
        return store.find(id).map(new Contracts()::listed);
    }

    /**
     * Accepts a suggestion: its class becomes a classification tag of the column.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown id, {@code INVALID_ARGUMENT} when it is
     *     already accepted or the reviewer is blank
     */
    public ListedSuggestion accept(String id, String reviewer, Optional<String> note) {
        return new Contracts().listed(store.review(id, Suggestion.Status.ACCEPTED, reviewer, note, clock.instant()));
    }

    /**
     * Rejects a suggestion: later scans leave it rejected unless its confidence rises to a higher band.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown id, {@code INVALID_ARGUMENT} when it is
     *     already rejected or the reviewer is blank
     */
    public ListedSuggestion reject(String id, String reviewer, Optional<String> note) {
        return new Contracts().listed(store.review(id, Suggestion.Status.REJECTED, reviewer, note, clock.instant()));
    }

    // ---- effective classification ------------------------------------------------------------------------------

    /**
     * The effective classification of every column of a table.
     *
     * @throws NorthstarException {@code TABLE_NOT_FOUND} for an unknown table
     */
    public TableClassification effective(TableId table) {
        requireNonNull(table, "table is null");
        TableInfo info = lake.describe(table);
        Contracts contracts = new Contracts();
        Map<String, List<Suggestion>> accepted = new HashMap<>();
        for (Suggestion suggestion : store.list(Optional.empty(), Optional.of(Suggestion.Status.ACCEPTED))) {
            accepted.computeIfAbsent(columnKey(suggestion.table(), suggestion.column()), key -> new ArrayList<>())
                    .add(suggestion);
        }
        Map<String, List<ListedSuggestion>> suggestionsByColumn = new HashMap<>();
        for (Suggestion suggestion : store.list(Optional.of(table), Optional.empty())) {
            suggestionsByColumn.computeIfAbsent(suggestion.column().toLowerCase(Locale.ROOT),
                    key -> new ArrayList<>()).add(contracts.listed(suggestion));
        }
        Map<ColumnRef, Set<ColumnRef>> inputs = lineage.inputsByColumn();
        List<ColumnClassification> columns = new ArrayList<>();
        for (TableInfo.ColumnInfo column : info.columns()) {
            ContractClassification declared = contracts.of(table, column.name());
            List<ClassTag> classes = new ArrayList<>();
            if (declared.declared()) {
                declared.classes().forEach(word -> classes.add(ClassTag.contract(word)));
            } else {
                accepted.getOrDefault(columnKey(table, column.name()), List.of())
                        .forEach(suggestion -> classes.add(ClassTag.accepted(suggestion)));
                Set<String> seen = new HashSet<>();
                classes.forEach(tag -> seen.add(tag.classId()));
                for (ClassTag tag : propagated(table, column.name(), inputs, contracts, accepted)) {
                    if (seen.add(tag.classId())) {
                        classes.add(tag);
                    }
                }
            }
            columns.add(new ColumnClassification(column.name(), classes,
                    declared.classes().isEmpty() ? Optional.empty() : Optional.of(declared.text()),
                    declared.anonymised(),
                    suggestionsByColumn.getOrDefault(column.name().toLowerCase(Locale.ROOT), List.of())));
        }
        Optional<String> contract = contracts.active(table)
                .map(active -> active.contract().id() + " " + active.version());
        return new TableClassification(table, contract, store.lastScan(table), columns);
    }

    /**
     * The personal classes that reach a column from upstream: a breadth-first walk up the column lineage (so each
     * class comes with its shortest path), which stops at columns the contract classifies (their classes count,
     * anonymised ones count for nothing) and goes on through columns with accepted suggestions and through columns
     * with none. Each column is visited once, so cycles end the walk.
     */
    private List<ClassTag> propagated(TableId table, String column, Map<ColumnRef, Set<ColumnRef>> inputs,
            Contracts contracts, Map<String, List<Suggestion>> accepted) {
        List<ColumnRef> targets = inputs.keySet().stream()
                .filter(ref -> lakeTable(ref.dataset()).filter(table::equals).isPresent()
                        && ref.column().equalsIgnoreCase(column))
                .toList();
        Map<ColumnRef, ColumnRef> downstream = new HashMap<>();
        Set<ColumnRef> visited = new HashSet<>(targets);
        Deque<ColumnRef> queue = new ArrayDeque<>(targets);
        Map<String, ClassTag> found = new LinkedHashMap<>();
        while (!queue.isEmpty()) {
            ColumnRef current = queue.removeFirst();
            for (ColumnRef input : inputs.getOrDefault(current, Set.of()).stream()
                    .sorted(Comparator.comparing(ColumnRef::toString)).toList()) {
                if (!visited.add(input)) {
                    continue;
                }
                downstream.put(input, current);
                Optional<TableId> inputTable = lakeTable(input.dataset());
                boolean expand = true;
                List<ClassTag> own = List.of();
                if (inputTable.isPresent()) {
                    ContractClassification declared = contracts.of(inputTable.get(), input.column());
                    if (declared.declared()) {
                        expand = false;
                        own = declared.anonymised() ? List.of()
                                : declared.classes().stream().map(ClassTag::contract).toList();
                    } else {
                        own = accepted.getOrDefault(columnKey(inputTable.get(), input.column()), List.of()).stream()
                                .map(ClassTag::accepted).toList();
                    }
                }
                for (ClassTag tag : own) {
                    if (ContractClassification.isPersonal(tag.classId()) && !found.containsKey(tag.classId())) {
                        found.put(tag.classId(), tag.propagated(path(input, downstream)));
                    }
                }
                if (expand) {
                    queue.addLast(input);
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** The columns from {@code origin} down to the walk's start. */
    private static List<ColumnRef> path(ColumnRef origin, Map<ColumnRef, ColumnRef> downstream) {
        List<ColumnRef> path = new ArrayList<>();
        for (ColumnRef step = origin; step != null; step = downstream.get(step)) {
            path.add(step);
        }
        return path;
    }

    /** The lake table a lineage dataset is, if it is one. */
    static Optional<TableId> lakeTable(DatasetRef dataset) {
        if (!dataset.namespace().startsWith(LAKE_NAMESPACE_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(TableId.parse(dataset.name()));
        } catch (RuntimeException e) {
            // Another producer's dataset in a look-alike namespace: not one of our tables.
            return Optional.empty();
        }
    }

    private static String columnKey(TableId table, String column) {
        return table + "#" + column.toLowerCase(Locale.ROOT);
    }

    /** The active contracts read during one call, each once. */
    private final class Contracts {
        private final Map<TableId, Optional<ActiveContract>> active = new HashMap<>();

        Optional<ActiveContract> active(TableId table) {
            return active.computeIfAbsent(table, registry::activeContract);
        }

        ContractClassification of(TableId table, String column) {
            return active(table).flatMap(contract -> contract.schemaObject().properties().stream()
                            .filter(property -> ContractTables.columnName(property).equalsIgnoreCase(column))
                            .findFirst())
                    .map(ContractClassification::of)
                    .orElse(ContractClassification.none());
        }

        ListedSuggestion listed(Suggestion suggestion) {
            ContractClassification declared = of(suggestion.table(), suggestion.column());
            return new ListedSuggestion(suggestion,
                    declared.declared() ? Optional.of(declared.anonymised() && declared.classes().isEmpty()
                            ? ContractClassification.ANONYMISED_PROPERTY + ": true" : declared.text())
                            : Optional.empty(),
                    declared.contradicts(suggestion.dataClass()));
        }
    }
}
