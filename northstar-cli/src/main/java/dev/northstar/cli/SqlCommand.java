package dev.northstar.cli;

import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.catalog.UsageLog;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code northstar sql "..."}: runs SQL over the tables, at their current or a past snapshot. */
@Command(name = "sql",
        description = "Run SQL over the tables (named domain.table), optionally as of a past snapshot or instant.",
        footer = {
            "",
            "Examples:",
            "  northstar sql \"SELECT status, count(*) FROM retail.orders GROUP BY status\"",
            "  northstar sql \"SELECT count(*) FROM retail.orders\" --snapshot retail.orders=4242424242",
            "  northstar sql \"SELECT count(*) FROM retail.orders\" --as-of 2026-11-02T10:15:30Z --format json"
        })
final class SqlCommand implements Callable<Integer> {
    @ParentCommand
    private NorthstarCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query.")
    private String sql;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (aligned), csv or json. Default: ${DEFAULT-VALUE}.")
    private ResultFormat format;

    @Option(names = "--snapshot", paramLabel = "DOMAIN.TABLE=ID",
            description = "Read this table at this snapshot id (see 'northstar table history').")
    private Map<String, String> snapshots = new LinkedHashMap<>();

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "Read the other tables as they were at this ISO-8601 instant, e.g. 2026-11-02T10:15:30Z "
                    + "(a date or a date-time without offset is taken as UTC).")
    private String asOf;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "" + QueryOptions.DEFAULT_MAX_ROWS,
            description = "Print at most N rows (default ${DEFAULT-VALUE}); 0 for no limit.")
    private int maxRows;

    @Override
    public Integer call() {
        QueryOptions options = options();
        QueryResult result = QualityCommand.withLakeAndStore(root, (lake, store) -> {
            String principal = QualityCommand.who(root, null);
            AuditLog audit = new AuditLog(store.database());
            QueryResult rows;
            try {
                rows = lake.query(sql, options);
            } catch (NorthstarException e) {
                audit.append(AuditEvent.failedRead(principal, "cli", Optional.empty(), sql, List.of(), e));
                throw e;
            }
            // Audited before anything is printed: a read the log cannot record is not shown.
            audit.append(AuditEvent.read(principal, "cli", Optional.empty(), sql, rows));
            new UsageLog(store.database()).recordQuery(principal, UsageLog.Channel.CLI, rows);
            return rows;
        });
        PrintWriter out = spec.commandLine().getOut();
        format.print(result, out);
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        String footer = "(" + Quantities.rows(result.rows().size()) + ", " + result.millis() + " ms";
        if (result.truncated()) {
            footer += "; more rows exist: raise --max-rows";
        }
        err.println(footer + ")");
        err.flush();
        return 0;
    }

    private QueryOptions options() {
        if (maxRows < 0) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--max-rows must be 0 or more, got " + maxRows);
        }
        QueryOptions options = QueryOptions.defaults().withMaxRows(maxRows == 0 ? Integer.MAX_VALUE : maxRows);
        for (Map.Entry<String, String> pin : snapshots.entrySet()) {
            TableId table = TableId.parse(pin.getKey());
            try {
                options = options.withSnapshot(table, Long.parseLong(pin.getValue().trim()));
            } catch (NumberFormatException e) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                        "--snapshot " + pin.getKey() + "=" + pin.getValue() + ": the snapshot id must be a number",
                        "List the snapshot ids with 'northstar table history " + table + "'");
            }
        }
        if (asOf != null) {
            options = options.withAsOf(parseInstant(asOf));
        }
        return options;
    }

    /** Parses an instant, an offset date-time, a local date-time (UTC) or a date (UTC midnight). */
    static Instant parseInstant(String text) {
        String trimmed = text.trim();
        try {
            return Instant.parse(trimmed);
        } catch (DateTimeParseException notAnInstant) {
            // try the looser forms below
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException notOffset) {
            // try the looser forms below
        }
        try {
            return LocalDateTime.parse(trimmed.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // try a date
        }
        try {
            return LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "--as-of '" + text + "' is not an ISO-8601 instant",
                    "Write e.g. 2026-11-02T10:15:30Z, 2026-11-02T10:15:30+01:00 or 2026-11-02", e);
        }
    }
}
