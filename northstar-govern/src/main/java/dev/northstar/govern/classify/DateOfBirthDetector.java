package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth: a name hint (birth, dob, naissance...) and dates, ISO ({@code 1985-03-14}, also as the start of a
 * timestamp) or French ({@code 14/03/1985}), no more than 120 years ago and not in the future. Dates alone are not
 * enough: most date columns are not birth dates.
 */
final class DateOfBirthDetector extends PatternDetector {
    private static final Pattern ISO = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})([T ].*)?");
    private static final Pattern FRENCH = Pattern.compile("([0-9]{2})/([0-9]{2})/([0-9]{4})");
    static final int MAX_AGE_YEARS = 120;

    private final Clock clock;

    DateOfBirthDetector(Clock clock) {
        super(DataClass.DATE_OF_BIRTH, NameHints.of("birth", "birthdate", "birthday", "date_of_birth", "dob",
                "naissance", "date_naissance", "date_de_naissance", "ddn", "born"),
                "a date in a plausible birth range (past " + MAX_AGE_YEARS + " years)", false);
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    boolean valuesAloneSuffice() {
        return false;
    }

    @Override
    boolean matches(String value) {
        LocalDate date = parse(value);
        if (date == null) {
            return false;
        }
        LocalDate today = LocalDate.now(clock);
        return !date.isAfter(today) && date.isAfter(today.minusYears(MAX_AGE_YEARS));
    }

    private static LocalDate parse(String value) {
        try {
            Matcher iso = ISO.matcher(value);
            if (iso.matches()) {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)));
            }
            Matcher french = FRENCH.matcher(value);
            if (french.matches()) {
                return LocalDate.of(Integer.parseInt(french.group(3)), Integer.parseInt(french.group(2)),
                        Integer.parseInt(french.group(1)));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    @Override
    String mask(String value) {
        LocalDate date = parse(value);
        // The decade alone: enough to see the values are birth dates, too little to identify anyone.
        return date == null ? Masking.keepEnds(value, 0, 0) : (date.getYear() / 10) + "*-**-**";
    }
}
