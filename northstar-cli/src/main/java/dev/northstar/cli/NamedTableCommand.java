package dev.northstar.cli;

import dev.northstar.spi.schema.TableId;
import picocli.CommandLine.Parameters;

/** A {@code table} subcommand that works on one existing table, named by its DOMAIN.TABLE argument. */
abstract class NamedTableCommand extends GroupSubcommand {
    @Parameters(index = "0", paramLabel = "DOMAIN.TABLE", description = "The table.")
    private String name;

    /** The table named on the command line; a badly written name is a usage error. */
    final TableId id() {
        return TableId.parse(name);
    }
}
