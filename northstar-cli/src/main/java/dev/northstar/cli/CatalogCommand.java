package dev.northstar.cli;

import dev.northstar.govern.catalog.Catalog;
import dev.northstar.govern.catalog.CatalogEntry;
import dev.northstar.govern.catalog.CatalogSearch;
import dev.northstar.govern.catalog.SearchRequest;
import dev.northstar.govern.catalog.SearchResult;
import dev.northstar.spi.schema.TableId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code northstar catalog ...}: Search the catalog of domains, products, tables and columns; manage tags and the glossary. */
@Command(name = "catalog", description = "Search the catalog of domains, products, tables and columns; manage tags and the glossary.",
        subcommands = {CatalogCommand.Search.class, CatalogCommand.Show.class, CatalogGlossaryCommand.class,
            CatalogTagCommand.class})
final class CatalogCommand extends CommandGroup {
    CatalogCommand() {
        super("Missing command: name one of search, show, glossary, tag");
    }

    /** Opens the lake and metadata store of the data directory, applies {@code work} to its catalog, closes both. */
    static <T> T withCatalog(NorthstarCommand root, Function<Catalog, T> work) {
        return QualityCommand.withLakeAndStore(root, (lake, store) -> work.apply(Catalog.of(lake, store)));
    }

    /** {@code northstar catalog search [WORDS...] [--domain D] [--tag T] ... [--json]}. */
    @Command(name = "search", description = "Full-text search of tables and data products, ranked, with facets.",
            footer = {
                "",
                "Examples:",
                "  northstar catalog search customer",
                "  northstar catalog search order --domain sales --quality failed",
                "  northstar catalog search --classification restricted --json"
            })
    static final class Search extends GroupSubcommand {
        @Parameters(arity = "0..*", paramLabel = "WORDS",
                description = "Words to find (the last also as a prefix); none lists every table.")
        private List<String> words = new ArrayList<>();

        @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only this domain (repeatable).")
        private List<String> domains = new ArrayList<>();

        @Option(names = "--tag", paramLabel = "TAG", description = "Only this tag (repeatable).")
        private List<String> tags = new ArrayList<>();

        @Option(names = "--classification", paramLabel = "CLASS",
                description = "Only tables with a column of this classification (repeatable).")
        private List<String> classifications = new ArrayList<>();

        @Option(names = "--owner", paramLabel = "OWNER", description = "Only this owning team or owner (repeatable).")
        private List<String> owners = new ArrayList<>();

        @Option(names = "--quality", paramLabel = "STATUS",
                description = "Only this quality status: passed, warning, failed, unchecked (repeatable).")
        private List<String> quality = new ArrayList<>();

        @Option(names = "--limit", paramLabel = "N", defaultValue = "" + SearchRequest.DEFAULT_LIMIT,
                description = "Most hits to print (default ${DEFAULT-VALUE}).")
        private int limit;

        @Option(names = "--json", description = "Print the result as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            Map<SearchRequest.Facet, Set<String>> filters = new EnumMap<>(SearchRequest.Facet.class);
            filters.put(SearchRequest.Facet.DOMAIN, new LinkedHashSet<>(domains));
            filters.put(SearchRequest.Facet.TAG, new LinkedHashSet<>(tags));
            filters.put(SearchRequest.Facet.CLASSIFICATION, new LinkedHashSet<>(classifications));
            filters.put(SearchRequest.Facet.OWNER, new LinkedHashSet<>(owners));
            filters.put(SearchRequest.Facet.QUALITY, new LinkedHashSet<>(quality));
            SearchRequest request = new SearchRequest(String.join(" ", words), filters, limit);
            SearchResult result = withCatalog(root(), catalog -> new CatalogSearch(catalog).search(request));
            PrintWriter out = out();
            if (json) {
                out.println(JsonText.write(searchJson(result)));
                out.flush();
                return 0;
            }
            result.didYouMean().ifPresent(corrected -> out.println("Did you mean: " + corrected + "?"));
            if (result.fuzzy()) {
                out.println("Nothing matched exactly; showing close spellings.");
            }
            TextTable hits = TextTable.withRightAligned(List.of("table", "product", "quality", "score", "match"), 3);
            for (SearchResult.Hit hit : result.hits()) {
                hits.add(hit.table(), hit.product().orElse("-"), hit.quality(),
                        String.format(java.util.Locale.ROOT, "%.2f", hit.score()),
                        hit.snippet().field() + ": " + hit.snippet().marked("[", "]"));
            }
            hits.print(out, "No table matches.");
            out.println(Quantities.count(result.total()) + (result.total() == 1 ? " result" : " results") + (result.hits().size() < result.total()
                    ? " (" + result.hits().size() + " shown: raise --limit)" : ""));
            for (Map.Entry<String, List<SearchResult.FacetCount>> facet : result.facets().entrySet()) {
                if (!facet.getValue().isEmpty()) {
                    out.println(facet.getKey() + ": " + String.join(", ", facet.getValue().stream()
                            .map(count -> (count.selected() ? "*" : "") + count.value() + " (" + count.count() + ")")
                            .toList()));
                }
            }
            out.flush();
            return 0;
        }

        private static Map<String, Object> searchJson(SearchResult result) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("query", result.query());
            json.put("total", result.total());
            json.put("did_you_mean", result.didYouMean().orElse(null));
            json.put("fuzzy", result.fuzzy());
            List<Map<String, Object>> hits = new ArrayList<>();
            for (SearchResult.Hit hit : result.hits()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("table", hit.table());
                item.put("domain", hit.domain());
                item.put("product", hit.product().orElse(null));
                item.put("score", hit.score());
                item.put("quality", hit.quality());
                item.put("tags", hit.tags());
                item.put("owners", hit.owners());
                item.put("snippet_field", hit.snippet().field());
                item.put("snippet", hit.snippet().text());
                item.put("description", hit.description());
                hits.add(item);
            }
            json.put("hits", hits);
            Map<String, Object> facets = new LinkedHashMap<>();
            result.facets().forEach((facet, counts) -> {
                Map<String, Long> values = new LinkedHashMap<>();
                counts.forEach(count -> values.put(count.value(), count.count()));
                facets.put(facet, values);
            });
            json.put("facets", facets);
            return json;
        }
    }

    /** {@code northstar catalog show DOMAIN.TABLE [--json]}. */
    @Command(name = "show", description = "A table in full: product, contract, owners, size, usage, quality, SLOs,"
            + " columns with classification and glossary terms.")
    static final class Show extends GroupSubcommand {
        @Parameters(index = "0", paramLabel = "DOMAIN.TABLE", description = "The table.")
        private String table;

        @Option(names = "--json", description = "Print the entry as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            TableId id = TableId.parse(table);
            CatalogEntry entry = withCatalog(root(), catalog -> catalog.entry(id));
            PrintWriter out = out();
            if (json) {
                out.println(JsonText.write(entryJson(entry)));
                out.flush();
                return 0;
            }
            out.println(entry.table() + (entry.description().isBlank() ? "" : " — " + entry.description()));
            entry.product().ifPresentOrElse(product -> {
                out.println("product:     " + product.name() + " (contract " + product.contractId() + " "
                        + product.version() + ", " + product.status() + ")");
                if (!product.usage().isBlank()) {
                    out.println("usage:       " + product.usage());
                }
                if (!product.limitations().isBlank()) {
                    out.println("limitations: " + product.limitations());
                }
            }, () -> out.println("product:     none (no contract governs this table)"));
            out.println("owners:      " + (entry.owners().isEmpty() ? "-" : String.join(", ", entry.owners())));
            out.println("tags:        " + (entry.tags().isEmpty() ? "-" : String.join(", ", entry.tags())));
            out.println("size:        " + Quantities.rows(entry.rows()) + ", " + entry.files() + " files, "
                    + entry.bytes() + " bytes; last commit " + entry.lastCommit().map(TableCommand::instant)
                    .orElse("never"));
            out.println("usage:       " + entry.usage().queries() + " reads by " + entry.usage().distinctUsers()
                    + " users in 30 days; last access " + entry.usage().lastAccess().map(TableCommand::instant)
                    .orElse("never"));
            out.println("quality:     " + entry.quality().value() + entry.latestCheck().map(check -> " ("
                    + check.failed() + " of " + check.checks() + " checks failed at " + TableCommand.instant(
                            check.at()) + ")").orElse(""));
            if (!entry.slos().isEmpty()) {
                out.println("slos:        " + String.join(", ", entry.slos().stream().map(slo -> slo.kind() + " "
                        + slo.status()).toList()));
            }
            TextTable columns = new TextTable(List.of("column", "type", "classification", "glossary", "description"),
                    new boolean[5]);
            for (CatalogEntry.ColumnEntry column : entry.columns()) {
                columns.add(column.name(), column.type(), column.classification().orElse("-"),
                        column.glossaryTerms().isEmpty() ? "-" : String.join(", ", column.glossaryTerms()),
                        column.description());
            }
            out.println();
            columns.print(out);
            out.flush();
            return 0;
        }

        private static Map<String, Object> entryJson(CatalogEntry entry) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("table", entry.table().toString());
            json.put("domain", entry.domain());
            json.put("description", entry.description());
            json.put("rows", entry.rows());
            json.put("files", entry.files());
            json.put("bytes", entry.bytes());
            json.put("last_commit", entry.lastCommit().map(Object::toString).orElse(null));
            json.put("product", entry.product().map(product -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", product.name());
                item.put("contract_id", product.contractId());
                item.put("version", product.version());
                item.put("status", product.status());
                item.put("purpose", product.purpose());
                item.put("usage", product.usage());
                item.put("limitations", product.limitations());
                item.put("team", product.team());
                return item;
            }).orElse(null));
            json.put("owners", entry.owners());
            json.put("tags", entry.tags());
            json.put("steward_tags", entry.stewardTags());
            json.put("quality", entry.quality().value());
            json.put("slos", entry.slos().stream().map(slo -> Map.of("kind", slo.kind(), "status", slo.status()))
                    .toList());
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("queries", entry.usage().queries());
            usage.put("distinct_users", entry.usage().distinctUsers());
            usage.put("last_access", entry.usage().lastAccess().map(Object::toString).orElse(null));
            json.put("usage", usage);
            List<Map<String, Object>> columns = new ArrayList<>();
            for (CatalogEntry.ColumnEntry column : entry.columns()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", column.name());
                item.put("type", column.type());
                item.put("classification", column.classification().orElse(null));
                item.put("glossary_terms", column.glossaryTerms());
                item.put("description", column.description());
                columns.add(item);
            }
            json.put("columns", columns);
            return json;
        }
    }
}
