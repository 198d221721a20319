package dev.northstar.cli;

import dev.northstar.govern.audit.AuditEntry;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditPage;
import dev.northstar.govern.audit.AuditQuery;
import dev.northstar.govern.audit.AuditVerification;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.store.MetadataStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code northstar audit ...}: Read and verify the tamper-evident audit log. */
@Command(name = "audit", description = "Read and verify the tamper-evident audit log.",
        subcommands = {AuditCommand.ListEntries.class, AuditCommand.Verify.class})
final class AuditCommand extends CommandGroup {
    AuditCommand() {
        super("Missing command: name one of list, verify");
    }

    /** {@code northstar audit list [--principal P] [--action A] [--table T] [--from I] [--to I] [--json]}. */
    @Command(name = "list", description = "List audit entries, newest first, with filters.",
            footer = {
                "",
                "Examples:",
                "  northstar audit list --table retail.orders",
                "  northstar audit list --principal alice --action data.denied --from 2026-11-01 --json"
            })
    static final class ListEntries extends GroupSubcommand {
        @Option(names = "--principal", paramLabel = "NAME", description = "Only entries of this principal.")
        private String principal;

        @Option(names = "--action", paramLabel = "ACTION",
                description = "Only this action, e.g. data.read, data.denied, token.create.")
        private String action;

        @Option(names = "--table", paramLabel = "DOMAIN.TABLE", description = "Only entries on this table.")
        private String table;

        @Option(names = "--from", paramLabel = "INSTANT",
                description = "Only entries at or after this ISO-8601 instant or date (UTC).")
        private String from;

        @Option(names = "--to", paramLabel = "INSTANT",
                description = "Only entries before this ISO-8601 instant or date (UTC).")
        private String to;

        @Option(names = "--before", paramLabel = "SEQUENCE",
                description = "Only entries older than this sequence number (the next page).")
        private Long before;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "" + AuditQuery.DEFAULT_LIMIT,
                description = "At most N entries (1 to " + AuditQuery.MAX_LIMIT + ", default ${DEFAULT-VALUE}).")
        private int limit;

        @Option(names = "--json", description = "Print the entries as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            AuditQuery query = new AuditQuery(Optional.ofNullable(principal), Optional.ofNullable(action),
                    Optional.ofNullable(table), Optional.ofNullable(from).map(text -> instant("--from", text)),
                    Optional.ofNullable(to).map(text -> instant("--to", text)), Optional.ofNullable(before), limit);
            AuditPage page = QualityCommand.withDatabase(root(), store -> new AuditLog(store.database())
                    .list(query));
            PrintWriter out = out();
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("entries", page.entries().stream().map(AuditCommand::json).toList());
                body.put("next_before", page.nextBefore().orElse(null));
                out.println(JsonText.write(body));
            } else if (page.entries().isEmpty()) {
                out.println("No audit entries match.");
            } else {
                TextTable table = TextTable.withRightAligned(List.of("#", "time", "principal", "action",
                        "decision", "resources", "rows", "details"), 0, 6);
                for (AuditEntry entry : page.entries()) {
                    AuditEvent event = entry.event();
                    table.add(Long.toString(entry.sequence()), TableCommand.instant(entry.time()), event.principal(),
                            event.action(), event.decision().label(), String.join(", ", event.resources()),
                            event.rowCount().map(String::valueOf).orElse(""), details(event));
                }
                table.print(out);
                page.nextBefore().ifPresent(next -> out.println("(more entries: --before " + next + ")"));
            }
            out.flush();
            return 0;
        }

        private static java.time.Instant instant(String option, String text) {
            try {
                return SqlCommand.parseInstant(text);
            } catch (dev.northstar.spi.error.NorthstarException e) {
                throw new dev.northstar.spi.error.NorthstarException(ErrorCode.INVALID_ARGUMENT,
                        option + " '" + text + "' is not an ISO-8601 instant or date",
                        "Write e.g. 2026-11-02T10:15:30Z or 2026-11-02", e);
            }
        }

        private static String details(AuditEvent event) {
            StringBuilder text = new StringBuilder();
            event.purpose().ifPresent(purpose -> text.append("purpose=").append(purpose));
            for (Map.Entry<String, String> detail : event.details().entrySet()) {
                if (detail.getKey().equals("sql_sha256")) {
                    continue;
                }
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(detail.getKey()).append('=').append(detail.getValue());
            }
            return text.toString();
        }
    }

    /** {@code northstar audit verify [--anchor SEQUENCE:HASH] [--json]}. */
    @Command(name = "verify", description = "Walk the hash chain and report the first edited, removed or moved"
            + " entry; exits non-zero when the log was tampered with.",
            footer = {
                "",
                "Prints the head (SEQUENCE:HASH): keep it outside Northstar, and pass it back with --anchor to also",
                "detect a truncated tail.",
                "",
                "Examples:",
                "  northstar audit verify",
                "  northstar audit verify --anchor 42:3f2a...e9"
            })
    static final class Verify extends GroupSubcommand {
        @Option(names = "--anchor", paramLabel = "SEQUENCE:HASH",
                description = "A head printed earlier: the log must still hold that entry unchanged.")
        private String anchor;

        @Option(names = "--json", description = "Print the result as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            AuditVerification verification = QualityCommand.withDatabase(root(), store ->
                    new AuditLog(store.database()).verify(Optional.ofNullable(anchor)));
            PrintWriter out = out();
            if (json) {
                out.println(JsonText.write(json(verification)));
            } else if (verification.intact()) {
                out.println("Audit log intact: " + verification.entries() + " entries verified"
                        + (anchor == null ? "" : ", anchor found"));
                verification.head().ifPresent(head -> out.println("Head (keep it to verify with --anchor): "
                        + head));
            } else {
                AuditVerification.Break broken = verification.firstBreak().orElseThrow();
                out.println("Audit log TAMPERED at entry " + broken.sequence() + " ("
                        + broken.problem().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): "
                        + broken.message());
            }
            out.flush();
            // INVALID_DATA's exit code: the data (the log) is not what it claims to be.
            return verification.intact() ? 0 : ErrorCode.INVALID_DATA.exitCode();
        }
    }

    /** Appends an administrative change to the audit log of a JDBC metadata store (others keep no log). */
    static void record(MetadataStore store, AuditEvent event) {
        if (store instanceof JdbcMetadataStore jdbc) {
            new AuditLog(jdbc.database()).append(event);
        }
    }

    static Map<String, Object> json(AuditEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sequence", entry.sequence());
        json.put("time", entry.time().toString());
        json.put("principal", entry.event().principal());
        json.put("action", entry.event().action());
        json.put("resources", entry.event().resources());
        json.put("purpose", entry.event().purpose().orElse(null));
        json.put("decision", entry.event().decision().label());
        json.put("row_count", entry.event().rowCount().orElse(null));
        json.put("details", entry.event().details());
        json.put("previous_hash", entry.previousHash());
        json.put("hash", entry.hash());
        return json;
    }

    static Map<String, Object> json(AuditVerification verification) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intact", verification.intact());
        json.put("entries", verification.entries());
        json.put("head", verification.head().map(Object::toString).orElse(null));
        json.put("first_break", verification.firstBreak().map(broken -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("sequence", broken.sequence());
            map.put("problem", broken.problem().name().toLowerCase(java.util.Locale.ROOT));
            map.put("message", broken.message());
            return map;
        }).orElse(null));
        return json;
    }
}
