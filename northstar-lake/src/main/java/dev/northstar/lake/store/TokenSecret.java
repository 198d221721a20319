package dev.northstar.lake.store;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API token secret, {@code ns_<id>_<random>}: a public id that finds the token, then the random part that proves
 * possession. Both are base62 so the secret survives copy, paste and URLs untouched. {@link #toString()} masks it.
 *
 * @param tokenId the public id, safe to log
 * @param value the whole secret
 */
record TokenSecret(String tokenId, String value) {
    static final String PREFIX = "ns_";
    /** 12 base62 characters: about 71 bits, so ids of a store never collide in practice. */
    static final int ID_LENGTH = 12;
    /** 43 base62 characters: 43 × log2(62) ≈ 256.03 bits, as strong as the SHA-256 hash that stores it. */
    static final int RANDOM_LENGTH = 43;

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern FORMAT =
            Pattern.compile(PREFIX + "([0-9A-Za-z]{" + ID_LENGTH + "})_[0-9A-Za-z]{" + RANDOM_LENGTH + "}");

    TokenSecret {
        requireNonNull(tokenId, "tokenId is null");
        requireNonNull(value, "value is null");
    }

    /** A new secret; every character is drawn independently and uniformly (nextInt rejects biased draws). */
    static TokenSecret generate(SecureRandom random) {
        String tokenId = randomBase62(random, ID_LENGTH);
        return new TokenSecret(tokenId, PREFIX + tokenId + "_" + randomBase62(random, RANDOM_LENGTH));
    }

    /** Parses a presented secret; anything not exactly in the format is empty, never an exception. */
    static Optional<TokenSecret> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new TokenSecret(matcher.group(1), text));
    }

    /**
     * SHA-256 of the secret, as stored. A plain fast hash is enough, and a slow password hash would only cost every
     * request: with 256 random bits there is nothing to guess, unlike a human password.
     */
    byte[] sha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }

    /** {@link #sha256()} as lower-case hex, the form kept in {@code ns_api_tokens.secret_hash}. */
    String sha256Hex() {
        return HexFormat.of().formatHex(sha256());
    }

    private static String randomBase62(SecureRandom random, int length) {
        char[] characters = new char[length];
        for (int index = 0; index < length; index++) {
            characters[index] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(characters);
    }

    @Override
    public String toString() {
        return "TokenSecret[tokenId=" + tokenId + ", value=***]";
    }
}
