package dev.northstar.cli;

import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestStatus;
import dev.northstar.ingest.Ingestion;
import dev.northstar.ingest.QuarantineFilter;
import dev.northstar.ingest.QuarantineRun;
import dev.northstar.ingest.QuarantineTable;
import dev.northstar.ingest.QuarantinedRow;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar quarantine list|show|replay PRODUCT}: the rows a product's contract rejected. */
@Command(name = "quarantine", description = "List, show and replay the rows a product's contract rejected.",
        subcommands = {QuarantineCommand.ListRuns.class, QuarantineCommand.Show.class, QuarantineCommand.Replay.class})
final class QuarantineCommand extends CommandGroup {
    QuarantineCommand() {
        super("Missing command: name one of list, show, replay");
    }

    private static TableId quarantineOf(IngestContext context, TableId product) {
        context.lake.describe(product);
        TableId quarantine = Ingestion.quarantineTable(product);
        if (!context.lake.exists(quarantine)) {
            throw new NorthstarException(ErrorCode.TABLE_NOT_FOUND, product + " has no quarantine table yet",
                    "It is created by the first 'northstar ingest ... --product " + product + "'");
        }
        return quarantine;
    }

    /** {@code northstar quarantine list PRODUCT}: quarantined rows per run and status. */
    @Command(name = "list", description = "Quarantined rows of a product per run and status.")
    static final class ListRuns extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "PRODUCT", description = "The product, DOMAIN.TABLE.")
        private String product;

        @Override
        public Integer call() {
            TableId id = TableId.parse(product);
            try (IngestContext context = IngestContext.open(root())) {
                quarantineOf(context, id);
                TextTable table = TextTable.withRightAligned(List.of("run", "status", "rows", "ingested at",
                        "source"), 2);
                for (QuarantineRun run : QuarantineTable.runs(context.lake, id)) {
                    table.add(run.runId(), run.status().text(), Long.toString(run.rows()),
                            run.firstIngestedAt().map(TableCommand::instant).orElse(""), run.source());
                }
                PrintWriter out = out();
                table.print(out, "No quarantined rows in " + id);
                out.flush();
            }
            return 0;
        }
    }

    /** {@code northstar quarantine show PRODUCT [--run ID] [--limit N]}: the rows with their reasons. */
    @Command(name = "show", description = "Quarantined rows of a product with their source line and every reason.")
    static final class Show extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "PRODUCT", description = "The product, DOMAIN.TABLE.")
        private String product;

        @Option(names = "--run", paramLabel = "ID", description = "Only the rows of this run.")
        private String run;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N rows (default 50).")
        private int limit;

        @Option(names = "--all", description = "Also rows already replayed or only warned about.")
        private boolean all;

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--limit must be at least 1, got " + limit);
            }
            TableId id = TableId.parse(product);
            try (IngestContext context = IngestContext.open(root())) {
                quarantineOf(context, id);
                QuarantineFilter filter = all ? QuarantineFilter.all() : QuarantineFilter.quarantined();
                if (run != null) {
                    filter = filter.ofRun(run);
                }
                TextTable table = TextTable.withRightAligned(List.of("source", "line", "record", "status", "reasons",
                        "raw"), 1, 2);
                for (QuarantinedRow row : QuarantineTable.read(context.lake, id, filter, limit)) {
                    table.add(row.source(), row.line().map(String::valueOf).orElse(""),
                            row.record().map(String::valueOf).orElse(""), row.status().text(),
                            String.join("; ", row.reasons().stream()
                                    .map(reason -> reason.rule() + ": " + reason.message()).toList()),
                            row.rawValues().or(row::rawLine).orElse(""));
                }
                PrintWriter out = out();
                table.print(out, "No quarantined rows in " + id + (run == null ? "" : " for run " + run));
                out.flush();
            }
            return 0;
        }
    }

    /** {@code northstar quarantine replay PRODUCT}: moves the rows that now pass to the product. */
    @Command(name = "replay", description = "Re-validate a product's quarantined rows against its current contract "
            + "and move the ones that now pass to the product (they stay listed as replayed).")
    static final class Replay extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "PRODUCT", description = "The product, DOMAIN.TABLE.")
        private String product;

        @Option(names = "--json", description = "Print the run summary as one JSON object on the last line.")
        private boolean json;

        @Override
        public Integer call() {
            TableId id = TableId.parse(product);
            try (IngestContext context = IngestContext.open(root())) {
                quarantineOf(context, id);
                IngestResult result = context.ingestion.replay(context.rules(id));
                IngestContext.printSummary(out(), "Replayed the quarantine", id, result, json);
                if (result.status() == IngestStatus.FAILED) {
                    throw new NorthstarException(ErrorCode.INVALID_DATA, result.failure().orElse("The replay failed"));
                }
            }
            return 0;
        }
    }
}
