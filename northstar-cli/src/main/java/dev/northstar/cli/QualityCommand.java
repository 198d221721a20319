package dev.northstar.cli;

import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.ContractParser;
import dev.northstar.contracts.ContractTables;
import dev.northstar.contracts.DataContract;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.contracts.SchemaObject;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.quality.Anomaly;
import dev.northstar.quality.CheckResult;
import dev.northstar.quality.CheckRun;
import dev.northstar.quality.ContractChecks;
import dev.northstar.quality.ErrorBudget;
import dev.northstar.quality.Incident;
import dev.northstar.quality.IncidentStore;
import dev.northstar.quality.MeasureUnit;
import dev.northstar.quality.MetricPoint;
import dev.northstar.quality.QualityConfig;
import dev.northstar.quality.QualityHistory;
import dev.northstar.quality.QualityMonitor;
import dev.northstar.quality.QualityReport;
import dev.northstar.quality.Slo;
import dev.northstar.quality.SloEvaluator;
import dev.northstar.quality.SloStatus;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar quality ...}: dataset checks, metric history, SLOs with error budgets, incidents. */
@Command(name = "quality", description = "Run a table's contract checks; show metric history, SLOs and incidents.",
        subcommands = {QualityCommand.Check.class, QualityCommand.History.class, QualityCommand.Slos.class,
            QualityCommand.Incidents.class, QualityCommand.Acknowledge.class, QualityCommand.Resolve.class})
final class QualityCommand extends CommandGroup {
    QualityCommand() {
        super("Missing command: name one of check, history, slo, incidents, ack, resolve");
    }

    /** Opens the lake and the metadata store of the data directory, applies {@code work} and closes both. */
    static <T> T withLakeAndStore(NorthstarCommand root, LakeWork<T> work) {
        LakeConfig config = LakeConfig.from(root.settings(root.initializedHome()));
        try (Lakehouse lake = Lakehouse.open(config); JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            return work.apply(lake, store);
        }
    }

    /** Opens the metadata store of the data directory, applies {@code work} and closes it. */
    static <T> T withDatabase(NorthstarCommand root, Function<JdbcMetadataStore, T> work) {
        try (JdbcMetadataStore store = JdbcMetadataStore.open(LakeConfig.from(root.settings(
                root.initializedHome())))) {
            return work.apply(store);
        }
    }

    /** Work on an open lake and metadata store. */
    @FunctionalInterface
    interface LakeWork<T> {
        T apply(Lakehouse lake, JdbcMetadataStore store);
    }

    static QualityConfig config(NorthstarCommand root) {
        return QualityConfig.from(root.settings(root.initializedHome()));
    }

    /**
     * The contract file's schema object that governs {@code table}.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} when the contract governs other tables (naming them)
     */
    static SchemaObject schemaObject(DataContract contract, TableId table, Path file) {
        for (SchemaObject object : contract.schema()) {
            if (ContractTables.tableId(contract, object).equals(table)) {
                return object;
            }
        }
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Contract " + file + " does not govern " + table,
                "It governs " + contract.schema().stream().map(object -> ContractTables.tableId(contract, object)
                        .toString()).collect(Collectors.joining(", ")) + "; name one of those tables or another"
                        + " contract");
    }

    static DataContract contract(NorthstarCommand root, Path file) {
        return ContractParser.parse(root.environment().resolve(file));
    }

    /** A contract and the schema object of the table it governs. */
    record Governing(DataContract contract, SchemaObject object) {}

    /**
     * The contract of a table: the file given, else the active contract applied to the data directory.
     *
     * @return empty when no file is given and no applied contract governs the table
     */
    static Optional<Governing> governing(NorthstarCommand root, Lakehouse lake, JdbcMetadataStore store,
            TableId table, Path file) {
        if (file != null) {
            DataContract contract = contract(root, file);
            return Optional.of(new Governing(contract, schemaObject(contract, table, file)));
        }
        Optional<ActiveContract> active = new ProductRegistry(store.database(), lake).activeContract(table);
        return active.map(found -> new Governing(found.contract(), found.schemaObject()));
    }

    /** A number without a useless fraction: {@code 20}, {@code 0.5}, {@code 33.3333}. */
    static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** {@code 3h}, {@code 2d}, {@code 90m}, {@code 45s}: the largest unit that divides the duration. */
    static String durationText(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    static String measured(CheckResult result) {
        if (result.measured().isEmpty()) {
            return "-";
        }
        String unit = result.metric().startsWith("freshness_seconds") ? " s"
                : result.unit() == MeasureUnit.PERCENT ? " %" : "";
        return number(result.measured().getAsDouble()) + unit;
    }

    static void printResults(PrintWriter out, List<CheckResult> results) {
        TextTable listing = TextTable.withRightAligned(List.of("check", "metric", "measured", "expected", "severity",
                "result"), 2);
        for (CheckResult result : results) {
            listing.add(result.checkId(), result.metric(), measured(result), result.expectation(),
                    result.severity().name().toLowerCase(Locale.ROOT), result.passed() ? "pass" : "FAIL");
        }
        listing.print(out, "No checks.");
    }

    /** {@code northstar quality check DOMAIN.TABLE --contract FILE}. */
    @Command(name = "check", description = "Run the contract's checks on a table (all metrics in one scan), record"
            + " them, detect anomalies and raise incidents; exits 5 when an error-severity check fails.")
    static final class Check extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "DOMAIN.TABLE", description = "The table to check.")
        private String table;

        @Option(names = "--contract", paramLabel = "FILE", description = "An ODCS contract (YAML) governing the"
                + " table (default: the contract applied to the data directory that governs it).")
        private Path contractFile;

        @Override
        public Integer call() {
            TableId id = TableId.parse(table);
            QualityConfig config = config(root());
            QualityReport report = withLakeAndStore(root(), (lake, store) -> {
                Governing governing = governing(root(), lake, store, id, contractFile).orElseThrow(() ->
                        new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No applied contract governs " + id,
                                "Apply the contract folder of its data product, or pass --contract FILE"));
                List<dev.northstar.quality.Check> checks = ContractChecks.checks(governing.contract(),
                        governing.object());
                return new QualityMonitor(lake, store.database(), config, Clock.systemUTC()).run(id, checks);
            });
            PrintWriter out = out();
            CheckRun run = report.run();
            printResults(out, run.results());
            for (Anomaly anomaly : report.anomalies()) {
                out.println("anomaly: " + anomaly.describe());
            }
            for (Incident incident : report.incidents()) {
                out.println("incident " + incident.id() + " (" + incident.status().name().toLowerCase(Locale.ROOT)
                        + ", " + incident.occurrences() + (incident.occurrences() == 1 ? " occurrence" : " occurrences")
                        + "): " + incident.title());
            }
            for (Incident incident : report.resolved()) {
                out.println("resolved incident " + incident.id() + ": check '" + incident.checkId()
                        + "' passed again");
            }
            long errors = run.results().stream().filter(CheckResult::failsRun).count();
            out.println(run.results().size() + " checks on " + id + ": " + run.failures().size() + " failed ("
                    + errors + " error" + (errors == 1 ? "" : "s") + "), " + run.queries()
                    + (run.queries() == 1 ? " query" : " queries") + "; run " + run.id());
            out.flush();
            return run.passed() ? 0 : ErrorCode.INVALID_DATA.exitCode();
        }
    }

    /** {@code northstar quality history DOMAIN.TABLE [--metric M] [--since 30d]}. */
    @Command(name = "history", description = "Show a metric's recorded values, or without --metric the latest"
            + " results and the metrics recorded.")
    static final class History extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "DOMAIN.TABLE", description = "The table.")
        private String table;

        @Option(names = "--metric", paramLabel = "METRIC",
                description = "A metric name, e.g. row_count or null_values_percent.email.")
        private String metric;

        @Option(names = "--since", paramLabel = "DURATION", defaultValue = "30d",
                description = "How far back, e.g. 12h, 30d or P90D (default: ${DEFAULT-VALUE}).")
        private String since;

        @Override
        public Integer call() {
            TableId id = TableId.parse(table);
            Duration back = DurationText.parse("--since", since);
            PrintWriter out = out();
            if (metric == null) {
                record Latest(Optional<CheckRun> run, List<String> metrics) {}
                Latest latest = withDatabase(root(), store -> {
                    QualityHistory history = new QualityHistory(store.database());
                    return new Latest(history.latestRun(id), history.metrics(id));
                });
                if (latest.run().isEmpty()) {
                    out.println("No quality runs recorded for " + id + ". Run 'northstar quality check " + id
                            + "'.");
                    out.flush();
                    return 0;
                }
                out.println("Latest run " + latest.run().get().id() + " at "
                        + TableCommand.instant(latest.run().get().at()) + ":");
                printResults(out, latest.run().get().results());
                out.println("Metrics: " + String.join(", ", latest.metrics()));
                out.flush();
                return 0;
            }
            List<MetricPoint> points = withDatabase(root(), store -> new QualityHistory(store.database())
                    .history(id, metric, Instant.now().minus(back)));
            TextTable listing = TextTable.withRightAligned(List.of("measured at", metric, "run"), 1);
            for (MetricPoint point : points) {
                listing.add(TableCommand.instant(point.at()), number(point.value()), point.runId());
            }
            listing.print(out, "No values of " + metric + " for " + id + " in the last " + since
                    + ". List the metrics with 'northstar quality history " + id + "'.");
            out.flush();
            return 0;
        }
    }

    /** {@code northstar quality slo DOMAIN.TABLE [--contract FILE]}. */
    @Command(name = "slo", description = "Show freshness, completeness and availability SLOs with their error"
            + " budgets over the rolling window.")
    static final class Slos extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "DOMAIN.TABLE", description = "The table.")
        private String table;

        @Option(names = "--contract", paramLabel = "FILE", description = "An ODCS contract giving the SLA (default:"
                + " the applied contract governing the table); freshness needs its latency. Without any contract,"
                + " completeness and availability use the quality.* defaults.")
        private Path contractFile;

        @Override
        public Integer call() {
            TableId id = TableId.parse(table);
            QualityConfig config = config(root());
            List<SloStatus> statuses = withLakeAndStore(root(), (lake, store) -> {
                lake.describe(id);
                List<Slo> slos = governing(root(), lake, store, id, contractFile)
                        .map(governing -> ContractChecks.slos(governing.contract(), config))
                        .orElse(List.of(Slo.completeness(config.completenessObjective(), config.sloWindow()),
                                Slo.availability(config.availabilityObjective(), config.sloWindow())));
                return new SloEvaluator(lake, store.runs(), Clock.systemUTC()).evaluate(id, slos);
            });
            TextTable listing = TextTable.withRightAligned(List.of("slo", "objective", "window", "indicator",
                    "good / total", "budget", "consumed", "remaining", "burn rate", "status"), 1, 3, 5, 6, 7, 8);
            for (SloStatus status : statuses) {
                ErrorBudget budget = status.budget();
                Slo slo = status.slo();
                String name = slo.kind().name().toLowerCase(Locale.ROOT)
                        + slo.maxAge().map(age -> " (<= " + durationText(age) + ")").orElse("");
                String unit = " " + slo.kind().unit();
                listing.add(name, number(slo.objectivePercent()) + " %", slo.window().toDays() + "d",
                        number(Math.round(budget.indicator() * 1e6) / 1e4) + " %",
                        number(budget.good()) + " / " + number(budget.total()) + unit,
                        number(round(budget.budget())) + unit, number(round(budget.consumed())) + unit,
                        number(Math.round(budget.remainingFraction() * 1000) / 10.0) + " %",
                        number(round(budget.burnRate())),
                        budget.total() == 0 ? "no data" : budget.met() ? "met" : "BREACHED");
            }
            PrintWriter out = out();
            listing.print(out);
            out.flush();
            return 0;
        }

        private static double round(double value) {
            return Math.round(value * 100) / 100.0;
        }
    }

    /** {@code northstar quality incidents [--status open] [--table DOMAIN.TABLE]}. */
    @Command(name = "incidents", description = "List quality incidents, most recently updated first.")
    static final class Incidents extends GroupSubcommand {
        @Option(names = "--status", paramLabel = "STATUS",
                description = "open, acknowledged or resolved (default: all).")
        private Incident.Status status;

        @Option(names = "--table", paramLabel = "DOMAIN.TABLE", description = "Only this table's incidents.")
        private String table;

        @Override
        public Integer call() {
            Optional<TableId> id = Optional.ofNullable(table).map(TableId::parse);
            List<Incident> incidents = withDatabase(root(), store -> new IncidentStore(store.database())
                    .list(id, Optional.ofNullable(status)));
            TextTable listing = TextTable.withRightAligned(List.of("id", "table", "check", "severity", "status",
                    "seen", "opened", "updated", "detail"), 5);
            for (Incident incident : incidents) {
                listing.add(incident.id(), incident.table().toString(), incident.checkId(),
                        incident.severity().name().toLowerCase(Locale.ROOT),
                        incident.status().name().toLowerCase(Locale.ROOT), Long.toString(incident.occurrences()),
                        TableCommand.instant(incident.openedAt()), TableCommand.instant(incident.updatedAt()),
                        incident.detail() + incident.resolved().map(resolved -> " (resolved by " + resolved.by()
                                + resolved.note().map(note -> ": " + note).orElse("") + ")").orElse(""));
            }
            PrintWriter out = out();
            listing.print(out, "No incidents.");
            out.flush();
            return 0;
        }
    }

    /** Who changes an incident: {@code --by}, else the USER variable, else the JVM's user name. */
    static String who(NorthstarCommand root, String by) {
        if (by != null && !by.isBlank()) {
            return by;
        }
        return root.environment().variable("USER").orElse(System.getProperty("user.name", "unknown"));
    }

    static void printTransition(PrintWriter out, String verb, Incident incident) {
        out.println(verb + " incident " + incident.id() + " (" + incident.checkId() + " on " + incident.table()
                + ")");
        out.flush();
    }

    /** {@code northstar quality ack ID [--note TEXT] [--by NAME]}. */
    @Command(name = "ack", description = "Acknowledge an open incident: someone is on it.")
    static final class Acknowledge extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Incident id, as 'quality incidents' shows it.")
        private String id;

        @Option(names = "--note", paramLabel = "TEXT", description = "What is being done.")
        private String note;

        @Option(names = "--by", paramLabel = "NAME", description = "Who (default: $USER).")
        private String by;

        @Override
        public Integer call() {
            String who = who(root(), by);
            Incident incident = withDatabase(root(), store -> new IncidentStore(store.database())
                    .acknowledge(id, who, Optional.ofNullable(note)));
            printTransition(out(), "Acknowledged", incident);
            return 0;
        }
    }

    /** {@code northstar quality resolve ID --note TEXT [--by NAME]}. */
    @Command(name = "resolve", description = "Resolve an incident; the next failure of its check opens a new one.")
    static final class Resolve extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Incident id, as 'quality incidents' shows it.")
        private String id;

        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "What fixed it.")
        private String note;

        @Option(names = "--by", paramLabel = "NAME", description = "Who (default: $USER).")
        private String by;

        @Override
        public Integer call() {
            String who = who(root(), by);
            Incident incident = withDatabase(root(), store -> new IncidentStore(store.database())
                    .resolve(id, who, Optional.of(note)));
            printTransition(out(), "Resolved", incident);
            return 0;
        }
    }
}
