package dev.northstar.cli;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as options take them: {@code 90s}, {@code 45m}, {@code 12h}, {@code 30d}, {@code 2w} or ISO-8601. */
final class DurationText {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhdw])");

    private DurationText() {}

    /**
     * Parses a positive duration.
     *
     * @param option the option's name, for the error message
     * @param text what the user wrote
     */
    static Duration parse(String option, String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(trimmed);
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
            };
        } else {
            try {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, option + " '" + text + "' is not a duration",
                        "Write e.g. 90s, 45m, 12h, 30d, 2w or an ISO-8601 duration like P30D", e);
            }
        }
        if (duration.isNegative()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, option + " '" + text + "' is negative");
        }
        return duration;
    }
}
