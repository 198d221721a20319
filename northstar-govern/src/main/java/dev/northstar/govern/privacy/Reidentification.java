package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.time.Clock;
import java.util.List;

/**
 * The only way to read an encrypted value in clear: the principal must be allowed by the
 * {@link ReidentificationPolicy} for the table, column and declared purpose, and every attempt, allowed or denied, is
 * recorded through {@link PrivacyAudit} before anything is decrypted.
 */
public final class Reidentification {
    private final Protector protector;
    private final ReidentificationPolicy policy;
    private final PrivacyAudit audit;
    private final Clock clock;

    public Reidentification(Protector protector, ReidentificationPolicy policy, PrivacyAudit audit, Clock clock) {
        this.protector = requireNonNull(protector, "protector is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Decrypts one value of a subject's row.
     *
     * @throws NorthstarException {@code FORBIDDEN} naming the principal, table and column when the policy does not
     *     allow it; {@code INVALID_ARGUMENT} when the value does not decrypt (see {@link Protector})
     */
    public String decrypt(String principal, String purpose, TableId table, String column, String subject,
            String ciphertext) {
        requireNonNull(principal, "principal is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
        boolean allowed = policy.allows(principal, table, column, purpose);
        audit.record(new PrivacyAudit.Event("privacy.reidentify", principal, purpose, allowed,
                List.of(table + "." + column), "decrypt one value of subject key " + Keystore.subjectKeyId(subject),
                clock.instant()));
        if (!allowed) {
            throw new NorthstarException(ErrorCode.FORBIDDEN,
                    "Principal '" + principal + "' may not re-identify " + table + "." + column + " for purpose '"
                            + purpose + "'",
                    "Ask the product owner for a policy that allows re-identification of this column");
        }
        return protector.decrypt(subject, column, ciphertext);
    }
}
