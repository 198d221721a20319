package dev.northstar.govern.classify;

import java.util.regex.Pattern;

/** E-mail addresses: {@code local@domain.tld}. */
final class EmailDetector extends PatternDetector {
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                    + "\\.[A-Za-z]{2,}");

    EmailDetector() {
        super(DataClass.EMAIL, NameHints.of("email", "e_mail", "mail", "courriel", "mel"), "the e-mail address shape",
                false);
    }

    @Override
    boolean matches(String value) {
        return value.length() <= 254 && EMAIL.matcher(value).matches();
    }

    @Override
    String mask(String value) {
        return Masking.email(value);
    }
}
