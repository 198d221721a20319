package dev.northstar.ingest;

/**
 * Hears how a run advances, for progress bars. Called on the ingesting thread; keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = progress -> { };

    void progress(Progress progress);

    /**
     * Where a run is.
     *
     * @param phase {@code read}, {@code validate}, {@code stage}, {@code commit} or {@code done}
     * @param rows rows read so far
     * @param fractionDone 0..1 when the total is known (by bytes of the source read), else -1
     * @param elapsedMillis time since the run started
     */
    record Progress(String phase, long rows, double fractionDone, long elapsedMillis) {
        /** Rows per second so far. */
        public double rowsPerSecond() {
            return elapsedMillis <= 0 ? 0 : rows * 1000.0 / elapsedMillis;
        }

        /** Estimated milliseconds left, or -1 when the total is unknown. */
        public long etaMillis() {
            if (fractionDone <= 0 || fractionDone > 1) {
                return -1;
            }
            return Math.round(elapsedMillis * (1 - fractionDone) / fractionDone);
        }
    }
}
