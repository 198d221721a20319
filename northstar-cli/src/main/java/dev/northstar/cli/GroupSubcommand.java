package dev.northstar.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A subcommand of a {@link CommandGroup}, such as {@code table list} or {@code token create}. */
abstract class GroupSubcommand implements Callable<Integer> {
    @ParentCommand
    private CommandGroup group;

    @Spec
    private CommandSpec spec;

    /** The {@code northstar} command, which opens the data directory. */
    final NorthstarCommand root() {
        return group.root();
    }

    /** Where the command prints its result. */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where the command prints progress and notices. */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
