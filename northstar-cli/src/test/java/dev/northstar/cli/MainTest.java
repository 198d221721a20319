package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors, help, versions and the exit codes the help documents. */
class MainTest {
    @TempDir
    Path directory;

    @Test
    void versionCommandAndOptionPrintTheSameVersions() {
        CliRun command = CliRun.run(directory, "version");
        CliRun option = CliRun.run(directory, "--version");

        assertThat(command.exitCode()).isZero();
        assertThat(command.out()).isEqualTo(option.out());
        assertThat(command.outLines().get(0)).matches("northstar \\d+\\.\\d+\\.\\d+.*");
        assertThat(command.out()).contains("Apache Iceberg 1.").contains("DuckDB JDBC 1.");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliRun run = CliRun.run(directory, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("init", "table", "load", "sql", "serve", "token", "demo", "bench", "version",
                "--home", "--verbose", "Exit codes:", "3   not found");
    }

    @Test
    void subcommandHelpShowsTheExitCodesToo() {
        CliRun run = CliRun.run(directory, "table", "create", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--partition", "Exit codes:");
    }

    @Test
    void unknownCommandIsAUsageErrorWithSuggestions() {
        CliRun run = CliRun.run(directory, "tabel", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Unmatched arguments").contains("table");
    }

    @Test
    void missingCommandIsAUsageError() {
        CliRun root = CliRun.run(directory);
        CliRun group = CliRun.run(directory, "table");

        assertThat(root.exitCode()).isEqualTo(2);
        assertThat(root.err()).startsWith("error: Missing command").contains("northstar --help");
        assertThat(group.exitCode()).isEqualTo(2);
        assertThat(group.err()).contains("create, create-as, list, describe, history, alter, delete, maintain, drop");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun quiet = CliRun.run(directory, "table", "list");
        CliRun verbose = CliRun.run(directory, "table", "list", "--verbose");

        assertThat(quiet.err()).doesNotContain("\tat ");
        assertThat(verbose.exitCode()).isEqualTo(quiet.exitCode()).isEqualTo(3);
        assertThat(verbose.err()).contains("NorthstarException").contains("\tat ");
    }
}
