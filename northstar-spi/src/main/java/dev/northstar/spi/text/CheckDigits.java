package dev.northstar.spi.text;

import static java.util.Objects.requireNonNull;

/** Check-digit algorithms that tell identifiers from look-alike numbers (contract inference, PII detection). */
public final class CheckDigits {
    private CheckDigits() {}

    /**
     * The Luhn (mod 10) check of payment card numbers: true when {@code digits} is only ASCII digits, not empty, and
     * its Luhn sum is a multiple of 10.
     */
    public static boolean luhn(String digits) {
        requireNonNull(digits, "digits is null");
        if (digits.isEmpty()) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int digit = c - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
