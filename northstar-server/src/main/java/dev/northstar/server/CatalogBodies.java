package dev.northstar.server;

import dev.northstar.govern.catalog.CatalogEntry;
import dev.northstar.govern.catalog.GlossaryTerm;
import dev.northstar.govern.catalog.SearchResult;
import dev.northstar.govern.catalog.UsageLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON bodies of the catalog routes. They copy the governance module's records into names of their own (prefixed
 * {@code Catalog} or {@code Glossary}), so the OpenAPI components cannot collide and the API does not change when
 * the module's records do.
 */
final class CatalogBodies {
    private CatalogBodies() {}

    /** A search's hits, facets and suggestion. */
    record CatalogSearchResult(String query, long total, List<CatalogHit> hits,
            Map<String, List<CatalogFacetCount>> facets, Optional<String> didYouMean, boolean fuzzy) {
        static CatalogSearchResult of(SearchResult result) {
            Map<String, List<CatalogFacetCount>> facets = new LinkedHashMap<>();
            result.facets().forEach((facet, counts) -> facets.put(facet, counts.stream()
                    .map(count -> new CatalogFacetCount(count.value(), count.count(), count.selected())).toList()));
            return new CatalogSearchResult(result.query(), result.total(),
                    result.hits().stream().map(CatalogHit::of).toList(), facets, result.didYouMean(),
                    result.fuzzy());
        }
    }

    /** A table found; {@code snippet} is the matched text, with {@code highlights} marking the matched words. */
    record CatalogHit(String table, String domain, Optional<String> product, String description, double score,
            String snippetField, List<CatalogSnippetFragment> snippet, List<String> tags, List<String> owners,
            String quality, long rows) {
        static CatalogHit of(SearchResult.Hit hit) {
            return new CatalogHit(hit.table(), hit.domain(), hit.product(), hit.description(), hit.score(),
                    hit.snippet().field(), hit.snippet().fragments().stream()
                            .map(fragment -> new CatalogSnippetFragment(fragment.text(), fragment.highlighted()))
                            .toList(), hit.tags(), hit.owners(), hit.quality(), hit.rows());
        }
    }

    /** Text of a snippet; highlighted fragments are matched words. */
    record CatalogSnippetFragment(String text, boolean highlighted) {}

    /** A facet value with the hits it gives and whether it is selected. */
    record CatalogFacetCount(String value, long count, boolean selected) {}

    /** A catalog entry in full. */
    record CatalogEntryBody(String table, String domain, String name, String description, long rows, long files,
            long bytes, Optional<Instant> lastCommit, Optional<Long> snapshotId, Optional<CatalogProduct> product,
            List<String> owners, List<String> tags, List<String> stewardTags, List<String> classifications,
            String quality, Optional<CatalogCheck> latestCheck, List<CatalogSlo> slos, CatalogUsage usage,
            List<CatalogColumn> columns) {
        static CatalogEntryBody of(CatalogEntry entry) {
            return new CatalogEntryBody(entry.table().toString(), entry.domain(), entry.table().name(),
                    entry.description(), entry.rows(), entry.files(), entry.bytes(), entry.lastCommit(),
                    entry.snapshotId(), entry.product().map(CatalogProduct::of), entry.owners(), entry.tags(),
                    entry.stewardTags(), entry.classifications(), entry.quality().value(),
                    entry.latestCheck().map(check -> new CatalogCheck(check.runId(), check.at(), check.checks(),
                            check.failed())),
                    entry.slos().stream().map(slo -> new CatalogSlo(slo.kind(), slo.status(), slo.objectivePercent(),
                            slo.indicatorPercent(), slo.errorBudgetRemainingPercent())).toList(),
                    CatalogUsage.of(entry.usage()),
                    entry.columns().stream().map(column -> new CatalogColumn(column.name(), column.type(),
                            column.required(), column.description(), column.classification(),
                            column.glossaryTerms(), column.tags())).toList());
        }
    }

    /** The data product and the contract in force. */
    record CatalogProduct(String name, String contractId, String contractName, String version, String status,
            Instant appliedAt, String purpose, String usage, String limitations, String team,
            List<CatalogMember> members, List<String> tags) {
        static CatalogProduct of(CatalogEntry.Product product) {
            return new CatalogProduct(product.name(), product.contractId(), product.contractName(),
                    product.version(), product.status(), product.appliedAt(), product.purpose(), product.usage(),
                    product.limitations(), product.team(), product.members().stream()
                            .map(member -> new CatalogMember(member.username(), member.name(), member.role()))
                            .toList(), product.tags());
        }
    }

    /** A member of the owning team. */
    record CatalogMember(String username, String name, String role) {}

    /** The latest quality check run. */
    record CatalogCheck(String runId, Instant at, int checks, int failed) {}

    /** An SLO's status. */
    record CatalogSlo(String kind, String status, double objectivePercent, double indicatorPercent,
            double errorBudgetRemainingPercent) {}

    /** Reads over the last 30 days. */
    record CatalogUsage(long queries, Optional<Instant> lastAccess, long distinctUsers, long windowDays) {
        static CatalogUsage of(UsageLog.TableUsage usage) {
            return new CatalogUsage(usage.queries(), usage.lastAccess(), usage.distinctUsers(),
                    UsageLog.WINDOW.toDays());
        }
    }

    /** A column with its contract classification and glossary terms. */
    record CatalogColumn(String name, String type, boolean required, String description,
            Optional<String> classification, List<String> glossaryTerms, List<String> tags) {}

    /** Every glossary term. */
    record GlossaryTermList(List<GlossaryTermBody> terms) {}

    /** A glossary term with its column links. */
    record GlossaryTermBody(String name, String definition, List<String> synonyms, String owner, String status,
            List<GlossaryLinkBody> links, Instant createdAt, Instant updatedAt) {
        static GlossaryTermBody of(GlossaryTerm term) {
            return new GlossaryTermBody(term.name(), term.definition(), term.synonyms(), term.owner(),
                    term.status().name().toLowerCase(java.util.Locale.ROOT), term.links().stream()
                            .map(link -> new GlossaryLinkBody(link.table(), link.column(), link.linkedBy(),
                                    link.linkedAt())).toList(), term.createdAt(), term.updatedAt());
        }
    }

    /** A link of a term to a column. */
    record GlossaryLinkBody(String table, String column, String linkedBy, Instant linkedAt) {}

    /**
     * A term to define or change; {@code owner} defaults to the caller, {@code status} to draft (draft, approved or
     * deprecated).
     */
    record GlossaryTermRequest(String name, String definition, Optional<List<String>> synonyms,
            Optional<String> owner, Optional<String> status) {
        GlossaryTermRequest {
            synonyms = synonyms == null ? Optional.empty() : synonyms;
            owner = owner == null ? Optional.empty() : owner;
            status = status == null ? Optional.empty() : status;
        }
    }

    /** A column to link a term to: {@code table} as {@code domain.table}. */
    record GlossaryLinkRequest(String table, String column) {}

    /** A tag to add. */
    record CatalogTagRequest(String tag) {}

    /** A table's steward tags. */
    record CatalogTagList(String table, List<String> stewardTags) {}
}
