package dev.northstar.govern.catalog;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A catalog search: words (empty lists everything) and facet filters. Values of one facet are alternatives (any may
 * match); filters of different facets must all match.
 *
 * @param query the words typed; the last is also matched as a prefix (type-ahead)
 * @param filters selected values per facet
 * @param limit most hits returned, 1 to {@value #MAX_LIMIT}
 */
public record SearchRequest(String query, Map<Facet, Set<String>> filters, int limit) {
    /** Most hits one search returns. */
    public static final int MAX_LIMIT = 500;
    /** Hits returned unless asked otherwise. */
    public static final int DEFAULT_LIMIT = 20;

    public SearchRequest {
        requireNonNull(query, "query is null");
        requireNonNull(filters, "filters is null");
        Map<Facet, Set<String>> copy = new EnumMap<>(Facet.class);
        filters.forEach((facet, values) -> {
            Set<String> normalized = new LinkedHashSet<>();
            values.forEach(value -> normalized.add(facet.normalize(value)));
            if (!normalized.isEmpty()) {
                copy.put(facet, Set.copyOf(normalized));
            }
        });
        filters = Map.copyOf(copy);
        NorthstarException.checkArgument(limit >= 1 && limit <= MAX_LIMIT,
                "limit must be between 1 and %s, got %s", MAX_LIMIT, limit);
    }

    /** A search for words, without filters. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, Map.of(), DEFAULT_LIMIT);
    }

    /** This search with one more selected facet value. */
    public SearchRequest with(Facet facet, String value) {
        Map<Facet, Set<String>> more = new EnumMap<>(Facet.class);
        more.putAll(filters);
        Set<String> values = new LinkedHashSet<>(filters.getOrDefault(facet, Set.of()));
        values.add(value);
        more.put(facet, values);
        return new SearchRequest(query, more, limit);
    }

    /** This search returning at most {@code limit} hits. */
    public SearchRequest withLimit(int limit) {
        return new SearchRequest(query, filters, limit);
    }

    /** What hits can be narrowed by, with counts. */
    public enum Facet {
        DOMAIN,
        TAG,
        CLASSIFICATION,
        OWNER,
        QUALITY;

        /** The facet's name in URLs, JSON and the CLI: the lower-case name. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The facet named by its key.
         *
         * @throws NorthstarException {@code INVALID_ARGUMENT} for an unknown name, listing the facets
         */
        public static Facet of(String key) {
            for (Facet facet : values()) {
                if (facet.key().equalsIgnoreCase(key.strip())) {
                    return facet;
                }
            }
            throw new NorthstarException(dev.northstar.spi.error.ErrorCode.INVALID_ARGUMENT,
                    "Unknown search facet '" + key + "'", "Facets are domain, tag, classification, owner, quality");
        }

        String normalize(String value) {
            requireNonNull(value, "value is null");
            // Owners are team and user names as the contract writes them; the others are lower-case words.
            return this == OWNER ? value.strip() : value.strip().toLowerCase(Locale.ROOT);
        }
    }
}
