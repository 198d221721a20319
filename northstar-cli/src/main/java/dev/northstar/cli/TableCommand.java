package dev.northstar.cli;

import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.GovernedTable;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.govern.lineage.Lineage;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.TableFromQuery;
import dev.northstar.lake.TableInfo;
import dev.northstar.lake.WriteOptions;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.PartitionField;
import dev.northstar.spi.schema.SortField;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import dev.northstar.spi.security.Principal;
import io.openlineage.client.OpenLineage;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar table ...}: create, list, describe, show the history of and drop tables. */
@Command(name = "table", description = "Create, list, describe, alter, maintain and drop tables.",
        subcommands = {
            TableCommand.Create.class,
            TableCommand.CreateAs.class,
            TableCommand.ListTables.class,
            TableCommand.Describe.class,
            TableCommand.History.class,
            TableChangeCommands.Alter.class,
            TableChangeCommands.Delete.class,
            TableChangeCommands.Maintain.class,
            TableCommand.Drop.class
        })
final class TableCommand extends CommandGroup {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    TableCommand() {
        super("Missing command: name one of create, create-as, list, describe, history, alter, delete, maintain, drop");
    }

    static String instant(Instant instant) {
        return INSTANT.format(instant);
    }

    /** {@code northstar table create DOMAIN.TABLE --column name:type ...}. */
    @Command(name = "create",
            description = "Create a table from --column specs or a --schema YAML file.",
            footer = {
                "",
                "Column types: boolean, int, long, float, double, decimal(P,S), date, time, timestamp, timestamptz,",
                "string, uuid, binary, list<T>, struct<name:T,...>. Suffix the name with ! for NOT NULL (id!:long).",
                "",
                "Example:",
                "  northstar table create retail.orders --column order_id!:long --column amount:decimal(12,2) \\",
                "      --column ordered_at:timestamp --partition 'month(ordered_at)' --sort 'ordered_at desc'"
            })
    static final class Create extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "DOMAIN.TABLE", description = "Table to create, e.g. retail.orders.")
        private String name;

        @Option(names = "--column", paramLabel = "NAME:TYPE",
                description = "A column, in order, e.g. amount:decimal(12,2); id!:long is required (NOT NULL).")
        private List<String> columns = new ArrayList<>();

        @Option(names = "--partition", paramLabel = "FIELD",
                description = "Partition field: col, year(col), month(col), day(col), hour(col) or "
                        + "truncate(col, W).")
        private List<String> partitions = new ArrayList<>();

        @Option(names = "--sort", paramLabel = "'COL [asc|desc] [nulls first|last]'",
                description = "Sort order field of written files.")
        private List<String> sortFields = new ArrayList<>();

        @Option(names = "--description", paramLabel = "TEXT", description = "What the table holds.")
        private String description;

        @Option(names = "--property", paramLabel = "KEY=VALUE", description = "Table property.")
        private Map<String, String> properties = new LinkedHashMap<>();

        @Option(names = "--schema", paramLabel = "FILE.yaml",
                description = "Read columns, partitioning, sort order, description and properties from YAML.")
        private Path schemaFile;

        @Override
        public Integer call() {
            TableId id = TableId.parse(name);
            TableDefinition definition = definition();
            try (Lakehouse lake = root().openLake()) {
                TableInfo info = lake.createTable(id, definition);
                PrintWriter out = out();
                out.println("Created table " + info.id() + " with " + info.columns().size() + " columns"
                        + (info.partitioning().isEmpty() ? "" : ", partitioned by " + info.partitioning().stream()
                                .map(PartitionField::text).collect(Collectors.joining(", "))));
                out.flush();
            }
            return 0;
        }

        private TableDefinition definition() {
            if (schemaFile != null) {
                if (!columns.isEmpty()) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                            "Give the columns either with --column or in --schema, not both",
                            "Move the --column specs into " + schemaFile);
                }
                TableDefinition fromFile = TableSchemaFile.read(root().environment().resolve(schemaFile));
                Map<String, String> mergedProperties = new LinkedHashMap<>(fromFile.properties());
                mergedProperties.putAll(properties);
                return new TableDefinition(fromFile.schema(),
                        partitions.isEmpty() ? fromFile.partitioning() : parsePartitions(),
                        sortFields.isEmpty() ? fromFile.sortOrder() : parseSortOrder(),
                        description == null ? fromFile.description() : description,
                        mergedProperties);
            }
            if (columns.isEmpty()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "A table needs at least one column",
                        "Add --column NAME:TYPE (e.g. --column id!:long --column name:string) or --schema FILE.yaml");
            }
            List<Column> parsed = columns.stream().map(Column::parse).toList();
            return new TableDefinition(new TableSchema(parsed), parsePartitions(), parseSortOrder(), description,
                    properties);
        }

        private List<PartitionField> parsePartitions() {
            return partitions.stream().map(PartitionField::parse).toList();
        }

        private List<SortField> parseSortOrder() {
            return sortFields.stream().map(SortField::parse).toList();
        }
    }

    /** {@code northstar table create-as DOMAIN.TABLE "SELECT ..." [--as NAME] [--purpose P]}. */
    @Command(name = "create-as",
            description = "Create a table from a query's rows (CREATE TABLE AS SELECT). The query runs through the"
                    + " governed gateway like 'northstar sql' (the new table holds what the principal may see:"
                    + " masked values, filtered rows), in a domain the principal owns; the run is recorded as"
                    + " OpenLineage events with the column lineage derived from the SQL.",
            footer = {
                "",
                "Result columns become the table's columns: alias expressions (sum(amount) AS revenue).",
                "",
                "Example:",
                "  northstar table create-as retail.daily_revenue \\",
                "      \"SELECT CAST(ordered_at AS DATE) AS day, sum(amount) AS revenue FROM retail.orders GROUP BY 1\""
            })
    static final class CreateAs extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "DOMAIN.TABLE", description = "Table to create.")
        private String name;

        @Parameters(index = "1", paramLabel = "SQL", description = "One SELECT over domain.table names.")
        private String sql;

        @Mixin
        private SqlCommand.Acting acting;

        @Override
        public Integer call() {
            TableId id = TableId.parse(name);
            TableFromQuery created = QualityCommand.withLakeAndStore(root(), (lake, store) -> {
                SqlCommand.Reader reader = acting.reader(root(), lake, store, Optional.of(id));
                SqlGateway gateway = SqlGateway.open(lake, store.database(), root().settings(root()
                        .initializedHome()));
                AuditLog audit = new AuditLog(store.database());
                Principal principal = reader.principal();
                Optional<String> purpose = acting.purpose();
                GovernedTable table;
                try {
                    if (!SqlGateway.domains(principal).contains(id.domain())) {
                        // Refused before reading anything: no lineage run for an attempt that never started.
                        table = gateway.createTableAs(principal, purpose, id, sql, WriteOptions.append());
                    } else {
                        table = new Lineage(lake, store.database()).createTableAs(id, sql,
                                options -> gateway.createTableAs(principal, purpose, id, sql, options),
                                GovernedTable::table);
                    }
                } catch (NorthstarException e) {
                    audit.append(AuditEvent.failedRead(principal.name(), reader.channel(), purpose, sql,
                            List.of(id.toString()), e));
                    throw e;
                }
                audit.append(AuditEvent.governedCreate(principal.name(), reader.channel(), purpose, sql, table));
                return table.table();
            });
            PrintWriter out = out();
            out.println("Created table " + created.table().id() + " with " + created.table().columns().size()
                    + " columns and " + created.write().rows() + " rows from "
                    + created.inputs().stream().map(TableId::toString).sorted().collect(Collectors.joining(", "))
                    + "; lineage: northstar lineage show " + created.table().id() + " --upstream");
            out.flush();
            return 0;
        }
    }

    /** {@code northstar table list [--domain D]}. */
    @Command(name = "list", description = "List tables with their size and last commit.")
    static final class ListTables extends GroupSubcommand {
        @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only the tables of this domain.")
        private String domain;

        @Override
        public Integer call() {
            TextTable listing = root().withLake(lake -> {
                TextTable tables = TextTable.withRightAligned(
                        List.of("table", "rows", "files", "size", "last commit", "description"), 1, 2, 3);
                for (TableId id : domain == null ? lake.tables() : lake.tables(domain)) {
                    TableInfo info = lake.describe(id);
                    tables.add(id.toString(), Quantities.count(info.totalRecords()),
                            Quantities.count(info.totalDataFiles()), Quantities.bytes(info.totalBytes()),
                            info.currentSnapshot().map(snapshot -> instant(snapshot.committedAt())).orElse("-"),
                            info.properties().getOrDefault("comment", ""));
                }
                return tables;
            });
            PrintWriter out = out();
            listing.print(out, domain == null
                    ? "No tables yet. Create one with 'northstar table create', or run 'northstar demo'."
                    : "No tables in domain '" + domain + "'.");
            out.flush();
            return 0;
        }
    }

    /** {@code northstar table describe T}. */
    @Command(name = "describe", description = "Show a table's columns (with Iceberg field ids), partitioning, "
            + "sort order, current snapshot, size and properties.")
    static final class Describe extends NamedTableCommand {
        @Override
        public Integer call() {
            TableId id = id();
            TableInfo info = root().withLake(lake -> lake.describe(id));
            PrintWriter out = out();
            out.println("Table        " + info.id());
            String comment = info.properties().getOrDefault("comment", "");
            if (!comment.isEmpty()) {
                out.println("Description  " + comment);
            }
            out.println("Location     " + info.location());
            out.println("Snapshot     " + info.currentSnapshot()
                    .map(snapshot -> snapshot.snapshotId() + " (" + snapshot.operation() + " at "
                            + instant(snapshot.committedAt()) + ")")
                    .orElse("none (never written)"));
            out.println("Rows         " + Quantities.count(info.totalRecords()) + " in "
                    + Quantities.count(info.totalDataFiles()) + " data files, " + Quantities.bytes(info.totalBytes()));
            out.println("Partitioned  " + (info.partitioning().isEmpty() ? "no" : info.partitioning().stream()
                    .map(PartitionField::text).collect(Collectors.joining(", "))));
            out.println("Sorted       " + (info.sortOrder().isEmpty() ? "no" : info.sortOrder().stream()
                    .map(SortField::text).collect(Collectors.joining(", "))));
            out.println();
            TextTable columns = TextTable.withRightAligned(
                    List.of("field id", "column", "type", "required", "description"), 0);
            for (TableInfo.ColumnInfo column : info.columns()) {
                columns.add(Integer.toString(column.fieldId()), column.name(), column.type(),
                        column.required() ? "yes" : "no", column.doc());
            }
            columns.print(out);
            Map<String, String> properties = new TreeMap<>(info.properties());
            properties.remove("comment");
            if (!properties.isEmpty()) {
                out.println();
                out.println("Properties");
                properties.forEach((key, value) -> out.println("  " + key + " = " + value));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code northstar table history T}. */
    @Command(name = "history", description = "List a table's snapshots, oldest first: the versions time travel "
            + "can read (sql --snapshot T=ID, --as-of).")
    static final class History extends NamedTableCommand {
        @Override
        public Integer call() {
            TableId id = id();
            List<SnapshotInfo> snapshots = root().withLake(lake -> lake.history(id));
            TextTable history = TextTable.withRightAligned(
                    List.of("snapshot", "committed at", "operation", "added rows", "total rows", "run", "current"),
                    0, 3, 4);
            for (SnapshotInfo snapshot : snapshots) {
                history.add(Long.toString(snapshot.snapshotId()), instant(snapshot.committedAt()),
                        snapshot.operation(), Quantities.count(snapshot.addedRecords()),
                        Quantities.count(snapshot.totalRecords()),
                        snapshot.summary().getOrDefault(SnapshotInfo.RUN_ID, ""), snapshot.current() ? "*" : "");
            }
            PrintWriter out = out();
            history.print(out, "Table " + id + " has no snapshots yet: load rows with 'northstar load FILE --table "
                    + id + "'.");
            out.flush();
            return 0;
        }
    }

    /** {@code northstar table drop T [--yes]}. */
    @Command(name = "drop", description = "Drop a table and delete its data and metadata files.")
    static final class Drop extends NamedTableCommand {
        @Option(names = {"--yes", "-y"}, description = "Do not ask for confirmation.")
        private boolean yes;

        @Override
        public Integer call() {
            TableId id = id();
            try (Lakehouse lake = root().openLake()) {
                TableInfo info = lake.describe(id);
                if (!yes) {
                    confirm(info);
                }
                lake.dropTable(id);
                PrintWriter out = out();
                out.println("Dropped table " + id + " (" + Quantities.rows(info.totalRecords()) + ", "
                        + Quantities.bytes(info.totalBytes()) + " deleted)");
                out.flush();
            }
            return 0;
        }

        private void confirm(TableInfo info) {
            Console console = System.console();
            String question = "Drop table " + info.id() + " and delete its " + Quantities.rows(info.totalRecords())
                    + "? Type the table name to confirm: ";
            if (console == null) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                        "Refusing to drop " + info.id() + " without confirmation: no terminal to ask on",
                        "Pass --yes to drop it and delete its data files");
            }
            String answer = console.readLine("%s", question);
            if (answer == null || !answer.trim().equals(info.id().toString())) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Not dropped: the name typed does not match",
                        "Type " + info.id() + " exactly, or pass --yes");
            }
        }
    }
}
