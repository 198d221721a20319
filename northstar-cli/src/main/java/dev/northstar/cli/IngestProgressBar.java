package dev.northstar.cli;

import dev.northstar.ingest.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress bar of {@code northstar ingest} on standard error: phase, a bar, rows, rows/s and ETA, redrawn in
 * place. Only drawn on an interactive terminal, so pipes, logs and tests see the summary alone.
 */
final class IngestProgressBar implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private int lastLength;

    IngestProgressBar(PrintStream err) {
        this.err = err;
    }

    /** A bar on standard error when the process has a terminal, else null. */
    static IngestProgressBar forStandardError(long sourceBytes) {
        return System.console() == null ? null : new IngestProgressBar(System.err);
    }

    @Override
    public void progress(Progress progress) {
        err.print("\r" + " ".repeat(lastLength) + "\r");
        String line = render(progress);
        lastLength = line.length();
        err.print(line);
        err.flush();
    }

    /** One line: {@code validate [##########----------]  60%  1,234 rows  5,678 rows/s  ETA 2s}. */
    static String render(Progress progress) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s ", progress.phase()));
        if (progress.fractionDone() >= 0) {
            int filled = (int) Math.round(progress.fractionDone() * WIDTH);
            line.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%  ", Math.round(progress.fractionDone() * 100)));
        }
        line.append(Quantities.count(progress.rows())).append(" rows  ")
                .append(Quantities.count(Math.round(progress.rowsPerSecond()))).append(" rows/s");
        long eta = progress.etaMillis();
        if (eta >= 0 && progress.fractionDone() < 1) {
            line.append("  ETA ").append(eta < 1000 ? "<1s" : (eta / 1000) + "s");
        }
        return line.toString();
    }

    /** Ends the bar's line so what follows starts on a fresh one. */
    void finish() {
        err.println();
        err.flush();
    }
}
