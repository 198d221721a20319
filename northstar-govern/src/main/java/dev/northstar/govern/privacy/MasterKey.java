package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.config.Settings;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key that wraps every data key of the {@link Keystore}: 32 bytes (AES-256), base64, from the environment
 * variable {@code NORTHSTAR_MASTER_KEY} or from the file named by the setting {@code privacy.master-key-file}. It is
 * never stored in the metadata database, never logged and never part of a message ({@link #toString} is redacted).
 */
public final class MasterKey {
    /** Setting (and environment variable {@code NORTHSTAR_MASTER_KEY}) holding the base64 key itself. */
    public static final String KEY_SETTING = "master-key";
    /** Setting naming a file that holds the base64 key. */
    public static final String FILE_SETTING = "privacy.master-key-file";

    static final int KEY_BYTES = 32;
    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private MasterKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /**
     * The configured master key.
     *
     * @throws NorthstarException {@code INVALID_CONFIGURATION} when none is configured, the file is unreadable, or
     *     the value is not 32 bytes of base64 (the message never repeats the value)
     */
    public static MasterKey load(Settings settings) {
        requireNonNull(settings, "settings is null");
        return find(settings).orElseThrow(() -> new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                "No master key is configured for the privacy keystore",
                "Set NORTHSTAR_MASTER_KEY to 32 random bytes in base64 (e.g. `openssl rand -base64 32`), or name a"
                        + " file holding them with the setting " + FILE_SETTING));
    }

    /** The configured master key, empty when neither the key nor its file is set. */
    public static Optional<MasterKey> find(Settings settings) {
        requireNonNull(settings, "settings is null");
        Optional<String> inline = settings.value(KEY_SETTING);
        if (inline.isPresent()) {
            return Optional.of(fromBase64(inline.get(), Settings.environmentVariable(KEY_SETTING)));
        }
        Optional<String> file = settings.value(FILE_SETTING);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path path = settings.home().resolve(file.get());
        try {
            return Optional.of(fromBase64(Files.readString(path, StandardCharsets.US_ASCII), "file " + path));
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                    "Cannot read the master key file " + path + " (" + FILE_SETTING + "): "
                            + e.getClass().getSimpleName(),
                    "Create the file with 32 random bytes in base64 and make it readable by Northstar only", e);
        }
    }

    /**
     * A master key from base64 text; {@code origin} names where it came from for the error message.
     *
     * @throws NorthstarException {@code INVALID_CONFIGURATION} unless the text is base64 of exactly 32 bytes
     */
    public static MasterKey fromBase64(String text, String origin) {
        requireNonNull(text, "text is null");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                    "The master key in " + origin + " is not valid base64",
                    "Use 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`");
        }
        if (bytes.length != KEY_BYTES) {
            int length = bytes.length;
            Arrays.fill(bytes, (byte) 0);
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                    "The master key in " + origin + " is " + length + " bytes long, not " + KEY_BYTES,
                    "Use 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`");
        }
        MasterKey masterKey = new MasterKey(bytes);
        Arrays.fill(bytes, (byte) 0);
        return masterKey;
    }

    /** A fresh random master key (tests, first setup). */
    public static String generateBase64() {
        return Base64.getEncoder().encodeToString(randomBytes(KEY_BYTES));
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Wraps a data key: base64 of a random IV, then the AES-GCM ciphertext and tag, bound to the key id. */
    String wrap(String keyId, byte[] dataKey) {
        byte[] iv = randomBytes(IV_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(dataKey);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot wrap data key " + keyId + ": "
                    + e.getClass().getSimpleName(), null, e);
        }
    }

    /**
     * Unwraps a data key.
     *
     * @throws NorthstarException {@code INVALID_CONFIGURATION} when the master key is not the one that wrapped it
     */
    byte[] unwrap(String keyId, String wrapped) {
        byte[] bytes = Base64.getDecoder().decode(wrapped);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                    "Data key " + keyId + " cannot be unwrapped: the master key is not the one it was wrapped"
                            + " with, or the stored key was altered",
                    "Set NORTHSTAR_MASTER_KEY (or " + FILE_SETTING + ") to the master key this keystore was created"
                            + " with", e);
        } catch (GeneralSecurityException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot unwrap data key " + keyId + ": "
                    + e.getClass().getSimpleName(), null, e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
