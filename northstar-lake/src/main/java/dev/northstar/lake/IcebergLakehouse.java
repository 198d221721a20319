package dev.northstar.lake;

import static dev.northstar.lake.TypeMapping.quote;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.duckdb.DuckDBStruct;

/** {@link Lakehouse} on an Iceberg {@link JdbcCatalog} and DuckDB. */
final class IcebergLakehouse implements Lakehouse {
    private static final String CATALOG_NAME = "northstar";
    private static final AtomicLong QUERY_COUNTER = new AtomicLong();

    private final LakeConfig config;
    private final JdbcCatalog catalog;
    /** Runs writes, deletes and maintenance: reads source files from anywhere, writes into the warehouse. */
    private final DuckDbEngine duckdb;
    /** Runs user queries: sandboxed to the warehouse, configuration locked. */
    private final DuckDbEngine queries;
    private final TableWriter writer;
    private final TableMaintenance maintenance;
    /** The query path's table metadata and planned files, kept between queries. */
    private final ScanPlanner scans;
    private final SqlAnalysisCache analyses = new SqlAnalysisCache();

    IcebergLakehouse(LakeConfig config) {
        this.config = config;
        try {
            Files.createDirectories(config.warehouse());
            Files.createDirectories(config.home().resolve("tmp"));
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                    "Cannot create the warehouse directory " + config.warehouse() + ": " + e.getMessage(),
                    "Check that the data directory is writable", e);
        }
        this.catalog = openCatalog(config);
        this.duckdb = new DuckDbEngine(config, false);
        this.queries = new DuckDbEngine(config, true);
        this.writer = new TableWriter(duckdb, config.targetFileSizeBytes());
        this.maintenance = new TableMaintenance(duckdb, writer, config);
        this.scans = new ScanPlanner(catalog);
    }

    private static JdbcCatalog openCatalog(LakeConfig config) {
        Map<String, String> properties = new HashMap<>();
        properties.put(CatalogProperties.URI, catalogUrl(config));
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, LocalFileIO.location(config.warehouse()));
        properties.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
        properties.put(JdbcCatalog.PROPERTY_PREFIX + "schema-version", "V1");
        config.catalogUser().ifPresent(user -> properties.put(JdbcCatalog.PROPERTY_PREFIX + "user", user));
        config.catalogPassword().ifPresent(password ->
                properties.put(JdbcCatalog.PROPERTY_PREFIX + "password", password));
        if (config.isSqlite()) {
            // One SQLite connection serialises this process's catalog writes; other processes wait on busy_timeout.
            properties.put(CatalogProperties.CLIENT_POOL_SIZE, "1");
        }
        JdbcCatalog catalog = new JdbcCatalog();
        try {
            catalog.initialize(CATALOG_NAME, properties);
        } catch (RuntimeException e) {
            throw new NorthstarException(ErrorCode.UNAVAILABLE,
                    "Cannot open the catalog database " + maskedUrl(config.catalogJdbcUrl()) + ": " + e.getMessage(),
                    "Check catalog.jdbc-url, catalog.user and catalog.password in northstar.yaml", e);
        }
        return catalog;
    }

    /** SQLite needs WAL and a busy timeout so that concurrent writers (threads or processes) wait instead of fail. */
    static String catalogUrl(LakeConfig config) {
        String url = config.catalogJdbcUrl();
        if (!config.isSqlite()) {
            return url;
        }
        try {
            Files.createDirectories(LocalFileIO.path(url.substring("jdbc:sqlite:".length()).split("\\?")[0])
                    .toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder result = new StringBuilder(url);
        char separator = url.contains("?") ? '&' : '?';
        if (!url.contains("journal_mode")) {
            result.append(separator).append("journal_mode=WAL");
            separator = '&';
        }
        if (!url.contains("busy_timeout")) {
            result.append(separator).append("busy_timeout=60000");
        }
        return result.toString();
    }

    static String maskedUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public LakeConfig config() {
        return config;
    }

    // ---- domains ---------------------------------------------------------------------------------------------

    @Override
    public List<String> domains() {
        return catalog.listNamespaces().stream().map(namespace -> namespace.level(0)).sorted().toList();
    }

    @Override
    public void createDomain(String domain) {
        Namespace namespace = Namespace.of(TableId.requireValidDomain(domain));
        if (!catalog.namespaceExists(namespace)) {
            try {
                catalog.createNamespace(namespace);
            } catch (AlreadyExistsException e) {
                // Created concurrently: the domain exists, which is what was asked.
            } catch (org.apache.iceberg.jdbc.UncheckedSQLException e) {
                // The JDBC catalog checks, then inserts the namespace's property row: a concurrent creation makes
                // that insert fail on its primary key instead of raising AlreadyExistsException.
                if (!catalog.namespaceExists(namespace)) {
                    throw e;
                }
            }
        }
    }

    // ---- tables ----------------------------------------------------------------------------------------------

    @Override
    public TableInfo createTable(TableId id, TableDefinition definition) {
        createDomain(id.domain());
        Schema schema = TypeMapping.icebergSchema(definition.schema());
        PartitionSpec spec = partitionSpec(schema, definition);
        SortOrder sortOrder = sortOrder(schema, definition);
        Map<String, String> properties = new HashMap<>(definition.properties());
        properties.putIfAbsent(TableProperties.FORMAT_VERSION, "2");
        properties.putIfAbsent(TableProperties.PARQUET_COMPRESSION, "snappy");
        properties.putIfAbsent(TableProperties.COMMIT_NUM_RETRIES, Integer.toString(config.commitRetries()));
        properties.putIfAbsent(TableProperties.COMMIT_MIN_RETRY_WAIT_MS, "20");
        properties.putIfAbsent(TableProperties.COMMIT_MAX_RETRY_WAIT_MS, "2000");
        properties.putIfAbsent(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "false");
        if (!definition.description().isEmpty()) {
            properties.put("comment", definition.description());
        }
        try {
            Table table = catalog.buildTable(identifier(id), schema)
                    .withPartitionSpec(spec)
                    .withSortOrder(sortOrder)
                    .withProperties(properties)
                    .create();
            return info(id, table);
        } catch (AlreadyExistsException e) {
            throw new NorthstarException(ErrorCode.TABLE_ALREADY_EXISTS, "Table " + id + " already exists",
                    "Choose another name, or drop the table first with 'northstar table drop " + id + "'");
        }
    }

    private static PartitionSpec partitionSpec(Schema schema, TableDefinition definition) {
        PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
        for (dev.northstar.spi.schema.PartitionField field : definition.partitioning()) {
            String column = schema.caseInsensitiveFindField(field.column()).name();
            String transform = field.transform();
            if (transform.equals("identity")) {
                builder.identity(column);
            } else if (transform.equals("year")) {
                builder.year(column);
            } else if (transform.equals("month")) {
                builder.month(column);
            } else if (transform.equals("day")) {
                builder.day(column);
            } else if (transform.equals("hour")) {
                builder.hour(column);
            } else if (transform.startsWith("truncate[")) {
                builder.truncate(column, Integer.parseInt(transform.substring(9, transform.length() - 1)));
            } else {
                throw TableWriter.unsupportedTransform(column, transform);
            }
        }
        try {
            PartitionSpec spec = builder.build();
            spec.fields().forEach(field -> TableWriter.partitionExpression(schema, field));
            return spec;
        } catch (IllegalArgumentException | ValidationException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Invalid partitioning: " + e.getMessage(),
                    "Time transforms (year, month, day, hour) need a date or timestamp column");
        }
    }

    private static SortOrder sortOrder(Schema schema, TableDefinition definition) {
        if (definition.sortOrder().isEmpty()) {
            return SortOrder.unsorted();
        }
        SortOrder.Builder builder = SortOrder.builderFor(schema);
        for (dev.northstar.spi.schema.SortField field : definition.sortOrder()) {
            String column = schema.caseInsensitiveFindField(field.column()).name();
            NullOrder nulls = field.nullsFirst() ? NullOrder.NULLS_FIRST : NullOrder.NULLS_LAST;
            if (field.ascending()) {
                builder.asc(column, nulls);
            } else {
                builder.desc(column, nulls);
            }
        }
        return builder.build();
    }

    @Override
    public List<TableId> tables() {
        List<TableId> tables = new ArrayList<>();
        for (String domain : domains()) {
            tables.addAll(tables(domain));
        }
        return List.copyOf(tables);
    }

    @Override
    public List<TableId> tables(String domain) {
        Namespace namespace = Namespace.of(domain);
        if (!catalog.namespaceExists(namespace)) {
            throw new NorthstarException(ErrorCode.DOMAIN_NOT_FOUND, "Domain " + domain + " does not exist",
                    suggestion(domain, domains()));
        }
        return catalog.listTables(namespace).stream()
                .map(identifier -> new TableId(identifier.namespace().level(0), identifier.name()))
                .sorted((left, right) -> left.toString().compareTo(right.toString()))
                .toList();
    }

    @Override
    public boolean exists(TableId id) {
        return catalog.tableExists(identifier(id));
    }

    @Override
    public TableInfo describe(TableId id) {
        return info(id, load(id));
    }

    @Override
    public List<SnapshotInfo> history(TableId id) {
        Table table = load(id);
        Snapshot current = table.currentSnapshot();
        List<SnapshotInfo> snapshots = new ArrayList<>();
        for (Snapshot snapshot : table.snapshots()) {
            snapshots.add(snapshotInfo(snapshot, current != null && current.snapshotId() == snapshot.snapshotId()));
        }
        snapshots.sort((left, right) -> left.committedAt().compareTo(right.committedAt()));
        return List.copyOf(snapshots);
    }

    @Override
    public void dropTable(TableId id) {
        Table table = load(id);
        String location = table.location();
        if (!catalog.dropTable(identifier(id), true)) {
            throw tableNotFound(id);
        }
        // Purge deletes what the metadata references; the directory may still hold orphans of failed writes.
        new LocalFileIO().deletePrefix(location);
    }

    @Override
    public TableInfo evolve(TableId id, List<dev.northstar.lake.SchemaChange> changes) {
        Table table = load(id);
        UpdateSchema update = table.updateSchema();
        try {
            for (dev.northstar.lake.SchemaChange change : changes) {
                if (change instanceof dev.northstar.lake.SchemaChange.AddColumn add) {
                    Type type = TypeMapping.icebergType(add.type(), new java.util.concurrent.atomic.AtomicInteger(1));
                    update.addColumn(add.name(), type, add.doc().isEmpty() ? null : add.doc());
                } else if (change instanceof dev.northstar.lake.SchemaChange.RenameColumn rename) {
                    update.renameColumn(column(table, rename.name()), rename.newName());
                } else if (change instanceof dev.northstar.lake.SchemaChange.WidenColumn widen) {
                    Type type = TypeMapping.icebergType(widen.newType(), new java.util.concurrent.atomic.AtomicInteger(1));
                    if (!type.isPrimitiveType()) {
                        throw new NorthstarException(ErrorCode.INVALID_SCHEMA_CHANGE,
                                "Column '" + widen.name() + "' cannot be widened to " + widen.newType().text(),
                                "Widening applies to int→long, float→double and decimal precision");
                    }
                    update.updateColumn(column(table, widen.name()), type.asPrimitiveType());
                } else if (change instanceof dev.northstar.lake.SchemaChange.MakeOptional optional) {
                    update.makeColumnOptional(column(table, optional.name()));
                }
            }
            update.commit();
        } catch (IllegalArgumentException | ValidationException e) {
            throw new NorthstarException(ErrorCode.INVALID_SCHEMA_CHANGE,
                    "Schema change on " + id + " rejected: " + e.getMessage(),
                    "Allowed: add optional columns, rename, widen int→long, float→double, decimal(P,S)→decimal(P',S) "
                            + "with P' > P, make a column optional");
        }
        return info(id, table);
    }

    private static String column(Table table, String name) {
        Types.NestedField field = table.schema().caseInsensitiveFindField(name);
        if (field == null) {
            List<String> names = table.schema().columns().stream().map(Types.NestedField::name).toList();
            throw new NorthstarException(ErrorCode.INVALID_SCHEMA_CHANGE,
                    "Column '" + name + "' does not exist in " + table.name(), suggestion(name, names));
        }
        return field.name();
    }

    // ---- writes ----------------------------------------------------------------------------------------------

    @Override
    public WriteResult write(TableId id, RowSource source, WriteOptions options) {
        long start = System.nanoTime();
        Table table = load(id);
        Snapshot before = table.currentSnapshot();
        TableWriter.Written written = writer.write(table, source);
        try {
            return commit(id, table, before, written, options, start);
        } catch (NorthstarException e) {
            written.files().forEach(file -> table.io().deleteFile(file.location()));
            throw e;
        }
    }

    /** Commits written files in one Iceberg commit; {@code before} is the snapshot the write started from. */
    WriteResult commit(TableId id, Table table, Snapshot before, TableWriter.Written written, WriteOptions options,
            long startNanos) {
        Map<String, String> summary = new LinkedHashMap<>(options.summary());
        summary.put(SnapshotInfo.RUN_ID, options.runId());
        options.sourceFingerprint().ifPresent(fingerprint -> summary.put(SnapshotInfo.SOURCE_FINGERPRINT, fingerprint));
        Snapshot committed;
        try {
            if (options.mode() == WriteOptions.Mode.APPEND) {
                // Manifests on the calling thread, not Iceberg's worker pool: that pool is shut down by its own JVM
                // shutdown hook, so a commit made while the server shuts down (the last predictions, streamed events)
                // would be refused.
                AppendFiles append = table.newAppend().scanManifestsWith(CallerThreadExecutor.INSTANCE);
                written.files().forEach(append::appendFile);
                summary.forEach(append::set);
                append.commit();
            } else {
                OverwriteFiles overwrite = table.newOverwrite().scanManifestsWith(CallerThreadExecutor.INSTANCE)
                        .overwriteByRowFilter(Expressions.alwaysTrue());
                written.files().forEach(overwrite::addFile);
                summary.forEach(overwrite::set);
                if (before != null) {
                    // Rows appended concurrently would be silently dropped by the overwrite: fail instead.
                    overwrite.validateFromSnapshot(before.snapshotId()).validateNoConflictingData()
                            .validateNoConflictingDeletes();
                }
                overwrite.commit();
            }
            committed = table.currentSnapshot();
        } catch (CommitFailedException | ValidationException e) {
            throw new NorthstarException(ErrorCode.COMMIT_CONFLICT,
                    "Write to " + id + " lost against a concurrent change: " + e.getMessage(),
                    "Run the write again", e);
        }
        return new WriteResult(id, committed.snapshotId(), options.runId(), written.rows(), written.files().size(),
                written.bytes(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    @Override
    public WriteSession openWriteSession() {
        return new IcebergWriteSession(this, duckdb.connection(), writer);
    }

    @Override
    public MaintenanceResult revertRun(TableId id, String runId) {
        return maintenance.revertRun(id, load(id), runId);
    }

    @Override
    public DeleteResult delete(TableId id, String predicate, Map<String, String> summary) {
        return maintenance.delete(id, load(id), predicate, summary);
    }

    // ---- reads -----------------------------------------------------------------------------------------------

    @Override
    public QueryResult query(String sql, QueryOptions options) {
        long start = System.nanoTime();
        return withQueryViews(sql, options, (connection, runnable, scanned, total, snapshots) ->
                run(connection, runnable, options, scanned, total, snapshots, start));
    }

    /** What runs on the sandboxed connection once the query's tables are views: the SQL to run and what was read. */
    private interface QueryWork<T> {
        T run(Connection connection, String runnable, int scanned, int total, Map<String, Long> snapshots)
                throws SQLException;
    }

    /**
     * Analyses user SQL, makes each table it reads a view over the snapshot's planned files in a fresh in-memory
     * catalog of a sandboxed connection, and runs the work there.
     */
    private <T> T withQueryViews(String sql, QueryOptions options, QueryWork<T> work) {
        String catalogName = "ns_q" + QUERY_COUNTER.incrementAndGet() + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = queries.connection()) {
            SqlAnalysis analysis = analyses.analyse(connection, sql);
            Map<String, Long> snapshots = new LinkedHashMap<>();
            int scanned = 0;
            int total = 0;
            DuckDbEngine.execute(connection, "ATTACH ':memory:' AS " + catalogName);
            Optional<String> keyCatalog = Optional.empty();
            try {
                Set<String> schemas = new TreeSet<>();
                Map<String, String> views = new HashMap<>();
                Map<SqlAnalysis.TableReference, String> timeTravelViews = new LinkedHashMap<>();
                for (SqlAnalysis.TableReference reference : analysis.references()) {
                    TableId id = reference.table();
                    Table table = current(id);
                    Optional<Snapshot> snapshot = snapshotToRead(table, id, reference.timeTravel(), options);
                    String viewName = reference.timeTravel().isEmpty() ? id.name()
                            : id.name() + "__at_" + snapshot.map(Snapshot::snapshotId).orElse(0L);
                    if (reference.timeTravel().isPresent()) {
                        timeTravelViews.put(reference, viewName);
                    }
                    String viewKey = id.domain() + "." + viewName;
                    if (views.containsKey(viewKey)) {
                        continue;
                    }
                    Schema schema = snapshot.map(found -> schemaOf(table, found)).orElse(table.schema());
                    List<QueryResult.Column> tableColumns = schema.columns().stream()
                            .map(field -> new QueryResult.Column(field.name(), TypeMapping.duckdbType(field.type())))
                            .toList();
                    Optional<TableProjection> projection = options.guard()
                            .map(guard -> guard.project(id, tableColumns));
                    boolean restricted = projection.isPresent() && !projection.get().isIdentity(tableColumns);
                    String relation;
                    if (snapshot.isEmpty()) {
                        relation = TypeMapping.emptyRelation(schema);
                    } else {
                        snapshots.put(reference.timeTravel().isEmpty() ? id.toString() : viewKey,
                                snapshot.get().snapshotId());
                        long uses = analysis.references().stream().filter(each -> each.table().equals(id)).count();
                        // A table read more than once (self join, time travel) is not pruned: each use may need
                        // different rows.
                        // A guarded table whose view masks or filters is not pruned by the query's filters either:
                        // they speak of masked values, and which files they keep would tell about hidden rows.
                        List<String> files = scans.files(table, snapshot.get(), schema,
                                uses == 1 && !restricted ? analysis.filtersFor(reference) : List.of());
                        scanned += files.size();
                        total += Integer.parseInt(snapshot.get().summary().getOrDefault("total-data-files", "0"));
                        relation = ScanPlanner.relation(table, schema, files);
                    }
                    if (schemas.add(id.domain())) {
                        DuckDbEngine.execute(connection, "CREATE SCHEMA " + catalogName + "." + quote(id.domain()));
                    }
                    String body = "SELECT * FROM " + relation;
                    if (restricted) {
                        if (keyCatalog.isEmpty() && projection.get().columns().stream()
                                .anyMatch(TableProjection.ProjectedColumn::keyedHash)) {
                            keyCatalog = Optional.of(catalogName + "_k");
                            GuardedView.attachKey(connection, keyCatalog.get(), options.guard().get().hashKey());
                        }
                        body = GuardedView.body(connection, analyses, id, projection.get(), relation, keyCatalog);
                    }
                    DuckDbEngine.execute(connection, "CREATE VIEW " + catalogName + "." + quote(id.domain()) + "."
                            + quote(viewName) + " AS " + body);
                    views.put(viewKey, viewName);
                }
                String runnable = timeTravelViews.isEmpty() ? sql
                        : SqlAnalysis.rewriteTimeTravel(sql, timeTravelViews);
                DuckDbEngine.execute(connection, "USE " + catalogName);
                return work.run(connection, runnable, scanned, total, snapshots);
            } finally {
                try {
                    DuckDbEngine.execute(connection, "USE memory");
                    DuckDbEngine.execute(connection, "DETACH " + catalogName);
                    if (keyCatalog.isPresent()) {
                        DuckDbEngine.execute(connection, "DETACH " + keyCatalog.get());
                    }
                } catch (SQLException e) {
                    // The connection is closed next; an attached in-memory catalog left behind holds only views.
                }
            }
        } catch (SQLException e) {
            throw queryError(e);
        }
    }

    @Override
    public TableFromQuery createTableAs(TableId id, String sql, WriteOptions options) {
        return createTableAs(id, sql, QueryOptions.defaults(), options);
    }

    @Override
    public TableFromQuery createTableAs(TableId id, String sql, QueryOptions query, WriteOptions options) {
        if (exists(id)) {
            throw new NorthstarException(ErrorCode.TABLE_ALREADY_EXISTS, "Table " + id + " already exists",
                    "Choose another name, or drop it first with 'northstar table drop " + id + "'");
        }
        Path staging = config.warehouse().resolve(".staging").resolve(UUID.randomUUID() + ".parquet");
        try {
            Files.createDirectories(staging.getParent());
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot create the staging directory "
                    + staging.getParent() + ": " + e.getMessage(), null, e);
        }
        try {
            // The query runs sandboxed like any user query; its rows land in a staging Parquet file inside the
            // warehouse (the only place the sandbox may write), which the trusted writer then commits.
            Set<TableId> inputs = tablesRead(sql);
            List<QueryResult.Column> columns = withQueryViews(sql, query.withMaxRows(Integer.MAX_VALUE),
                    (connection, runnable, scanned, total, snapshots) -> {
                        List<QueryResult.Column> described = new ArrayList<>();
                        for (List<Object> row : DuckDbEngine.rows(connection, "DESCRIBE (" + runnable + ")")) {
                            described.add(new QueryResult.Column(String.valueOf(row.get(0)), String.valueOf(row.get(1))));
                        }
                        described.forEach(column -> checkColumnName(id, column)); // before the rows are computed
                        DuckDbEngine.execute(connection, "COPY (" + runnable + ") TO "
                                + TypeMapping.literal(staging.toString()) + " (FORMAT parquet)");
                        return described;
                    });
            List<dev.northstar.spi.schema.Column> tableColumns = new ArrayList<>();
            for (QueryResult.Column column : columns) {
                tableColumns.add(dev.northstar.spi.schema.Column.optional(column.name(),
                        TypeMapping.fromDuckDb(column.type(), column.name())));
            }
            TableInfo created = createTable(id, TableDefinition.of(new dev.northstar.spi.schema.TableSchema(
                    tableColumns)));
            try {
                WriteResult written = write(id, RowSource.file(staging), options);
                return new TableFromQuery(describe(id), written, inputs, columns);
            } catch (RuntimeException e) {
                dropTable(created.id());
                throw e;
            }
        } finally {
            try {
                Files.deleteIfExists(staging);
            } catch (IOException e) {
                // Left in the warehouse's .staging directory, never read again; retried when the JVM exits.
                staging.toFile().deleteOnExit();
            }
        }
    }

    /** A result column must be a valid column name and have a type a table column can hold. */
    private static void checkColumnName(TableId id, QueryResult.Column column) {
        if (!column.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new NorthstarException(ErrorCode.INVALID_SQL, "Result column '" + column.name()
                    + "' of the query cannot name a column of " + id,
                    "Give it an alias of letters, digits and underscores, e.g. " + column.name() + " AS total");
        }
        TypeMapping.fromDuckDb(column.type(), column.name());
    }

    /** The tables a query reads, from DuckDB's parser. */
    private Set<TableId> tablesRead(String sql) {
        try (Connection connection = queries.connection()) {
            return analyses.analyse(connection, sql).tables();
        } catch (SQLException e) {
            throw DuckDbEngine.translate(e, "Cannot parse SQL");
        }
    }

    private NorthstarException queryError(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        java.util.regex.Matcher missing = java.util.regex.Pattern
                .compile("Table with name (\\w+) does not exist").matcher(message);
        if (message.startsWith("Catalog Error") && missing.find()) {
            String name = missing.group(1);
            List<String> all = tables().stream().map(TableId::toString).toList();
            return new NorthstarException(ErrorCode.TABLE_NOT_FOUND,
                    "Table " + name + " does not exist: " + message.lines().findFirst().orElse(message),
                    suggestion(name, all) + " (tables are named domain.table)", e);
        }
        return DuckDbEngine.translate(e, "Query failed");
    }

    private QueryResult run(Connection connection, String sql, QueryOptions options, int scanned, int total,
            Map<String, Long> snapshots, long start) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (options.maxRows() < Integer.MAX_VALUE) {
                statement.setMaxRows(options.maxRows() + 1);
            }
            try (ResultSet result = statement.executeQuery(sql)) {
                ResultSetMetaData metadata = result.getMetaData();
                int count = metadata.getColumnCount();
                List<QueryResult.Column> columns = new ArrayList<>(count);
                for (int i = 1; i <= count; i++) {
                    columns.add(new QueryResult.Column(metadata.getColumnLabel(i), metadata.getColumnTypeName(i)));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (result.next()) {
                    if (rows.size() >= options.maxRows()) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>(count);
                    for (int i = 1; i <= count; i++) {
                        row.add(value(result, i, columns.get(i - 1).type()));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, truncated, scanned, total, snapshots,
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private static Object value(ResultSet result, int index, String type) throws SQLException {
        if (type.equals("TIMESTAMP") || type.startsWith("TIMESTAMP_")) {
            return result.getObject(index, LocalDateTime.class);
        }
        if (type.equals("TIMESTAMP WITH TIME ZONE")) {
            return result.getObject(index, OffsetDateTime.class);
        }
        return normalize(result.getObject(index));
    }

    /** JDBC values into plain Java values (lists, maps, java.time). */
    static Object normalize(Object value) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime();
        }
        if (value instanceof Array array) {
            Object[] elements = (Object[]) array.getArray();
            List<Object> list = new ArrayList<>(elements.length);
            for (Object element : elements) {
                list.add(normalize(element));
            }
            return list;
        }
        if (value instanceof DuckDBStruct struct) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : struct.getMap().entrySet()) {
                map.put(entry.getKey(), normalize(entry.getValue()));
            }
            return map;
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        if (value instanceof BigInteger number && number.bitLength() < 64) {
            return number.longValue();
        }
        return value;
    }

    private static Optional<Snapshot> snapshotToRead(Table table, TableId id,
            Optional<SqlAnalysis.TimeTravel> clause, QueryOptions options) {
        Long pinned = clause.isPresent() ? clause.get().snapshotId().orElse(null) : options.snapshots().get(id);
        Optional<Instant> asOf = clause.isPresent() ? clause.get().asOf() : options.asOf();
        if (pinned != null) {
            Snapshot snapshot = table.snapshot(pinned);
            if (snapshot == null) {
                throw new NorthstarException(ErrorCode.SNAPSHOT_NOT_FOUND,
                        "Table " + id + " has no snapshot " + pinned,
                        "List its snapshots with 'northstar table history " + id + "'");
            }
            return Optional.of(snapshot);
        }
        if (asOf.isPresent()) {
            try {
                return Optional.of(table.snapshot(SnapshotUtil.snapshotIdAsOfTime(table, asOf.get().toEpochMilli())));
            } catch (IllegalArgumentException e) {
                throw new NorthstarException(ErrorCode.SNAPSHOT_NOT_FOUND,
                        "Table " + id + " has no snapshot as of " + asOf.get(),
                        "Its first snapshot is later; list them with 'northstar table history " + id + "'");
            }
        }
        return Optional.ofNullable(table.currentSnapshot());
    }

    private static Schema schemaOf(Table table, Snapshot snapshot) {
        Integer schemaId = snapshot.schemaId();
        if (schemaId == null || table.schemas().get(schemaId) == null) {
            return table.schema();
        }
        // A past snapshot reads with the schema it was written with, as Iceberg time travel does.
        return snapshot.snapshotId() == Optional.ofNullable(table.currentSnapshot()).map(Snapshot::snapshotId)
                .orElse(-1L) ? table.schema() : table.schemas().get(schemaId);
    }

    // ---- maintenance -----------------------------------------------------------------------------------------

    @Override
    public MaintenanceResult expireSnapshots(TableId id, Duration olderThan, int retainLast) {
        return maintenance.expireSnapshots(load(id), olderThan, retainLast);
    }

    @Override
    public MaintenanceResult compact(TableId id) {
        return maintenance.compact(load(id));
    }

    @Override
    public MaintenanceResult removeOrphanFiles(TableId id, Duration olderThan) {
        return maintenance.removeOrphanFiles(load(id), olderThan);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The table's current state for a query (see {@link ScanPlanner#current}). */
    private Table current(TableId id) {
        try {
            return scans.current(id);
        } catch (NoSuchTableException e) {
            throw tableNotFound(id);
        }
    }

    Table load(TableId id) {
        try {
            return catalog.loadTable(identifier(id));
        } catch (NoSuchTableException e) {
            throw tableNotFound(id);
        }
    }

    private NorthstarException tableNotFound(TableId id) {
        List<String> all = tables().stream().map(TableId::toString).toList();
        return new NorthstarException(ErrorCode.TABLE_NOT_FOUND, "Table " + id + " does not exist",
                suggestion(id.toString(), all));
    }

    static String suggestion(String name, List<String> candidates) {
        List<String> close = dev.northstar.spi.error.CloseMatches.of(name, candidates);
        if (!close.isEmpty()) {
            return "Did you mean " + String.join(", ", close) + "?";
        }
        return candidates.isEmpty() ? "There is nothing of that kind yet"
                : "Known: " + String.join(", ", candidates.subList(0, Math.min(10, candidates.size())));
    }

    private static TableIdentifier identifier(TableId id) {
        return TableIdentifier.of(id.domain(), id.name());
    }

    private static TableInfo info(TableId id, Table table) {
        List<TableInfo.ColumnInfo> columns = table.schema().columns().stream()
                .map(field -> new TableInfo.ColumnInfo(field.fieldId(), field.name(), TypeMapping.text(field.type()),
                        field.isRequired(), field.doc() == null ? "" : field.doc()))
                .toList();
        List<dev.northstar.spi.schema.PartitionField> partitioning = table.spec().fields().stream()
                .map(field -> new dev.northstar.spi.schema.PartitionField(
                        table.schema().findColumnName(field.sourceId()), transformText(field.transform().toString())))
                .toList();
        List<dev.northstar.spi.schema.SortField> sortOrder = table.sortOrder().fields().stream()
                .map(field -> new dev.northstar.spi.schema.SortField(table.schema().findColumnName(field.sourceId()),
                        field.direction() == org.apache.iceberg.SortDirection.ASC,
                        field.nullOrder() == NullOrder.NULLS_FIRST))
                .toList();
        Snapshot current = table.currentSnapshot();
        Map<String, String> summary = current == null ? Map.of() : current.summary();
        return new TableInfo(id, columns, partitioning, sortOrder, table.location(), table.properties(),
                Optional.ofNullable(current).map(snapshot -> snapshotInfo(snapshot, true)),
                Long.parseLong(summary.getOrDefault("total-records", "0")),
                Long.parseLong(summary.getOrDefault("total-data-files", "0")),
                Long.parseLong(summary.getOrDefault("total-files-size", "0")));
    }

    private static String transformText(String transform) {
        return transform.toLowerCase(Locale.ROOT);
    }

    static SnapshotInfo snapshotInfo(Snapshot snapshot, boolean current) {
        return new SnapshotInfo(snapshot.snapshotId(), Optional.ofNullable(snapshot.parentId()),
                Instant.ofEpochMilli(snapshot.timestampMillis()),
                snapshot.operation() == null ? "" : snapshot.operation(), snapshot.summary(), current);
    }

    @Override
    public void close() {
        try (DuckDbEngine closing = queries) {
            duckdb.close();
        } finally {
            catalog.close();
        }
    }
}
