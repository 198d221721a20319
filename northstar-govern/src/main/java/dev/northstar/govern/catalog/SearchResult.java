package dev.northstar.govern.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a catalog search found.
 *
 * @param query the words searched
 * @param total hits in all (the list may be cut at the request's limit)
 * @param hits hits, best first
 * @param facets for each facet (by its key, in {@link SearchRequest.Facet} order), every value with the number of
 *     hits it would give: counted with the query and the filters of the other facets, so selecting more values of a
 *     facet widens the result by exactly that count
 * @param didYouMean the query with unknown words replaced by close indexed words, when some word is unknown
 * @param fuzzy whether nothing matched exactly and the hits match words within a small edit distance
 */
public record SearchResult(String query, long total, List<Hit> hits, Map<String, List<FacetCount>> facets,
        Optional<String> didYouMean, boolean fuzzy) {
    public SearchResult {
        requireNonNull(query, "query is null");
        hits = List.copyOf(hits);
        facets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facets));
        requireNonNull(didYouMean, "didYouMean is null");
    }

    /**
     * A table found.
     *
     * @param table {@code domain.table}
     * @param domain its domain
     * @param product its data product, empty when no contract governs it
     * @param description its description
     * @param score relevance (BM25 with field boosts)
     * @param snippet the best matching text with the matched words marked
     * @param tags contract and steward tags
     * @param owners owning team and owners
     * @param quality latest quality status
     * @param rows rows in the current snapshot
     */
    public record Hit(String table, String domain, Optional<String> product, String description, double score,
            Snippet snippet, List<String> tags, List<String> owners, String quality, long rows) {
        public Hit {
            requireNonNull(table, "table is null");
            requireNonNull(domain, "domain is null");
            requireNonNull(product, "product is null");
            requireNonNull(description, "description is null");
            requireNonNull(snippet, "snippet is null");
            tags = List.copyOf(tags);
            owners = List.copyOf(owners);
            requireNonNull(quality, "quality is null");
        }
    }

    /**
     * A piece of an entry's text around the words that matched.
     *
     * @param field where it comes from: name, description, glossary, tags or columns
     * @param fragments the text in order, matched words as their own highlighted fragments
     */
    public record Snippet(String field, List<Fragment> fragments) {
        public Snippet {
            requireNonNull(field, "field is null");
            fragments = List.copyOf(fragments);
        }

        /** The snippet as plain text. */
        public String text() {
            StringBuilder text = new StringBuilder();
            fragments.forEach(fragment -> text.append(fragment.text()));
            return text.toString();
        }

        /** The snippet with matched words between the given marks, e.g. {@code [} and {@code ]}. */
        public String marked(String open, String close) {
            StringBuilder text = new StringBuilder();
            fragments.forEach(fragment -> text.append(fragment.highlighted() ? open + fragment.text() + close
                    : fragment.text()));
            return text.toString();
        }
    }

    /**
     * Text of a snippet.
     *
     * @param text the text
     * @param highlighted whether it is a matched word
     */
    public record Fragment(String text, boolean highlighted) {
        public Fragment {
            requireNonNull(text, "text is null");
        }
    }

    /**
     * A facet value.
     *
     * @param value the value
     * @param count hits it gives (see {@link SearchResult#facets})
     * @param selected whether the request filters on it
     */
    public record FacetCount(String value, long count, boolean selected) {
        public FacetCount {
            requireNonNull(value, "value is null");
        }
    }
}
