/**
 * Governance over the platform's own state: the catalog and its search ({@code catalog}), lineage from OpenLineage
 * events and SQL ({@code lineage}), and PII/PHI classification with steward review ({@code classify}).
 */
package dev.northstar.govern;
