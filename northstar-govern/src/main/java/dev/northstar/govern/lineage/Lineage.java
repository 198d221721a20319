package dev.northstar.govern.lineage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.ingest.lineage.LineageEvents;
import dev.northstar.ingest.lineage.LineageLog;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.TableFromQuery;
import dev.northstar.lake.TableInfo;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.CloseMatches;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import io.openlineage.client.OpenLineage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The platform's lineage: the graph of every stored OpenLineage event (ingestion runs, tables created from SQL,
 * events POSTed by outside producers), the acceptance of outside events, and tables created from SQL with their
 * column lineage.
 */
public final class Lineage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Lakehouse lake;
    private final LineageLog log;
    private final LineageEvents events;
    private final OpenLineageValidator validator = new OpenLineageValidator();
    private final Clock clock;

    /** Lineage over the events stored in this metadata database, lake datasets named for this host. */
    public Lineage(Lakehouse lake, MetadataDatabase database) {
        this(lake, database, LineageEvents.localLakeName(), Clock.systemUTC());
    }

    Lineage(Lakehouse lake, MetadataDatabase database, String lakeName, Clock clock) {
        this.lake = requireNonNull(lake, "lake is null");
        this.log = new LineageLog(requireNonNull(database, "database is null"), Optional.empty());
        this.events = new LineageEvents(lakeName);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The namespace of this lake's datasets, e.g. {@code northstar://host}. */
    public String lakeNamespace() {
        return events.datasetNamespace();
    }

    /** The graph of every stored event; lake datasets carry their table's columns. */
    public LineageGraph graph() {
        List<String> stored = log.all().stream().map(LineageLog.StoredEvent::json).toList();
        return LineageGraph.of(stored, this::lakeColumns);
    }

    private List<String> lakeColumns(DatasetRef dataset) {
        if (!dataset.namespace().startsWith("northstar://")) {
            return List.of();
        }
        try {
            TableId id = TableId.parse(dataset.name());
            if (!lake.exists(id)) {
                return List.of();
            }
            return lake.describe(id).columns().stream().map(TableInfo.ColumnInfo::name).toList();
        } catch (NorthstarException e) {
            return List.of(); // not a lake table name: a dataset known only from events
        }
    }

    /**
     * The dataset a user names: {@code namespace} and {@code name} as given, or with no namespace a lake table
     * {@code domain.table} (or the one dataset of the graph with that name).
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} naming close matches when the graph has no such dataset
     */
    public DatasetRef dataset(LineageGraph graph, Optional<String> namespace, String name) {
        requireNonNull(name, "name is null");
        if (namespace.isPresent() && !namespace.get().isBlank()) {
            DatasetRef dataset = new DatasetRef(namespace.get(), name);
            if (graph.contains(dataset)) {
                return dataset;
            }
            throw notFound(graph, dataset.toString());
        }
        DatasetRef lakeDataset = new DatasetRef(lakeNamespace(), name.toLowerCase(Locale.ROOT));
        if (graph.contains(lakeDataset)) {
            return lakeDataset;
        }
        List<DatasetRef> named = graph.named(name);
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.size() > 1) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Several datasets are named " + name + ": "
                    + named, "Give the namespace too, e.g. namespace=" + named.get(0).namespace());
        }
        throw notFound(graph, name);
    }

    private static NorthstarException notFound(LineageGraph graph, String name) {
        List<String> known = graph.datasets().stream().map(DatasetRef::name).toList();
        return new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No lineage is recorded for dataset " + name,
                known.isEmpty() ? "Ingest a product, create a table from SQL, or POST OpenLineage events first"
                        : closeMatches(name, known));
    }

    private static String closeMatches(String name, List<String> known) {
        List<String> close = CloseMatches.of(name, known);
        return close.isEmpty() ? "Known datasets: " + String.join(", ", known.stream().limit(10).toList())
                : "Did you mean " + String.join(", ", close) + "?";
    }

    /**
     * Accepted event.
     *
     * @param kind RUN, DATASET or JOB
     * @param id the key it is stored under
     */
    public record Accepted(String kind, String id) {}

    /**
     * Validates an OpenLineage event from an outside producer and stores it, so its job and datasets join the graph.
     *
     * @throws InvalidLineageEventException listing every problem when it does not conform to the spec
     */
    public Accepted accept(String json) {
        requireNonNull(json, "json is null");
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidLineageEventException("The event", List.of(new OpenLineageValidator.Violation("",
                    "the body is not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr(),
                    "send one OpenLineage event as a JSON object")));
        }
        if (event == null) {
            throw new InvalidLineageEventException("The event", List.of(new OpenLineageValidator.Violation("",
                    "the body is empty", "send one OpenLineage event as a JSON object")));
        }
        List<OpenLineageValidator.Violation> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new InvalidLineageEventException("The event", violations);
        }
        OpenLineageValidator.Kind kind = OpenLineageValidator.kind(event);
        Instant at = OpenLineageValidator.eventTime(event);
        String id = switch (kind) {
            case RUN -> log.recordExternal(event.path("run").path("runId").asText(),
                    event.path("eventType").asText("OTHER"), at, event.path("job").path("name").asText(), json);
            case JOB -> log.recordExternal(UUID.randomUUID().toString(), "JOB", at,
                    event.path("job").path("name").asText(), json);
            case DATASET -> log.recordExternal(UUID.randomUUID().toString(), "DATASET", at,
                    event.path("dataset").path("namespace").asText() + "/" + event.path("dataset").path("name")
                            .asText(), json);
        };
        return new Accepted(kind.name(), id);
    }

    /**
     * Creates a lake table from a query and records its run: a START event, then COMPLETE with the output's column
     * lineage derived from the SQL (or FAIL with the error, which is rethrown).
     */
    public TableFromQuery createTableAs(TableId table, String sql) {
        return createTableAs(table, sql, options -> lake.createTableAs(table, sql, options), created -> created);
    }

    /**
     * Records the run of a table made from a query by {@code create} — e.g. through the governed gateway as a
     * principal — as {@link #createTableAs(TableId, String)} does: START, then COMPLETE with the column lineage derived
     * from the SQL, or FAIL with the error (rethrown). The lineage is resolved first: a query whose columns cannot be
     * traced writes nothing.
     *
     * @param create creates the table with the write options carrying the run id
     * @param tableOf the created table of what {@code create} returns
     * @return what {@code create} returned
     */
    public <T> T createTableAs(TableId table, String sql, Function<WriteOptions, T> create,
            Function<T, TableFromQuery> tableOf) {
        requireNonNull(table, "table is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(create, "create is null");
        requireNonNull(tableOf, "tableOf is null");
        // Resolve the lineage first: a query whose columns cannot be traced fails before anything is written.
        List<SqlColumnLineage.OutputColumn> columns = SqlColumnLineage.resolve(sql,
                id -> lake.describe(id).columns().stream().map(TableInfo.ColumnInfo::name).toList());
        String runId = UUID.randomUUID().toString();
        List<TableId> inputs = new ArrayList<>();
        columns.forEach(column -> column.sources().forEach(source -> {
            if (!inputs.contains(source.table())) {
                inputs.add(source.table());
            }
        }));
        log.record(events.tableFromQuery(OpenLineage.RunEvent.EventType.START, runId, clock.instant(), sql, inputs,
                table, Map.of(), Optional.empty()));
        T result;
        try {
            result = create.apply(WriteOptions.append().withRunId(runId)
                    .withSummary(Map.of("northstar.source", "query")));
        } catch (RuntimeException e) {
            log.record(events.tableFromQuery(OpenLineage.RunEvent.EventType.FAIL, runId, clock.instant(), sql, inputs,
                    table, Map.of(), Optional.of(String.valueOf(e.getMessage()))));
            throw e;
        }
        TableFromQuery created = tableOf.apply(result);
        List<TableId> read = new ArrayList<>(inputs);
        created.inputs().stream().sorted(java.util.Comparator.comparing(TableId::toString))
                .filter(id -> !read.contains(id)).forEach(read::add);
        Map<String, List<LineageEvents.ColumnInput>> lineage = new LinkedHashMap<>();
        for (int i = 0; i < created.columns().size() && i < columns.size(); i++) {
            List<LineageEvents.ColumnInput> sources = new ArrayList<>();
            SqlColumnLineage.OutputColumn column = columns.get(i);
            column.sources().stream().sorted(java.util.Comparator.comparing(SqlColumnLineage.Source::toString))
                    .forEach(source -> sources.add(new LineageEvents.ColumnInput(lakeNamespace(),
                            source.table().toString(), source.column(), column.transformation().name())));
            lineage.put(created.columns().get(i).name(), sources);
        }
        log.record(events.tableFromQuery(OpenLineage.RunEvent.EventType.COMPLETE, runId, clock.instant(), sql, read,
                table, lineage, Optional.empty()));
        return result;
    }
}
