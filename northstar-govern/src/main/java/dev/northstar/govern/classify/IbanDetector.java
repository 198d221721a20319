package dev.northstar.govern.classify;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** IBANs: country code, check digits and account, with the ISO 13616 mod-97 checksum and the country's length. */
final class IbanDetector extends PatternDetector {
    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);
    /** Lengths of the IBANs of the countries most seen in Europe; others are checked by checksum alone. */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(Map.entry("FR", 27), Map.entry("MC", 27),
            Map.entry("DE", 22), Map.entry("GB", 22), Map.entry("IE", 22), Map.entry("ES", 24), Map.entry("IT", 27),
            Map.entry("BE", 16), Map.entry("NL", 18), Map.entry("LU", 20), Map.entry("CH", 21), Map.entry("AT", 20),
            Map.entry("PT", 25), Map.entry("PL", 28), Map.entry("SE", 24), Map.entry("DK", 18));

    IbanDetector() {
        super(DataClass.IBAN, NameHints.of("iban", "rib", "bank_account", "account_number", "compte_bancaire",
                "bic_iban"), "the IBAN mod-97 checksum", true);
    }

    @Override
    boolean matches(String value) {
        return isValid(value);
    }

    /** Whether text (spaces allowed, any case) is an IBAN with a correct checksum. */
    static boolean isValid(String value) {
        String iban = compact(value);
        if (!SHAPE.matcher(iban).matches()) {
            return false;
        }
        Integer length = LENGTHS.get(iban.substring(0, 2));
        if (length != null && iban.length() != length) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    private static String compact(String value) {
        return value.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
    }

    @Override
    String mask(String value) {
        String iban = compact(value);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(iban, i, Math.min(iban.length(), i + 4));
        }
        return Masking.keepEnds(grouped.toString(), 4, 4);
    }
}
