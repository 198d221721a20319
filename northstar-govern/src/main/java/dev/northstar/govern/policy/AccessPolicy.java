package dev.northstar.govern.policy;

import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * The decision point of access control: what a principal may read of a table for a purpose. The policy engine
 * implements it from YAML policies (default deny); the governed SQL gateway enforces what it returns.
 */
public interface AccessPolicy {
    /**
     * @param principal who reads
     * @param purpose the purpose the query declares, if any
     * @param table the table read
     * @param columns the table's columns
     */
    TableAccess access(Principal principal, Optional<String> purpose, TableId table, List<String> columns);
}
