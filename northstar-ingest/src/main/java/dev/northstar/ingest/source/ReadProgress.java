package dev.northstar.ingest.source;

/** Hears how far a source's read is, from the reading thread. */
@FunctionalInterface
public interface ReadProgress {
    /** Ignores everything. */
    ReadProgress NONE = (rows, fraction) -> { };

    /**
     * @param rows records read so far
     * @param fraction share of the source read (by bytes), or -1 when unknown
     */
    void read(long rows, double fraction);
}
