package dev.northstar.cli;

import picocli.CommandLine.Command;

/** {@code northstar policy ...}: Manage access policies; simulate what a principal would see of a table; access requests. */
@Command(name = "policy", description = "Manage access policies; simulate what a principal would see of a table; access requests.", subcommands = {})
final class PolicyCommand extends CommandGroup {
    PolicyCommand() {
        super("Missing command: name one of the policy commands below");
    }
}
