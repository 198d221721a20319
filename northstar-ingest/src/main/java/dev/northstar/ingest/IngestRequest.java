package dev.northstar.ingest;

import static java.util.Objects.requireNonNull;

import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.ingest.source.Source;

/**
 * One ingestion: a source into the product its rules govern.
 *
 * @param source where rows come from
 * @param rules the product and what it enforces
 * @param force ingest even if this source's fingerprint was already ingested successfully into the product
 * @param listener progress
 */
public record IngestRequest(Source source, ProductRules rules, boolean force, ProgressListener listener) {
    public IngestRequest {
        requireNonNull(source, "source is null");
        requireNonNull(rules, "rules is null");
        requireNonNull(listener, "listener is null");
    }

    public static IngestRequest of(Source source, ProductRules rules) {
        return new IngestRequest(source, rules, false, ProgressListener.NONE);
    }

    public IngestRequest withForce(boolean value) {
        return new IngestRequest(source, rules, value, listener);
    }

    public IngestRequest withListener(ProgressListener value) {
        return new IngestRequest(source, rules, force, value);
    }
}
