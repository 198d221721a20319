package dev.northstar.govern.gateway;

import dev.northstar.govern.policy.AccessPolicy;
import dev.northstar.govern.policy.TableAccess;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small real access policy: a fixed decision per principal name and table, default deny; a purpose, when a
 * decision names one, must be declared.
 */
record FixedPolicy(Map<String, Map<TableId, TableAccess>> decisions, Map<TableId, String> requiredPurposes)
        implements AccessPolicy {
    @Override
    public TableAccess access(Principal principal, Optional<String> purpose, TableId table, List<String> columns) {
        String required = requiredPurposes.get(table);
        if (required != null && !purpose.map(required::equals).orElse(false)) {
            return TableAccess.denied(table, "deny: " + table + " may only be read for purpose " + required);
        }
        TableAccess access = decisions.getOrDefault(principal.name(), Map.of()).get(table);
        return access != null ? access
                : TableAccess.denied(table, "deny: no policy allows " + principal.name() + " to read " + table);
    }
}
