package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.time.Instant;

/**
 * The contract in force for one table: what ingestion checks rows against and quality measures.
 *
 * @param table the table
 * @param contract the contract version in force
 * @param schemaObject the contract's schema object the table comes from
 * @param version the contract version
 * @param appliedAt when that version was applied
 */
public record ActiveContract(TableId table, DataContract contract, SchemaObject schemaObject, String version,
        Instant appliedAt) {
    public ActiveContract {
        requireNonNull(table, "table is null");
        requireNonNull(contract, "contract is null");
        requireNonNull(schemaObject, "schemaObject is null");
        requireNonNull(version, "version is null");
        requireNonNull(appliedAt, "appliedAt is null");
    }

    /** How violations are handled for this table. */
    public EnforcementPolicy policy() {
        return EnforcementPolicy.of(contract, schemaObject);
    }
}
