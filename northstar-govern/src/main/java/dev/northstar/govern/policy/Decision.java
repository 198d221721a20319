package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's answer: what a principal, for a purpose, would see of a table, column by column, and why.
 *
 * @param principal who reads
 * @param purpose the declared purpose
 * @param access what the SQL gateway enforces
 * @param columns each column's fate and the rule that decided it (empty when the whole table is denied)
 */
public record Decision(Principal principal, Optional<String> purpose, TableAccess access,
        List<ColumnDecision> columns) {
    public Decision {
        requireNonNull(principal, "principal is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(access, "access is null");
        columns = List.copyOf(columns);
    }
}
