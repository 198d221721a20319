package dev.northstar.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** The checks every benchmark's options share: a size, a number of timed runs and a scratch directory. */
final class RunSize {
    private RunSize() {}

    static void check(long rows, int runs, Path workDirectory) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        requireNonNull(workDirectory, "workDirectory is null");
    }
}
