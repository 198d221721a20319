package dev.northstar.govern.catalog;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.CloseMatches;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Full-text search of the catalog with Apache Lucene: an in-memory index of every {@link CatalogEntry}, rebuilt
 * when the {@link Catalog#fingerprint()} changes (a commit, a contract applied, a quality run, a glossary or tag
 * change), so a search always sees the current platform without a restart.
 *
 * <p>Ranking is BM25 with field boosts: names (table, domain.table, product, contract) weigh most, then the
 * description and the linked glossary terms, then tags, then column names and docs. Every word must match some field;
 * the last word also matches as a prefix (type-ahead). Words are split at {@code _ . -}, lower-cased, folded to ASCII
 * and reduced to their singular. When nothing matches, the search falls back to fuzzy matching (up to two edits) and
 * says so; any unknown word yields a "did you mean" built from the indexed words. Facet counts are computed for
 * domain, tag, classification, owner and quality status. Thread-safe.
 */
public final class CatalogSearch {
    /** The text fields, in the order snippets are taken from, with their boosts. */
    private static final Map<String, Float> FIELDS = fields();
    private static final float PREFIX_WEIGHT = 0.6f;
    private static final int SNIPPET_CONTEXT = 60;
    private static final int SNIPPET_LENGTH = 200;
    private static final String ID = "id";
    private static final Analyzer ANALYZER = new CatalogAnalyzer();

    private final Catalog catalog;
    private Index index;
    private int builds;

    public CatalogSearch(Catalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    private static Map<String, Float> fields() {
        Map<String, Float> fields = new LinkedHashMap<>();
        fields.put("name", 6f);
        fields.put("description", 2.5f);
        fields.put("glossary", 2.5f);
        fields.put("tags", 1.5f);
        fields.put("columns", 1f);
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** Searches the current catalog. */
    public SearchResult search(SearchRequest request) {
        requireNonNull(request, "request is null");
        Index current = current();
        try {
            return current.search(request);
        } catch (IOException e) {
            throw new UncheckedIOException("Searching the in-memory catalog index failed", e);
        }
    }

    /** How many times the index was built (tests: a search of an unchanged catalog does not rebuild). */
    public synchronized int builds() {
        return builds;
    }

    private synchronized Index current() {
        String fingerprint = catalog.fingerprint();
        if (index == null || !index.fingerprint.equals(fingerprint)) {
            try {
                index = Index.build(fingerprint, catalog.entries(), catalog.glossary().terms());
            } catch (IOException e) {
                throw new UncheckedIOException("Building the in-memory catalog index failed", e);
            }
            builds++;
        }
        return index;
    }

    /** One built index: the Lucene reader, the entries by document, their field texts and facet values. */
    private static final class Index {
        private final String fingerprint;
        private final IndexSearcher searcher;
        private final List<Indexed> documents;
        private final Map<String, Integer> vocabulary;

        private Index(String fingerprint, IndexSearcher searcher, List<Indexed> documents,
                Map<String, Integer> vocabulary) {
            this.fingerprint = fingerprint;
            this.searcher = searcher;
            this.documents = documents;
            this.vocabulary = vocabulary;
        }

        static Index build(String fingerprint, List<CatalogEntry> entries, List<GlossaryTerm> glossary)
                throws IOException {
            Map<String, GlossaryTerm> termsByName = new HashMap<>();
            glossary.forEach(term -> termsByName.put(term.name(), term));
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            List<Indexed> documents = new ArrayList<>();
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(ANALYZER)
                    .setSimilarity(new BM25Similarity()))) {
                for (CatalogEntry entry : entries) {
                    Indexed indexed = Indexed.of(entry, termsByName);
                    Document document = new Document();
                    document.add(new StoredField(ID, documents.size()));
                    document.add(new SortedDocValuesField(ID, new BytesRef(entry.table().toString())));
                    indexed.texts.forEach((field, text) -> document.add(new TextField(field, text, Field.Store.NO)));
                    indexed.facets.forEach((facet, values) -> values.forEach(value -> document.add(
                            new StringField(facetField(facet), value, Field.Store.NO))));
                    writer.addDocument(document);
                    documents.add(indexed);
                }
                writer.forceMerge(1);
            }
            DirectoryReader reader = DirectoryReader.open(directory);
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            Map<String, Integer> vocabulary = new HashMap<>();
            for (String field : FIELDS.keySet()) {
                Terms terms = MultiTerms.getTerms(reader, field);
                if (terms == null) {
                    continue;
                }
                TermsEnum iterator = terms.iterator();
                for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
                    vocabulary.merge(term.utf8ToString(), iterator.docFreq(), Integer::sum);
                }
            }
            return new Index(fingerprint, searcher, List.copyOf(documents), Map.copyOf(vocabulary));
        }

        SearchResult search(SearchRequest request) throws IOException {
            List<String> words = analyze(request.query());
            boolean prefix = !words.isEmpty() && !request.query().isEmpty()
                    && !Character.isWhitespace(request.query().charAt(request.query().length() - 1));
            boolean fuzzy = false;
            Query text = textQuery(words, prefix, false);
            List<ScoreDoc> hits = run(text, request.filters());
            if (hits.isEmpty() && !words.isEmpty()) {
                text = textQuery(words, prefix, true);
                hits = run(text, request.filters());
                fuzzy = !hits.isEmpty();
            }
            Map<String, List<SearchResult.FacetCount>> facets = new LinkedHashMap<>();
            for (SearchRequest.Facet facet : SearchRequest.Facet.values()) {
                Map<SearchRequest.Facet, Set<String>> others = new EnumMap<>(SearchRequest.Facet.class);
                others.putAll(request.filters());
                others.remove(facet);
                List<ScoreDoc> sideways = others.size() == request.filters().size() ? hits : run(text, others);
                facets.put(facet.key(), counts(facet, sideways, request.filters().getOrDefault(facet, Set.of())));
            }
            List<SearchResult.Hit> shown = new ArrayList<>();
            for (ScoreDoc hit : hits.subList(0, Math.min(hits.size(), request.limit()))) {
                Indexed indexed = documents.get(document(hit));
                CatalogEntry entry = indexed.entry;
                shown.add(new SearchResult.Hit(entry.table().toString(), entry.domain(),
                        entry.product().map(CatalogEntry.Product::name), entry.description(),
                        Float.isNaN(hit.score) ? 0 : hit.score, indexed.snippet(words, prefix, fuzzy), entry.tags(),
                        entry.owners(), entry.quality().value(), entry.rows()));
            }
            return new SearchResult(request.query(), hits.size(), shown, facets, didYouMean(words, prefix), fuzzy);
        }

        private List<ScoreDoc> run(Query text, Map<SearchRequest.Facet, Set<String>> filters) throws IOException {
            BooleanQuery.Builder query = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
            filters.forEach((facet, values) -> {
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                values.forEach(value -> any.add(new TermQuery(new Term(facetField(facet), value)),
                        BooleanClause.Occur.SHOULD));
                query.add(any.build(), BooleanClause.Occur.FILTER);
            });
            int all = Math.max(1, searcher.getIndexReader().maxDoc());
            TopDocs top = searcher.search(query.build(), all,
                    new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.STRING)), true);
            return List.of(top.scoreDocs);
        }

        private int document(ScoreDoc hit) throws IOException {
            return searcher.storedFields().document(hit.doc).getField(ID).numericValue().intValue();
        }

        private List<SearchResult.FacetCount> counts(SearchRequest.Facet facet, List<ScoreDoc> hits,
                Set<String> selected) throws IOException {
            Map<String, Long> counts = new TreeMap<>();
            for (ScoreDoc hit : hits) {
                for (String value : documents.get(document(hit)).facets.getOrDefault(facet, Set.of())) {
                    counts.merge(value, 1L, Long::sum);
                }
            }
            selected.forEach(value -> counts.putIfAbsent(value, 0L));
            List<SearchResult.FacetCount> result = new ArrayList<>();
            counts.forEach((value, count) -> result.add(new SearchResult.FacetCount(value, count,
                    selected.contains(value))));
            result.sort((left, right) -> left.count() != right.count() ? Long.compare(right.count(), left.count())
                    : left.value().compareTo(right.value()));
            return result;
        }

        private static Query textQuery(List<String> words, boolean prefix, boolean fuzzy) {
            if (words.isEmpty()) {
                return new MatchAllDocsQuery();
            }
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                boolean last = i == words.size() - 1;
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                for (Map.Entry<String, Float> field : FIELDS.entrySet()) {
                    Term term = new Term(field.getKey(), word);
                    any.add(new BoostQuery(new TermQuery(term), field.getValue()), BooleanClause.Occur.SHOULD);
                    if (last && prefix) {
                        any.add(new BoostQuery(new PrefixQuery(term), field.getValue() * PREFIX_WEIGHT),
                                BooleanClause.Occur.SHOULD);
                    }
                    if (fuzzy && word.length() >= 3) {
                        any.add(new BoostQuery(new FuzzyQuery(term, word.length() >= 6 ? 2 : 1), field.getValue()
                                * PREFIX_WEIGHT), BooleanClause.Occur.SHOULD);
                    }
                }
                all.add(any.build(), BooleanClause.Occur.MUST);
            }
            return all.build();
        }

        /** The query with each unknown word replaced by the closest indexed word, when some word is unknown. */
        private Optional<String> didYouMean(List<String> words, boolean prefix) {
            List<String> corrected = new ArrayList<>();
            boolean changed = false;
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                boolean last = i == words.size() - 1;
                if (vocabulary.containsKey(word)
                        || last && prefix && vocabulary.keySet().stream().anyMatch(known -> known.startsWith(word))) {
                    corrected.add(word);
                    continue;
                }
                Optional<String> closest = closest(word);
                changed |= closest.isPresent();
                corrected.add(closest.orElse(word));
            }
            return changed ? Optional.of(String.join(" ", corrected)) : Optional.empty();
        }

        private Optional<String> closest(String word) {
            int allowed = word.length() >= 6 ? 2 : word.length() >= 3 ? 1 : 0;
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            int bestFrequency = 0;
            for (Map.Entry<String, Integer> known : vocabulary.entrySet()) {
                if (Math.abs(known.getKey().length() - word.length()) > allowed) {
                    continue;
                }
                int distance = CloseMatches.distance(word, known.getKey());
                if (distance > allowed) {
                    continue;
                }
                boolean better = distance < bestDistance || distance == bestDistance
                        && (known.getValue() > bestFrequency || known.getValue() == bestFrequency
                                && known.getKey().compareTo(best) < 0);
                if (better) {
                    best = known.getKey();
                    bestDistance = distance;
                    bestFrequency = known.getValue();
                }
            }
            return Optional.ofNullable(best);
        }
    }

    /** An entry with the text of each field and its facet values. */
    private static final class Indexed {
        private final CatalogEntry entry;
        private final Map<String, String> texts;
        private final Map<SearchRequest.Facet, Set<String>> facets;

        private Indexed(CatalogEntry entry, Map<String, String> texts, Map<SearchRequest.Facet, Set<String>> facets) {
            this.entry = entry;
            this.texts = texts;
            this.facets = facets;
        }

        static Indexed of(CatalogEntry entry, Map<String, GlossaryTerm> terms) {
            Map<String, String> texts = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(List.of(entry.table().toString()));
            entry.product().ifPresent(product -> {
                names.add(product.name());
                if (!product.contractName().isBlank()) {
                    names.add(product.contractName());
                }
                names.add(product.contractId());
            });
            texts.put("name", String.join(" · ", new LinkedHashSet<>(names)));
            List<String> description = new ArrayList<>();
            if (!entry.description().isBlank()) {
                description.add(entry.description());
            }
            entry.product().ifPresent(product -> List.of(product.purpose(), product.usage(), product.limitations())
                    .stream().filter(text -> !text.isBlank() && !description.contains(text))
                    .forEach(description::add));
            texts.put("description", String.join(" · ", description));
            List<String> glossary = new ArrayList<>();
            entry.columns().stream().flatMap(column -> column.glossaryTerms().stream()).distinct().forEach(name -> {
                GlossaryTerm term = terms.get(name);
                StringBuilder text = new StringBuilder(name);
                if (term != null) {
                    if (!term.synonyms().isEmpty()) {
                        text.append(" (").append(String.join(", ", term.synonyms())).append(')');
                    }
                    text.append(": ").append(term.definition());
                }
                glossary.add(text.toString());
            });
            texts.put("glossary", String.join(" · ", glossary));
            texts.put("tags", String.join(" · ", entry.tags()));
            List<String> columns = new ArrayList<>();
            for (CatalogEntry.ColumnEntry column : entry.columns()) {
                StringBuilder text = new StringBuilder(column.name());
                column.classification().ifPresent(value -> text.append(" (").append(value).append(')'));
                if (!column.description().isBlank()) {
                    text.append(": ").append(column.description());
                }
                columns.add(text.toString());
            }
            texts.put("columns", String.join(" · ", columns));
            Map<SearchRequest.Facet, Set<String>> facets = new EnumMap<>(SearchRequest.Facet.class);
            facets.put(SearchRequest.Facet.DOMAIN, Set.of(entry.domain()));
            facets.put(SearchRequest.Facet.TAG, Set.copyOf(entry.tags()));
            facets.put(SearchRequest.Facet.CLASSIFICATION, Set.copyOf(entry.classifications()));
            facets.put(SearchRequest.Facet.OWNER, Set.copyOf(entry.owners()));
            facets.put(SearchRequest.Facet.QUALITY, Set.of(entry.quality().value()));
            return new Indexed(entry, texts, facets);
        }

        /** The best matching field's text around its first match, matched words highlighted. */
        SearchResult.Snippet snippet(List<String> words, boolean prefix, boolean fuzzy) {
            if (!words.isEmpty()) {
                for (Map.Entry<String, String> field : texts.entrySet()) {
                    List<int[]> matches = matches(field.getValue(), words, prefix, fuzzy);
                    if (!matches.isEmpty()) {
                        return snippet(field.getKey(), field.getValue(), matches);
                    }
                }
            }
            String text = texts.get("description").isEmpty() ? texts.get("name") : texts.get("description");
            return snippet(texts.get("description").isEmpty() ? "name" : "description", text, List.of());
        }

        private static SearchResult.Snippet snippet(String field, String text, List<int[]> matches) {
            int start = 0;
            if (!matches.isEmpty() && matches.get(0)[0] > SNIPPET_CONTEXT) {
                start = matches.get(0)[0] - SNIPPET_CONTEXT;
                int space = text.indexOf(' ', start);
                start = space >= 0 && space < matches.get(0)[0] ? space + 1 : start;
            }
            int end = Math.min(text.length(), start + SNIPPET_LENGTH);
            if (end < text.length()) {
                int space = text.lastIndexOf(' ', end);
                end = space > start ? space : end;
            }
            List<SearchResult.Fragment> fragments = new ArrayList<>();
            if (start > 0) {
                fragments.add(new SearchResult.Fragment("…", false));
            }
            int at = start;
            for (int[] match : matches) {
                if (match[0] < at || match[1] > end) {
                    continue;
                }
                if (match[0] > at) {
                    fragments.add(new SearchResult.Fragment(text.substring(at, match[0]), false));
                }
                fragments.add(new SearchResult.Fragment(text.substring(match[0], match[1]), true));
                at = match[1];
            }
            if (at < end) {
                fragments.add(new SearchResult.Fragment(text.substring(at, end), false));
            }
            if (end < text.length()) {
                fragments.add(new SearchResult.Fragment("…", false));
            }
            return new SearchResult.Snippet(field, fragments);
        }

        /** Offsets of the tokens of a text that match a query word. */
        private static List<int[]> matches(String text, List<String> words, boolean prefix, boolean fuzzy) {
            List<int[]> matches = new ArrayList<>();
            try (TokenStream stream = ANALYZER.tokenStream("snippet", text)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    String token = term.toString();
                    for (int i = 0; i < words.size(); i++) {
                        String word = words.get(i);
                        boolean matched = token.equals(word)
                                || i == words.size() - 1 && prefix && token.startsWith(word)
                                || fuzzy && word.length() >= 3
                                        && CloseMatches.distance(token, word) <= (word.length() >= 6 ? 2 : 1);
                        if (matched) {
                            matches.add(new int[] {offset.startOffset(), offset.endOffset()});
                            break;
                        }
                    }
                }
                stream.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return matches;
        }
    }

    private static String facetField(SearchRequest.Facet facet) {
        return "facet_" + facet.key();
    }

    /** The words of a text as the index holds them. */
    static List<String> analyze(String text) {
        List<String> words = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream("query", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    /**
     * Splits identifiers at {@code _ . -} (so {@code customer_id} is two words), then standard tokenization,
     * lower-case, ASCII folding and plural stripping.
     */
    private static final class CatalogAnalyzer extends Analyzer {
        private static final NormalizeCharMap SEPARATORS = separators();

        private static NormalizeCharMap separators() {
            NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
            builder.add("_", " ");
            builder.add(".", " ");
            builder.add("-", " ");
            return builder.build();
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new MappingCharFilter(SEPARATORS, reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            stream = new ASCIIFoldingFilter(stream);
            stream = new EnglishMinimalStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
