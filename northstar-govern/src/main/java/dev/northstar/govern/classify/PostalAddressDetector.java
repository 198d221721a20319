package dev.northstar.govern.classify;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Postal addresses: street lines in French ({@code 12 bis rue de la Paix}) or English ({@code 221B Baker Street}),
 * on their own or followed by a postal code and city; and, in columns named like a postal code (zip, code_postal...),
 * French or US postal codes.
 */
final class PostalAddressDetector extends PatternDetector {
    private static final Pattern FRENCH_STREET = Pattern.compile("(?iu)[0-9]{1,4}\\s*(bis|ter|[a-z])?,?\\s+"
            + "(rue|avenue|av\\.?|boulevard|bd|place|pl\\.?|chemin|all[ée]e|impasse|quai|route|cours|square|"
            + "rond-point|passage|voie|faubourg|sentier|lotissement|r[ée]sidence)\\b.+");
    private static final Pattern ENGLISH_STREET = Pattern.compile("(?iu)[0-9]{1,5}[a-z]?\\s+[\\p{L}0-9 .'-]+?\\s+"
            + "(street|st\\.?|avenue|ave\\.?|road|rd\\.?|boulevard|blvd\\.?|lane|ln\\.?|drive|dr\\.?|court|ct\\.?|"
            + "way|place|pl\\.?|square|sq\\.?|terrace|crescent|close|highway|hwy\\.?)\\b.*");
    private static final Pattern POSTAL_CODE = Pattern.compile("(0[1-9]|[1-8][0-9]|9[0-8])[0-9]{3}|[0-9]{5}-[0-9]{4}");
    private static final NameHints POSTAL_CODE_HINTS = NameHints.of("postal_code", "postcode", "zip", "zip_code",
            "zipcode", "code_postal", "cp");

    PostalAddressDetector() {
        super(DataClass.POSTAL_ADDRESS, NameHints.of("address", "adresse", "addr", "street", "rue", "address_line",
                "adresse_postale", "voie", "postal_code", "postcode", "zip", "zip_code", "zipcode", "code_postal",
                "cp"), "a street line (French or English) or a postal code", false);
    }

    @Override
    boolean matches(String value) {
        return FRENCH_STREET.matcher(value).matches() || ENGLISH_STREET.matcher(value).matches()
                || POSTAL_CODE.matcher(value).matches();
    }

    @Override
    public Optional<Detection> detect(String columnName, List<String> values) {
        // A postal code alone is a 5-digit number: it only counts in a column named like one.
        boolean postalCodeColumn = POSTAL_CODE_HINTS.match(columnName).isPresent();
        List<String> considered = postalCodeColumn ? values
                : values.stream().map(value -> POSTAL_CODE.matcher(value).matches() ? "" : value).toList();
        return super.detect(columnName, considered);
    }

    @Override
    String mask(String value) {
        if (POSTAL_CODE.matcher(value).matches()) {
            return Masking.keepEnds(value, 2, 0);
        }
        StringBuilder masked = new StringBuilder();
        for (String word : value.split("\\s+")) {
            if (!masked.isEmpty()) {
                masked.append(' ');
            }
            boolean streetType = FRENCH_STREET.matcher("1 " + word + " x").matches()
                    || ENGLISH_STREET.matcher("1 x " + word).matches();
            masked.append(streetType ? word : "***");
        }
        return masked.toString();
    }
}
