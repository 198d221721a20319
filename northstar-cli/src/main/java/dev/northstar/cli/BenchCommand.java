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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code northstar bench ...}: benchmarks that compare Northstar with a peer in the same run. */
@Command(name = "bench", description = "Benchmarks comparing Northstar with its peers on this machine.",
        subcommands = {BenchCommand.Lake.class, BenchCommand.Ingest.class, BenchCommand.Quality.class,
                BenchCommand.Gateway.class})
final class BenchCommand extends CommandGroup {
    BenchCommand() {
        super("Missing benchmark: name one of: lake, ingest, quality, gateway");
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
}
