package dev.northstar.govern.classify;

import dev.northstar.spi.text.CheckDigits;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits (spaces or dashes allowed) passing the Luhn check, with an issuer prefix and
 * length that a card network uses (Visa, Mastercard, American Express, Discover, JCB, Diners, UnionPay).
 */
final class PaymentCardDetector extends PatternDetector {
    private static final Pattern SHAPE = Pattern.compile("[0-9][0-9 -]{11,22}[0-9]");

    PaymentCardDetector() {
        super(DataClass.PAYMENT_CARD, NameHints.of("card", "card_number", "pan", "cc", "credit_card", "carte",
                "numero_carte", "cb"), "the Luhn check with a card network's prefix and length", true);
    }

    @Override
    boolean matches(String value) {
        if (!SHAPE.matcher(value).matches()) {
            return false;
        }
        String digits = value.replace(" ", "").replace("-", "");
        return plausibleIssuer(digits) && CheckDigits.luhn(digits);
    }

    /** Whether the prefix (IIN) and length are those of a card network. */
    static boolean plausibleIssuer(String digits) {
        int length = digits.length();
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        int three = Integer.parseInt(digits.substring(0, 3));
        if (digits.charAt(0) == '4') {
            return length == 13 || length == 16 || length == 19; // Visa
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return length == 16; // Mastercard
        }
        if (two == 34 || two == 37) {
            return length == 15; // American Express
        }
        if (four == 6011 || two == 65 || (three >= 644 && three <= 649)) {
            return length >= 16 && length <= 19; // Discover
        }
        if (two == 35) {
            return length >= 16 && length <= 19; // JCB
        }
        if (two == 36 || two == 38 || (three >= 300 && three <= 305)) {
            return length >= 14 && length <= 16; // Diners Club
        }
        if (two == 62) {
            return length >= 16 && length <= 19; // UnionPay
        }
        return false;
    }

    @Override
    String mask(String value) {
        String digits = value.replace(" ", "").replace("-", "");
        return "**** ".repeat(3) + digits.substring(digits.length() - 4);
    }
}
