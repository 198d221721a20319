package dev.northstar.cli;

import dev.northstar.spi.error.NorthstarException;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of the {@code northstar} command. */
public final class Main {
    /** Exit codes, shown in every command's help and documented in docs/guides/cli.md. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    private Main() {}

    public static void main(String[] args) {
        // Buffered: `sql --format csv` may print millions of lines; commands flush before they block.
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        CommandLine commandLine = commandLine(CliEnvironment.system()).setOut(out).setErr(err);
        int exitCode;
        try {
            exitCode = commandLine.execute(args);
        } catch (Error error) {
            // picocli hands only Exceptions to the handler; an Error (a missing class, out of memory) ends here.
            out.flush();
            err.println("error: " + describe(error));
            error.printStackTrace(err);
            exitCode = 1;
        }
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /** The command line with Northstar's error handling; tests set its out and err writers. */
    public static CommandLine commandLine(CliEnvironment environment) {
        NorthstarCommand root = new NorthstarCommand(environment);
        CommandLine commandLine = new CommandLine(root);
        commandLine.setExecutionExceptionHandler(Main::handleExecutionException);
        commandLine.setParameterExceptionHandler(Main::handleParameterException);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        applyHelp(commandLine);
        return commandLine;
    }

    /** Every command gets --help and the exit code list in its help. */
    private static void applyHelp(CommandLine commandLine) {
        commandLine.getCommandSpec().mixinStandardHelpOptions(true);
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        commandLine.getSubcommands().values().forEach(Main::applyHelp);
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "success");
        codes.put("1", "internal error (rerun with --verbose for the stack trace)");
        codes.put("2", "usage error: bad option, argument, column spec or configuration");
        codes.put("3", "not found: table, snapshot, file, token, data directory");
        codes.put("4", "conflict: already exists, or a concurrent commit won");
        codes.put("5", "invalid SQL or data: parse/bind errors, schema mismatch");
        codes.put("6", "authentication or permission failure");
        codes.put("7", "a backing service (database, object store) is unavailable");
        return codes;
    }

    private static int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        commandLine.getOut().flush();
        boolean verbose = ((NorthstarCommand) commandLine.getCommandSpec().root().userObject()).verbose();
        int exitCode;
        if (exception instanceof NorthstarException northstar) {
            err.println("error: " + northstar.getMessage());
            if (northstar.hint() != null) {
                err.println("hint: " + northstar.hint());
            }
            exitCode = northstar.code().exitCode();
        } else {
            err.println("error: " + describe(exception));
            if (!verbose) {
                err.println("hint: this looks like a bug; rerun with --verbose for the stack trace and report it");
            }
            exitCode = 1;
        }
        if (verbose) {
            exception.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    private static String describe(Throwable exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank()
                ? exception.getClass().getName()
                : exception.getClass().getSimpleName() + ": " + message;
    }

    private static int handleParameterException(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("error: " + exception.getMessage());
        if (!UnmatchedArgumentException.printSuggestions(exception, err)) {
            err.println("hint: see '" + commandLine.getCommandSpec().qualifiedName() + " --help'");
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}
