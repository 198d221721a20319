package dev.northstar.cli;

import java.util.Locale;

/** Counts and sizes as people read them: {@code 1,234,567 rows}, {@code 12.3 MB}. */
final class Quantities {
    private Quantities() {}

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String rows(long rows) {
        return count(rows) + (rows == 1 ? " row" : " rows");
    }
}
