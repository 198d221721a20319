package dev.northstar.lake.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSecretTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void generatedSecretHasTheDocumentedFormat() {
        TokenSecret secret = TokenSecret.generate(random);

        assertThat(secret.value()).matches("ns_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}");
        assertThat(secret.value()).startsWith("ns_" + secret.tokenId() + "_");
        assertThat(TokenSecret.RANDOM_LENGTH * Math.log(62) / Math.log(2)).isGreaterThanOrEqualTo(256);
    }

    @Test
    void parseRoundTripsAndRejectsAnythingElse() {
        TokenSecret secret = TokenSecret.generate(random);

        assertThat(TokenSecret.parse(secret.value())).contains(secret);
        assertThat(TokenSecret.parse(secret.value() + "=")).isEmpty();
        assertThat(TokenSecret.parse(secret.value().replace('_', '-'))).isEmpty();
        assertThat(TokenSecret.parse(null)).isEmpty();
    }

    @Test
    void hashIsSha256HexOfTheWholeSecret() {
        TokenSecret secret = new TokenSecret("abc", "abc");

        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        assertThat(secret.sha256Hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void toStringMasksTheSecret() {
        TokenSecret secret = TokenSecret.generate(random);

        assertThat(secret.toString()).contains(secret.tokenId()).doesNotContain(secret.value()).contains("***");
    }

    @Test
    void secretsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (int index = 0; index < 10_000; index++) {
            TokenSecret secret = TokenSecret.generate(random);
            ids.add(secret.tokenId());
            values.add(secret.value());
        }
        assertThat(ids).hasSize(10_000);
        assertThat(values).hasSize(10_000);
    }
}
