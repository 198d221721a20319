package dev.northstar.ml.serving;

/** Observes scoring, e.g. to feed a metrics registry. Called on the request's thread: keep it cheap. */
public interface ScoringListener {
    /** Outcome of a request that was scored. */
    String SCORED = "scored";
    /** Outcome of a request refused for its content (unknown model, bad field). */
    String REFUSED = "refused";
    /** Outcome of a request that failed for another reason. */
    String FAILED = "failed";

    /** A request ended with {@code outcome} after {@code nanos}. */
    void scored(String model, String outcome, long nanos);

    /** Ignores everything. */
    ScoringListener NONE = (model, outcome, nanos) -> { };
}
