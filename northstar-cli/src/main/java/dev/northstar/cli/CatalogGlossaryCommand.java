package dev.northstar.cli;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.catalog.GlossaryTerm;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code northstar catalog glossary ...}: business glossary terms and their links to columns. */
@Command(name = "glossary", description = "Define business glossary terms and link them to columns.",
        subcommands = {CatalogGlossaryCommand.Add.class, CatalogGlossaryCommand.ListTerms.class,
            CatalogGlossaryCommand.Show.class, CatalogGlossaryCommand.Link.class, CatalogGlossaryCommand.Unlink.class,
            CatalogGlossaryCommand.Remove.class})
final class CatalogGlossaryCommand implements Callable<Integer> {
    @ParentCommand
    private CatalogCommand catalog;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: name one of add, list, show, link, unlink, remove");
    }

    NorthstarCommand root() {
        return catalog.root();
    }

    /** A subcommand of {@code catalog glossary}. */
    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        private CatalogGlossaryCommand glossary;

        @Spec
        private CommandSpec spec;

        final NorthstarCommand root() {
            return glossary.root();
        }

        final PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    /** {@code northstar catalog glossary add NAME --definition TEXT [--synonym S]... [--owner O] [--status S]}. */
    @Command(name = "add", description = "Define a term.", footer = {"", "Example:",
        "  northstar catalog glossary add \"Customer Lifetime Value\" --definition \"Revenue expected from a customer\""
                + " --synonym CLV --status approved"})
    static final class Add extends Subcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The term.")
        private String name;

        @Option(names = "--definition", required = true, paramLabel = "TEXT", description = "What it means.")
        private String definition;

        @Option(names = "--synonym", paramLabel = "WORD", description = "Another word for it (repeatable).")
        private List<String> synonyms = new ArrayList<>();

        @Option(names = "--owner", paramLabel = "NAME", description = "Who answers for it (default: $USER).")
        private String owner;

        @Option(names = "--status", paramLabel = "STATUS", defaultValue = "draft",
                description = "draft, approved or deprecated (default ${DEFAULT-VALUE}).")
        private String status;

        @Option(names = "--json", description = "Print the term as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            GlossaryTerm.Definition term = new GlossaryTerm.Definition(name, definition, synonyms,
                    QualityCommand.who(root(), owner), status(status));
            GlossaryTerm defined = CatalogCommand.withCatalog(root(), catalog -> catalog.glossary().define(term));
            print(out(), defined, json, "Defined");
            return 0;
        }
    }

    /** {@code northstar catalog glossary list [--json]}. */
    @Command(name = "list", description = "Every term with its status, owner and linked columns.")
    static final class ListTerms extends Subcommand {
        @Option(names = "--json", description = "Print the terms as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            List<GlossaryTerm> terms = CatalogCommand.withCatalog(root(), catalog -> catalog.glossary().terms());
            PrintWriter out = out();
            if (json) {
                out.println(JsonText.write(terms.stream().map(CatalogGlossaryCommand::json).toList()));
            } else {
                TextTable table = new TextTable(List.of("term", "status", "owner", "columns", "definition"),
                        new boolean[5]);
                for (GlossaryTerm term : terms) {
                    table.add(term.name(), lower(term.status()), term.owner(), columns(term), term.definition());
                }
                table.print(out, "No glossary terms yet: add one with 'northstar catalog glossary add'.");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code northstar catalog glossary show NAME [--json]}. */
    @Command(name = "show", description = "A term with its definition, synonyms and linked columns.")
    static final class Show extends Subcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The term (any case).")
        private String name;

        @Option(names = "--json", description = "Print the term as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            GlossaryTerm term = CatalogCommand.withCatalog(root(), catalog -> catalog.glossary().term(name));
            print(out(), term, json, null);
            return 0;
        }
    }

    /** {@code northstar catalog glossary link NAME DOMAIN.TABLE COLUMN}. */
    @Command(name = "link", description = "Link a term to a column.")
    static final class Link extends Subcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The term.")
        private String name;

        @Parameters(index = "1", paramLabel = "DOMAIN.TABLE", description = "The table.")
        private String table;

        @Parameters(index = "2", paramLabel = "COLUMN", description = "The column.")
        private String column;

        @Option(names = "--by", paramLabel = "NAME", description = "Who links it (default: $USER).")
        private String by;

        @Override
        public Integer call() {
            TableId id = TableId.parse(table);
            GlossaryTerm term = CatalogCommand.withCatalog(root(), catalog -> catalog.glossary().link(name, id,
                    column, QualityCommand.who(root(), by)));
            out().println("Linked '" + term.name() + "' to " + id + "." + column);
            out().flush();
            return 0;
        }
    }

    /** {@code northstar catalog glossary unlink NAME DOMAIN.TABLE COLUMN}. */
    @Command(name = "unlink", description = "Remove the link of a term to a column.")
    static final class Unlink extends Subcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The term.")
        private String name;

        @Parameters(index = "1", paramLabel = "DOMAIN.TABLE", description = "The table.")
        private String table;

        @Parameters(index = "2", paramLabel = "COLUMN", description = "The column.")
        private String column;

        @Override
        public Integer call() {
            TableId id = TableId.parse(table);
            GlossaryTerm term = CatalogCommand.withCatalog(root(), catalog -> catalog.glossary().unlink(name, id,
                    column));
            out().println("Unlinked '" + term.name() + "' from " + id + "." + column);
            out().flush();
            return 0;
        }
    }

    /** {@code northstar catalog glossary remove NAME}. */
    @Command(name = "remove", description = "Delete a term and its links.")
    static final class Remove extends Subcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The term.")
        private String name;

        @Override
        public Integer call() {
            CatalogCommand.withCatalog(root(), catalog -> {
                catalog.glossary().delete(name);
                return null;
            });
            out().println("Removed glossary term '" + name + "'");
            out().flush();
            return 0;
        }
    }

    static GlossaryTerm.Status status(String text) {
        requireNonNull(text, "text is null");
        try {
            return GlossaryTerm.Status.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Unknown glossary term status '" + text + "'",
                    "Write --status draft, approved or deprecated");
        }
    }

    private static void print(PrintWriter out, GlossaryTerm term, boolean asJson, String verb) {
        if (asJson) {
            out.println(JsonText.write(json(term)));
        } else {
            if (verb != null) {
                out.println(verb + " glossary term '" + term.name() + "'");
            }
            out.println("term:       " + term.name() + " (" + lower(term.status()) + ", owner " + term.owner() + ")");
            out.println("definition: " + term.definition());
            if (!term.synonyms().isEmpty()) {
                out.println("synonyms:   " + String.join(", ", term.synonyms()));
            }
            out.println("columns:    " + columns(term));
        }
        out.flush();
    }

    private static String columns(GlossaryTerm term) {
        return term.links().isEmpty() ? "-" : String.join(", ", term.links().stream()
                .map(link -> link.table() + "." + link.column()).toList());
    }

    private static String lower(GlossaryTerm.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> json(GlossaryTerm term) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", term.name());
        json.put("definition", term.definition());
        json.put("synonyms", term.synonyms());
        json.put("owner", term.owner());
        json.put("status", lower(term.status()));
        json.put("links", term.links().stream().map(link -> Map.of("table", link.table(), "column", link.column(),
                "linked_by", link.linkedBy(), "linked_at", link.linkedAt().toString())).toList());
        json.put("created_at", term.createdAt().toString());
        json.put("updated_at", term.updatedAt().toString());
        return json;
    }
}
