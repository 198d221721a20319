package dev.northstar.cli;

import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code northstar catalog tag add|remove DOMAIN.TABLE TAG}: steward tags beside the contract's tags. */
@Command(name = "tag", description = "Add or remove a steward tag of a table (a contract's tags change in the"
        + " contract).", subcommands = {CatalogTagCommand.Add.class, CatalogTagCommand.Remove.class})
final class CatalogTagCommand implements Callable<Integer> {
    @ParentCommand
    private CatalogCommand catalog;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: name one of add, remove");
    }

    /** A subcommand of {@code catalog tag}. */
    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        private CatalogTagCommand tag;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DOMAIN.TABLE", description = "The table.")
        String table;

        @Parameters(index = "1", paramLabel = "TAG", description = "The tag: lower-case letters, digits, - _ : .")
        String value;

        final NorthstarCommand root() {
            return tag.catalog.root();
        }

        final void print(String verb, List<String> tags) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(verb + "; steward tags of " + table + ": " + (tags.isEmpty() ? "none"
                    : String.join(", ", tags)));
            out.flush();
        }
    }

    /** {@code northstar catalog tag add DOMAIN.TABLE TAG [--by NAME]}. */
    @Command(name = "add", description = "Add a steward tag to a table.")
    static final class Add extends Subcommand {
        @Option(names = "--by", paramLabel = "NAME", description = "Who tags it (default: $USER).")
        private String by;

        @Override
        public Integer call() {
            TableId id = TableId.parse(table);
            List<String> tags = CatalogCommand.withCatalog(root(), catalog -> catalog.tags().add(id, value,
                    QualityCommand.who(root(), by)));
            print("Tagged", tags);
            return 0;
        }
    }

    /** {@code northstar catalog tag remove DOMAIN.TABLE TAG}. */
    @Command(name = "remove", description = "Remove a steward tag from a table.")
    static final class Remove extends Subcommand {
        @Override
        public Integer call() {
            TableId id = TableId.parse(table);
            List<String> tags = CatalogCommand.withCatalog(root(), catalog -> catalog.tags().remove(id, value));
            print("Untagged", tags);
            return 0;
        }
    }
}
