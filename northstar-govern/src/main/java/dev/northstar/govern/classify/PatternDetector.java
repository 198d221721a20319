package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A detector that counts the sampled values passing a rule and weighs them with the column name: a checksum makes
 * the confidence high, a value pattern without a name hint medium, a name hint alone low.
 */
abstract class PatternDetector implements Detector {
    static final double CHECKSUM_WITH_HINT = 0.97;
    static final double CHECKSUM = 0.9;
    static final double PATTERN_WITH_HINT = 0.85;
    static final double PATTERN = 0.6;
    static final double HINT_ONLY = 0.3;
    /** Share of values that must pass when the name points to the class. */
    static final double MIN_SHARE_WITH_HINT = 0.5;
    /** Share of values that must pass when nothing in the name does: higher, so that few columns match by chance. */
    static final double MIN_SHARE = 0.8;
    static final int MAX_EXAMPLES = 3;

    private final DataClass dataClass;
    private final NameHints hints;
    private final String rule;
    private final boolean checksum;

    /**
     * @param rule what values are checked against, for the evidence
     * @param checksum whether the rule includes a checksum (high confidence even without a name hint)
     */
    PatternDetector(DataClass dataClass, NameHints hints, String rule, boolean checksum) {
        this.dataClass = requireNonNull(dataClass, "dataClass is null");
        this.hints = requireNonNull(hints, "hints is null");
        this.rule = requireNonNull(rule, "rule is null");
        this.checksum = checksum;
    }

    @Override
    public final DataClass dataClass() {
        return dataClass;
    }

    /** Whether a value (trimmed, not empty) passes the rule. */
    abstract boolean matches(String value);

    /** The value masked for evidence. */
    abstract String mask(String value);

    /**
     * Whether values alone, without a name hint, are enough: false for shapes common in non-personal data (any date
     * is not a birth date, any 5-digit number is not a postal code).
     */
    boolean valuesAloneSuffice() {
        return true;
    }

    /** The hint the column name matches, if any. */
    Optional<String> nameHint(String columnName) {
        return hints.match(columnName);
    }

    @Override
    public Optional<Detection> detect(String columnName, List<String> values) {
        requireNonNull(columnName, "columnName is null");
        requireNonNull(values, "values is null");
        Optional<String> hint = nameHint(columnName);
        int matched = 0;
        Set<String> examples = new LinkedHashSet<>();
        for (String value : values) {
            if (matches(value)) {
                matched++;
                if (examples.size() < MAX_EXAMPLES) {
                    examples.add(mask(value));
                }
            }
        }
        int sampled = values.size();
        double share = sampled == 0 ? 0 : (double) matched / sampled;
        boolean valuesMatch = matched > 0 && (hint.isPresent() ? share >= MIN_SHARE_WITH_HINT
                : valuesAloneSuffice() && share >= MIN_SHARE);
        if (!valuesMatch && hint.isEmpty()) {
            return Optional.empty();
        }
        double confidence;
        if (!valuesMatch) {
            confidence = HINT_ONLY;
        } else if (checksum) {
            confidence = hint.isPresent() ? CHECKSUM_WITH_HINT : CHECKSUM;
        } else {
            confidence = hint.isPresent() ? PATTERN_WITH_HINT : PATTERN;
        }
        Evidence evidence = new Evidence(hint.orElse(""), sampled == 0 ? "" : rule, matched, sampled,
                new ArrayList<>(examples));
        return Optional.of(new Detection(dataClass, confidence, evidence));
    }
}
