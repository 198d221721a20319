package dev.northstar.govern.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A business glossary term.
 *
 * @param name the term, unique case-insensitively
 * @param definition what it means
 * @param synonyms other words for it (searched too)
 * @param owner who answers for it
 * @param status its review status
 * @param links the columns it is linked to
 * @param createdAt when it was defined
 * @param updatedAt its last change
 */
public record GlossaryTerm(String name, String definition, List<String> synonyms, String owner, Status status,
        List<ColumnLink> links, Instant createdAt, Instant updatedAt) {
    public GlossaryTerm {
        requireNonNull(name, "name is null");
        requireNonNull(definition, "definition is null");
        synonyms = List.copyOf(synonyms);
        requireNonNull(owner, "owner is null");
        requireNonNull(status, "status is null");
        links = List.copyOf(links);
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    /** Review status of a term. */
    public enum Status {
        DRAFT,
        APPROVED,
        DEPRECATED
    }

    /**
     * A link from a term to a column.
     *
     * @param table {@code domain.table}
     * @param column column name
     * @param linkedBy who linked it
     * @param linkedAt when
     */
    public record ColumnLink(String table, String column, String linkedBy, Instant linkedAt) {
        public ColumnLink {
            requireNonNull(table, "table is null");
            requireNonNull(column, "column is null");
            requireNonNull(linkedBy, "linkedBy is null");
            requireNonNull(linkedAt, "linkedAt is null");
        }
    }

    /**
     * What a steward writes to define or change a term.
     *
     * @param name the term
     * @param definition what it means
     * @param synonyms other words for it
     * @param owner who answers for it
     * @param status review status
     */
    public record Definition(String name, String definition, List<String> synonyms, String owner, Status status) {
        public Definition {
            requireNonNull(name, "name is null");
            requireNonNull(definition, "definition is null");
            synonyms = List.copyOf(synonyms);
            requireNonNull(owner, "owner is null");
            requireNonNull(status, "status is null");
        }
    }
}
