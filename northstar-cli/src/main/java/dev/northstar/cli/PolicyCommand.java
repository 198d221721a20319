package dev.northstar.cli;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.policy.AccessRequest;
import dev.northstar.govern.policy.AccessRequests;
import dev.northstar.govern.policy.ColumnDecision;
import dev.northstar.govern.policy.Decision;
import dev.northstar.govern.policy.PolicyChange;
import dev.northstar.govern.policy.PolicyDocument;
import dev.northstar.govern.policy.PolicyEngine;
import dev.northstar.govern.policy.PolicyParser;
import dev.northstar.govern.policy.PolicySimulator;
import dev.northstar.govern.policy.PolicyStore;
import dev.northstar.govern.policy.PolicyViews;
import dev.northstar.govern.policy.StoredPolicy;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar policy ...}: Manage access policies; simulate what a principal would see of a table; access requests. */
@Command(name = "policy", description = "Manage access policies; simulate what a principal would see of a table; access requests.",
        subcommands = {PolicyCommand.Lint.class, PolicyCommand.Apply.class, PolicyCommand.ListPolicies.class, PolicyCommand.Show.class,
            PolicyCommand.Delete.class, PolicyCommand.Simulate.class, PolicyCommand.Request.class,
            PolicyCommand.Requests.class, PolicyCommand.Approve.class, PolicyCommand.Deny.class})
final class PolicyCommand extends CommandGroup {
    PolicyCommand() {
        super("Missing command: name one of lint, apply, list, show, delete, simulate, request, requests, approve, deny");
    }

    private static void json(PrintWriter out, Object value) {
        out.println(JsonText.write(value));
        out.flush();
    }

    /** {@code northstar policy lint FILE|DIR [--json]}. */
    @Command(name = "lint", description = "Check kind: AccessPolicy YAML files without storing them; row filters"
            + " naming tables are checked against their columns.")
    static final class Lint extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "FILE|DIR", description = "A policy file or a folder of .yaml files.")
        private Path path;

        @Option(names = "--json", description = "Print JSON.")
        private boolean json;

        @Override
        public Integer call() {
            List<PolicyStore.Source> sources = PolicyStore.read(root().environment().resolve(path));
            List<YamlProblem> problems = QualityCommand.withLakeAndStore(root(),
                    (lake, store) -> {
                        PolicyStore policies = new PolicyStore(store.database(), Clock.systemUTC(),
                                PolicyStore.columnsOf(lake));
                        return sources.stream().flatMap(source -> policies.lint(source.yaml(), source.name())
                                .stream()).toList();
                    });
            if (json) {
                json(out(), Map.of("valid", problems.isEmpty(), "problems", PolicyViews.problems(problems)));
            } else {
                problems.forEach(problem -> out().println(problem));
                out().println(problems.isEmpty() ? sources.size() + " policy file(s) valid"
                        : problems.size() + " problem(s) in " + sources.size() + " policy file(s)");
                out().flush();
            }
            return problems.isEmpty() ? 0 : ErrorCode.INVALID_CONFIGURATION.exitCode();
        }
    }

    /** {@code northstar policy apply FILE|DIR [--by NAME] [--json]}. */
    @Command(name = "apply", description = "Validate and store kind: AccessPolicy YAML files (a file or a folder);"
            + " nothing is stored when any is invalid.")
    static final class Apply extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "FILE|DIR", description = "A policy file or a folder of .yaml files.")
        private Path path;

        @Option(names = "--by", paramLabel = "NAME", description = "Who (default: $USER).")
        private String by;

        @Option(names = "--json", description = "Print JSON.")
        private boolean json;

        @Override
        public Integer call() {
            String who = QualityCommand.who(root(), by);
            List<PolicyStore.Source> sources = PolicyStore.read(root().environment().resolve(path));
            List<PolicyStore.Applied> applied = QualityCommand.withLakeAndStore(root(), (lake, store) ->
                    new PolicyStore(store.database(), Clock.systemUTC(), PolicyStore.columnsOf(lake))
                            .apply(sources, who));
            if (json) {
                json(out(), applied.stream().map(entry -> Map.of("name", entry.name(), "version", entry.version(),
                        "changed", entry.changed(), "source", entry.source())).toList());
                return 0;
            }
            for (PolicyStore.Applied entry : applied) {
                out().println((entry.changed() ? "Applied " : "Unchanged ") + entry.name() + " version "
                        + entry.version() + " (" + entry.source() + ")");
            }
            out().flush();
            return 0;
        }
    }

    /** {@code northstar policy list [--json]}. */
    @Command(name = "list", description = "List the policies in force.")
    static final class ListPolicies extends GroupSubcommand {
        @Option(names = "--json", description = "Print JSON.")
        private boolean json;

        @Override
        public Integer call() {
            List<StoredPolicy> policies = QualityCommand.withDatabase(root(),
                    store -> new PolicyStore(store.database()).list());
            if (json) {
                json(out(), policies.stream().map(policy -> PolicyViews.policy(policy, false)).toList());
                return 0;
            }
            if (policies.isEmpty()) {
                out().println("No policies: everything is denied. Apply some with 'northstar policy apply DIR'.");
                out().flush();
                return 0;
            }
            TextTable table = TextTable.withRightAligned(List.of("NAME", "VERSION", "RULES", "UPDATED BY",
                    "UPDATED AT", "DESCRIPTION"), 1, 2);
            for (StoredPolicy policy : policies) {
                table.add(policy.name(), String.valueOf(policy.version()),
                        String.valueOf(policy.document().rules().size()), policy.updatedBy(),
                        policy.updatedAt().toString(), policy.document().description());
            }
            table.print(out());
            return 0;
        }
    }

    /** {@code northstar policy show NAME [--json]}. */
    @Command(name = "show", description = "Show a policy's YAML and its history (who changed it when).")
    static final class Show extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Policy name.")
        private String name;

        @Option(names = "--json", description = "Print JSON.")
        private boolean json;

        @Override
        public Integer call() {
            record Shown(StoredPolicy policy, List<PolicyChange> history) {}
            Shown shown = QualityCommand.withDatabase(root(), store -> {
                PolicyStore policies = new PolicyStore(store.database());
                return new Shown(policies.get(name), policies.history(name));
            });
            if (json) {
                Map<String, Object> map = new LinkedHashMap<>(PolicyViews.policy(shown.policy(), true));
                map.put("history", shown.history().stream().map(PolicyViews::change).toList());
                json(out(), map);
                return 0;
            }
            out().println("# " + shown.policy().name() + " version " + shown.policy().version() + ", applied by "
                    + shown.policy().updatedBy() + " at " + shown.policy().updatedAt());
            out().println(shown.policy().document().yaml().stripTrailing());
            out().println();
            out().println("History:");
            for (PolicyChange change : shown.history()) {
                out().println("  v" + change.version() + " " + change.action().toLowerCase(Locale.ROOT) + " by "
                        + change.changedBy() + " at " + change.changedAt());
            }
            out().flush();
            return 0;
        }
    }

    /** {@code northstar policy delete NAME [--by NAME]}. */
    @Command(name = "delete", description = "Delete a policy (its history is kept).")
    static final class Delete extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Policy name.")
        private String name;

        @Option(names = "--by", paramLabel = "NAME", description = "Who (default: $USER).")
        private String by;

        @Override
        public Integer call() {
            String who = QualityCommand.who(root(), by);
            QualityCommand.withDatabase(root(), store -> {
                new PolicyStore(store.database()).delete(name, who);
                return null;
            });
            out().println("Deleted policy " + name);
            out().flush();
            return 0;
        }
    }

    /** {@code northstar policy simulate --principal NAME --role R --attr k=v --purpose P TABLE [--json]}. */
    @Command(name = "simulate", description = "What a principal would see of a table for a purpose, column by"
            + " column, and why (each deciding policy rule).")
    static final class Simulate extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "TABLE", description = "The table, domain.table.")
        private String table;

        @Option(names = "--principal", required = true, paramLabel = "NAME", description = "Principal name.")
        private String principal;

        @Option(names = "--role", paramLabel = "ROLE", description = "A role of the principal (repeatable).")
        private List<String> roles = new ArrayList<>();

        @Option(names = "--attr", paramLabel = "KEY=VALUE",
                description = "An attribute of the principal, e.g. region=EU or clearance=confidential (repeatable).")
        private List<String> attributes = new ArrayList<>();

        @Option(names = "--purpose", paramLabel = "PURPOSE", description = "The purpose the query declares.")
        private String purpose;

        @Option(names = "--policies", paramLabel = "FILE|DIR",
                description = "Simulate with these policy files instead of the applied ones (try before apply).")
        private Path policies;

        @Option(names = "--json", description = "Print JSON.")
        private boolean json;

        @Override
        public Integer call() {
            TableId id = TableId.parse(table);
            Principal subject = new Principal(principal, Set.copyOf(roles), attributes(attributes));
            Optional<List<PolicyDocument>> documents = Optional.ofNullable(policies).map(path -> PolicyStore
                    .read(root().environment().resolve(path)).stream()
                    .map(source -> PolicyParser.parse(source.yaml(), source.name())).toList());
            Decision decision = QualityCommand.withLakeAndStore(root(), (lake, store) ->
                    simulator(lake, store, documents).simulate(subject, Optional.ofNullable(purpose), id));
            if (json) {
                json(out(), PolicyViews.decision(decision));
                return 0;
            }
            print(out(), decision);
            return 0;
        }

        private static PolicySimulator simulator(Lakehouse lake, JdbcMetadataStore store,
                Optional<List<PolicyDocument>> documents) {
            Optional<ProductRegistry> registry = Optional.of(new ProductRegistry(store.database(), lake));
            AccessRequests requests = new AccessRequests(store.database(), registry, Clock.systemUTC());
            PolicyEngine engine = documents.isPresent()
                    ? new PolicyEngine(documents.get(), requests, registry, store.database())
                    : new PolicyEngine(new PolicyStore(store.database()), requests, registry, store.database());
            return new PolicySimulator(lake, engine);
        }
    }

    static Map<String, String> attributes(List<String> pairs) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Invalid --attr '" + pair + "'",
                        "Write --attr key=value, e.g. --attr region=EU");
            }
            attributes.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return attributes;
    }

    static void print(PrintWriter out, Decision decision) {
        String who = decision.principal().name() + (decision.principal().roles().isEmpty() ? ""
                : " (" + String.join(", ", new java.util.TreeSet<>(decision.principal().roles())) + ")");
        out.println(who + " reading " + decision.access().table()
                + decision.purpose().map(value -> " for " + value).orElse(" without a purpose") + ": "
                + (decision.access().allowed() ? "ALLOWED" : "DENIED"));
        if (!decision.columns().isEmpty()) {
            TextTable table = TextTable.withRightAligned(List.of("COLUMN", "ACCESS", "MASK", "WHY"));
            for (ColumnDecision column : decision.columns()) {
                table.add(column.column(), column.status().name().toLowerCase(Locale.ROOT),
                        column.mask().map(PolicyEngine::describe).orElse(""), column.reason());
            }
            table.print(out);
        }
        if (!decision.access().rowFilters().isEmpty()) {
            out.println("Rows: only where " + String.join(" AND ", decision.access().rowFilters()));
        }
        out.println("Why:");
        decision.access().reasons().forEach(reason -> out.println("  " + reason));
        out.flush();
    }

    /** {@code northstar policy request TABLE --purpose P --justification TEXT --for 8h [--principal NAME]}. */
    @Command(name = "request", description = "Ask the table's owner for temporary access for a purpose.")
    static final class Request extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "TABLE", description = "The table, domain.table.")
        private String table;

        @Option(names = "--purpose", required = true, paramLabel = "PURPOSE", description = "What it is for.")
        private String purpose;

        @Option(names = "--justification", required = true, paramLabel = "TEXT", description = "Why.")
        private String justification;

        @Option(names = "--for", required = true, paramLabel = "DURATION",
                description = "How long once approved: 30m, 8h, 7d (at most 90d).")
        private String duration;

        @Option(names = "--principal", paramLabel = "NAME", description = "Who asks (default: $USER).")
        private String principal;

        @Option(names = "--json", description = "Print JSON.")
        private boolean json;

        @Override
        public Integer call() {
            String who = QualityCommand.who(root(), principal);
            Duration length = DurationText.parse("--for", duration);
            TableId id = TableId.parse(table);
            AccessRequest request = QualityCommand.withLakeAndStore(root(), (lake, store) -> {
                if (!lake.exists(id)) {
                    throw new NorthstarException(ErrorCode.TABLE_NOT_FOUND, "Table " + id + " does not exist",
                            "List tables with 'northstar table list'");
                }
                return requests(lake, store).request(who, id, purpose, justification, length);
            });
            if (json) {
                json(out(), PolicyViews.request(request));
                return 0;
            }
            out().println("Requested " + request.id() + ": " + who + " on " + id + " for " + request.purpose()
                    + " for " + QualityCommand.durationText(length) + "; waiting for an owner of " + id);
            out().flush();
            return 0;
        }
    }

    static AccessRequests requests(Lakehouse lake, JdbcMetadataStore store) {
        return new AccessRequests(store.database(), Optional.of(new ProductRegistry(store.database(), lake)),
                Clock.systemUTC());
    }

    /** {@code northstar policy requests [--status S] [--json]}. */
    @Command(name = "requests", description = "List access requests, newest first.")
    static final class Requests extends GroupSubcommand {
        @Option(names = "--status", paramLabel = "STATUS", description = "pending, approved or denied.")
        private String status;

        @Option(names = "--json", description = "Print JSON.")
        private boolean json;

        @Override
        public Integer call() {
            Optional<AccessRequest.Status> filter = Optional.ofNullable(status).map(PolicyCommand::status);
            List<AccessRequest> list = QualityCommand.withLakeAndStore(root(),
                    (lake, store) -> requests(lake, store).list(filter));
            if (json) {
                json(out(), list.stream().map(PolicyViews::request).toList());
                return 0;
            }
            TextTable table = TextTable.withRightAligned(List.of("ID", "PRINCIPAL", "TABLE", "PURPOSE", "STATUS",
                    "DECIDED BY", "EXPIRES", "JUSTIFICATION"));
            for (AccessRequest request : list) {
                table.add(request.id(), request.principal(), request.table().toString(), request.purpose(),
                        request.status().name().toLowerCase(Locale.ROOT), request.decidedBy().orElse(""),
                        request.expiresAt().map(Object::toString).orElse(""), request.justification());
            }
            table.print(out());
            return 0;
        }
    }

    static AccessRequest.Status status(String text) {
        try {
            return AccessRequest.Status.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Unknown request status '" + text + "'",
                    "Use pending, approved or denied");
        }
    }

    /** Approve or deny. */
    abstract static class Decide extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Request id, as 'policy requests' shows it.")
        private String id;

        @Option(names = "--by", paramLabel = "NAME",
                description = "Who decides: a member of the table's contract team (default: $USER).")
        private String by;

        @Option(names = "--role", paramLabel = "ROLE", description = "A role of the decider, e.g. admin (repeatable).")
        private List<String> roles = new ArrayList<>();

        @Option(names = "--note", paramLabel = "TEXT", description = "Why.")
        private String note;

        @Option(names = "--json", description = "Print JSON.")
        private boolean json;

        abstract boolean approve();

        @Override
        public Integer call() {
            Principal decider = new Principal(QualityCommand.who(root(), by), Set.copyOf(roles), Map.of());
            AccessRequest request = QualityCommand.withLakeAndStore(root(), (lake, store) -> approve()
                    ? requests(lake, store).approve(id, decider, Optional.ofNullable(note))
                    : requests(lake, store).deny(id, decider, Optional.ofNullable(note)));
            if (json) {
                json(out(), PolicyViews.request(request));
                return 0;
            }
            out().println((approve() ? "Approved " : "Denied ") + request.id() + " (" + request.principal() + " on "
                    + request.table() + " for " + request.purpose() + ")"
                    + request.expiresAt().map(at -> "; the grant expires at " + at).orElse(""));
            out().flush();
            return 0;
        }
    }

    /** {@code northstar policy approve ID [--by NAME] [--note TEXT]}. */
    @Command(name = "approve", description = "Approve an access request: a grant that expires after its duration.")
    static final class Approve extends Decide {
        @Override
        boolean approve() {
            return true;
        }
    }

    /** {@code northstar policy deny ID [--by NAME] [--note TEXT]}. */
    @Command(name = "deny", description = "Deny an access request.")
    static final class Deny extends Decide {
        @Override
        boolean approve() {
            return false;
        }
    }
}
