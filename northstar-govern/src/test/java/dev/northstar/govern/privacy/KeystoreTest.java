package dev.northstar.govern.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreTest {
    @TempDir
    Path home;

    private JdbcMetadataStore store;
    private String master;
    private Keystore keystore;

    /** The lake and metadata database to run on: embedded SQLite here, PostgreSQL in a subclass. */
    protected LakeConfig config(LakeConfig embedded) throws Exception {
        return embedded;
    }

    /** Drops what {@link #config} created outside the temporary directory. */
    protected void dropDatabases() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        store = JdbcMetadataStore.open(config(LakeConfig.embedded(home.resolve("data"))));
        master = MasterKey.generateBase64();
        keystore = new Keystore(store.database(), MasterKey.fromBase64(master, "test"));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        dropDatabases();
    }

    @Test
    void storesOnlyWrappedKeysAndNeverTheMasterKey() {
        Protector protector = new Protector(keystore);
        String pseudonym = protector.pseudonymise("alice@example.org");
        assertThat(pseudonym).startsWith("p1:").hasSize(3 + 64).doesNotContain("alice");
        assertThat(protector.pseudonymise("alice@example.org")).as("deterministic, so joins work").isEqualTo(pseudonym);
        List<String> wrapped = store.database().call("read", handle -> handle
                .createQuery("SELECT wrapped_key FROM ns_privacy_keys").mapTo(String.class).list());
        assertThat(wrapped).hasSize(1).allSatisfy(text -> assertThat(text).doesNotContain(master));
        assertThat(MasterKey.fromBase64(master, "test")).hasToString("MasterKey[redacted]");
    }

    @Test
    void rotationKeepsOldVersionsToVerifyUntilDestroyed() {
        Protector protector = new Protector(keystore);
        String first = protector.pseudonymise("FR7630006000011234567890189");
        KeyInfo second = keystore.rotate("officer");
        assertThat(second.version()).isEqualTo(2);
        String next = protector.pseudonymise("FR7630006000011234567890189");
        assertThat(next).startsWith("p2:").isNotEqualTo(first);
        assertThat(protector.matches(first, "FR7630006000011234567890189")).isTrue();
        assertThat(protector.matches(first, "FR7630006000011234567890188")).isFalse();
        assertThat(keystore.list()).extracting(KeyInfo::id, KeyInfo::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("pseudonymise-v2", KeyInfo.Status.ACTIVE),
                org.assertj.core.groups.Tuple.tuple("pseudonymise-v1", KeyInfo.Status.RETIRED));

        assertThatThrownBy(() -> keystore.destroy(2, "officer")).isInstanceOf(NorthstarException.class)
                .hasMessageContaining("active one");
        assertThat(keystore.destroy(1, "officer").status()).isEqualTo(KeyInfo.Status.SHREDDED);
        assertThatThrownBy(() -> protector.matches(first, "FR7630006000011234567890189"))
                .hasMessageContaining("version 1 does not exist or was destroyed");
    }

    @Test
    void aWrongMasterKeyIsRefusedWithoutRevealingEitherKey() {
        new Protector(keystore).pseudonymise("x");
        String other = MasterKey.generateBase64();
        Keystore wrong = new Keystore(store.database(), MasterKey.fromBase64(other, "test"));
        assertThatThrownBy(() -> new Protector(wrong).pseudonymise("x"))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.getMessage()).contains("not the one it was wrapped with")
                            .doesNotContain(master).doesNotContain(other);
                });
    }

    @Test
    void masterKeyComesFromTheEnvironmentOrAFile() throws Exception {
        String key = MasterKey.generateBase64();
        assertThat(MasterKey.find(Settings.load(home, Map.of("NORTHSTAR_MASTER_KEY", key)))).isPresent();
        Files.writeString(home.resolve("master.key"), key + "\n");
        assertThat(MasterKey.find(Settings.of(home, Map.of(MasterKey.FILE_SETTING, "master.key")))).isPresent();
        assertThatThrownBy(() -> MasterKey.load(Settings.of(home, Map.of())))
                .hasMessageContaining("No master key").isInstanceOf(NorthstarException.class);
        assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ=", "NORTHSTAR_MASTER_KEY"))
                .hasMessageContaining("5 bytes long, not 32").hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void encryptionIsPerSubjectAndShreddingMakesItUnreadable() {
        Protector protector = new Protector(keystore);
        List<PrivacyAudit.Event> events = new ArrayList<>();
        Reidentification reidentification = new Reidentification(protector,
                ReidentificationPolicy.principals(Set.of("dpo")), events::add, Clock.systemUTC());
        TableId table = TableId.parse("crm.customers");
        String ciphertext = protector.encrypt("C-1", "phone", "+33612345678");
        assertThat(ciphertext).startsWith("e1:").doesNotContain("33612345678");
        assertThat(protector.encrypt("C-1", "phone", "+33612345678")).as("random IV").isNotEqualTo(ciphertext);

        assertThat(reidentification.decrypt("dpo", "fraud", table, "phone", "C-1", ciphertext))
                .isEqualTo("+33612345678");
        assertThatThrownBy(() -> reidentification.decrypt("analyst", "fraud", table, "phone", "C-1", ciphertext))
                .isInstanceOfSatisfying(NorthstarException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("'analyst' may not re-identify crm.customers.phone");
        assertThatThrownBy(() -> reidentification.decrypt("dpo", "fraud", table, "phone", "C-2", ciphertext))
                .hasMessageContaining("No data key exists for this subject");
        assertThatThrownBy(() -> reidentification.decrypt("dpo", "fraud", table, "email", "C-1", ciphertext))
                .hasMessageContaining("does not decrypt");
        assertThat(events).extracting(PrivacyAudit.Event::principal, PrivacyAudit.Event::allowed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dpo", true), org.assertj.core.groups.Tuple.tuple("analyst", false),
                org.assertj.core.groups.Tuple.tuple("dpo", true), org.assertj.core.groups.Tuple.tuple("dpo", true));

        assertThat(keystore.shredSubjectKey("C-1")).isTrue();
        assertThat(keystore.shredSubjectKey("C-1")).isFalse();
        assertThatThrownBy(() -> reidentification.decrypt("dpo", "fraud", table, "phone", "C-1", ciphertext))
                .hasMessageContaining("shredded");
        long readable = store.database().call("read", handle -> handle.createQuery(
                "SELECT COUNT(*) FROM ns_privacy_keys WHERE kind = 'SUBJECT' AND wrapped_key IS NOT NULL")
                .mapTo(Long.class).one());
        assertThat(readable).isZero();
    }

    @Test
    void protectionsParseFromTheContractProperty() {
        assertThat(ColumnProtection.parse("age", "generalise:band:10").bandWidth()).isEqualTo(10);
        assertThat(ColumnProtection.parse("birth", "generalise:year").method())
                .isEqualTo(ColumnProtection.Method.GENERALISE_YEAR);
        assertThatThrownBy(() -> ColumnProtection.parse("email", "hash"))
                .hasMessageContaining("northstar.protect of column 'email' is 'hash'")
                .isInstanceOfSatisfying(NorthstarException.class, e -> assertThat(e.hint()).contains("pseudonymise"));
        assertThat(Protector.generaliseYear("birth", "1984-03-07")).isEqualTo("1984");
        assertThat(Protector.generaliseYear("seen", "2024-01-02T10:00:00Z")).isEqualTo("2024");
        assertThat(Protector.generaliseBand("age", "37", 10)).isEqualTo("30-39");
        assertThatThrownBy(() -> Protector.generaliseBand("age", "old", 10)).hasMessageContaining("not a number");
    }
}
