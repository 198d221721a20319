package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One {@code kind: AccessPolicy} document: a named list of rules (see {@code docs/guides/access-policies.md}).
 *
 * @param name unique policy name (lower case letters, digits, dashes)
 * @param description what it is for
 * @param rules its rules, in document order
 * @param yaml the text it was parsed from
 */
public record PolicyDocument(String name, String description, List<PolicyRule> rules, String yaml) {
    public PolicyDocument {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        rules = List.copyOf(rules);
        requireNonNull(yaml, "yaml is null");
    }
}
