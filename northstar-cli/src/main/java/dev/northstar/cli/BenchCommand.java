package dev.northstar.cli;

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
        subcommands = BenchCommand.Lake.class)
final class BenchCommand extends CommandGroup {
    BenchCommand() {
        super("Missing benchmark: name one of: lake");
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
            if (rows < 1 || runs < 1) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--rows and --runs must be at least 1");
            }
            // Always a fresh directory of our own: the benchmark deletes it at the end.
            Path directory = workDirectory == null
                    ? Files.createTempDirectory("northstar-bench-")
                    : Files.createTempDirectory(Files.createDirectories(
                            root().environment().resolve(workDirectory)), "northstar-bench-");
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
