package dev.northstar.govern.privacy;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.util.Set;

/**
 * Decides whether a principal may re-identify (decrypt) a protected column for a purpose. The ABAC policies of
 * issue 5 item 1 implement it; {@link #DENY_ALL} is the default so that nothing is re-identified unless a policy
 * says so.
 */
@FunctionalInterface
public interface ReidentificationPolicy {
    /** Nobody may re-identify. */
    ReidentificationPolicy DENY_ALL = (principal, table, column, purpose) -> false;

    boolean allows(String principal, TableId table, String column, String purpose);

    /** Only these principals may re-identify, any column, any purpose (configuration: {@code privacy.reidentifiers}). */
    static ReidentificationPolicy principals(Set<String> principals) {
        Set<String> allowed = Set.copyOf(requireNonNull(principals, "principals is null"));
        return (principal, table, column, purpose) -> allowed.contains(principal);
    }
}
