package dev.northstar.govern.classify;

import dev.northstar.spi.text.CheckDigits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each detector on values it must find and on look-alikes it must not. */
class DetectorsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    private final Detectors detectors = Detectors.standard(CLOCK);

    private Optional<Detection> detect(DataClass dataClass, String column, String... values) {
        return detectors.detect(column, List.of(values)).stream()
                .filter(detection -> detection.dataClass() == dataClass).findFirst();
    }

    private double confidence(DataClass dataClass, String column, String... values) {
        return detect(dataClass, column, values).map(Detection::confidence).orElse(0.0);
    }

    @Test
    void oneDetectorPerClass() {
        assertThat(detectors.all()).extracting(Detector::dataClass).containsExactly(DataClass.values());
    }

    @Test
    void emailsByValueAndByName() {
        Detection detection = detect(DataClass.EMAIL, "contact", "jane.doe@example.com", "bob@mail.example.org",
                "x_y+tag@corp.fr").orElseThrow();
        assertThat(detection.confidence()).isEqualTo(PatternDetector.PATTERN);
        assertThat(detection.level()).isEqualTo(ConfidenceLevel.MEDIUM);
        assertThat(detection.evidence()).isEqualTo(new Evidence("", "the e-mail address shape", 3, 3,
                List.of("j***@e***.com", "b***@m***.org", "x***@c***.fr")));
        assertThat(detection.evidence().summary())
                .isEqualTo("3 of 3 sampled values pass the e-mail address shape");

        assertThat(confidence(DataClass.EMAIL, "customerEmail", "jane.doe@example.com", "n/a"))
                .isEqualTo(PatternDetector.PATTERN_WITH_HINT);
        assertThat(confidence(DataClass.EMAIL, "e-mail", "unknown", "none")).isEqualTo(PatternDetector.HINT_ONLY);
        assertThat(confidence(DataClass.EMAIL, "backupEmails", "unknown")).isEqualTo(PatternDetector.HINT_ONLY);
        assertThat(detect(DataClass.EMAIL, "mailbox_size", "12", "30")).isEmpty();
        assertThat(detect(DataClass.EMAIL, "handle", "@jane", "jane@", "jane@localhost", "a@b")).isEmpty();
    }

    @Test
    void phonesFrenchAndInternationalButNotNumbersThatLookLikeThem() {
        Detection phones = detect(DataClass.PHONE, "contact", "06 12 34 56 78", "+33 6 12 34 56 78",
                "0033 1 42 68 53 00", "+44 20 7946 0958", "+1 650-253-0000").orElseThrow();
        assertThat(phones.confidence()).isEqualTo(PatternDetector.PATTERN);
        assertThat(phones.evidence().matched()).isEqualTo(5);
        assertThat(phones.evidence().examples()).containsExactly("+33 *******78", "+33 *******00", "+44 ********58");

        // Identifiers and amounts with ten digits, too short or impossible numbers.
        assertThat(detect(DataClass.PHONE, "reference", "1234567890", "2026112200", "9876543210")).isEmpty();
        assertThat(detect(DataClass.PHONE, "code", "00000000", "+33 12", "0 1")).isEmpty();
        assertThat(confidence(DataClass.PHONE, "mobile_phone", "0612345678", "0698765432"))
                .isEqualTo(PatternDetector.PATTERN_WITH_HINT);
    }

    @Test
    void ibansByChecksum() {
        Detection ibans = detect(DataClass.IBAN, "payment_ref", "FR76 3000 6000 0112 3456 7890 189",
                "DE89370400440532013000", "GB82 WEST 1234 5698 7654 32").orElseThrow();
        assertThat(ibans.confidence()).isEqualTo(PatternDetector.CHECKSUM);
        assertThat(ibans.level()).isEqualTo(ConfidenceLevel.HIGH);
        assertThat(ibans.evidence().examples())
                .containsExactly("FR76 **** **** **** **** ***0 189", "DE89 **** **** **** **30 00",
                        "GB82 **** **** **** **54 32");
        assertThat(confidence(DataClass.IBAN, "iban", "FR7630006000011234567890189"))
                .isEqualTo(PatternDetector.CHECKSUM_WITH_HINT);

        // One wrong digit breaks the checksum; a right checksum with the wrong length for France is refused too.
        assertThat(IbanDetector.isValid("FR76 3000 6000 0112 3456 7890 188")).isFalse();
        assertThat(IbanDetector.isValid("FR76 3000 6000 0112 3456 7890 18")).isFalse();
        assertThat(IbanDetector.isValid("fr7630006000011234567890189")).isTrue();
        assertThat(detect(DataClass.IBAN, "payment_ref", "FR7630006000011234567890188", "XX00ABCDEFGHIJKLM"))
                .isEmpty();
    }

    @Test
    void paymentCardsByLuhnAndIssuer() {
        Detection cards = detect(DataClass.PAYMENT_CARD, "token", "4111 1111 1111 1111", "5555-5555-5555-4444",
                "378282246310005").orElseThrow();
        assertThat(cards.confidence()).isEqualTo(PatternDetector.CHECKSUM);
        assertThat(cards.evidence().examples())
                .containsExactly("**** **** **** 1111", "**** **** **** 4444", "**** **** **** 0005");

        assertThat(CheckDigits.luhn("4111111111111112")).isFalse();
        // Passes Luhn, but no network issues cards starting with 1.
        assertThat(CheckDigits.luhn("1234567812345670")).isTrue();
        assertThat(PaymentCardDetector.plausibleIssuer("1234567812345670")).isFalse();
        // Amex prefix with a Visa length.
        assertThat(PaymentCardDetector.plausibleIssuer("3782822463100050")).isFalse();
        assertThat(detect(DataClass.PAYMENT_CARD, "token", "4111111111111112", "1234567812345670")).isEmpty();
    }

    @Test
    void frenchSocialSecurityNumbersByKeyWithCorsica() {
        assertThat(NirDetector.isValid("1 85 05 78 006 084 91")).isTrue();
        assertThat(NirDetector.isValid("1 85 05 78 006 084 92")).isFalse();
        assertThat(NirDetector.isValid("2 90 02 2A 004 123 04")).isTrue();
        assertThat(NirDetector.isValid("290022B00412331")).isTrue();
        assertThat(NirDetector.isValid("290022B00412304")).isFalse();
        // Month 13 and sex 5 do not exist.
        assertThat(NirDetector.isValid("1851378006084" + "00")).isFalse();
        assertThat(NirDetector.isValid("585057800608491")).isFalse();

        Detection nir = detect(DataClass.NATIONAL_ID, "numero_secu", "1 85 05 78 006 084 91", "2900219004123 04")
                .orElseThrow();
        assertThat(nir.confidence()).isEqualTo(PatternDetector.CHECKSUM_WITH_HINT);
        assertThat(nir.evidence().examples()).containsExactly("1 ** ** ** *** *** **", "2************ **");
    }

    @Test
    void ipAddressesVersionFourAndSix() {
        Detection addresses = detect(DataClass.IP_ADDRESS, "origin", "192.168.1.20", "10.0.0.1",
                "2001:db8::8a2e:370:7334", "::1", "fe80:0:0:0:200:f8ff:fe21:67cf").orElseThrow();
        assertThat(addresses.evidence().matched()).isEqualTo(5);
        assertThat(addresses.evidence().examples()).containsExactly("192.168.*.*", "10.0.*.*", "2001:db8:****");

        assertThat(IpAddressDetector.isIpv6("2001:db8::1::2")).isFalse();
        assertThat(IpAddressDetector.isIpv6("12:30")).isFalse();
        assertThat(IpAddressDetector.isIpv6("::ffff:192.0.2.128")).isTrue();
        assertThat(detect(DataClass.IP_ADDRESS, "version", "256.1.1.1", "1.2.3", "12:30:00", "1.2.3.4.5"))
                .isEmpty();
    }

    @Test
    void datesOfBirthNeedTheNameAndAPlausibleDate() {
        Detection births = detect(DataClass.DATE_OF_BIRTH, "date_de_naissance", "1985-03-14", "14/07/1962",
                "2001-12-01T00:00").orElseThrow();
        assertThat(births.confidence()).isEqualTo(PatternDetector.PATTERN_WITH_HINT);
        assertThat(births.evidence().examples()).containsExactly("198*-**-**", "196*-**-**", "200*-**-**");

        // Any date column is not a birth date; future dates and dates before 1906 are not plausible ones.
        assertThat(detect(DataClass.DATE_OF_BIRTH, "created_at", "1985-03-14", "1990-01-01")).isEmpty();
        assertThat(confidence(DataClass.DATE_OF_BIRTH, "dob", "2030-01-01", "1850-05-05"))
                .isEqualTo(PatternDetector.HINT_ONLY);
        assertThat(detect(DataClass.DATE_OF_BIRTH, "adobe_id", "1985-03-14")).isEmpty();
    }

    @Test
    void postalAddressesFrenchAndEnglishAndPostalCodesOnlyByName() {
        Detection streets = detect(DataClass.POSTAL_ADDRESS, "line1", "12 bis rue de la Paix", "3, avenue Foch",
                "221B Baker Street", "1600 Pennsylvania Ave NW").orElseThrow();
        assertThat(streets.confidence()).isEqualTo(PatternDetector.PATTERN);
        assertThat(streets.evidence().examples().get(0)).isEqualTo("*** *** rue *** *** ***");

        assertThat(confidence(DataClass.POSTAL_ADDRESS, "code_postal", "75001", "13008", "2A004".replace("2A", "20")))
                .isEqualTo(PatternDetector.PATTERN_WITH_HINT);
        assertThat(detect(DataClass.POSTAL_ADDRESS, "quantity", "75001", "13008", "69003")).isEmpty();
        assertThat(detect(DataClass.POSTAL_ADDRESS, "comment", "rue barrée", "12 cartons", "Street art")).isEmpty();
    }

    @Test
    void geolocationPairsAndNamedCoordinates() {
        Detection pairs = detect(DataClass.GEOLOCATION, "where", "48.8566, 2.3522", "(45.764,4.8357)")
                .orElseThrow();
        assertThat(pairs.confidence()).isEqualTo(PatternDetector.PATTERN);
        assertThat(pairs.evidence().examples()).containsExactly("48.8*,2.3*", "45.7*,4.8*");

        assertThat(confidence(DataClass.GEOLOCATION, "latitude", "48.8566", "-33.8688"))
                .isEqualTo(PatternDetector.PATTERN_WITH_HINT);
        assertThat(confidence(DataClass.GEOLOCATION, "pickup_lng", "2.3522", "151.2093"))
                .isEqualTo(PatternDetector.PATTERN_WITH_HINT);
        // Out of range for a latitude; a pair out of range; plain prices.
        assertThat(confidence(DataClass.GEOLOCATION, "lat", "123.45", "99.99")).isEqualTo(PatternDetector.HINT_ONLY);
        assertThat(detect(DataClass.GEOLOCATION, "where", "95.1, 2.3", "12.50, 300.25")).isEmpty();
        assertThat(detect(DataClass.GEOLOCATION, "price", "12.50", "3.99")).isEmpty();
    }

    @Test
    void personNamesByNameHintOrCommonFirstNames() {
        Detection named = detect(DataClass.PERSON_NAME, "nom", "Dupont", "Le Gall", "N'Diaye").orElseThrow();
        assertThat(named.confidence()).isEqualTo(PatternDetector.PATTERN_WITH_HINT);
        assertThat(named.evidence().examples()).containsExactly("D***", "L*** G***", "N***");

        Detection byFirstName = detect(DataClass.PERSON_NAME, "contact", "Marie Dupont", "Jean-Pierre Martin",
                "Hélène Durand").orElseThrow();
        assertThat(byFirstName.confidence()).isEqualTo(PatternDetector.PATTERN);
        assertThat(PersonNameDetector.isCommonFirstName("HELENE")).isTrue();

        // Capitalised words that are not people; a single word that is also a first name.
        assertThat(detect(DataClass.PERSON_NAME, "product", "Blue Widget", "Deluxe Lamp", "Garden Chair")).isEmpty();
        assertThat(detect(DataClass.PERSON_NAME, "city", "Florence", "Paris", "Lyon")).isEmpty();
        assertThat(confidence(DataClass.PERSON_NAME, "first_name", "123", "x-9")).isEqualTo(PatternDetector.HINT_ONLY);
    }

    @Test
    void diagnosisCodesOfIcd10() {
        Detection codes = detect(DataClass.DIAGNOSIS_CODE, "cim10", "E11.9", "J45", "S72.001A").orElseThrow();
        assertThat(codes.confidence()).isEqualTo(PatternDetector.PATTERN_WITH_HINT);
        assertThat(codes.evidence().examples()).containsExactly("E**.*", "J**", "S**.****");
        assertThat(confidence(DataClass.DIAGNOSIS_CODE, "code", "E11.9", "I10", "C50.9"))
                .isEqualTo(PatternDetector.PATTERN);
        // U is reserved; lower case, four digits and order numbers are not ICD-10 codes.
        assertThat(detect(DataClass.DIAGNOSIS_CODE, "code", "U07.1", "e11.9", "A1234", "12.5")).isEmpty();
    }

    @Test
    void nothingForOrdinaryColumnsAndBlanksIgnored() {
        assertThat(detectors.detect("status", List.of("paid", "new", "lost"))).isEmpty();
        assertThat(detectors.detect("amount", List.of("12.5", "30.0", "250"))).isEmpty();
        assertThat(detectors.detect("email", Arrays.asList(null, " ", "a@b.co")))
                .singleElement().satisfies(detection -> {
                    assertThat(detection.evidence().sampled()).isEqualTo(1);
                    assertThat(detection.confidence()).isEqualTo(PatternDetector.PATTERN_WITH_HINT);
                });
    }

    @Test
    void unknownClassIdsNameCloseMatches() {
        assertThat(DataClass.byId("pii.iban")).isEqualTo(DataClass.IBAN);
        assertThatThrownBy(() -> DataClass.byId("pii.emial"))
                .isInstanceOfSatisfying(NorthstarException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(error.hint()).contains("pii.email");
                });
    }
}
