package dev.northstar.ingest;

/** How an ingestion or replay run ended. */
public enum IngestStatus {
    /** Rows were committed (valid ones to the product, the others to the quarantine table). */
    SUCCEEDED,
    /** The same source was already ingested into the product successfully; nothing was done. */
    SKIPPED,
    /** Nothing was committed: a policy failed the run ({@code onViolation: fail}, quarantine share exceeded). */
    FAILED
}
