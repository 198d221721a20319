package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One ODCS {@code slaProperties} entry, e.g. {@code latency 4 d} or {@code retention 3 y}.
 *
 * @param id stable id, empty when absent
 * @param property the SLA property: {@code latency}, {@code retention}, {@code frequency}, {@code availability}...
 * @param value the agreed value (number, text or boolean as written), may be null
 * @param valueExt the extended value (e.g. the upper end of a range), may be null
 * @param unit the value's unit: {@code d}/{@code day}/{@code days}, {@code y}/{@code yr}/{@code years},
 *     {@code h}, {@code m}, {@code s}, {@code percent}...; empty when absent
 * @param element the {@code object.property} the SLA applies to, empty when the default
 * @param driver why it matters: {@code regulatory}, {@code analytics} or {@code operational}
 * @param description for humans
 * @param position where the entry is
 */
public record SlaProperty(
        String id,
        String property,
        Object value,
        Object valueExt,
        String unit,
        String element,
        String driver,
        String description,
        Position position) {

    /** SLA properties of ODCS v3 (the standard's "periodic table"). */
    public static final List<String> KNOWN_PROPERTIES = List.of("availability", "throughput", "errorRate",
            "generalAvailability", "endOfSupport", "endOfLife", "retention", "frequency", "latency",
            "timeOfAvailability", "timeToDetect", "timeToNotify", "timeToRepair", "freshness");

    /** SLA properties whose value is a length of time in {@link #unit()}. */
    public static final List<String> DURATION_PROPERTIES = List.of("retention", "frequency", "latency",
            "timeToDetect", "timeToNotify", "timeToRepair", "freshness");

    public SlaProperty {
        id = ImmutableValues.text(id);
        requireNonNull(property, "property is null");
        unit = ImmutableValues.text(unit);
        element = ImmutableValues.text(element);
        driver = ImmutableValues.text(driver);
        description = ImmutableValues.text(description);
        requireNonNull(position, "position is null");
    }

    /**
     * The value as a length of time, when the value is a number and the unit a time unit
     * ({@code ms, s, m/min, h, d, w, mo/month, y/yr}, singular, plural or ISO letters); months count as 30 days and
     * years as 365 days.
     */
    public Optional<Duration> duration() {
        if (!(value instanceof Number number)) {
            return Optional.empty();
        }
        return TimeUnit.fromText(unit).map(timeUnit -> timeUnit.duration(number.doubleValue()));
    }

    /** Time units of SLA values. */
    enum TimeUnit {
        MILLISECONDS(Duration.ofMillis(1), "ms", "millisecond", "milliseconds"),
        SECONDS(Duration.ofSeconds(1), "s", "sec", "second", "seconds"),
        MINUTES(Duration.ofMinutes(1), "m", "min", "mins", "minute", "minutes"),
        HOURS(Duration.ofHours(1), "h", "hr", "hrs", "hour", "hours"),
        DAYS(Duration.ofDays(1), "d", "day", "days"),
        WEEKS(Duration.ofDays(7), "w", "week", "weeks"),
        MONTHS(Duration.ofDays(30), "mo", "month", "months"),
        YEARS(Duration.ofDays(365), "y", "yr", "yrs", "year", "years");

        private final Duration length;
        private final List<String> names;

        TimeUnit(Duration length, String... names) {
            this.length = length;
            this.names = List.of(names);
        }

        Duration duration(double amount) {
            return Duration.ofMillis(Math.round(amount * length.toMillis()));
        }

        static Optional<TimeUnit> fromText(String text) {
            // "M" is months in ISO 8601 but minutes to most people; only the lower-case forms are read.
            String name = text.trim();
            return Arrays.stream(values()).filter(unit -> unit.names.contains(name.toLowerCase(Locale.ROOT))
                    && (name.length() > 1 || name.equals(name.toLowerCase(Locale.ROOT)))).findFirst();
        }

        static List<String> allNames() {
            return Arrays.stream(values()).flatMap(unit -> unit.names.stream()).toList();
        }
    }
}
