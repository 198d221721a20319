package dev.northstar.cli;

import picocli.CommandLine.Command;

/** {@code northstar catalog ...}: Search the catalog of domains, products, tables and columns; manage tags and the glossary. */
@Command(name = "catalog", description = "Search the catalog of domains, products, tables and columns; manage tags and the glossary.", subcommands = {})
final class CatalogCommand extends CommandGroup {
    CatalogCommand() {
        super("Missing command: name one of the catalog commands below");
    }
}
