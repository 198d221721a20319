package dev.northstar.cli;

import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.catalog.UsageLog;
import dev.northstar.govern.gateway.GovernedQuery;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.ApiToken;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code northstar sql "..."}: runs SQL over the tables, at their current or a past snapshot, through the governed
 * gateway: as the local operator or, with {@code --as}, as another principal; every answer and refusal is audited.
 */
@Command(name = "sql",
        description = "Run SQL over the tables (named domain.table), optionally as of a past snapshot or instant, "
                + "through the governed gateway (access policies, contract purposes, audit log).",
        footer = {
            "",
            "Examples:",
            "  northstar sql \"SELECT status, count(*) FROM retail.orders GROUP BY status\"",
            "  northstar sql \"SELECT count(*) FROM retail.orders\" --snapshot retail.orders=4242424242",
            "  northstar sql \"SELECT count(*) FROM retail.orders\" --as-of 2026-11-02T10:15:30Z --format json",
            "  northstar sql \"SELECT email FROM retail.customers LIMIT 3\" --as ana        # what ana's token sees",
            "  northstar sql \"SELECT * FROM banking.accounts\" --as ana --role analyst --purpose fraud-investigation"
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

    @Mixin
    private Acting acting;

    @Override
    public Integer call() {
        QueryOptions options = options();
        QueryResult result = QualityCommand.withLakeAndStore(root, (lake, store) -> {
            Reader reader = acting.reader(root, lake, store, Optional.empty());
            SqlGateway gateway = SqlGateway.open(lake, store.database(), root.settings(root.initializedHome()));
            AuditLog audit = new AuditLog(store.database());
            String name = reader.principal().name();
            GovernedQuery answer;
            try {
                answer = gateway.query(reader.principal(), acting.purpose(), sql, options);
            } catch (NorthstarException e) {
                audit.append(AuditEvent.failedRead(name, reader.channel(), acting.purpose(), sql, List.of(), e));
                throw e;
            }
            // Audited before anything is printed: a read the log cannot record is not shown.
            audit.append(AuditEvent.governedRead(name, reader.channel(), acting.purpose(), sql, answer));
            if (!reader.onBehalf()) {
                // A steward's look through someone else's eyes is not that table's use.
                new UsageLog(store.database()).recordQuery(name, UsageLog.Channel.CLI, answer.result());
            }
            return answer.result();
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

    /** Who a principal reads as through the gateway, and the audit channel that says how. */
    record Reader(Principal principal, String channel, boolean onBehalf) {}

    /**
     * The options of the CLI's governed reads: by default the local operator, with role {@code admin} (a local user
     * holds the data directory's files anyway; the gateway still applies the contracts' purposes and the audit log
     * records the read); with {@code --as} a principal whose access a steward checks, as its newest active API token
     * describes it, {@code --role} and {@code --attribute} overriding.
     */
    static final class Acting {
        @Option(names = "--as", paramLabel = "NAME",
                description = "Read as this principal, with the roles and attributes of its newest active API token,"
                        + " to check what it would get; audited as NAME on channel cli-as:<you>.")
        private String principal;

        @Option(names = "--role", paramLabel = "ROLE",
                description = "With --as: a role, replacing the token's roles (repeatable).")
        private List<String> roles = new ArrayList<>();

        @Option(names = "--attribute", paramLabel = "KEY=VALUE",
                description = "With --as: an attribute, added to the token's or replacing one (repeatable).")
        private Map<String, String> attributes = new LinkedHashMap<>();

        @Option(names = "--purpose", paramLabel = "PURPOSE",
                description = "The purpose of the read, e.g. fraud-investigation; contracts and policies may"
                        + " require one.")
        private String purpose;

        /** The declared purpose, if any. */
        Optional<String> purpose() {
            return Optional.ofNullable(purpose).map(String::trim).filter(text -> !text.isEmpty());
        }

        /**
         * The principal to read as.
         *
         * @param creating the table a {@code CREATE TABLE AS} writes, whose domain the local operator then owns
         *     along with every existing domain
         */
        Reader reader(NorthstarCommand root, Lakehouse lake, JdbcMetadataStore store, Optional<TableId> creating) {
            String operator = QualityCommand.who(root, null);
            if (principal == null) {
                if (!roles.isEmpty() || !attributes.isEmpty()) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                            "--role and --attribute describe the principal of --as, which is missing",
                            "Add --as NAME; without it you read as yourself (" + operator + ", role admin)");
                }
                Map<String, String> own = new LinkedHashMap<>();
                creating.ifPresent(target -> {
                    Set<String> domains = new LinkedHashSet<>(lake.domains());
                    domains.add(target.domain());
                    own.put(SqlGateway.DOMAINS_ATTRIBUTE, String.join(",", domains));
                });
                return new Reader(new Principal(operator, Set.of("admin"), own), "cli", false);
            }
            if (principal.isBlank()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--as must name a principal");
            }
            Instant now = Instant.now();
            Optional<Principal> token = store.tokens().list().stream()
                    .filter(candidate -> candidate.principal().name().equals(principal) && candidate.isValidAt(now))
                    .map(ApiToken::principal)
                    .findFirst();
            if (token.isEmpty() && roles.isEmpty()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                        "No active API token for '" + principal + "' to take its roles and attributes from",
                        "Give them with --role ROLE (and --attribute KEY=VALUE), or create a token with 'northstar"
                                + " token create --principal " + principal + " --role ROLE'");
            }
            Set<String> acting = roles.isEmpty() ? token.get().roles() : new LinkedHashSet<>(roles);
            Map<String, String> merged = new LinkedHashMap<>(token.map(Principal::attributes).orElse(Map.of()));
            merged.putAll(attributes);
            return new Reader(new Principal(principal, acting, merged), "cli-as:" + operator, true);
        }
    }
}
