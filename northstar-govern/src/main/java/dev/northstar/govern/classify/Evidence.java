package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Why a detector suggests a class for a column. Examples are masked: no raw personal data is ever kept in evidence.
 *
 * @param nameHint the hint the column name matched (e.g. {@code email}), empty when the name matched none
 * @param rule what the values were checked against, e.g. {@code IBAN mod-97 checksum}; empty for a name hint alone
 * @param matched sampled non-null values that matched the rule
 * @param sampled sampled non-null values
 * @param examples a few matching values, masked (e.g. {@code j***@e***.com})
 */
public record Evidence(String nameHint, String rule, int matched, int sampled, List<String> examples) {
    public Evidence {
        requireNonNull(nameHint, "nameHint is null");
        requireNonNull(rule, "rule is null");
        examples = List.copyOf(requireNonNull(examples, "examples is null"));
        if (matched < 0 || sampled < 0 || matched > sampled) {
            throw new IllegalArgumentException("matched " + matched + " of sampled " + sampled + " is impossible");
        }
    }

    /** A sentence for people: {@code name matches 'email'; 98 of 100 sampled values are e-mail addresses}. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        if (!nameHint.isEmpty()) {
            text.append("name matches '").append(nameHint).append("'");
        }
        if (!rule.isEmpty()) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(matched).append(" of ").append(sampled).append(" sampled values pass ").append(rule);
        }
        return text.toString();
    }
}
