package dev.northstar.cli;

import picocli.CommandLine.Command;

/** {@code northstar lineage ...}: Show table and column lineage, impact analysis; import OpenLineage events. */
@Command(name = "lineage", description = "Show table and column lineage, impact analysis; import OpenLineage events.", subcommands = {})
final class LineageCommand extends CommandGroup {
    LineageCommand() {
        super("Missing command: name one of the lineage commands below");
    }
}
