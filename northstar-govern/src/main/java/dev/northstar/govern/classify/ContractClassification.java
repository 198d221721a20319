package dev.northstar.govern.classify;

import dev.northstar.contracts.CustomProperty;
import dev.northstar.contracts.SchemaProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a contract property says about classification. Its ODCS {@code classification} may hold one word or several
 * separated by commas ({@code pii}, {@code pii.email, pii.person_name}, {@code public}). A property is declared
 * anonymised by {@code classification: anonymised} (or {@code anonymized}), or by the custom property
 * {@code northstar.anonymised: true}; nothing personal propagates into it.
 *
 * @param classes the words of the classification, lower case; empty when the contract does not classify the column
 * @param anonymised whether the column is declared anonymised
 */
record ContractClassification(List<String> classes, boolean anonymised) {
    static final String ANONYMISED_PROPERTY = "northstar.anonymised";
    private static final Set<String> ANONYMISED = Set.of("anonymised", "anonymized");
    /** Words that say the data is protected without saying which kind: consistent with any detected class. */
    private static final Set<String> PROTECTED = Set.of("personal", "sensitive", "confidential", "restricted");
    private static final Set<String> PERSONAL = Set.of("pii", "phi", "personal", "sensitive");

    ContractClassification {
        classes = List.copyOf(classes);
    }

    static ContractClassification none() {
        return new ContractClassification(List.of(), false);
    }

    static ContractClassification of(SchemaProperty property) {
        List<String> classes = Arrays.stream(property.classification().split(","))
                .map(word -> word.trim().toLowerCase(Locale.ROOT)).filter(word -> !word.isEmpty()).toList();
        boolean anonymised = classes.stream().anyMatch(ANONYMISED::contains)
                || CustomProperty.find(property.customProperties(), ANONYMISED_PROPERTY)
                        .map(custom -> Boolean.TRUE.equals(custom.value()) || "true".equalsIgnoreCase(custom.text()))
                        .orElse(false);
        return new ContractClassification(classes, anonymised);
    }

    /** Whether the contract says anything: a classification or an anonymisation. */
    boolean declared() {
        return !classes.isEmpty() || anonymised;
    }

    /** The classification as written, joined. */
    String text() {
        return String.join(", ", classes);
    }

    /**
     * Whether the contract excludes a detected class: it declares the column anonymised, or classifies it with words
     * that neither name the class, nor its family ({@code pii}, {@code phi}), nor say it is protected data.
     */
    boolean contradicts(DataClass dataClass) {
        if (anonymised) {
            return true;
        }
        if (classes.isEmpty()) {
            return false;
        }
        String family = dataClass.id().substring(0, dataClass.id().indexOf('.'));
        return classes.stream().noneMatch(word -> word.equals(dataClass.id()) || word.equals(family)
                || PROTECTED.contains(word));
    }

    /** Whether a class id or contract word means personal or health data, which propagates along lineage. */
    static boolean isPersonal(String classId) {
        return PERSONAL.contains(classId) || classId.startsWith("pii.") || classId.startsWith("phi.");
    }
}
