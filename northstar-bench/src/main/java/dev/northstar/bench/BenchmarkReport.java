package dev.northstar.bench;

import java.util.List;

/** What a benchmark prints: human lines, then one JSON object on the last line. */
public interface BenchmarkReport {
    /** Medians and ratios, one line each. */
    List<String> summary();

    /** One JSON object, the machine-readable result. */
    String toJson();
}
