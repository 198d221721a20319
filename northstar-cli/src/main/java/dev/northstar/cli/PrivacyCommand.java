package dev.northstar.cli;

import picocli.CommandLine.Command;

/** {@code northstar privacy ...}: Data-subject requests (access, erase with a certificate) and the keystore of pseudonymisation and encryption keys. */
@Command(name = "privacy", description = "Data-subject requests (access, erase with a certificate) and the keystore of pseudonymisation and encryption keys.", subcommands = {})
final class PrivacyCommand extends CommandGroup {
    PrivacyCommand() {
        super("Missing command: name one of the privacy commands below");
    }
}
