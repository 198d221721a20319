package dev.northstar.lake.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.MutableClock;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.ApiToken;
import dev.northstar.spi.store.IssuedToken;
import dev.northstar.spi.store.MetadataStore;
import dev.northstar.spi.store.RunRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend of the {@link MetadataStore} must do, run once per database by a subclass that provides fresh,
 * empty databases. Each test opens stores through {@link #open(LakeConfig)}, which closes them afterwards.
 */
abstract class MetadataStoreContractTest {
    /** Microseconds on purpose: the store keeps milliseconds, and tests must show what that means. */
    private static final Instant START = Instant.parse("2026-11-02T10:15:30.123456Z");
    private static final Pattern SECRET_FORMAT = Pattern.compile("ns_([0-9A-Za-z]+)_([0-9A-Za-z]+)");
    private static final Principal ALICE = new Principal("alice", Set.of("analyst", "steward"),
            Map.of("domains", "retail,finance", "clearance", "confidential"));
    private static final Principal BOB = Principal.of("bob", "engineer");

    protected final MutableClock clock = new MutableClock(START);
    private final List<MetadataStore> openStores = new ArrayList<>();
    private LakeConfig config;
    private MetadataStore store;

    /** A configuration naming a new, empty database, distinct from every other call's. */
    protected abstract LakeConfig freshDatabase() throws Exception;

    /** Removes what {@link #freshDatabase()} made; called after every store of the test is closed. */
    protected abstract void dropDatabases() throws Exception;

    @BeforeEach
    final void openStore() throws Exception {
        config = freshDatabase();
        store = open(config);
    }

    @AfterEach
    final void closeStoresAndDropDatabases() throws Exception {
        for (int index = openStores.size() - 1; index >= 0; index--) {
            openStores.get(index).close();
        }
        openStores.clear();
        dropDatabases();
    }

    protected final MetadataStore open(LakeConfig configuration) {
        MetadataStore opened = JdbcMetadataStore.open(configuration, clock);
        openStores.add(opened);
        return opened;
    }

    protected static Connection connectDirectly(LakeConfig configuration) throws SQLException {
        return DriverManager.getConnection(configuration.catalogJdbcUrl(),
                configuration.catalogUser().orElse(null), configuration.catalogPassword().orElse(null));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- tokens ------------------------------------------------------------------------------------------------

    @Test
    void createdTokenAuthenticatesItsPrincipal() {
        IssuedToken issued = store.tokens().create(ALICE, Optional.of(Duration.ofHours(1)));

        assertThat(issued.token().principal()).isEqualTo(ALICE);
        assertThat(issued.token().createdAt()).isEqualTo(now());
        assertThat(issued.token().expiresAt()).contains(now().plus(Duration.ofHours(1)));
        assertThat(issued.token().lastUsedAt()).isEmpty();
        assertThat(issued.token().revoked()).isFalse();
        assertThat(store.tokens().authenticate(issued.secret())).contains(ALICE);
    }

    @Test
    void secretIsPublicIdThenAtLeast256RandomBits() {
        IssuedToken issued = store.tokens().create(BOB, Optional.empty());

        Matcher matcher = SECRET_FORMAT.matcher(issued.secret());
        assertThat(matcher.matches()).as("secret matches ns_<id>_<random>").isTrue();
        assertThat(matcher.group(1)).isEqualTo(issued.token().id());
        double randomBits = matcher.group(2).length() * (Math.log(62) / Math.log(2));
        assertThat(randomBits).isGreaterThanOrEqualTo(256);
        assertThat(store.tokens().create(BOB, Optional.empty()).secret()).isNotEqualTo(issued.secret());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        IssuedToken issued = store.tokens().create(ALICE, Optional.empty());

        assertThat(issued.toString()).doesNotContain(issued.secret()).contains(issued.token().id());
        assertThat(store.tokens().list().toString()).doesNotContain(issued.secret());
        assertThat(store.toString()).doesNotContain(issued.secret());
    }

    @Test
    void listShowsTokensNewestFirstIncludingRevoked() {
        IssuedToken first = store.tokens().create(ALICE, Optional.empty());
        clock.advance(Duration.ofSeconds(1));
        IssuedToken second = store.tokens().create(BOB, Optional.of(Duration.ofDays(30)));
        clock.advance(Duration.ofSeconds(1));
        IssuedToken third = store.tokens().create(ALICE, Optional.empty());
        store.tokens().revoke(second.token().id());

        assertThat(store.tokens().list())
                .extracting(ApiToken::id)
                .containsExactly(third.token().id(), second.token().id(), first.token().id());
        assertThat(store.tokens().list().get(1).revoked()).isTrue();
        assertThat(store.tokens().list().get(1).principal()).isEqualTo(BOB);
    }

    @Test
    void revokedTokenNoLongerAuthenticates() {
        IssuedToken issued = store.tokens().create(ALICE, Optional.empty());
        assertThat(store.tokens().authenticate(issued.secret())).contains(ALICE);

        assertThat(store.tokens().revoke(issued.token().id())).isTrue();

        assertThat(store.tokens().authenticate(issued.secret())).isEmpty();
        assertThat(store.tokens().find(issued.token().id())).hasValueSatisfying(token ->
                assertThat(token.revoked()).isTrue());
        assertThat(store.tokens().revoke(issued.token().id())).as("revoking twice is harmless").isTrue();
        assertThat(store.tokens().revoke("unknown")).isFalse();
    }

    @Test
    void tokenExpiresAtTheEndOfItsTimeToLive() {
        IssuedToken issued = store.tokens().create(ALICE, Optional.of(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(59));
        assertThat(store.tokens().authenticate(issued.secret())).contains(ALICE);

        clock.advance(Duration.ofMinutes(1));
        assertThat(store.tokens().authenticate(issued.secret())).isEmpty();
        assertThat(store.tokens().list()).extracting(ApiToken::id).contains(issued.token().id());
    }

    @Test
    void tokenWithoutTimeToLiveDoesNotExpire() {
        IssuedToken issued = store.tokens().create(ALICE, Optional.empty());

        clock.advance(Duration.ofDays(3650));

        assertThat(store.tokens().authenticate(issued.secret())).contains(ALICE);
    }

    @Test
    void wrongSecretDoesNotAuthenticate() {
        IssuedToken issued = store.tokens().create(ALICE, Optional.empty());
        Matcher matcher = SECRET_FORMAT.matcher(issued.secret());
        assertThat(matcher.matches()).isTrue();
        String random = matcher.group(2);
        char last = random.charAt(random.length() - 1);
        String oneCharacterOff = issued.secret().substring(0, issued.secret().length() - 1) + (last == 'a' ? 'b' : 'a');
        String otherTokensRandomPart = store.tokens().create(BOB, Optional.empty()).secret()
                .replaceFirst("^ns_[0-9A-Za-z]+_", "ns_" + issued.token().id() + "_");
        String unknownId = issued.secret().replace(issued.token().id(), "000000000000");

        assertThat(store.tokens().authenticate(oneCharacterOff)).isEmpty();
        assertThat(store.tokens().authenticate(otherTokensRandomPart)).isEmpty();
        assertThat(store.tokens().authenticate(unknownId)).isEmpty();
        assertThat(store.tokens().find(issued.token().id()).orElseThrow().lastUsedAt())
                .as("failed attempts are not uses").isEmpty();
    }

    @Test
    void malformedSecretsAuthenticateNoOneWithoutError() {
        IssuedToken issued = store.tokens().create(ALICE, Optional.empty());
        List<String> malformed = List.of("", " ", "ns_", "ns__", "token", "ns_abc_def",
                issued.secret() + "x", issued.secret().substring(0, issued.secret().length() - 1),
                " " + issued.secret(), issued.secret() + "\n", "Bearer " + issued.secret(),
                issued.secret().replace("ns_", "NS_"), issued.secret().replace("ns_", "xx_"),
                issued.token().id(), "ns_" + issued.token().id() + "_' OR '1'='1",
                "ns_" + "x".repeat(10_000));

        for (String secret : malformed) {
            assertThat(store.tokens().authenticate(secret)).as("authenticate(%s)", secret.strip()).isEmpty();
        }
        assertThat(store.tokens().authenticate(null)).isEmpty();
    }

    @Test
    void databaseHoldsOnlyTheHashOfTheSecret() throws Exception {
        IssuedToken issued = store.tokens().create(ALICE, Optional.empty());
        String randomPart = issued.secret().substring(issued.secret().lastIndexOf('_') + 1);
        String expectedHash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(issued.secret().getBytes(StandardCharsets.UTF_8)));

        List<String> values = new ArrayList<>();
        try (Connection connection = connectDirectly(config);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM ns_api_tokens")) {
            ResultSetMetaData metadata = rows.getMetaData();
            assertThat(rows.next()).isTrue();
            for (int column = 1; column <= metadata.getColumnCount(); column++) {
                values.add(String.valueOf(rows.getObject(column)));
            }
            assertThat(rows.getString("secret_hash")).isEqualTo(expectedHash).isNotEqualTo(issued.secret());
            assertThat(rows.next()).isFalse();
        }
        assertThat(values).allSatisfy(value -> assertThat(value)
                .doesNotContain(issued.secret())
                .doesNotContain(randomPart));
    }

    @Test
    void authenticationRecordsLastUseToTheMinute() {
        IssuedToken issued = store.tokens().create(ALICE, Optional.empty());
        clock.advance(Duration.ofSeconds(5));
        Instant firstUse = now();

        store.tokens().authenticate(issued.secret());
        assertThat(store.tokens().find(issued.token().id()).orElseThrow().lastUsedAt()).contains(firstUse);

        clock.advance(Duration.ofSeconds(30));
        store.tokens().authenticate(issued.secret());
        assertThat(store.tokens().find(issued.token().id()).orElseThrow().lastUsedAt())
                .as("a use within a minute of the last one is not written").contains(firstUse);

        clock.advance(Duration.ofSeconds(31));
        store.tokens().authenticate(issued.secret());
        assertThat(store.tokens().find(issued.token().id()).orElseThrow().lastUsedAt()).contains(now());
    }

    @Test
    void createRejectsTimeToLiveThatIsNotPositive() {
        for (Duration timeToLive : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            assertThatThrownBy(() -> store.tokens().create(ALICE, Optional.of(timeToLive)))
                    .isInstanceOfSatisfying(NorthstarException.class, e ->
                            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageContaining("time to live must be positive")
                    .hasMessageContaining(timeToLive.toString());
        }
        assertThatThrownBy(() -> store.tokens().create(ALICE, Optional.of(Duration.ofSeconds(Long.MAX_VALUE))))
                .isInstanceOfSatisfying(NorthstarException.class, e ->
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> store.tokens().create(Principal.of(" "), Optional.empty()))
                .isInstanceOfSatisfying(NorthstarException.class, e ->
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("principal name");
        assertThat(store.tokens().list()).isEmpty();
    }

    @Test
    void findUnknownTokenIsEmpty() {
        assertThat(store.tokens().find("000000000000")).isEmpty();
    }

    // ---- runs --------------------------------------------------------------------------------------------------

    private RunRecord run(String id, String target, Instant startedAt, String status, String fingerprint) {
        return new RunRecord(id, "load", target, status, startedAt, Optional.empty(), 0, 0, Optional.empty(),
                Optional.ofNullable(fingerprint), Optional.empty(), Map.of());
    }

    @Test
    void savedRunIsFoundWithEveryField() {
        RunRecord run = new RunRecord("7b6f1f0e-1a9b-4c53-9d2e-0d1c2b3a4f5e", "load", "retail.orders",
                RunRecord.FAILED, now(), Optional.of(now().plusSeconds(42)), 1_000_000L, 999_998L,
                Optional.of(4_611_686_018_427_387_904L), Optional.of("sha256:ab12"),
                Optional.of("2 rows broke the contract: 'amount' must be >= 0 (line 17, 23)"),
                Map.of("source", "orders.csv", "quarantined", "2", "unicode", "Zürich ✓"));

        store.runs().save(run);

        assertThat(store.runs().find(run.id())).contains(run);
    }

    @Test
    void runWithoutOptionalFieldsRoundTrips() {
        RunRecord run = run("run-1", "retail.orders", now(), RunRecord.RUNNING, null);

        store.runs().save(run);

        assertThat(store.runs().find("run-1")).contains(run);
    }

    @Test
    void timesAreKeptToTheMillisecond() {
        RunRecord run = run("run-1", "retail.orders", START, RunRecord.RUNNING, null);

        store.runs().save(run);

        assertThat(store.runs().find("run-1").orElseThrow().startedAt())
                .isEqualTo(START.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void savingAgainReplacesTheRun() {
        RunRecord running = run("run-1", "retail.orders", now(), RunRecord.RUNNING, "sha256:ab12");
        store.runs().save(running);
        RunRecord succeeded = new RunRecord("run-1", "load", "retail.orders", RunRecord.SUCCEEDED, now(),
                Optional.of(now().plusSeconds(3)), 10, 10, Optional.of(123L), Optional.of("sha256:ab12"),
                Optional.empty(), Map.of("files", "1"));

        store.runs().save(succeeded);

        assertThat(store.runs().find("run-1")).contains(succeeded);
        assertThat(store.runs().forTarget("retail.orders", 10)).containsExactly(succeeded);
    }

    @Test
    void findUnknownRunIsEmpty() {
        assertThat(store.runs().find("no-such-run")).isEmpty();
    }

    @Test
    void forTargetListsNewestFirstUpToTheLimit() {
        for (int index = 0; index < 5; index++) {
            store.runs().save(run("orders-" + index, "retail.orders", now().plusSeconds(index), RunRecord.SUCCEEDED,
                    null));
        }
        store.runs().save(run("customers-0", "retail.customers", now().plusSeconds(10), RunRecord.SUCCEEDED, null));

        assertThat(store.runs().forTarget("retail.orders", 3)).extracting(RunRecord::id)
                .containsExactly("orders-4", "orders-3", "orders-2");
        assertThat(store.runs().forTarget("retail.orders", 100)).extracting(RunRecord::id)
                .containsExactly("orders-4", "orders-3", "orders-2", "orders-1", "orders-0");
        assertThat(store.runs().forTarget("retail.customers", 100)).extracting(RunRecord::id)
                .containsExactly("customers-0");
        assertThat(store.runs().forTarget("retail.nothing", 100)).isEmpty();
    }

    @Test
    void forTargetRejectsLimitBelowOne() {
        assertThatThrownBy(() -> store.runs().forTarget("retail.orders", 0))
                .isInstanceOfSatisfying(NorthstarException.class, e ->
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("at least 1, got 0");
    }

    @Test
    void findSucceededReturnsTheLatestSuccessfulRunWithThatFingerprint() {
        Instant t = now();
        store.runs().save(run("old-success", "retail.orders", t, RunRecord.SUCCEEDED, "sha256:aa"));
        store.runs().save(run("new-success", "retail.orders", t.plusSeconds(60), RunRecord.SUCCEEDED, "sha256:aa"));
        store.runs().save(run("newest-failure", "retail.orders", t.plusSeconds(120), RunRecord.FAILED, "sha256:aa"));
        store.runs().save(run("still-running", "retail.orders", t.plusSeconds(180), RunRecord.RUNNING, "sha256:aa"));
        store.runs().save(run("other-file", "retail.orders", t.plusSeconds(240), RunRecord.SUCCEEDED, "sha256:bb"));
        store.runs().save(run("other-target", "retail.customers", t.plusSeconds(300), RunRecord.SUCCEEDED,
                "sha256:aa"));
        store.runs().save(new RunRecord("other-kind", "delete", "retail.orders", RunRecord.SUCCEEDED,
                t.plusSeconds(360), Optional.empty(), 0, 0, Optional.empty(), Optional.of("sha256:aa"),
                Optional.empty(), Map.of()));

        assertThat(store.runs().findSucceeded("load", "retail.orders", "sha256:aa"))
                .map(RunRecord::id).contains("new-success");
        assertThat(store.runs().findSucceeded("load", "retail.orders", "sha256:bb"))
                .map(RunRecord::id).contains("other-file");
        assertThat(store.runs().findSucceeded("delete", "retail.orders", "sha256:aa"))
                .map(RunRecord::id).contains("other-kind");
        assertThat(store.runs().findSucceeded("load", "retail.orders", "sha256:cc")).isEmpty();
        assertThat(store.runs().findSucceeded("load", "retail.nothing", "sha256:aa")).isEmpty();
    }

    // ---- migrations and sharing ----------------------------------------------------------------------------------

    @Test
    void schemaVersionIsTheNewestMigration() {
        assertThat(store.schemaVersion()).isEqualTo("1");
    }

    @Test
    void openingAgainAppliesNoMigrationTwiceAndKeepsData() throws Exception {
        IssuedToken issued = store.tokens().create(ALICE, Optional.empty());
        store.runs().save(run("run-1", "retail.orders", now(), RunRecord.RUNNING, null));
        store.close();

        MetadataStore reopened = open(config);
        MetadataStore alongside = open(config);

        assertThat(reopened.schemaVersion()).isEqualTo(alongside.schemaVersion()).isEqualTo("1");
        assertThat(reopened.tokens().authenticate(issued.secret())).contains(ALICE);
        assertThat(alongside.runs().find("run-1")).isPresent();
        try (Connection connection = connectDirectly(config);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM " + JdbcMetadataStore.SCHEMA_HISTORY_TABLE + " WHERE version = '1'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void storesOnTheSameDatabaseSeeEachOthersWrites() {
        MetadataStore other = open(config);

        IssuedToken issued = other.tokens().create(BOB, Optional.empty());
        other.runs().save(run("run-1", "retail.orders", now(), RunRecord.RUNNING, null));

        assertThat(store.tokens().authenticate(issued.secret())).contains(BOB);
        assertThat(store.runs().find("run-1")).isPresent();
        other.tokens().revoke(issued.token().id());
        assertThat(store.tokens().authenticate(issued.secret())).isEmpty();
    }

    @Test
    void migratesADatabaseThatAlreadyHoldsTheIcebergCatalog() throws Exception {
        LakeConfig catalogFirst = freshDatabase();
        try (Connection connection = connectDirectly(catalogFirst);
                Statement statement = connection.createStatement()) {
            // The layout Iceberg's JdbcCatalog creates, so Flyway meets a non-empty schema without its history.
            statement.execute("CREATE TABLE iceberg_tables (catalog_name VARCHAR(255) NOT NULL,"
                    + " table_namespace VARCHAR(255) NOT NULL, table_name VARCHAR(255) NOT NULL,"
                    + " metadata_location VARCHAR(1000), previous_metadata_location VARCHAR(1000),"
                    + " iceberg_type VARCHAR(5),"
                    + " PRIMARY KEY (catalog_name, table_namespace, table_name))");
            statement.execute("CREATE TABLE iceberg_namespace_properties (catalog_name VARCHAR(255) NOT NULL,"
                    + " namespace VARCHAR(255) NOT NULL, property_key VARCHAR(255) NOT NULL,"
                    + " property_value VARCHAR(1000), PRIMARY KEY (catalog_name, namespace, property_key))");
            statement.execute("INSERT INTO iceberg_tables VALUES ('northstar', 'retail', 'orders',"
                    + " 'file:/warehouse/retail/orders/metadata/v1.metadata.json', NULL, 'TABLE')");
        }

        MetadataStore migrated = open(catalogFirst);

        assertThat(migrated.schemaVersion()).isEqualTo("1");
        IssuedToken issued = migrated.tokens().create(ALICE, Optional.empty());
        assertThat(migrated.tokens().authenticate(issued.secret())).contains(ALICE);
        try (Connection connection = connectDirectly(catalogFirst);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_name FROM iceberg_tables")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("orders");
        }
    }

    @Test
    void concurrentWritersAllSucceed() throws Exception {
        MetadataStore other = open(config);
        int threads = 4;
        int tokensPerThread = 25;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                MetadataStore writer = thread % 2 == 0 ? store : other;
                int threadNumber = thread;
                futures.add(executor.submit(() -> {
                    for (int index = 0; index < tokensPerThread; index++) {
                        IssuedToken issued = writer.tokens().create(Principal.of("user-" + threadNumber),
                                Optional.empty());
                        assertThat(writer.tokens().authenticate(issued.secret())).isPresent();
                        writer.runs().save(run("run-" + threadNumber + "-" + index, "retail.orders", now(),
                                RunRecord.SUCCEEDED, null));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(store.tokens().list()).hasSize(threads * tokensPerThread);
        assertThat(other.runs().forTarget("retail.orders", 1000)).hasSize(threads * tokensPerThread);
    }

    @Test
    void closedStoreRefusesWork() {
        store.close();

        assertThatThrownBy(() -> store.runs().find("run-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
