package dev.northstar.cli;

import picocli.CommandLine.Command;

/** {@code northstar audit ...}: Read and verify the tamper-evident audit log. */
@Command(name = "audit", description = "Read and verify the tamper-evident audit log.", subcommands = {})
final class AuditCommand extends CommandGroup {
    AuditCommand() {
        super("Missing command: name one of the audit commands below");
    }
}
