package dev.northstar.ingest.lineage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What an ingestion run measured, for the data-quality facets of its COMPLETE event.
 *
 * @param rowsIn rows read from the source
 * @param rowsValid rows written to the product
 * @param rowsQuarantined rows written to the quarantine table and not to the product
 * @param nullCounts per product column, rows without a typed value
 * @param assertions one per rule: its id, column and whether no row broke it
 */
public record RunOutcome(long rowsIn, long rowsValid, long rowsQuarantined, Map<String, Long> nullCounts,
        List<Assertion> assertions) {
    public RunOutcome {
        nullCounts = Map.copyOf(requireNonNull(nullCounts, "nullCounts is null"));
        assertions = List.copyOf(requireNonNull(assertions, "assertions is null"));
    }

    /**
     * The result of one rule over the run's rows.
     *
     * @param rule rule id, e.g. {@code orders.amount.maximum}
     * @param column product column
     * @param passed no row broke it
     */
    public record Assertion(String rule, String column, boolean passed) {}
}
