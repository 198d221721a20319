package dev.northstar.cli;

import dev.northstar.bench.IngestBenchmark;
import dev.northstar.bench.IngestBenchmarkResult;
import dev.northstar.bench.LakeBenchmark;
import dev.northstar.bench.LakeBenchmarkResult;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code northstar bench ...}: benchmarks that compare Northstar with a peer in the same run. */
@Command(name = "bench", description = "Benchmarks comparing Northstar with its peers on this machine.",
        subcommands = {BenchCommand.Lake.class, BenchCommand.Ingest.class})
final class BenchCommand extends CommandGroup {
    BenchCommand() {
        super("Missing benchmark: name one of: lake, ingest");
    }

    /** A fresh scratch directory of the command's own: the benchmark deletes it at the end. */
    static Path scratchDirectory(NorthstarCommand root, Path workDirectory) throws IOException {
        return workDirectory == null
                ? Files.createTempDirectory("northstar-bench-")
                : Files.createTempDirectory(Files.createDirectories(root.environment().resolve(workDirectory)),
                        "northstar-bench-");
    }

    static void requirePositive(long rows, int runs) {
        if (rows < 1 || runs < 1) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--rows and --runs must be at least 1");
        }
    }

    /** {@code northstar bench ingest --rows N [--runs K]}. */
    @Command(name = "ingest",
            description = "Generate a CSV of N rows (10 columns, 1% broken in seven ways), ingest it under a 20-rule "
                + "ODCS contract into a fresh home, and convert the same file with raw DuckDB CSV to Parquet (no "
                + "validation). Prints medians and the ingestion's phases; the last line is one JSON object with "
                + "rows in, valid and quarantined, rows/s of both and the Northstar/DuckDB time ratio.")
    static final class Ingest extends GroupSubcommand {
        @Option(names = "--rows", paramLabel = "N", defaultValue = "10000000",
                description = "Rows of the CSV file (default ${DEFAULT-VALUE}).")
        private long rows;

        @Option(names = "--runs", paramLabel = "K", defaultValue = "3",
                description = "Timed runs; medians are reported (default ${DEFAULT-VALUE}).")
        private int runs;

        @Option(names = "--work-dir", paramLabel = "DIR",
                description = "Where to create the scratch directory, which is deleted afterwards (default: the "
                        + "system's temporary directory).")
        private Path workDirectory;

        @Override
        public Integer call() throws IOException {
            requirePositive(rows, runs);
            Path directory = scratchDirectory(root(), workDirectory);
            PrintWriter out = out();
            IngestBenchmarkResult result = new IngestBenchmark(new IngestBenchmark.Options(rows, runs, directory),
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
        @Option(names = "--rows", paramLabel = "N", defaultValue = "10000000",
                description = "Rows per run (default ${DEFAULT-VALUE}).")
        private long rows;

        @Option(names = "--runs", paramLabel = "K", defaultValue = "3",
                description = "Timed runs; medians are reported (default ${DEFAULT-VALUE}).")
        private int runs;

        @Option(names = "--work-dir", paramLabel = "DIR",
                description = "Where to create the scratch directory, which is deleted afterwards (default: the "
                        + "system's temporary directory).")
        private Path workDirectory;

        @Override
        public Integer call() throws IOException {
            requirePositive(rows, runs);
            Path directory = scratchDirectory(root(), workDirectory);
            PrintWriter out = out();
            LakeBenchmarkResult result = new LakeBenchmark(new LakeBenchmark.Options(rows, runs, directory), out)
                    .run();
            result.summary().forEach(out::println);
            out.println(result.toJson());
            out.flush();
            return 0;
        }
    }
}
