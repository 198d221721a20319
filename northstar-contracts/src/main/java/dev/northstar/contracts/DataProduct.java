package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A data product: the contracts (their versions in force) of one domain and product name.
 *
 * @param domain Northstar domain
 * @param name product name (ODCS {@code dataProduct}, or the contract id when absent)
 * @param contracts the active version of each of its contracts, with the tables they govern
 */
public record DataProduct(String domain, String name, List<ContractVersion> contracts) {
    public DataProduct {
        requireNonNull(domain, "domain is null");
        requireNonNull(name, "name is null");
        contracts = List.copyOf(requireNonNull(contracts, "contracts is null"));
    }
}
