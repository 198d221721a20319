package dev.northstar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.ingest.IngestResult;
import dev.northstar.ingest.IngestStatus;
import dev.northstar.ingest.Ingestion;
import dev.northstar.lake.QueryOptions;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar quarantine list|show|replay PRODUCT}: the rows a product's contract rejected. */
@Command(name = "quarantine", description = "List, show and replay the rows a product's contract rejected.",
        subcommands = {QuarantineCommand.ListRuns.class, QuarantineCommand.Show.class, QuarantineCommand.Replay.class})
final class QuarantineCommand extends CommandGroup {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static String text(Object value) {
        return value == null ? "" : value.toString();
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
                TableId quarantine = quarantineOf(context, id);
                List<List<Object>> rows = context.lake.query("SELECT _run_id, _status, count(*) AS n_rows,"
                        + " CAST(min(_ingested_at) AS VARCHAR) AS ingested_at, min(_source) AS source FROM "
                        + quarantine + " GROUP BY _run_id, _status ORDER BY min(_ingested_at), _run_id, _status",
                        QueryOptions.defaults().withMaxRows(Integer.MAX_VALUE)).rows();
                TextTable table = TextTable.withRightAligned(List.of("run", "status", "rows", "ingested at",
                        "source"), 2);
                rows.forEach(row -> table.add(text(row.get(0)), text(row.get(1)), text(row.get(2)),
                        text(row.get(3)), text(row.get(4))));
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
                TableId quarantine = quarantineOf(context, id);
                List<String> filters = new ArrayList<>();
                if (!all) {
                    filters.add("_status = 'quarantined'");
                }
                Optional.ofNullable(run).ifPresent(runId -> filters.add("_run_id = '" + runId.replace("'", "''")
                        + "'"));
                List<List<Object>> rows = context.lake.query("SELECT _source, _line, _record, _status, _reasons,"
                        + " coalesce(_raw_values, _raw_line) FROM " + quarantine
                        + (filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters))
                        + " ORDER BY _ingested_at, _run_id, _line NULLS LAST, _record LIMIT " + limit,
                        QueryOptions.defaults()).rows();
                TextTable table = TextTable.withRightAligned(List.of("source", "line", "record", "status", "reasons",
                        "raw"), 1, 2);
                for (List<Object> row : rows) {
                    table.add(text(row.get(0)), text(row.get(1)), text(row.get(2)), text(row.get(3)),
                            reasons(text(row.get(4))), text(row.get(5)));
                }
                PrintWriter out = out();
                table.print(out, "No quarantined rows in " + id + (run == null ? "" : " for run " + run));
                out.flush();
            }
            return 0;
        }

        private static String reasons(String json) {
            try {
                List<String> parts = new ArrayList<>();
                for (JsonNode reason : JSON.readTree(json)) {
                    parts.add(reason.path("rule").asText() + ": " + reason.path("message").asText());
                }
                return String.join("; ", parts);
            } catch (IOException e) {
                return json;
            }
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
