package dev.northstar.govern.catalog;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the catalog knows of one table: its lake facts, the data product and contract that govern it (if any), its
 * columns with classification and glossary terms, tags, quality and SLO status, and usage.
 *
 * @param table the table
 * @param description the table's own comment, or the product's purpose when the table has none
 * @param columns top-level columns
 * @param rows rows in the current snapshot
 * @param files data files in the current snapshot
 * @param bytes bytes of the data files in the current snapshot
 * @param lastCommit when the current snapshot was committed, empty for a table never written
 * @param snapshotId the current snapshot, empty for a table never written
 * @param product the data product and contract in force, empty for a table no contract governs
 * @param stewardTags tags added by stewards
 * @param quality the latest quality status
 * @param latestCheck the latest check run, empty when never checked
 * @param slos SLO status ({@link Catalog#entry} evaluates them; {@link Catalog#entries} leaves this empty)
 * @param usage reads over the last {@link UsageLog#WINDOW}
 */
public record CatalogEntry(
        TableId table,
        String description,
        List<ColumnEntry> columns,
        long rows,
        long files,
        long bytes,
        Optional<Instant> lastCommit,
        Optional<Long> snapshotId,
        Optional<Product> product,
        List<String> stewardTags,
        QualityStatus quality,
        Optional<CheckSummary> latestCheck,
        List<SloState> slos,
        UsageLog.TableUsage usage) {
    public CatalogEntry {
        requireNonNull(table, "table is null");
        requireNonNull(description, "description is null");
        columns = List.copyOf(columns);
        requireNonNull(lastCommit, "lastCommit is null");
        requireNonNull(snapshotId, "snapshotId is null");
        requireNonNull(product, "product is null");
        stewardTags = List.copyOf(stewardTags);
        requireNonNull(quality, "quality is null");
        requireNonNull(latestCheck, "latestCheck is null");
        slos = List.copyOf(slos);
        requireNonNull(usage, "usage is null");
    }

    /** The table's domain. */
    public String domain() {
        return table.domain();
    }

    /** The contract's tags, then the steward tags, without duplicates. */
    public List<String> tags() {
        Set<String> tags = new LinkedHashSet<>();
        product.ifPresent(found -> found.tags().forEach(tag -> tags.add(tag.toLowerCase(Locale.ROOT))));
        tags.addAll(stewardTags);
        return List.copyOf(tags);
    }

    /** Who owns the table: the contract's team and its members whose role names them owner. */
    public List<String> owners() {
        List<String> owners = new ArrayList<>();
        product.ifPresent(found -> {
            if (!found.team().isEmpty()) {
                owners.add(found.team());
            }
            found.members().stream()
                    .filter(member -> member.role().toLowerCase(Locale.ROOT).contains("owner"))
                    .forEach(member -> owners.add(member.username()));
        });
        return List.copyOf(new LinkedHashSet<>(owners));
    }

    /** The distinct classifications of its columns, sorted. */
    public List<String> classifications() {
        return columns.stream().map(ColumnEntry::classification).flatMap(Optional::stream)
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(value -> value.trim().toLowerCase(Locale.ROOT)).filter(value -> !value.isEmpty())
                .distinct().sorted().toList();
    }

    /**
     * A column.
     *
     * @param name column name
     * @param type type text
     * @param required whether nulls are rejected
     * @param description the column's doc, or its contract description when the doc is empty
     * @param classification the contract's classification of the column, empty when none
     * @param glossaryTerms glossary terms linked to it, sorted
     * @param tags the contract's tags of the column
     */
    public record ColumnEntry(String name, String type, boolean required, String description,
            Optional<String> classification, List<String> glossaryTerms, List<String> tags) {
        public ColumnEntry {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(description, "description is null");
            requireNonNull(classification, "classification is null");
            glossaryTerms = List.copyOf(glossaryTerms);
            tags = List.copyOf(tags);
        }
    }

    /**
     * The data product and the contract in force for the table.
     *
     * @param name data product name
     * @param contractId contract id
     * @param contractName contract name, may be empty
     * @param version contract version in force
     * @param status contract status (active, draft, deprecated...)
     * @param appliedAt when that version was applied
     * @param purpose the contract's description: purpose
     * @param usage the contract's description: usage
     * @param limitations the contract's description: limitations
     * @param team the owning team's name, may be empty
     * @param members the team's members
     * @param tags the contract's tags (contract and schema object)
     */
    public record Product(String name, String contractId, String contractName, String version, String status,
            Instant appliedAt, String purpose, String usage, String limitations, String team, List<Member> members,
            List<String> tags) {
        public Product {
            requireNonNull(name, "name is null");
            requireNonNull(contractId, "contractId is null");
            requireNonNull(contractName, "contractName is null");
            requireNonNull(version, "version is null");
            requireNonNull(status, "status is null");
            requireNonNull(appliedAt, "appliedAt is null");
            requireNonNull(purpose, "purpose is null");
            requireNonNull(usage, "usage is null");
            requireNonNull(limitations, "limitations is null");
            requireNonNull(team, "team is null");
            members = List.copyOf(members);
            tags = List.copyOf(tags);
        }
    }

    /**
     * A member of the owning team.
     *
     * @param username user name
     * @param name display name, may be empty
     * @param role role in the team, may be empty
     */
    public record Member(String username, String name, String role) {
        public Member {
            requireNonNull(username, "username is null");
            requireNonNull(name, "name is null");
            requireNonNull(role, "role is null");
        }
    }

    /** The latest quality status of a table. */
    public enum QualityStatus {
        /** Every check passed. */
        PASSED,
        /** No error-severity check failed, some warning or info check did. */
        WARNING,
        /** An error-severity check failed. */
        FAILED,
        /** Never checked. */
        UNCHECKED;

        /** The facet value: the lower-case name. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The latest check run.
     *
     * @param runId check run id
     * @param at when it ran
     * @param checks checks run
     * @param failed checks that did not pass, any severity
     */
    public record CheckSummary(String runId, Instant at, int checks, int failed) {
        public CheckSummary {
            requireNonNull(runId, "runId is null");
            requireNonNull(at, "at is null");
        }
    }

    /**
     * Where an SLO stands.
     *
     * @param kind freshness, completeness or availability
     * @param status met, breached or no_data
     * @param objectivePercent the objective
     * @param indicatorPercent the measured indicator
     * @param errorBudgetRemainingPercent error budget left
     */
    public record SloState(String kind, String status, double objectivePercent, double indicatorPercent,
            double errorBudgetRemainingPercent) {
        public SloState {
            requireNonNull(kind, "kind is null");
            requireNonNull(status, "status is null");
        }
    }
}
