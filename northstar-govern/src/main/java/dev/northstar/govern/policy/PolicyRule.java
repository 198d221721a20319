package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One rule of a policy: whom it applies to, which tables or columns, for which purposes, and its effect.
 *
 * @param policy the policy's name
 * @param index the rule's position in the policy (0-based), for reasons
 * @param effect what it does
 * @param subjects who it applies to
 * @param resources what it applies to
 * @param purposes the declared purposes it applies to; empty for any (or no) purpose
 * @param mask the mask of a {@link Effect#MASK} rule
 * @param filter the row-filter predicate of a {@link Effect#FILTER} rule, with {@code ${subject.x}} placeholders
 */
public record PolicyRule(String policy, int index, Effect effect, Subjects subjects, Resources resources,
        Set<String> purposes, Optional<ColumnMask> mask, Optional<String> filter) {
    /** Effects. */
    public enum Effect {
        ALLOW, DENY, MASK, FILTER
    }

    public PolicyRule {
        requireNonNull(policy, "policy is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(subjects, "subjects is null");
        requireNonNull(resources, "resources is null");
        purposes = Set.copyOf(purposes);
        requireNonNull(mask, "mask is null");
        requireNonNull(filter, "filter is null");
    }

    /** How reasons name this rule: {@code policy#rule-number}. */
    public String label() {
        return policy + "#" + (index + 1);
    }

    /**
     * Whom a rule applies to; every condition given must hold (an empty one holds for everyone).
     *
     * @param principals principal names, any of
     * @param roles roles, any of
     * @param domains values of the principal's {@code domains} attribute, any of
     * @param clearance the least clearance level (the principal's {@code clearance} attribute), if any
     * @param attributes other attributes: the principal's value (a comma-separated list) must contain one of these
     */
    public record Subjects(Set<String> principals, Set<String> roles, Set<String> domains,
            Optional<String> clearance, Map<String, Set<String>> attributes) {
        public Subjects {
            principals = Set.copyOf(principals);
            roles = Set.copyOf(roles);
            domains = Set.copyOf(domains);
            requireNonNull(clearance, "clearance is null");
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * What a rule applies to. Table selectors ({@code domains}, {@code products}, {@code tables}, {@code tags})
     * choose tables, all given ones must hold; column selectors ({@code columns}, {@code classifications},
     * {@code columnTags}) make the rule apply to the matching columns only (any of them).
     *
     * @param domains table domains
     * @param products data products ({@code domain.product} or a product name)
     * @param tables tables {@code domain.table}, {@code domain.*} allowed
     * @param tags tags of the table's contract or schema object
     * @param columns column names (lower case)
     * @param classifications classification words of the contract, or classes a steward accepted
     * @param columnTags tags of contract properties
     */
    public record Resources(Set<String> domains, Set<String> products, Set<String> tables, Set<String> tags,
            Set<String> columns, Set<String> classifications, Set<String> columnTags) {
        public Resources {
            domains = Set.copyOf(domains);
            products = Set.copyOf(products);
            tables = Set.copyOf(tables);
            tags = Set.copyOf(tags);
            columns = Set.copyOf(columns);
            classifications = Set.copyOf(classifications);
            columnTags = Set.copyOf(columnTags);
        }

        /** Whether the rule is about some columns rather than whole tables. */
        public boolean columnScoped() {
            return !columns.isEmpty() || !classifications.isEmpty() || !columnTags.isEmpty();
        }
    }
}
