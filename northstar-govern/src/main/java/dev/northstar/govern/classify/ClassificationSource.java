package dev.northstar.govern.classify;

import java.util.Locale;

/** Where a column's class comes from, strongest first: contract › accepted suggestion › propagated along lineage. */
public enum ClassificationSource {
    /** The ODCS {@code classification} of the property in the table's active contract: authoritative. */
    CONTRACT,
    /** A detector's suggestion a steward accepted. */
    ACCEPTED,
    /** Inherited from a personal column upstream in the column lineage. */
    PROPAGATED;

    /** Lower case, as the API and console show it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
