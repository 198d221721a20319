package dev.northstar.server;

import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.ApiToken;
import dev.northstar.spi.store.IssuedToken;
import dev.northstar.spi.store.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TokenStore} in memory, hashing secrets like the real one: for tests that need no database. */
final class InMemoryTokenStore implements TokenStore {
    private record Entry(ApiToken token, String hash) {}

    private final Map<String, Entry> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Override
    public IssuedToken create(Principal principal, Optional<Duration> timeToLive) {
        String id = HexFormat.of().formatHex(random.generateSeed(6));
        String secret = "ns_" + id + "_" + HexFormat.of().formatHex(random.generateSeed(32));
        Instant now = Instant.now();
        ApiToken token = new ApiToken(id, principal, now, timeToLive.map(now::plus), Optional.empty(), false);
        tokens.put(id, new Entry(token, hash(secret)));
        return new IssuedToken(token, secret);
    }

    @Override
    public Optional<Principal> authenticate(String secret) {
        String[] parts = secret.split("_");
        if (parts.length != 3 || !parts[0].equals("ns")) {
            return Optional.empty();
        }
        Entry entry = tokens.get(parts[1]);
        if (entry == null || !MessageDigest.isEqual(entry.hash().getBytes(StandardCharsets.UTF_8),
                hash(secret).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        ApiToken token = entry.token();
        if (token.revoked() || token.expiresAt().map(Instant.now()::isAfter).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(token.principal());
    }

    @Override
    public Optional<ApiToken> find(String tokenId) {
        return Optional.ofNullable(tokens.get(tokenId)).map(Entry::token);
    }

    @Override
    public List<ApiToken> list() {
        List<ApiToken> all = new ArrayList<>();
        tokens.values().forEach(entry -> all.add(entry.token()));
        all.sort(Comparator.comparing(ApiToken::createdAt).reversed());
        return List.copyOf(all);
    }

    @Override
    public boolean revoke(String tokenId) {
        Entry entry = tokens.get(tokenId);
        if (entry == null) {
            return false;
        }
        ApiToken token = entry.token();
        tokens.put(tokenId, new Entry(new ApiToken(token.id(), token.principal(), token.createdAt(),
                token.expiresAt(), token.lastUsedAt(), true), entry.hash()));
        return true;
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
