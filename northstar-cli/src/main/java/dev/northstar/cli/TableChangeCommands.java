package dev.northstar.cli;

import dev.northstar.lake.DeleteResult;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.MaintenanceResult;
import dev.northstar.lake.SchemaChange;
import dev.northstar.lake.TableInfo;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code table} subcommands that change an existing table: its schema, its rows, its files. */
final class TableChangeCommands {
    private TableChangeCommands() {}

    /** {@code northstar table alter T --add-column ... --rename ... --widen ... --make-optional ...}. */
    @Command(name = "alter",
            description = "Evolve a table's schema in one commit. Metadata only: no data file is rewritten, and old "
                + "snapshots stay readable. Changes apply in this order: add, rename, widen, make optional.",
            footer = {
                "",
                "Example:",
                "  northstar table alter retail.orders --add-column 'coupon:string' --rename customer=customer_name \\",
                "      --widen 'amount:decimal(14,2)' --make-optional order_id"
            })
    static final class Alter extends NamedTableCommand {
        @Option(names = "--add-column", paramLabel = "NAME:TYPE",
                description = "Add an optional column (null in existing rows).")
        private List<String> additions = new ArrayList<>();

        @Option(names = "--rename", paramLabel = "OLD=NEW",
                description = "Rename a column; its data stays (columns are tracked by field id).")
        private Map<String, String> renames = new LinkedHashMap<>();

        @Option(names = "--widen", paramLabel = "NAME:TYPE",
                description = "Widen a column: int->long, float->double, decimal(P,S)->decimal(P',S) with P' > P.")
        private List<String> widenings = new ArrayList<>();

        @Option(names = "--make-optional", paramLabel = "NAME", description = "Let a required column hold nulls.")
        private List<String> optionals = new ArrayList<>();

        @Override
        public Integer call() {
            TableId id = id();
            List<SchemaChange> changes = new ArrayList<>();
            for (String addition : additions) {
                Column column = Column.parse(addition);
                changes.add(new SchemaChange.AddColumn(column.name(), column.type(), ""));
            }
            renames.forEach((from, to) -> changes.add(new SchemaChange.RenameColumn(from, to)));
            for (String widening : widenings) {
                int colon = widening.indexOf(':');
                NorthstarException.checkArgument(colon > 0, "--widen '%s' must be written NAME:TYPE", widening);
                changes.add(new SchemaChange.WidenColumn(widening.substring(0, colon).trim(),
                        ColumnType.parse(widening.substring(colon + 1).trim())));
            }
            optionals.forEach(column -> changes.add(new SchemaChange.MakeOptional(column)));
            if (changes.isEmpty()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "No schema change given",
                        "Add --add-column, --rename, --widen or --make-optional");
            }
            TableInfo info = root().withLake(lake -> lake.evolve(id, changes));
            PrintWriter out = out();
            out.println("Altered table " + id + " (" + changes.size() + " change" + (changes.size() == 1 ? "" : "s")
                    + "); columns now: " + String.join(", ", info.columns().stream()
                            .map(column -> column.name() + " " + column.type()).toList()));
            out.flush();
            return 0;
        }
    }

    /** {@code northstar table delete T --where PREDICATE}. */
    @Command(name = "delete",
            description = "Delete the rows matching a SQL predicate, copy-on-write: only the data files that may hold "
                + "such rows are rewritten, in one commit. Older snapshots still hold the rows until they are "
                + "expired ('table maintain --expire-older-than'), which makes the deletion physical.")
    static final class Delete extends NamedTableCommand {
        @Option(names = "--where", required = true, paramLabel = "PREDICATE",
                description = "DuckDB SQL boolean expression over the table's columns, e.g. \"customer_id = 42\".")
        private String predicate;

        @Override
        public Integer call() {
            TableId id = id();
            DeleteResult result = root().withLake(
                    lake -> lake.delete(id, predicate, Map.of("northstar.operation", "cli delete")));
            PrintWriter out = out();
            if (result.snapshotId().isEmpty()) {
                out.println("No row of " + id + " matches; nothing committed (" + result.scannedFiles()
                        + " data files scanned)");
            } else {
                out.println("Deleted " + Quantities.rows(result.deletedRows()) + " from " + id + ": snapshot "
                        + result.snapshotId().get() + ", " + result.rewrittenFiles() + " files rewritten, "
                        + result.removedFiles() + " removed, " + result.scannedFiles() + " scanned");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code northstar table maintain T [--compact] [--expire-older-than D] [--remove-orphans-older-than D]}. */
    @Command(name = "maintain",
            description = "Maintain a table's files: compact small data files, expire old snapshots (deleting the "
                + "files only they referenced) and remove orphan files left by failed writes. Tasks run in "
                + "that order.")
    static final class Maintain extends NamedTableCommand {
        @Option(names = "--compact", description = "Rewrite small data files into files near lake.target-file-size.")
        private boolean compact;

        @Option(names = "--expire-older-than", paramLabel = "DURATION",
                description = "Expire snapshots older than this (e.g. 7d, 12h, 0s for all but the kept ones).")
        private String expireOlderThan;

        @Option(names = "--retain-last", paramLabel = "N", defaultValue = "1",
                description = "Snapshots always kept when expiring (default ${DEFAULT-VALUE}).")
        private int retainLast;

        @Option(names = "--remove-orphans-older-than", paramLabel = "DURATION",
                description = "Delete unreferenced files older than this (e.g. 3d); younger ones may belong to a "
                        + "write in progress.")
        private String orphansOlderThan;

        @Override
        public Integer call() {
            TableId id = id();
            if (!compact && expireOlderThan == null && orphansOlderThan == null) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "No maintenance task given",
                        "Add --compact, --expire-older-than DURATION or --remove-orphans-older-than DURATION");
            }
            NorthstarException.checkArgument(retainLast >= 1, "--retain-last must be at least 1, got %d", retainLast);
            Duration expireAge = expireOlderThan == null ? null
                    : DurationText.parse("--expire-older-than", expireOlderThan);
            Duration orphanAge = orphansOlderThan == null ? null
                    : DurationText.parse("--remove-orphans-older-than", orphansOlderThan);
            PrintWriter out = out();
            try (Lakehouse lake = root().openLake()) {
                if (compact) {
                    print(out, lake.compact(id));
                }
                if (expireAge != null) {
                    print(out, lake.expireSnapshots(id, expireAge, retainLast));
                }
                if (orphanAge != null) {
                    print(out, lake.removeOrphanFiles(id, orphanAge));
                }
            }
            out.flush();
            return 0;
        }

        private static void print(PrintWriter out, MaintenanceResult result) {
            out.println(result.task() + ": " + result.filesRemoved() + " files removed, " + result.filesAdded()
                    + " added" + result.snapshotId().map(snapshot -> ", snapshot " + snapshot).orElse(""));
        }
    }
}
