package dev.northstar.govern.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Person names. In a column named like a name (first_name, nom, prenom, full_name...), values shaped like names
 * (one to four capitalised words, hyphens and apostrophes allowed) count; without such a name, only values whose
 * words include a common first name from the shipped list ({@code first-names.txt}) do.
 */
final class PersonNameDetector extends PatternDetector {
    private static final Pattern NAME_SHAPE = Pattern.compile(
            "\\p{Lu}[\\p{L}'’-]*\\.?(\\s+\\p{Lu}[\\p{L}'’-]*\\.?){0,3}");
    private static final NameHints HINTS = NameHints.of("first_name", "firstname", "given_name", "prenom",
            "last_name", "lastname", "surname", "family_name", "nom", "nom_de_famille", "nom_famille", "full_name",
            "fullname", "person_name", "patronyme", "customer_name", "client_name", "contact_name", "patient_name",
            "employee_name", "nom_complet", "middle_name", "maiden_name", "nom_naissance", "holder_name",
            "account_holder", "cardholder_name", "titulaire");
    private static final Set<String> FIRST_NAMES = firstNames();

    PersonNameDetector() {
        super(DataClass.PERSON_NAME, HINTS, "the shape of a person's name", false);
    }

    @Override
    public Optional<Detection> detect(String columnName, List<String> values) {
        if (HINTS.match(columnName).isPresent()) {
            return super.detect(columnName, values);
        }
        return new KnownFirstName().detect(columnName, values);
    }

    @Override
    boolean matches(String value) {
        return value.length() <= 80 && NAME_SHAPE.matcher(value).matches();
    }

    @Override
    String mask(String value) {
        return Masking.initials(value);
    }

    /** Whether a word (any case, accents ignored) is in the shipped list of common first names. */
    static boolean isCommonFirstName(String word) {
        return FIRST_NAMES.contains(plain(word));
    }

    private static String plain(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    private static Set<String> firstNames() {
        InputStream stream = PersonNameDetector.class.getResourceAsStream("first-names.txt");
        if (stream == null) {
            throw new IllegalStateException("first-names.txt is missing from the classpath of " +
                    PersonNameDetector.class.getName());
        }
        Set<String> names = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.trim();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(plain(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read first-names.txt", e);
        }
        return Set.copyOf(names);
    }

    /** Values shaped like names whose words include a common first name, for columns not named like a name. */
    private static final class KnownFirstName extends PatternDetector {
        KnownFirstName() {
            super(DataClass.PERSON_NAME, NameHints.none(), "the shape of a name with a common first name", false);
        }

        @Override
        boolean matches(String value) {
            if (value.length() > 80 || !NAME_SHAPE.matcher(value).matches()) {
                return false;
            }
            String[] words = value.split("[\\s-]+");
            // A single word could be a city or a brand that shares a first name (Florence, Chanel): two at least.
            if (words.length < 2) {
                return false;
            }
            for (String word : words) {
                if (isCommonFirstName(word)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        String mask(String value) {
            return Masking.initials(value);
        }
    }
}
