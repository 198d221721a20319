package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects values at collection with the keys of a {@link Keystore}, using only the JDK's primitives:
 * <ul>
 *   <li>pseudonyms {@code p<version>:<64 hex>}: HMAC-SHA256 of the UTF-8 value under the active pseudonymisation
 *       key; deterministic per key version, so equal values still join;
 *   <li>ciphertexts {@code e1:<base64>}: AES-256-GCM under the subject's own key, a random 96-bit IV first, the
 *       column name as associated data (a value moved to another column does not decrypt);
 *   <li>generalisations: a date's year, a number's band.
 * </ul>
 * Thread-safe.
 */
public final class Protector {
    static final String PSEUDONYM_PREFIX = "p";
    static final String CIPHERTEXT_PREFIX = "e1:";

    private final Keystore keystore;

    public Protector(Keystore keystore) {
        this.keystore = requireNonNull(keystore, "keystore is null");
    }

    /** The keyed pseudonym of a value under the active key version. */
    public String pseudonymise(String value) {
        requireNonNull(value, "value is null");
        Keystore.DataKey key = keystore.activePseudonymKey();
        return PSEUDONYM_PREFIX + key.version() + ":" + hmac(key, value);
    }

    /** Whether {@code pseudonym} is the pseudonym of {@code value} under the key version it names. */
    public boolean matches(String pseudonym, String value) {
        requireNonNull(pseudonym, "pseudonym is null");
        requireNonNull(value, "value is null");
        int colon = pseudonym.indexOf(':');
        if (!pseudonym.startsWith(PSEUDONYM_PREFIX) || colon < 2) {
            return false;
        }
        long version;
        try {
            version = Long.parseLong(pseudonym.substring(PSEUDONYM_PREFIX.length(), colon));
        } catch (NumberFormatException e) {
            return false;
        }
        return pseudonym.substring(colon + 1).equals(hmac(keystore.pseudonymKey(version), value));
    }

    /** The value encrypted for the subject (whose key is created on first use). */
    public String encrypt(String subject, String column, String value) {
        requireNonNull(subject, "subject is null");
        requireNonNull(column, "column is null");
        requireNonNull(value, "value is null");
        Keystore.DataKey key = keystore.subjectKey(subject);
        byte[] iv = MasterKey.randomBytes(MasterKey.IV_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.material(), "AES"),
                    new GCMParameterSpec(MasterKey.TAG_BITS, iv));
            cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return CIPHERTEXT_PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot encrypt a value of column " + column + ": "
                    + e.getClass().getSimpleName(), null, e);
        }
    }

    /**
     * Decrypts a value of the subject. Package-private: re-identification goes through {@link Reidentification},
     * which checks the principal and audits.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} when the text is not a Northstar ciphertext, does not
     *     belong to this subject and column, or the subject's key was shredded
     */
    String decrypt(String subject, String column, String ciphertext) {
        requireNonNull(ciphertext, "ciphertext is null");
        if (!ciphertext.startsWith(CIPHERTEXT_PREFIX)) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "The value of column " + column + " is not a Northstar ciphertext (it does not start with "
                            + CIPHERTEXT_PREFIX + ")", "Only values stored by `northstar.protect: encrypt` decrypt");
        }
        Keystore.DataKey key = keystore.existingSubjectKey(subject).orElseThrow(() -> new NorthstarException(
                ErrorCode.INVALID_ARGUMENT, "No data key exists for this subject, so nothing was encrypted for it",
                "Check the subject key value"));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(ciphertext.substring(CIPHERTEXT_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "The value of column " + column + " is not valid base64 after " + CIPHERTEXT_PREFIX, null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.material(), "AES"),
                    new GCMParameterSpec(MasterKey.TAG_BITS, bytes, 0, MasterKey.IV_BYTES));
            cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, MasterKey.IV_BYTES, bytes.length - MasterKey.IV_BYTES),
                    StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "The value does not decrypt with this subject's key for column " + column,
                    "Name the subject the row belongs to and the column the value was read from");
        } catch (GeneralSecurityException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot decrypt a value of column " + column + ": "
                    + e.getClass().getSimpleName(), null, e);
        }
    }

    /** The year of an ISO date or timestamp ({@code 1984-03-07}, {@code 1984-03-07T10:00:00Z}...). */
    public static String generaliseYear(String column, String value) {
        requireNonNull(value, "value is null");
        String text = value.strip();
        try {
            return Integer.toString(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text).getYear());
        } catch (DateTimeParseException e) {
            try {
                return Integer.toString(OffsetDateTime.parse(text).getYear());
            } catch (DateTimeParseException again) {
                throw new NorthstarException(ErrorCode.INVALID_DATA,
                        "Column " + column + " is generalised to a year but holds a value that is not an ISO date",
                        "Declare generalise:year only on date or timestamp properties");
            }
        }
    }

    /** The band of a number: {@code 37} with width 10 is {@code 30-39}. */
    public static String generaliseBand(String column, String value, long width) {
        requireNonNull(value, "value is null");
        double number;
        try {
            number = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new NorthstarException(ErrorCode.INVALID_DATA,
                    "Column " + column + " is generalised to bands but holds a value that is not a number",
                    "Declare generalise:band:<width> only on numeric properties");
        }
        long low = Math.floorDiv((long) Math.floor(number), width) * width;
        return low + "-" + (low + width - 1);
    }

    private static String hmac(Keystore.DataKey key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.material(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
