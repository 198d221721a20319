package dev.northstar.cli;

import dev.northstar.contracts.ContractDiff;
import dev.northstar.contracts.ContractInference;
import dev.northstar.contracts.ContractProblem;
import dev.northstar.contracts.ContractValidator;
import dev.northstar.contracts.DataContract;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code northstar contract ...}: lint, diff and infer ODCS v3 data contracts.
 *
 * <p>Exit codes meant for a project's CI: {@code lint} exits 5 when any file has problems; {@code diff} exits 4 (the
 * code for a conflict) when the new version breaks the old one, 0 when every change is compatible.
 */
@Command(name = "contract", description = "Lint, diff and infer ODCS v3 data contracts.",
        subcommands = {ContractCommand.Lint.class, ContractCommand.Diff.class, ContractCommand.Infer.class})
final class ContractCommand extends CommandGroup {
    /** Exit code of {@code lint} when a file has problems: invalid input. */
    static final int LINT_PROBLEMS = ErrorCode.INVALID_DATA.exitCode();
    /** Exit code of {@code diff} when a change is breaking: a conflict between the versions. */
    static final int BREAKING = ErrorCode.ALREADY_EXISTS.exitCode();

    ContractCommand() {
        super("Missing command: name one of lint, diff, infer");
    }

    /** Prints {@code file:line:column: path: message} and an indented hint line. */
    static void printProblems(PrintWriter out, List<ContractProblem> problems) {
        for (ContractProblem problem : problems) {
            out.println(problem.position() + ": " + problem.message());
            if (!problem.hint().isEmpty()) {
                out.println("    hint: " + problem.hint());
            }
        }
    }

    /** {@code northstar contract lint FILE...}. */
    @Command(name = "lint", description = "Check contracts against ODCS v3 and Northstar's rules; prints"
            + " file:line:column: path: message with a hint for each problem, and exits 5 when there is any.")
    static final class Lint extends GroupSubcommand {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Contract files (YAML).")
        private List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = out();
            int problems = 0;
            int filesWithProblems = 0;
            for (Path file : files) {
                Path resolved = root().environment().resolve(file);
                List<ContractProblem> found = ContractValidator.lint(resolved);
                if (found.isEmpty()) {
                    out.println(resolved + ": ok");
                } else {
                    printProblems(out, found);
                    problems += found.size();
                    filesWithProblems++;
                }
            }
            if (problems == 0) {
                return 0;
            }
            out.println(problems + (problems == 1 ? " problem" : " problems") + " in " + filesWithProblems + " of "
                    + files.size() + (files.size() == 1 ? " file" : " files"));
            return LINT_PROBLEMS;
        }
    }

    /** {@code northstar contract diff OLD NEW}. */
    @Command(name = "diff", description = "Compare two versions of a contract: each change is breaking or compatible,"
            + " with the reason. Exits 4 when any change is breaking, 0 otherwise.")
    static final class Diff extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "OLD", description = "The contract as it is (YAML).")
        private Path before;

        @Parameters(index = "1", paramLabel = "NEW", description = "The proposed contract (YAML).")
        private Path after;

        @Override
        public Integer call() {
            DataContract old = ContractValidator.load(root().environment().resolve(before));
            DataContract proposed = ContractValidator.load(root().environment().resolve(after));
            ContractDiff diff = ContractDiff.between(old, proposed);
            PrintWriter out = out();
            TextTable listing = new TextTable(List.of("impact", "where", "change", "why"), new boolean[4]);
            for (ContractDiff.Change change : diff.changes()) {
                listing.add(change.impact().text(), change.path(), change.description(), change.reason());
            }
            listing.print(out, "No changes.");
            long breaking = diff.breaking().size();
            if (!diff.changes().isEmpty()) {
                out.println(breaking + " breaking, " + (diff.changes().size() - breaking) + " compatible");
            }
            if (breaking > 0) {
                out.println("The new version breaks " + old.version() + ": it needs a new major version"
                        + " if the product is live.");
                return BREAKING;
            }
            return 0;
        }
    }

    /** {@code northstar contract infer FILE|DOMAIN.TABLE [--output F]}. */
    @Command(name = "infer", description = "Draft a contract (ODCS v3.1.0 YAML) by profiling a CSV, JSON or Parquet"
            + " file or a lake table: types, nullability, uniqueness, ranges, patterns, candidate PII.")
    static final class Infer extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "FILE|DOMAIN.TABLE",
                description = "A data file (.csv, .json, .parquet...) or a table of the lake.")
        private String source;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Write the draft to this file instead of printing it.")
        private Path output;

        @Option(names = "--force", description = "Overwrite the --output file if it exists.")
        private boolean force;

        @Override
        public Integer call() {
            Path file = root().environment().resolve(Path.of(source));
            // sales.orders names a table unless such a file exists; orders.csv names a file even when missing, so
            // the error says the file is missing rather than the table.
            boolean isFile = Files.exists(file) || !source.matches("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*")
                    || source.matches(".*\\.(csv|tsv|txt|json|ndjson|jsonl|parquet)");
            ContractInference.InferredContract inferred = isFile
                    ? ContractInference.fromFile(file)
                    : root().withLake(lake -> ContractInference.fromTable(lake, TableId.parse(source)));
            if (output == null) {
                out().print(inferred.yaml());
                return 0;
            }
            Path target = root().environment().resolve(output);
            if (Files.exists(target) && !force) {
                throw new NorthstarException(ErrorCode.ALREADY_EXISTS, "File " + target + " already exists",
                        "Choose another --output file, or add --force to overwrite it");
            }
            try {
                Files.writeString(target, inferred.yaml(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot write " + target + ": "
                        + e.getMessage(), "Check that the folder exists and is writable", e);
            }
            out().println("Wrote a draft contract for " + inferred.contract().schema().get(0).name() + " to " + target
                    + "; review it, then 'northstar contract lint' and 'northstar apply'.");
            return 0;
        }
    }
}
