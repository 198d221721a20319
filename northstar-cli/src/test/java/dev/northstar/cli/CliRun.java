package dev.northstar.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * One in-process run of the {@code northstar} command line, with its own environment variables and working directory
 * and captured output.
 *
 * @param exitCode the process exit code the command would have
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Path workingDirectory, Map<String, String> variables, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine(new CliEnvironment(variables, workingDirectory))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Runs with no environment variables, in {@code workingDirectory}. */
    static CliRun run(Path workingDirectory, String... args) {
        return run(workingDirectory, Map.of(), args);
    }

    /** Lines of stdout. */
    java.util.List<String> outLines() {
        return out.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
