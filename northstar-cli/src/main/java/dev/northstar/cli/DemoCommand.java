package dev.northstar.cli;

import dev.northstar.cli.demo.DemoCockpit;
import dev.northstar.cli.demo.DemoDataSet;
import dev.northstar.cli.demo.DemoGovernance;
import dev.northstar.cli.demo.DemoProducts;
import dev.northstar.cli.demo.DemoTraffic;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.govern.policy.PolicyStore;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.WriteResult;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelVersion;
import dev.northstar.packs.finance.FinanceData;
import dev.northstar.packs.finance.FinanceModels;
import dev.northstar.packs.finance.FinancePack;
import dev.northstar.quality.CheckResult;
import dev.northstar.quality.Incident;
import dev.northstar.quality.QualityConfig;
import dev.northstar.server.ServerConfig;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.IssuedToken;
import dev.northstar.spi.store.MetadataStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code northstar demo}: a fresh demo data directory with about a million realistic rows and two data products
 * governed by ODCS contracts (see {@link DemoProducts}), served with the console.
 *
 * <p>The demo owns only {@code <home>/demo}, marked by a {@value #MARKER} file: it wipes and rebuilds that folder on
 * every run and refuses to touch a {@code demo} folder it did not create.
 */
@Command(name = "demo",
        description = "Build a fresh demo (retail customers/products/orders, banking accounts/card transactions: "
                + "~1M rows) and two contract-governed data products (a partner's order feed, card "
                + "authorisations: three days of messy files ingested with quarantine and quality checks) in "
                + "<home>/demo with access policies for an analyst, then serve the console and API with an admin "
                + "and an analyst token. Rebuilds only that folder.")
final class DemoCommand implements Callable<Integer> {
    /** Marks a folder as built by the demo, so that it can be wiped safely. */
    static final String MARKER = ".northstar-demo";
    /** Name of the demo folder inside the data directory. */
    static final String FOLDER = "demo";

    @ParentCommand
    private NorthstarCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000",
            description = "Approximate number of rows over all tables (default ${DEFAULT-VALUE}).")
    private long rows;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "Port of the console and API (default ${DEFAULT-VALUE}); 0 picks a free one.")
    private int port;

    @Option(names = "--no-server", description = "Build the demo data and exit, without serving it.")
    private boolean noServer;

    @Override
    public Integer call() throws InterruptedException {
        if (rows < 1000) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--rows must be at least 1000, got " + rows);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path home = root.home().resolve(FOLDER);
        prepareFolder(home);
        InitCommand.initialize(root, home);
        Settings settings = root.settings(home);
        LakeConfig config = LakeConfig.from(settings);
        List<DemoDataSet.DemoTable> tables = DemoDataSet.tables(rows);
        out.printf(Locale.ROOT, "Building the Northstar demo in %s%n", home);
        out.flush();
        Lakehouse lake = Lakehouse.open(config);
        long loaded = 0;
        List<DemoProducts.DemoRun> products;
        try {
            for (DemoDataSet.DemoTable table : tables) {
                lake.createTable(table.id(), table.definition());
                WriteResult result = lake.write(table.id(), RowSource.sql(table.select()),
                        WriteOptions.append().withSummary(Map.of("northstar.source", "northstar demo")));
                loaded += result.rows();
                out.printf(Locale.ROOT, "  %-27s %,10d rows  %3d files  %9s  %,6d ms%n", table.id(), result.rows(),
                        result.dataFiles(), Quantities.bytes(result.bytes()), result.millis());
                out.flush();
            }
            products = buildProducts(out, home, lake, config, settings, rows);
            buildGovernance(out, lake, config);
            loaded += buildModels(out, home, lake, config, settings, DemoDataSet.transactions(rows));
            buildCockpit(out, home, lake, config, settings);
        } catch (RuntimeException e) {
            lake.close();
            throw e;
        }
        if (noServer) {
            lake.close();
            IssuedToken analyst;
            try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
                analyst = analystToken(store);
            }
            out.printf(Locale.ROOT, "Demo data ready in %s: %s in %d tables and %d data products.%n",
                    elapsed(), Quantities.rows(loaded), tables.size() + FinancePack.CONTRACTS.size(),
                    DemoProducts.CONTRACTS.size() + FinancePack.CONTRACTS.size());
            printProducts(out, products);
            printAnalyst(out, analyst);
            out.println("Explore it with:");
            printExamples(out, home);
            out.flush();
            return 0;
        }
        ServeCommand.Running running;
        try {
            running = ServeCommand.Running.start(lake, ServerConfig.from(root.settings(home)).withPort(port),
                    dev.northstar.ingest.IngestSettings.from(root.settings(home)));
        } catch (NorthstarException e) {
            lake.close();
            // The server's hint names server.port; for the demo the way out is its own option.
            throw e.code() == ErrorCode.UNAVAILABLE
                    ? new NorthstarException(e.code(), e.getMessage(),
                            "Pass --port N to use another port, or --port 0 to pick a free one", e)
                    : e;
        } catch (RuntimeException e) {
            lake.close();
            throw e;
        }
        IssuedToken token = running.store().tokens().create(
                new Principal("demo-admin", Set.of("admin"), Map.of()), Optional.of(Duration.ofDays(30)));
        IssuedToken analyst = analystToken(running.store());
        IssuedToken scorer = running.store().tokens().create(new Principal("demo-card-processor", Set.of("scorer"),
                Map.of()), Optional.of(Duration.ofDays(30)));
        DemoTraffic traffic = DemoTraffic.start(running.server().baseUrl() + "/api/v1/score/card-fraud",
                scorer.secret(), FinanceModels.scoringRequests(lake, 2_000), Duration.ofMillis(400));
        out.println();
        out.printf(Locale.ROOT, "Northstar demo ready in %s: %s in %d tables and %d data products.%n", elapsed(),
                Quantities.rows(loaded), tables.size() + FinancePack.CONTRACTS.size(),
                DemoProducts.CONTRACTS.size() + FinancePack.CONTRACTS.size());
        printProducts(out, products);
        out.println("  console  " + running.server().baseUrl() + "/console  (data products: "
                + running.server().baseUrl() + "/console/products)");
        out.println("  API      " + running.server().baseUrl() + "/api/v1");
        out.println("  token    " + token.secret());
        out.println("           (admin, valid 30 days: paste it on the console's sign-in page, or send it as");
        out.println("           'Authorization: Bearer <token>' to the API)");
        printAnalyst(out, analyst);
        out.println("Explore from another terminal:");
        printExamples(out, home);
        out.println("  live     the demo card processor sends payments to POST /api/v1/score/card-fraud"
                + " (2.5/s): decisions with their reasons at " + running.server().baseUrl() + "/console/serve");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        try {
            running.awaitShutdown();
        } finally {
            traffic.close();
        }
        return 0;
    }

    /** The demo analyst's token, valid 30 days: what the demo's access policies are written for. */
    private static IssuedToken analystToken(MetadataStore store) {
        return store.tokens().create(DemoGovernance.ANALYST, Optional.of(Duration.ofDays(30)));
    }

    private static void printAnalyst(PrintWriter out, IssuedToken analyst) {
        out.println("  analyst  " + analyst.secret());
        out.println("           (" + DemoGovernance.ANALYST.name() + ", role analyst, country=FR, valid 30 days: retail"
                + " with e-mails hashed");
        out.println("           and French customers only; banking only with purpose fraud-investigation,"
                + " account and");
        out.println("           card numbers partially masked. Or read as it locally: sql --as "
                + DemoGovernance.ANALYST.name() + " \"...\")");
    }

    private static void printExamples(PrintWriter out, Path home) {
        String prefix = "  ./northstar --home " + home + " ";
        out.println(prefix + "table list");
        out.println(prefix + "sql \"SELECT status, count(*) AS orders, sum(amount) AS revenue FROM retail.orders "
                + "GROUP BY status ORDER BY revenue DESC\"");
        out.println(prefix + "sql --purpose reporting \"SELECT fraud_pattern, count(*) AS payments, median(amount) AS "
                + "amount FROM banking.card_transactions GROUP BY ALL\"");
        out.println(prefix + "features get card_velocity 42");
        out.println(prefix + "model list");
        out.println(prefix + "sql --as " + DemoGovernance.ANALYST.name() + " \"SELECT name, email, city FROM "
                + DemoGovernance.CUSTOMERS + " LIMIT 5\"");
        out.println(prefix + "sql --as " + DemoGovernance.ANALYST.name() + " --purpose fraud-investigation \"SELECT "
                + "account_id, holder_name, balance FROM " + DemoGovernance.ACCOUNTS + " LIMIT 5\"");
        out.println(prefix + "policy list");
        out.println(prefix + "audit list --limit 5");
        out.println(prefix + "quarantine show " + DemoProducts.ORDER_FEED + " --limit 5");
        out.println(prefix + "quality history " + DemoProducts.ORDER_FEED);
        out.println(prefix + "quality incidents");
        out.println(prefix + "catalog search revenue");
        out.println(prefix + "lineage show " + DemoGovernance.CUSTOMER_REVENUE + " --depth 2");
        out.println(prefix + "classify show " + DemoGovernance.CUSTOMER_REVENUE);
        out.println(prefix + "contract lint " + home.resolve(DemoProducts.CONTRACTS_FOLDER)
                .resolve(DemoProducts.CONTRACTS.get(0)));
    }

    /** Applies the demo contracts and ingests their files, printing one line per file. */
    private static List<DemoProducts.DemoRun> buildProducts(PrintWriter out, Path home, Lakehouse lake,
            LakeConfig config, Settings settings, long rows) {
        out.printf(Locale.ROOT, "Data products (contracts in %s, source files in %s):%n",
                home.resolve(DemoProducts.CONTRACTS_FOLDER), home.resolve(DemoProducts.INBOX_FOLDER));
        out.flush();
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            return DemoProducts.build(home, lake, store, IngestSettings.from(settings), QualityConfig.from(settings),
                    DemoProducts.rowsPerFile(rows), run -> {
                        long failed = run.quality().run().results().stream().filter(result -> !result.passed())
                                .count();
                        out.printf(Locale.ROOT, "  %-27s %-29s %,6d in %,6d valid %,4d quarantined  %d/%d checks"
                                + " pass %,6d ms%n", run.product(), run.file().getFileName(), run.ingest().rowsIn(),
                                run.ingest().rowsValid(), run.ingest().rowsQuarantined(),
                                run.quality().run().results().size() - failed, run.quality().run().results().size(),
                                run.millis());
                        out.flush();
                    });
        }
    }

    /** Derived tables with their lineage, an outside consumer, a PII scan and glossary terms. */
    /** Who trains the demo's models: the pack's data-science policy lets this role read banking for training. */
    static final Principal DATA_SCIENTIST = new Principal("demo-data-scientist", Set.of("data-scientist"),
            Map.of("domains", "ml"));
    /** Who validates them: the second pair of eyes promotion needs. */
    static final Principal VALIDATOR = new Principal("demo-validator", Set.of("model-validator"), Map.of());

    /**
     * The finance pack: card payments ending yesterday (so the online store serves a live history) and credit
     * applications ingested through their contracts, the pack's models trained by the demo data scientist through the
     * governed gateway, validated by someone else and promoted where their gates allow.
     *
     * @return rows loaded
     */
    private static long buildModels(PrintWriter out, Path home, Lakehouse lake, LakeConfig config,
            Settings settings, long transactions) {
        long start = System.nanoTime();
        out.println("Finance pack (card payments, credit applications) and models:");
        out.flush();
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            List<FinancePack.Loaded> loaded = FinancePack.load(lake, store, IngestSettings.from(settings),
                    FinanceData.Scale.endingOn(transactions, LocalDate.now(ZoneOffset.UTC).minusDays(1)),
                    home.resolve("packs").resolve("finance"));
            long rows = 0;
            for (FinancePack.Loaded table : loaded) {
                rows += table.ingest().rowsValid();
                out.printf(Locale.ROOT, "  %-27s %,10d rows  ingested through its contract  %,6d ms%n", table.table(),
                        table.ingest().rowsValid(), table.millis());
            }
            SqlGateway gateway = SqlGateway.open(lake, store.database(), settings);
            List<FinanceModels.Trained> models = FinanceModels.train(lake, store, gateway, DATA_SCIENTIST,
                    home.resolve("packs").resolve("finance"));
            ModelRegistry registry = new ModelRegistry(store.database(), new AuditLog(store.database()));
            for (FinanceModels.Trained trained : models) {
                ModelVersion version = trained.version();
                String name = version.name();
                String outcome;
                registry.approve(name, version.version(), VALIDATOR, "validated on the time-based hold-out");
                try {
                    registry.promote(name, version.version(), ModelRegistry.CHAMPION, DATA_SCIENTIST);
                    outcome = "champion (approved by " + VALIDATOR.name() + ")";
                } catch (NorthstarException e) {
                    outcome = "not promoted: " + version.gates().stream().filter(gate -> !gate.passed())
                            .map(gate -> gate.gate() + " on " + gate.subject() + (Double.isNaN(gate.value())
                                    ? " not measurable (fewer than " + dev.northstar.ml.Trainer.MIN_SELECTED
                                            + " validation rows flagged)"
                                    : String.format(Locale.ROOT, " %.2f (limit %.2f)", gate.value(), gate.limit())))
                            .collect(java.util.stream.Collectors.joining(", "));
                }
                out.printf(Locale.ROOT, "  %-18s v%d  ROC-AUC %.3f  PR-AUC %.3f  by %s  %,6d ms  %s%n", name,
                        version.version(), version.validation().rocAuc(), version.validation().prAuc(),
                        version.trainer(), trained.millis(), outcome);
            }
            out.printf(Locale.ROOT, "  models, feature views and training sets ready in %,d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            out.flush();
            return rows;
        }
    }

    private static void buildCockpit(PrintWriter out, Path home, Lakehouse lake, LakeConfig config,
            Settings settings) {
        long start = System.nanoTime();
        DemoCockpit.Summary summary;
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            summary = DemoCockpit.build(lake, store, SqlGateway.open(lake, store.database(), settings),
                    home.resolve("project").resolve("cockpit"));
        }
        out.println("CDO cockpit (use cases, business KPIs, prices and budgets in " + summary.folder() + "):");
        for (var assessment : summary.portfolio()) {
            var useCase = assessment.useCase();
            var base = assessment.businessCase().map(dev.northstar.cockpit.portfolio.BusinessCaseResult::base);
            out.printf(Locale.ROOT, "  #%d %-26s %-10s %-11s impact %.2f  feasibility %.2f  ROI %s  payback %s"
                    + "  NPV %s%n", assessment.rank(), useCase.id(), useCase.status().text(),
                    assessment.quadrant().text(), assessment.impactScore(), assessment.feasibilityScore(),
                    base.flatMap(figures -> figures.roi()).map(roi -> String.format(Locale.ROOT, "%.0f%%",
                            roi.doubleValue() * 100)).orElse("-"),
                    base.flatMap(figures -> figures.paybackMonths()).map(months -> months + " months").orElse("never"),
                    base.map(figures -> String.format(Locale.ROOT, "%,.0f %s", figures.npv(),
                            assessment.businessCase().get().currency())).orElse("-"));
        }
        for (var evaluation : summary.evaluations()) {
            out.printf(Locale.ROOT, "  business KPI %-14s %s%n", evaluation.kpi(), evaluation.value()
                    .map(value -> String.format(Locale.ROOT, "%.2f", value)).orElse("failed: "
                            + evaluation.error().orElse("")));
        }
        var readiness = summary.view().readiness();
        out.printf(Locale.ROOT, "  readiness %d/100 (level %d, %s); cockpit built in %,d ms%n", readiness.score(),
                readiness.level(), readiness.levelName(), (System.nanoTime() - start) / 1_000_000);
        out.flush();
    }

    private static void buildGovernance(PrintWriter out, Lakehouse lake, LakeConfig config) {
        long start = System.nanoTime();
        DemoGovernance.Summary summary;
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            summary = DemoGovernance.build(lake, store);
        }
        out.println("Governance:");
        for (var derived : summary.derived()) {
            out.printf(Locale.ROOT, "  %-27s %,10d rows  derived by SQL from %s (column lineage parsed from the"
                    + " query)%n", derived.table().id(), derived.write().rows(), derived.inputs().stream()
                    .map(Object::toString).sorted().collect(java.util.stream.Collectors.joining(", ")));
        }
        out.printf(Locale.ROOT, "  PII scan of %s and %s: %d suggestions (%s accepted by %s, the rest pending"
                + " review)%n", DemoGovernance.CUSTOMERS, DemoGovernance.ACCOUNTS, summary.suggestions(),
                summary.accepted(), DemoGovernance.STEWARD);
        out.printf(Locale.ROOT, "  %d glossary terms linked to columns; a BI dashboard's OpenLineage event reads %s%n",
                summary.glossaryTerms(), DemoGovernance.CUSTOMER_REVENUE);
        out.printf(Locale.ROOT, "  access policies %s applied by %s (reads are denied unless a policy allows them;"
                + " %s lets admins read everything)%n", String.join(", ", summary.policies()), DemoGovernance.STEWARD,
                PolicyStore.BASELINE);
        out.printf(Locale.ROOT, "  governance built in %,d ms%n", (System.nanoTime() - start) / 1_000_000);
        out.flush();
    }

    /** Per product: rows in, valid and quarantined over its runs, and its open incidents. */
    private static void printProducts(PrintWriter out, List<DemoProducts.DemoRun> runs) {
        out.println("  data products (rows in = valid + quarantined, every quarantined row with its reasons):");
        for (String product : runs.stream().map(run -> run.product().toString()).distinct().toList()) {
            List<DemoProducts.DemoRun> mine = runs.stream().filter(run -> run.product().toString().equals(product))
                    .toList();
            long in = mine.stream().mapToLong(run -> run.ingest().rowsIn()).sum();
            long valid = mine.stream().mapToLong(run -> run.ingest().rowsValid()).sum();
            long quarantined = mine.stream().mapToLong(run -> run.ingest().rowsQuarantined()).sum();
            DemoProducts.DemoRun last = mine.get(mine.size() - 1);
            List<String> failing = last.quality().run().results().stream().filter(result -> !result.passed())
                    .map(CheckResult::checkId).toList();
            long incidents = last.quality().incidents().stream().map(Incident::id).distinct().count();
            out.printf(Locale.ROOT, "    %-27s %d runs  %,8d in  %,8d valid  %,6d quarantined  %s%n", product,
                    mine.size(), in, valid, quarantined, failing.isEmpty() ? "all checks pass"
                            : "failing: " + String.join(", ", failing) + (incidents > 0 ? " (incident open)" : ""));
        }
    }

    /** Time since the JVM started: what the user waited for. */
    private static String elapsed() {
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        return String.format(Locale.ROOT, "%.1f s", Duration.between(started, Instant.now()).toMillis() / 1000.0);
    }

    /** Empties the demo folder if the demo made it; refuses a folder of someone else's. */
    static void prepareFolder(Path home) {
        try {
            if (Files.exists(home)) {
                boolean empty;
                try (Stream<Path> entries = Files.list(home)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.exists(home.resolve(MARKER))) {
                    throw new NorthstarException(ErrorCode.ALREADY_EXISTS,
                            home + " exists and was not created by 'northstar demo': not touching it",
                            "Move it away, or run the demo with another --home");
                }
                try (Stream<Path> paths = Files.walk(home)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        if (!path.equals(home)) {
                            Files.delete(path);
                        }
                    }
                }
            }
            Files.createDirectories(home);
            Files.writeString(home.resolve(MARKER),
                    "Built by 'northstar demo', which deletes and rebuilds this folder on every run.\n");
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot prepare the demo folder " + home + ": " + e, "Run the demo with a --home you can write to",
                    e);
        }
    }
}
