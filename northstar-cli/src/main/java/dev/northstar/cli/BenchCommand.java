package dev.northstar.cli;

import dev.northstar.bench.DeequPeer;
import dev.northstar.bench.GatewayBenchmark;
import dev.northstar.bench.GatewayBenchmarkResult;
import dev.northstar.bench.IngestBenchmark;
import dev.northstar.bench.IngestBenchmarkResult;
import dev.northstar.bench.LakeBenchmark;
import dev.northstar.bench.LakeBenchmarkResult;
import dev.northstar.bench.QualityBenchmark;
import dev.northstar.bench.QualityBenchmarkResult;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code northstar bench ...}: benchmarks that compare Northstar with a peer in the same run. */
@Command(name = "bench", description = "Benchmarks comparing Northstar with its peers on this machine.",
        subcommands = {BenchCommand.Lake.class, BenchCommand.Ingest.class, BenchCommand.Quality.class,
                BenchCommand.Gateway.class, BenchCommand.Features.class, BenchCommand.Models.class,
                BenchCommand.Scoring.class, BenchCommand.Audit.class, BenchCommand.CockpitView.class})
final class BenchCommand extends CommandGroup {
    BenchCommand() {
        super("Missing benchmark: name one of: lake, ingest, quality, gateway, features, models, scoring, audit, cockpit");
    }

    /** The options every benchmark takes: its size, its number of timed runs and where to work. */
    static final class Sizing {
        @Option(names = "--rows", paramLabel = "N", defaultValue = "10000000",
                description = "Rows of the benchmark's data (default ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--runs", paramLabel = "K", defaultValue = "3",
                description = "Timed runs; medians are reported (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--work-dir", paramLabel = "DIR",
                description = "Where to create the scratch directory, which is deleted afterwards (default: the "
                        + "system's temporary directory).")
        Path workDirectory;

        /**
         * Runs a benchmark in a fresh scratch directory, deleted afterwards, and prints its summary and JSON line.
         */
        int report(NorthstarCommand root, PrintWriter out,
                java.util.function.BiFunction<Path, PrintWriter, dev.northstar.bench.BenchmarkReport> benchmark)
                throws IOException {
            Path directory = scratchDirectory(root);
            try {
                dev.northstar.bench.BenchmarkReport result = benchmark.apply(directory, out);
                result.summary().forEach(out::println);
                out.println(result.toJson());
            } finally {
                dev.northstar.bench.ScratchFiles.delete(directory);
            }
            out.flush();
            return 0;
        }

        /** Checks the sizes and creates a fresh scratch directory of the command's own, deleted at the end. */
        Path scratchDirectory(NorthstarCommand root) throws IOException {
            if (rows < 1 || runs < 1) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--rows and --runs must be at least 1");
            }
            return workDirectory == null
                    ? Files.createTempDirectory("northstar-bench-")
                    : Files.createTempDirectory(Files.createDirectories(root.environment().resolve(workDirectory)),
                            "northstar-bench-");
        }
    }

    /** {@code northstar bench quality --rows N [--runs K] [--no-deequ] [--repository DIR]}. */
    @Command(name = "quality",
            description = "Run 20 metric checks (row count, nulls, missing, valid values, patterns, ranges, "
                + "duplicates, minimum, maximum) over an N-row lake table with Northstar's quality engine, and the "
                + "same checks as an Amazon Deequ VerificationSuite on Spark local[2] over the same Parquet files in a "
                + "child JVM (module northstar-bench-deequ, built with Maven on first use). Both sides must measure "
                + "the same values. The last line is one JSON object with both median times and speedup = Deequ / "
                + "Northstar; exit status 1 when the Deequ side could not run (the JSON line says why).")
    static final class Quality extends GroupSubcommand {
        @Mixin
        private Sizing sizing;

        @Option(names = "--no-deequ", description = "Run the Northstar side only.")
        private boolean noDeequ;

        @Option(names = "--repository", paramLabel = "DIR",
                description = "The Northstar source tree holding northstar-bench-deequ (default: found above the "
                        + "running distribution or the working directory).")
        private Path repository;

        @Override
        public Integer call() throws IOException {
            Optional<DeequPeer> peer = Optional.empty();
            if (!noDeequ) {
                peer = repository != null
                        ? Optional.of(new DeequPeer(root().environment().resolve(repository)))
                        : DeequPeer.find(searchPlaces(root()));
                if (peer.isEmpty()) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                            "Cannot find the " + DeequPeer.MODULE + " module above the Northstar distribution or "
                                    + "the working directory",
                            "Pass --repository <the Northstar source tree>, or --no-deequ for the Northstar side only");
                }
            }
            Path directory = sizing.scratchDirectory(root());
            PrintWriter out = out();
            QualityBenchmarkResult result = new QualityBenchmark(
                    new QualityBenchmark.Options(sizing.rows, sizing.runs, directory, peer), out).run();
            result.summary().forEach(out::println);
            out.println(result.toJson());
            out.flush();
            return noDeequ || result.deequ().failure().isEmpty() ? 0 : 1;
        }

        private static List<Path> searchPlaces(NorthstarCommand root) {
            List<Path> places = new ArrayList<>();
            try {
                places.add(Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException | RuntimeException e) {
                // No code source (an unusual class loader): the working directory is still searched.
            }
            places.add(root.environment().resolve(Path.of("")));
            return places;
        }
    }

    /** {@code northstar bench ingest --rows N [--runs K]}. */
    @Command(name = "ingest",
            description = "Generate a CSV of N rows (10 columns, 1% broken in seven ways), ingest it under a 20-rule "
                + "ODCS contract into a fresh home, and convert the same file with raw DuckDB CSV to Parquet (no "
                + "validation). Prints medians and the ingestion's phases; the last line is one JSON object with "
                + "rows in, valid and quarantined, rows/s of both and the Northstar/DuckDB time ratio.")
    static final class Ingest extends GroupSubcommand {
        @Mixin
        private Sizing sizing;

        @Override
        public Integer call() throws IOException {
            Path directory = sizing.scratchDirectory(root());
            PrintWriter out = out();
            IngestBenchmarkResult result = new IngestBenchmark(new IngestBenchmark.Options(sizing.rows, sizing.runs, directory),
                    out).run();
            result.summary().forEach(out::println);
            out.println(result.toJson());
            out.flush();
            return 0;
        }
    }

    /** {@code northstar bench lake --rows N [--runs K]}. */
    @Command(name = "lake",
            description = "Write N synthetic rows through Northstar (Iceberg commit) and through raw DuckDB COPY to "
                + "Parquet, then run one scan-aggregate query through each over the same files. Prints "
                + "medians; the last line is one JSON object with rows/s and the Northstar/DuckDB time "
                + "ratios.")
    static final class Lake extends GroupSubcommand {
        @Mixin
        private Sizing sizing;

        @Override
        public Integer call() throws IOException {
            Path directory = sizing.scratchDirectory(root());
            PrintWriter out = out();
            LakeBenchmarkResult result = new LakeBenchmark(new LakeBenchmark.Options(sizing.rows, sizing.runs, directory), out)
                    .run();
            result.summary().forEach(out::println);
            out.println(result.toJson());
            out.flush();
            return 0;
        }
    }

    /** {@code northstar bench audit --rows N [--runs K]}. */
    @Command(name = "audit",
            description = "Append N entries to an audit log, then time a full walk of its hash chain (what 'audit"
                + " verify' does) against the cockpit's incremental check after a burst of new entries. Prints "
                + "medians; the last line is one JSON object with both and the speed-up.")
    static final class Audit extends GroupSubcommand {
        @Mixin
        private Sizing sizing;

        @Override
        public Integer call() throws IOException {
            return sizing.report(root(), out(), (directory, progress) -> new dev.northstar.bench.AuditBenchmark(
                    new dev.northstar.bench.AuditBenchmark.Options(sizing.rows, sizing.runs, directory), progress).run());
        }
    }

    /** {@code northstar bench cockpit --rows N [--runs K]}. */
    @Command(name = "cockpit",
            description = "Append N audited reads over the current month, then time the CDO cockpit's view: the first"
                + " one (rolls up and walks the whole log) and views after bursts of new reads, against reading and"
                + " parsing every read of the month once (what each view did before the hourly roll-up). Prints "
                + "medians; the last line is one JSON object.")
    static final class CockpitView extends GroupSubcommand {
        @Mixin
        private Sizing sizing;

        @Override
        public Integer call() throws IOException {
            return sizing.report(root(), out(), (directory, progress) -> new dev.northstar.bench.CockpitBenchmark(
                    new dev.northstar.bench.CockpitBenchmark.Options(sizing.rows, sizing.runs, directory), progress).run());
        }
    }

    /** {@code northstar bench gateway --rows N [--runs K]}. */
    @Command(name = "gateway",
            description = "Write N synthetic rows once, then time one scan-aggregate through the governed SQL gateway "
                + "(unrestricted, and row-filtered + masked) and through raw DuckDB over the same files (with the "
                + "same filter). Prints medians; the last line is one JSON object with both ratios and whether the "
                + "target (gateway <= 1.1 x DuckDB + 2 ms) is met.")
    static final class Gateway extends GroupSubcommand {
        @Mixin
        private Sizing sizing;

        @Override
        public Integer call() throws IOException {
            Path directory = sizing.scratchDirectory(root());
            PrintWriter out = out();
            GatewayBenchmarkResult result = new GatewayBenchmark(
                    new GatewayBenchmark.Options(sizing.rows, sizing.runs, directory), out).run();
            result.summary().forEach(out::println);
            out.println(result.toJson());
            out.flush();
            return 0;
        }
    }

    /** {@code northstar bench features [--cards N] [--events N] [--lookups N] [--redis HOST:PORT]}. */
    @Command(name = "features",
            description = "Online feature lookups (8 window features over a card's recent events) on the in-process"
                + " store and on Redis when reachable, then stream ingestion. JSON lines per store; the last line"
                + " tells whether the targets hold (p99 <= 100 us in-process, <= 1 ms on Redis).")
    static final class Features extends GroupSubcommand {
        @Option(names = "--cards", defaultValue = "10000", description = "Entities (default ${DEFAULT-VALUE}).")
        int cards;

        @Option(names = "--events", defaultValue = "300000", description = "Events in the source table, over 7 days"
                + " (default ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--lookups", defaultValue = "200000", description = "Timed lookups per store (default"
                + " ${DEFAULT-VALUE}).")
        int lookups;

        @Option(names = "--redis", defaultValue = "127.0.0.1:6379", paramLabel = "HOST:PORT",
                description = "Redis to measure (default ${DEFAULT-VALUE}).")
        String redis;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            List<String> lines = dev.northstar.features.FeatureLookupBenchmark.run(cards, events, lookups, redis,
                    notice -> {
                        err().println(notice);
                        err().flush();
                    });
            lines.forEach(out::println);
            double inProcess = p99(lines, "in-process");
            double onRedis = p99(lines, "redis");
            out.printf(java.util.Locale.ROOT, "{\"bench\":\"features-summary\",\"in_process_p99_us\":%.1f,"
                    + "\"redis_p99_us\":%s,\"within_target\":%s}%n", inProcess,
                    Double.isNaN(onRedis) ? "null" : String.format(java.util.Locale.ROOT, "%.1f", onRedis),
                    inProcess <= 100 && (Double.isNaN(onRedis) || onRedis <= 1000));
            out.flush();
            return 0;
        }

        private static double p99(List<String> lines, String store) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{\"bench\":\"features\",\"store\":\""
                    + store + "\".*\"p99_us\":([0-9.]+)").matcher(String.join("\n", lines));
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
        }
    }

    /** {@code northstar bench models [--rows N] [--transactions N]}. */
    @Command(name = "models",
            description = "Train gradient-boosted trees on N synthetic rows x 20 features (100 rounds, depth 6,"
                + " 2 threads), then load the finance pack at the given size and train its models through the"
                + " governed gateway: prints the training time and the card-fraud model's ROC-AUC and PR-AUC on its"
                + " time-based hold-out. The last line is one JSON object.")
    static final class Models extends GroupSubcommand {
        @Option(names = "--rows", defaultValue = "1000000", description = "Synthetic training rows (default"
                + " ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--transactions", defaultValue = "1000000", description = "Card transactions of the"
                + " finance pack (default ${DEFAULT-VALUE}).")
        long transactions;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = out();
            dev.northstar.ml.TrainingBenchmark.Result synthetic = dev.northstar.ml.TrainingBenchmark.run(rows, 20,
                    100, 2);
            out.println(synthetic.json());
            out.flush();
            Path home = Files.createTempDirectory("northstar-bench-models");
            try (dev.northstar.lake.Lakehouse lake = dev.northstar.lake.Lakehouse.open(
                    dev.northstar.lake.LakeConfig.embedded(home.resolve("data")));
                    dev.northstar.lake.store.JdbcMetadataStore store = dev.northstar.lake.store.JdbcMetadataStore
                            .open(lake.config())) {
                long start = System.nanoTime();
                dev.northstar.packs.finance.FinancePack.load(lake, store,
                        dev.northstar.ingest.IngestSettings.defaults(),
                        new dev.northstar.packs.finance.FinanceData.Scale(transactions), home.resolve("pack"));
                double loadSeconds = (System.nanoTime() - start) / 1e9;
                dev.northstar.govern.gateway.SqlGateway gateway = dev.northstar.govern.gateway.SqlGateway.open(lake,
                        store.database(), dev.northstar.lake.config.Settings.load(lake.config().home()));
                start = System.nanoTime();
                List<dev.northstar.packs.finance.FinanceModels.Trained> trained =
                        dev.northstar.packs.finance.FinanceModels.train(lake, store, gateway, DemoCommand.DATA_SCIENTIST,
                                home.resolve("work"));
                double trainSeconds = (System.nanoTime() - start) / 1e9;
                dev.northstar.ml.ModelVersion fraud = trained.get(0).version();
                out.printf(java.util.Locale.ROOT, "{\"bench\":\"models\",\"synthetic_rows\":%d,"
                        + "\"synthetic_train_seconds\":%.2f,\"transactions\":%d,\"pack_load_seconds\":%.1f,"
                        + "\"pack_train_seconds\":%.1f,\"fraud_training_rows\":%d,\"fraud_validation_rows\":%d,"
                        + "\"fraud_train_millis\":%d,\"fraud_roc_auc\":%.4f,\"fraud_pr_auc\":%.4f,"
                        + "\"within_target\":%s}%n", synthetic.rows(), synthetic.seconds(), transactions, loadSeconds,
                        trainSeconds, fraud.trainingRows(), fraud.validationRows(), fraud.trainingMillis(),
                        fraud.validation().rocAuc(), fraud.validation().prAuc(), fraud.validation().rocAuc() >= 0.9);
                out.flush();
            } finally {
                dev.northstar.bench.ScratchFiles.delete(home);
            }
            return 0;
        }
    }

    /** {@code northstar bench scoring [--rate R] [--seconds S] [--transactions N]}. */
    @Command(name = "scoring",
            description = "Start a server with the finance pack (payments ending yesterday, models trained, card-fraud"
                + " promoted after a second person's approval), then drive POST /api/v1/score/card-fraud at a fixed"
                + " rate from a separate JVM over loopback (open loop: latency from each request's due time)."
                + " The last line is one JSON object; the target is p99 <= 5 ms with no errors.")
    static final class Scoring extends GroupSubcommand {
        @Option(names = "--rate", defaultValue = "1000", description = "Requests per second (default"
                + " ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--seconds", defaultValue = "60", description = "Measured seconds (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--warmup", defaultValue = "60", description = "Warm-up seconds at the same rate, not"
                + " measured: the server's JIT compiles the scoring path during the first ten or so (default"
                + " ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--transactions", defaultValue = "200000", description = "Card transactions of the finance"
                + " pack (default ${DEFAULT-VALUE}).")
        long transactions;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = out();
            PrintWriter err = err();
            Path home = Files.createTempDirectory("northstar-bench-scoring");
            try (dev.northstar.lake.Lakehouse lake = dev.northstar.lake.Lakehouse.open(
                    dev.northstar.lake.LakeConfig.embedded(home.resolve("data")));
                    dev.northstar.lake.store.JdbcMetadataStore store = dev.northstar.lake.store.JdbcMetadataStore
                            .open(lake.config())) {
                err.println("Loading the finance pack (" + transactions + " payments) and training its models...");
                err.flush();
                dev.northstar.packs.finance.FinancePack.load(lake, store,
                        dev.northstar.ingest.IngestSettings.defaults(),
                        dev.northstar.packs.finance.FinanceData.Scale.endingOn(transactions,
                                java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1)), home.resolve("pack"));
                dev.northstar.govern.gateway.SqlGateway gateway = dev.northstar.govern.gateway.SqlGateway.open(lake,
                        store.database(), dev.northstar.lake.config.Settings.load(lake.config().home()));
                dev.northstar.packs.finance.FinanceModels.train(lake, store, gateway, DemoCommand.DATA_SCIENTIST,
                        home.resolve("work"));
                dev.northstar.ml.ModelRegistry registry = new dev.northstar.ml.ModelRegistry(store.database(),
                        new dev.northstar.govern.audit.AuditLog(store.database()));
                registry.approve("card-fraud", 1, DemoCommand.VALIDATOR, "benchmark");
                registry.promote("card-fraud", 1, dev.northstar.ml.ModelRegistry.CHAMPION, DemoCommand.DATA_SCIENTIST);
                Path bodies = home.resolve("bodies.ndjson");
                Files.write(bodies, dev.northstar.packs.finance.FinanceModels.scoringRequests(lake, 1000));
                String token = store.tokens().create(dev.northstar.spi.security.Principal.of("bench-scorer",
                        "scorer"), java.util.Optional.of(java.time.Duration.ofHours(1))).secret();
                try (dev.northstar.server.NorthstarServer server = dev.northstar.server.NorthstarServer.start(
                        dev.northstar.server.ServerConfig.ephemeral(), lake, store)) {
                    err.printf(java.util.Locale.ROOT, "Driving %d requests/s for %d s (+%d s warm-up) from a"
                            + " separate process...%n", rate, seconds, warmup);
                    err.flush();
                    // The server's CPU over the measured seconds only: from the end of the warm-up (the load
                    // process starts in well under a second) to the end of the run.
                    java.util.concurrent.atomic.AtomicLong cpuAtMeasure = new java.util.concurrent.atomic.AtomicLong(
                            processCpuNanos());
                    Thread marker = new Thread(() -> {
                        try {
                            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
                            cpuAtMeasure.set(processCpuNanos());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, "bench-cpu-marker");
                    marker.setDaemon(true);
                    marker.start();
                    String line = drive(server.baseUrl() + "/api/v1/score/card-fraud", token, bodies);
                    marker.interrupt();
                    double serverCpuMicros = (processCpuNanos() - cpuAtMeasure.get()) / 1000.0
                            / ((long) rate * seconds);
                    out.println(line);
                    com.fasterxml.jackson.databind.JsonNode result = new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(line);
                    double p99 = result.get("p99_us").asDouble() / 1000;
                    err.println("Server-side (from request decoded to answer built): " + serverSide(server));
                    err.printf(java.util.Locale.ROOT, "Server process CPU per measured request (all its threads,"
                            + " GC included): %.0f us; the load process's: %.0f us%n", serverCpuMicros,
                            result.path("client_cpu_us_per_request").asDouble(Double.NaN));
                    err.flush();
                    long errors = result.get("failed").asLong();
                    out.printf(java.util.Locale.ROOT, "{\"bench\":\"scoring\",\"rps\":%.1f,\"seconds\":%.1f,"
                            + "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"errors\":%d,"
                            + "\"within_target\":%s}%n", result.get("achieved_per_second").asDouble(),
                            result.get("seconds").asDouble(), result.get("p50_us").asDouble() / 1000, p99,
                            result.get("p999_us").asDouble() / 1000, errors, p99 <= 5 && errors == 0);
                    out.flush();
                }
            } finally {
                dev.northstar.bench.ScratchFiles.delete(home);
            }
            return 0;
        }

        /** CPU time used so far by this process, all threads. */
        private static long processCpuNanos() {
            return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }

        /** The server's own view of the scoring latency (its recent window): percentiles of the scoring timer. */
        private static String serverSide(dev.northstar.server.NorthstarServer server) {
            StringBuilder text = new StringBuilder();
            for (io.micrometer.core.instrument.Timer timer : server.meterRegistry().find("northstar.scoring.latency")
                    .timers()) {
                io.micrometer.core.instrument.distribution.HistogramSnapshot snapshot = timer.takeSnapshot();
                text.append(timer.getId().getTag("outcome")).append(": n=").append(snapshot.count());
                for (io.micrometer.core.instrument.distribution.ValueAtPercentile value : snapshot.percentileValues()) {
                    text.append(String.format(java.util.Locale.ROOT, " p%s=%.3f ms",
                            value.percentile() * 100, value.value(TimeUnit.MILLISECONDS)));
                }
                text.append(String.format(java.util.Locale.ROOT, " max=%.3f ms; ",
                        snapshot.max(TimeUnit.MILLISECONDS)));
            }
            return text.toString();
        }

        /** Runs the load in a child JVM on this process's class path and returns its JSON line. */
        private String drive(String url, String token, Path bodies) throws IOException, InterruptedException {
            Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "-XX:+UseParallelGC", "-cp",
                    System.getProperty("java.class.path"), "dev.northstar.ml.serving.ScoringLoad", url, "-",
                    bodies.toString(), Integer.toString(rate), Integer.toString(seconds), Integer.toString(warmup));
            builder.environment().put("NORTHSTAR_LOAD_TOKEN", token);
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).trim();
            int exit = process.waitFor();
            if (exit != 0 || output.isEmpty()) {
                throw new NorthstarException(ErrorCode.INTERNAL, "The load process failed (exit " + exit + ")",
                        "See its error output above");
            }
            String[] lines = output.split("\\R");
            return lines[lines.length - 1];
        }
    }
}
