package dev.northstar.cli;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code table}, {@code token}, {@code bench}): run without one, it is a usage
 * error. Its subcommands reach the data directory through {@link #root()}.
 */
abstract class CommandGroup implements Callable<Integer> {
    private final String missingSubcommand;

    @ParentCommand
    private NorthstarCommand root;

    @Spec
    private CommandSpec spec;

    /** Takes the usage error for a run without subcommand, which names the subcommands. */
    CommandGroup(String missingSubcommand) {
        this.missingSubcommand = requireNonNull(missingSubcommand, "missingSubcommand is null");
    }

    @Override
    public final Integer call() {
        throw new ParameterException(spec.commandLine(), missingSubcommand);
    }

    /** The {@code northstar} command, which opens the data directory. */
    final NorthstarCommand root() {
        return root;
    }
}
