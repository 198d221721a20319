package dev.northstar.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes counts, sizes and times: the same way on every page. */
final class DisplayFormat {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private DisplayFormat() {}

    /** {@code 1234567} → {@code 1,234,567}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code 1536} → {@code 1.5 KiB}. */
    static String bytes(long value) {
        if (value < 1024) {
            return value + " B";
        }
        double scaled = value;
        int unit = 0;
        while (scaled >= 1024 && unit < UNITS.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, scaled >= 100 ? "%.0f %s" : "%.1f %s", scaled, UNITS[unit]);
    }

    /** An instant in UTC to the second. */
    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
