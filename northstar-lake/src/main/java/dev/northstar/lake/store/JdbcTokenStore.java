package dev.northstar.lake.store;

import static dev.northstar.spi.error.NorthstarException.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.ApiToken;
import dev.northstar.spi.store.IssuedToken;
import dev.northstar.spi.store.TokenStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link TokenStore} on the {@code ns_api_tokens} table. Thread-safe. */
final class JdbcTokenStore implements TokenStore {
    /**
     * Authentication writes the time of use only when the recorded one is older than this: a write per request would
     * contend for SQLite's single write lock with catalog commits, and nobody needs last use to the second.
     */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final String COLUMNS =
            "id, principal_name, roles, attributes, secret_hash, created_at, expires_at, last_used_at, revoked";

    private final MetadataDatabase database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    JdbcTokenStore(MetadataDatabase database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public IssuedToken create(Principal principal, Optional<Duration> timeToLive) {
        requireNonNull(principal, "principal is null");
        requireNonNull(timeToLive, "timeToLive is null");
        checkArgument(!principal.name().isBlank(), "A token needs a principal name, got a blank one");
        timeToLive.ifPresent(duration -> checkArgument(!duration.isNegative() && !duration.isZero(),
                "A token's time to live must be positive, got %s", duration));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Instant> expiresAt = timeToLive.map(duration -> expiry(now, duration));
        TokenSecret secret = TokenSecret.generate(random);
        ApiToken token = new ApiToken(secret.tokenId(), principal, now, expiresAt, Optional.empty(), false);
        database.call("create an API token for " + principal.name(), handle -> handle.createUpdate(
                        "INSERT INTO ns_api_tokens (" + COLUMNS + ") VALUES (:id, :principal_name, :roles,"
                                + " :attributes, :secret_hash, :created_at, :expires_at, :last_used_at, :revoked)")
                .bind("id", token.id())
                .bind("principal_name", principal.name())
                .bind("roles", JsonColumns.write(principal.roles()))
                .bind("attributes", JsonColumns.write(principal.attributes()))
                .bind("secret_hash", secret.sha256Hex())
                .bind("created_at", Timestamps.toMillis(now))
                .bind("expires_at", Timestamps.toMillis(expiresAt))
                .bind("last_used_at", (Long) null)
                .bind("revoked", false)
                .execute());
        return new IssuedToken(token, secret.value());
    }

    private static Instant expiry(Instant now, Duration timeToLive) {
        try {
            Instant expiresAt = now.plus(timeToLive).truncatedTo(ChronoUnit.MILLIS);
            expiresAt.toEpochMilli(); // must fit the BIGINT column
            return expiresAt;
        } catch (DateTimeException | ArithmeticException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "A token's time to live of " + timeToLive + " is too long",
                    "Omit the time to live for a token that does not expire", e);
        }
    }

    @Override
    public Optional<Principal> authenticate(String secret) {
        Optional<TokenSecret> presented = TokenSecret.parse(secret);
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredToken> stored = findStored(presented.get().tokenId());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        // Compare the hashes in constant time: the time taken must not tell how much of a guess was right.
        byte[] expectedHash = HexFormat.of().parseHex(stored.get().secretHash());
        if (!MessageDigest.isEqual(expectedHash, presented.get().sha256())) {
            return Optional.empty();
        }
        ApiToken token = stored.get().token();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!token.isValidAt(now)) {
            return Optional.empty();
        }
        boolean lastUseIsStale = token.lastUsedAt()
                .map(lastUsed -> lastUsed.plus(LAST_USED_RESOLUTION).isBefore(now))
                .orElse(true);
        if (lastUseIsStale) {
            database.call("record the use of API token " + token.id(), handle -> handle.createUpdate(
                            "UPDATE ns_api_tokens SET last_used_at = :now WHERE id = :id")
                    .bind("now", Timestamps.toMillis(now))
                    .bind("id", token.id())
                    .execute());
        }
        return Optional.of(token.principal());
    }

    @Override
    public Optional<ApiToken> find(String tokenId) {
        requireNonNull(tokenId, "tokenId is null");
        return findStored(tokenId).map(StoredToken::token);
    }

    private Optional<StoredToken> findStored(String tokenId) {
        return database.call("look up API token " + tokenId, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM ns_api_tokens WHERE id = :id")
                .bind("id", tokenId)
                .map(JdbcTokenStore::storedToken)
                .findOne());
    }

    @Override
    public List<ApiToken> list() {
        return database.call("list API tokens", handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM ns_api_tokens ORDER BY created_at DESC, id DESC")
                .map(JdbcTokenStore::storedToken)
                .stream()
                .map(StoredToken::token)
                .toList());
    }

    @Override
    public boolean revoke(String tokenId) {
        requireNonNull(tokenId, "tokenId is null");
        int updated = database.call("revoke API token " + tokenId, handle -> handle.createUpdate(
                        "UPDATE ns_api_tokens SET revoked = :revoked WHERE id = :id")
                .bind("revoked", true)
                .bind("id", tokenId)
                .execute());
        return updated > 0;
    }

    private static StoredToken storedToken(ResultSet row, StatementContext context) throws SQLException {
        Principal principal = new Principal(
                row.getString("principal_name"),
                JsonColumns.readSet("ns_api_tokens.roles", row.getString("roles")),
                JsonColumns.readMap("ns_api_tokens.attributes", row.getString("attributes")));
        ApiToken token = new ApiToken(
                row.getString("id"),
                principal,
                Timestamps.instant(row, "created_at"),
                Timestamps.optionalInstant(row, "expires_at"),
                Timestamps.optionalInstant(row, "last_used_at"),
                row.getBoolean("revoked"));
        return new StoredToken(token, row.getString("secret_hash"));
    }

    /** A token row with its hash, which never leaves this class. */
    private record StoredToken(ApiToken token, String secretHash) {
        @Override
        public String toString() {
            return "StoredToken[token=" + token + ", secretHash=***]";
        }
    }
}
