package dev.northstar.govern.classify;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Words in a column name that point to a class, matched on whole words: {@code customerEmail}, {@code email_pro},
 * {@code emails} and {@code E-Mail} match {@code email}; {@code adobe_id} does not match {@code dob}.
 */
final class NameHints {
    private final List<String> phrases;

    private NameHints(List<String> phrases) {
        this.phrases = List.copyOf(phrases);
    }

    /** Hints written as lower-case words joined by underscores, e.g. {@code first_name}. */
    static NameHints of(String... phrases) {
        return new NameHints(List.of(phrases));
    }

    static NameHints none() {
        return new NameHints(List.of());
    }

    /** The first hint the name contains as whole words, in the singular or with a plural {@code s}. */
    Optional<String> match(String columnName) {
        String words = "_" + words(columnName) + "_";
        return phrases.stream().filter(phrase -> words.contains("_" + phrase + "_") || words.contains("_" + phrase
                + "s_")).findFirst();
    }

    /** {@code "Date de Naissance"}, {@code dateDeNaissance} → {@code date_de_naissance}. */
    static String words(String name) {
        String split = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        String plain = Normalizer.normalize(split, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }
}
