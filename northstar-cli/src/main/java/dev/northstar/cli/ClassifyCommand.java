package dev.northstar.cli;

import picocli.CommandLine.Command;

/** {@code northstar classify ...}: Detect PII/PHI in columns; review the suggestions; show classifications. */
@Command(name = "classify", description = "Detect PII/PHI in columns; review the suggestions; show classifications.", subcommands = {})
final class ClassifyCommand extends CommandGroup {
    ClassifyCommand() {
        super("Missing command: name one of the classify commands below");
    }
}
