package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;
import java.time.Instant;
import java.util.List;

/**
 * A contract version stored by {@link ProductRegistry#apply}.
 *
 * @param contractId the contract's ODCS id
 * @param version its semantic version
 * @param name contract name, may be empty
 * @param domain Northstar domain of its tables
 * @param dataProduct the data product (ODCS {@code dataProduct}, or the contract id when absent)
 * @param status ODCS status
 * @param source the file it was applied from
 * @param sha256 lower-case hex SHA-256 of the document
 * @param appliedAt when it was applied
 * @param active whether it is the version in force
 * @param tables the tables it governs
 */
public record ContractVersion(
        String contractId,
        String version,
        String name,
        String domain,
        String dataProduct,
        String status,
        String source,
        String sha256,
        Instant appliedAt,
        boolean active,
        List<TableId> tables) {
    public ContractVersion {
        requireNonNull(contractId, "contractId is null");
        requireNonNull(version, "version is null");
        requireNonNull(name, "name is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(dataProduct, "dataProduct is null");
        requireNonNull(status, "status is null");
        requireNonNull(source, "source is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(appliedAt, "appliedAt is null");
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
    }
}
