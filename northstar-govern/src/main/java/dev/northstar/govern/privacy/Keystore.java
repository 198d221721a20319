package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Data keys in the metadata database ({@code ns_privacy_keys}, migration V9), each wrapped by the {@link MasterKey}:
 * versioned HMAC-SHA256 keys for keyed pseudonyms (rotation adds a version; older ones stay to verify and re-identify
 * values written with them) and one AES-256 key per data subject, shredded on erasure so that every value encrypted
 * with it becomes unreadable wherever a copy survives (crypto-shredding). Key material never leaves this package.
 * Thread-safe.
 */
public final class Keystore {
    private static final String COLUMNS = "key_id, kind, version, status, created_at, created_by, retired_at,"
            + " shredded_at";
    private static final String PSEUDONYMISE_PREFIX = "pseudonymise-v";
    private static final String SUBJECT_PREFIX = "subject-";

    private final MetadataDatabase database;
    private final MasterKey masterKey;
    private final Clock clock;

    public Keystore(MetadataDatabase database, MasterKey masterKey) {
        this(database, masterKey, Clock.systemUTC());
    }

    /** With the clock that stamps keys (tests). */
    public Keystore(MetadataDatabase database, MasterKey masterKey, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.masterKey = requireNonNull(masterKey, "masterKey is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Every key: pseudonymisation keys newest version first, then subject keys by creation. */
    public List<KeyInfo> list() {
        return database.call("list the privacy keys", handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM ns_privacy_keys ORDER BY kind, version DESC, created_at, key_id")
                .map((row, context) -> info(row)).list());
    }

    /**
     * Creates a new pseudonymisation key version and makes it the active one; the previous active version becomes
     * {@code RETIRED}: no longer used for new values, kept to verify and re-identify the values written with it.
     *
     * @return the new key
     */
    public KeyInfo rotate(String by) {
        requireNonNull(by, "by is null");
        long now = clock.millis();
        return database.call("rotate the pseudonymisation key", handle -> handle.inTransaction(tx -> {
            long version = tx.createQuery("SELECT COALESCE(MAX(version), 0) FROM ns_privacy_keys WHERE kind = :kind")
                    .bind("kind", KeyInfo.Kind.PSEUDONYMISE.name()).mapTo(Long.class).one() + 1;
            tx.createUpdate("UPDATE ns_privacy_keys SET status = :retired, retired_at = :now"
                            + " WHERE kind = :kind AND status = :active")
                    .bind("retired", KeyInfo.Status.RETIRED.name()).bind("now", now)
                    .bind("kind", KeyInfo.Kind.PSEUDONYMISE.name()).bind("active", KeyInfo.Status.ACTIVE.name())
                    .execute();
            String id = PSEUDONYMISE_PREFIX + version;
            insert(tx, id, KeyInfo.Kind.PSEUDONYMISE, version, now, by);
            return find(tx, id).orElseThrow();
        }));
    }

    /**
     * Destroys a retired pseudonymisation key version: values written with it can no longer be verified or
     * re-identified.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown version, {@code INVALID_ARGUMENT} for the
     *     active version (rotate first)
     */
    public KeyInfo destroy(long version, String by) {
        requireNonNull(by, "by is null");
        String id = PSEUDONYMISE_PREFIX + version;
        return database.call("destroy pseudonymisation key " + id, handle -> handle.inTransaction(tx -> {
            KeyInfo key = find(tx, id).orElseThrow(() -> new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND,
                    "No pseudonymisation key version " + version, "List the keys with `northstar privacy keys list`"));
            if (key.status() == KeyInfo.Status.ACTIVE) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                        "Pseudonymisation key version " + version + " is the active one and cannot be destroyed",
                        "Rotate first with `northstar privacy keys rotate`, then destroy the retired version");
            }
            shred(tx, id);
            return find(tx, id).orElseThrow();
        }));
    }

    /** The active pseudonymisation key, created (version 1) on first use. */
    DataKey activePseudonymKey() {
        Optional<DataKey> active = database.call("read the active pseudonymisation key", handle -> handle
                .createQuery("SELECT key_id, version, wrapped_key FROM ns_privacy_keys WHERE kind = :kind"
                        + " AND status = :active")
                .bind("kind", KeyInfo.Kind.PSEUDONYMISE.name()).bind("active", KeyInfo.Status.ACTIVE.name())
                .map((row, context) -> dataKey(row)).findOne());
        if (active.isPresent()) {
            return active.get();
        }
        try {
            rotate("northstar");
        } catch (NorthstarException e) {
            // Another process created version 1 at the same moment: its key is as good as ours.
            if (e.code() != ErrorCode.INTERNAL) {
                throw e;
            }
        }
        return activePseudonymKey();
    }

    /**
     * A pseudonymisation key version, to verify or re-identify a value written with it.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} when the version does not exist or was destroyed
     */
    DataKey pseudonymKey(long version) {
        String id = PSEUDONYMISE_PREFIX + version;
        return database.call("read pseudonymisation key " + id, handle -> handle
                        .createQuery("SELECT key_id, version, wrapped_key FROM ns_privacy_keys WHERE key_id = :id"
                                + " AND wrapped_key IS NOT NULL")
                        .bind("id", id).map((row, context) -> dataKey(row)).findOne())
                .orElseThrow(() -> new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND,
                        "Pseudonymisation key version " + version + " does not exist or was destroyed",
                        "List the keys with `northstar privacy keys list`"));
    }

    /**
     * The data key of a subject, created on first use.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} when the subject's key was shredded (the subject was
     *     erased: nothing more may be encrypted for it)
     */
    DataKey subjectKey(String subject) {
        String id = subjectKeyId(subject);
        Optional<DataKey> existing = existingSubjectKey(subject);
        if (existing.isPresent()) {
            return existing.get();
        }
        database.call("create the data key of a subject", handle -> handle.inTransaction(tx -> {
            if (find(tx, id).isEmpty()) {
                insert(tx, id, KeyInfo.Kind.SUBJECT, 1, clock.millis(), "northstar");
            }
            return null;
        }));
        return existingSubjectKey(subject).orElseThrow();
    }

    /**
     * The data key of a subject if it exists.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} when it was shredded
     */
    Optional<DataKey> existingSubjectKey(String subject) {
        String id = subjectKeyId(subject);
        Optional<KeyInfo> info = database.call("read the data key of a subject", handle -> find(handle, id));
        if (info.isPresent() && info.get().status() == KeyInfo.Status.SHREDDED) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "The data key of this subject was shredded when the subject was erased (" + id + ")",
                    "Values of an erased subject can no longer be encrypted or decrypted");
        }
        return database.call("read the data key of a subject", handle -> handle
                .createQuery("SELECT key_id, version, wrapped_key FROM ns_privacy_keys WHERE key_id = :id"
                        + " AND wrapped_key IS NOT NULL")
                .bind("id", id).map((row, context) -> dataKey(row)).findOne());
    }

    /**
     * Shreds a subject's data key: its wrapped material is overwritten with NULL, so every value encrypted for the
     * subject is unreadable from now on. Idempotent.
     *
     * @return whether a key existed and was shredded now
     */
    public boolean shredSubjectKey(String subject) {
        String id = subjectKeyId(subject);
        return database.call("shred the data key of a subject", handle -> handle.inTransaction(tx -> {
            Optional<KeyInfo> key = find(tx, id);
            if (key.isEmpty() || key.get().status() == KeyInfo.Status.SHREDDED) {
                return false;
            }
            shred(tx, id);
            return true;
        }));
    }

    /** The id of a subject's key: a digest, so the key list does not show who the subjects are. */
    public static String subjectKeyId(String subject) {
        requireNonNull(subject, "subject is null");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return SUBJECT_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private void shred(Handle handle, String id) {
        handle.createUpdate("UPDATE ns_privacy_keys SET status = :shredded, wrapped_key = NULL, shredded_at = :now,"
                        + " retired_at = COALESCE(retired_at, :now) WHERE key_id = :id")
                .bind("shredded", KeyInfo.Status.SHREDDED.name()).bind("now", clock.millis()).bind("id", id)
                .execute();
    }

    private void insert(Handle handle, String id, KeyInfo.Kind kind, long version, long now, String by) {
        byte[] material = MasterKey.randomBytes(MasterKey.KEY_BYTES);
        handle.createUpdate("INSERT INTO ns_privacy_keys (key_id, kind, version, status, wrapped_key, created_at,"
                        + " created_by) VALUES (:id, :kind, :version, :status, :wrapped, :now, :by)")
                .bind("id", id).bind("kind", kind.name()).bind("version", version)
                .bind("status", KeyInfo.Status.ACTIVE.name()).bind("wrapped", masterKey.wrap(id, material))
                .bind("now", now).bind("by", by)
                .execute();
        java.util.Arrays.fill(material, (byte) 0);
    }

    private static Optional<KeyInfo> find(Handle handle, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM ns_privacy_keys WHERE key_id = :id").bind("id", id)
                .map((row, context) -> info(row)).findOne();
    }

    private DataKey dataKey(ResultSet row) throws SQLException {
        String id = row.getString("key_id");
        return new DataKey(id, row.getLong("version"), masterKey.unwrap(id, row.getString("wrapped_key")));
    }

    private static KeyInfo info(ResultSet row) throws SQLException {
        return new KeyInfo(row.getString("key_id"), KeyInfo.Kind.valueOf(row.getString("kind")),
                row.getLong("version"), KeyInfo.Status.valueOf(row.getString("status")),
                Instant.ofEpochMilli(row.getLong("created_at")), row.getString("created_by"),
                instant(row, "retired_at"), instant(row, "shredded_at"));
    }

    private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    /** Unwrapped key material, for this package only; {@link #toString} never shows it. */
    record DataKey(String id, long version, byte[] material) {
        @Override
        public String toString() {
            return "DataKey[" + id + ", redacted]";
        }
    }
}
