package dev.northstar.govern.classify;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * French social security numbers (NIR): sex, year, month, department (Corsica {@code 2A}/{@code 2B}), commune, order
 * number, then a 2-digit key equal to {@code 97 - (n mod 97)} of the 13 first digits, where Corsica's {@code 2A}
 * counts as 19 and {@code 2B} as 18.
 */
final class NirDetector extends PatternDetector {
    private static final Pattern NIR = Pattern.compile(
            "([12378])([0-9]{2})(0[1-9]|1[0-2]|[2-9][0-9])(2[AB]|[0-9]{2})([0-9]{3})([0-9]{3})([0-9]{2})");

    NirDetector() {
        super(DataClass.NATIONAL_ID, NameHints.of("nir", "ssn", "secu", "securite_sociale", "social_security",
                "numero_secu", "insee", "national_id"), "the NIR shape and its 97 - (n mod 97) key", true);
    }

    @Override
    boolean matches(String value) {
        return isValid(value);
    }

    /** Whether text (spaces and dots allowed) is a NIR with a correct key. */
    static boolean isValid(String value) {
        String compact = value.replace(" ", "").replace(".", "").toUpperCase(Locale.ROOT);
        Matcher matcher = NIR.matcher(compact);
        if (!matcher.matches()) {
            return false;
        }
        String body = compact.substring(0, 13).replace("2A", "19").replace("2B", "18");
        long number = Long.parseLong(body);
        int key = Integer.parseInt(matcher.group(7));
        return key == 97 - (int) (number % 97);
    }

    @Override
    String mask(String value) {
        return Masking.keepEnds(value, 1, 0);
    }
}
