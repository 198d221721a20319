package dev.northstar.govern.lineage;

import java.util.Map;
import java.util.Set;

/**
 * Column-level lineage as a graph of direct edges: each output column and the input columns it is derived from.
 * The lineage graph implements it; classification propagates personal data along it.
 */
public interface ColumnLineage {
    /**
     * Every derived column with the columns it is directly computed from (one hop). A column with no known inputs is
     * absent.
     */
    Map<ColumnRef, Set<ColumnRef>> inputsByColumn();
}
