package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ProductRegistry;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The privacy stage wired from the settings, so the CLI, the server and ingestion build it one way: the keystore (when
 * a master key is configured), the protection of columns at collection, audited re-identification for the principals
 * listed in {@code privacy.reidentifiers}, and data-subject requests.
 */
public final class Privacy {
    /** Setting: comma-separated principals allowed to re-identify (until access policies decide it). */
    public static final String REIDENTIFIERS_SETTING = "privacy.reidentifiers";

    private final Optional<Keystore> keystore;
    private final Optional<Protector> protector;
    private final CollectionProtection collection;
    private final SubjectRequests requests;
    private final Reidentification reidentification;

    private Privacy(Lakehouse lake, MetadataDatabase database, Optional<MasterKey> masterKey,
            ReidentificationPolicy policy, PrivacyAudit audit, Clock clock) {
        this.keystore = masterKey.map(key -> new Keystore(database, key, clock));
        this.protector = keystore.map(Protector::new);
        this.collection = new CollectionProtection(new ProductRegistry(database, lake), protector);
        this.requests = new SubjectRequests(lake, database, keystore, audit, clock);
        this.reidentification = protector.map(keys -> new Reidentification(keys, policy, audit, clock))
                .orElse(null);
    }

    /** From the settings of a data directory; a missing master key leaves the keystore off. */
    public static Privacy open(Lakehouse lake, MetadataDatabase database, Settings settings, PrivacyAudit audit) {
        requireNonNull(settings, "settings is null");
        Set<String> reidentifiers = settings.value(REIDENTIFIERS_SETTING).stream()
                .flatMap(text -> Arrays.stream(text.split(","))).map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
        return new Privacy(requireNonNull(lake, "lake is null"), requireNonNull(database, "database is null"),
                MasterKey.find(settings), reidentifiers.isEmpty() ? ReidentificationPolicy.DENY_ALL
                        : ReidentificationPolicy.principals(reidentifiers),
                requireNonNull(audit, "audit is null"), Clock.systemUTC());
    }

    /** From the settings of the lake's data directory (environment included). */
    public static Privacy open(Lakehouse lake, MetadataDatabase database, PrivacyAudit audit) {
        return open(lake, database, Settings.load(lake.config().home()), audit);
    }

    /**
     * The keystore.
     *
     * @throws NorthstarException {@code INVALID_CONFIGURATION} when no master key is configured
     */
    public Keystore keystore() {
        return keystore.orElseThrow(Privacy::noMasterKey);
    }

    /** Whether a master key is configured. */
    public boolean hasKeystore() {
        return keystore.isPresent();
    }

    /** The ingestion hook protecting columns at collection. */
    public CollectionProtection collection() {
        return collection;
    }

    public SubjectRequests requests() {
        return requests;
    }

    /**
     * Re-identification.
     *
     * @throws NorthstarException {@code INVALID_CONFIGURATION} when no master key is configured
     */
    public Reidentification reidentification() {
        if (reidentification == null) {
            throw noMasterKey();
        }
        return reidentification;
    }

    private static NorthstarException noMasterKey() {
        return new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                "No master key is configured for the privacy keystore",
                "Set NORTHSTAR_MASTER_KEY to 32 random bytes in base64 (e.g. `openssl rand -base64 32`), or name a"
                        + " file holding them with the setting " + MasterKey.FILE_SETTING);
    }
}
