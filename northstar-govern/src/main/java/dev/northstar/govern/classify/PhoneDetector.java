package dev.northstar.govern.classify;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.regex.Pattern;

/**
 * Phone numbers, French ({@code 06 12 34 56 78}, {@code +33 6 12 34 56 78}, {@code 0033...}) and international
 * ({@code +44 20 7946 0958}), validated by libphonenumber against each country's numbering plan. Only text that
 * starts like a dialled number ({@code +}, {@code 0} or {@code (}) counts, so identifiers and amounts that happen to
 * have ten digits do not.
 */
final class PhoneDetector extends PatternDetector {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern DIALLED = Pattern.compile("[+0(][0-9 ().\\-/]{7,22}");
    /** National numbers without an international prefix are read as French. */
    private static final String DEFAULT_REGION = "FR";

    PhoneDetector() {
        super(DataClass.PHONE, NameHints.of("phone", "telephone", "tel", "mobile", "portable", "gsm", "fax",
                "cell", "msisdn"), "a valid phone number (libphonenumber)", false);
    }

    @Override
    boolean matches(String value) {
        return parse(value) != null;
    }

    private static PhoneNumber parse(String value) {
        if (!DIALLED.matcher(value).matches()) {
            return null;
        }
        String dialled = value.startsWith("00") ? "+" + value.substring(2) : value;
        try {
            PhoneNumber number = PHONES.parse(dialled, DEFAULT_REGION);
            return PHONES.isValidNumber(number) ? number : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    @Override
    String mask(String value) {
        PhoneNumber number = parse(value);
        if (number == null) {
            return Masking.keepEnds(value, 0, 2);
        }
        String national = Long.toString(number.getNationalNumber());
        return "+" + number.getCountryCode() + " " + "*".repeat(Math.max(0, national.length() - 2))
                + national.substring(Math.max(0, national.length() - 2));
    }
}
