package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The platform key of the SQL gateway's keyed-hash masks ({@code ns_mask_key}, migration V10): 32 random bytes
 * created on first use, one per installation, so that every process on the same metadata database masks a value to
 * the same pseudonym. With a master key it is stored wrapped (AES-GCM); without one it is stored as is — whoever can
 * read the metadata database of an embedded installation can read its warehouse too, so the mask key adds nothing
 * there, and configuring a master key later wraps it on next use.
 */
public final class MaskKey {
    static final String KEY_ID = "gateway-mask";

    private MaskKey() {}

    /**
     * The key's bytes, created on first use.
     *
     * @param masterKey the master key, when configured
     * @throws NorthstarException {@code INVALID_CONFIGURATION} when the stored key was wrapped by another master key
     */
    public static byte[] load(MetadataDatabase database, Optional<MasterKey> masterKey) {
        requireNonNull(database, "database is null");
        requireNonNull(masterKey, "masterKey is null");
        Optional<Stored> stored = read(database);
        if (stored.isEmpty()) {
            byte[] fresh = MasterKey.randomBytes(MasterKey.KEY_BYTES);
            try {
                insert(database, masterKey, fresh);
            } catch (NorthstarException e) {
                // Another process created it at the same moment: use theirs.
                if (read(database).isEmpty()) {
                    throw e;
                }
            }
            stored = read(database);
        }
        Stored key = stored.orElseThrow();
        if (key.wrapped()) {
            if (masterKey.isEmpty()) {
                throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                        "The gateway's mask key is wrapped by a master key, and none is configured",
                        "Set NORTHSTAR_MASTER_KEY (or " + MasterKey.FILE_SETTING + ") to this installation's"
                                + " master key");
            }
            return masterKey.get().unwrap(KEY_ID, key.material());
        }
        byte[] plain = Base64.getDecoder().decode(key.material());
        if (masterKey.isPresent()) {
            String wrapped = masterKey.get().wrap(KEY_ID, plain);
            database.call("wrap the gateway mask key", handle -> handle.createUpdate(
                            "UPDATE ns_mask_key SET wrapped = 1, material = :material WHERE key_id = :id AND wrapped = 0")
                    .bind("material", wrapped).bind("id", KEY_ID).execute());
        }
        return plain;
    }

    private record Stored(boolean wrapped, String material) {}

    private static Optional<Stored> read(MetadataDatabase database) {
        return database.call("read the gateway mask key", handle -> handle.createQuery(
                        "SELECT wrapped, material FROM ns_mask_key WHERE key_id = :id")
                .bind("id", KEY_ID)
                .map((row, context) -> new Stored(row.getInt(1) == 1, row.getString(2)))
                .findOne());
    }

    private static void insert(MetadataDatabase database, Optional<MasterKey> masterKey, byte[] key) {
        String material = masterKey.map(master -> master.wrap(KEY_ID, key))
                .orElseGet(() -> Base64.getEncoder().encodeToString(key));
        database.call("create the gateway mask key", handle -> handle.createUpdate(
                        "INSERT INTO ns_mask_key (key_id, wrapped, material, created_at)"
                                + " VALUES (:id, :wrapped, :material, :now)")
                .bind("id", KEY_ID).bind("wrapped", masterKey.isPresent() ? 1 : 0).bind("material", material)
                .bind("now", Clock.systemUTC().millis()).execute());
    }
}
