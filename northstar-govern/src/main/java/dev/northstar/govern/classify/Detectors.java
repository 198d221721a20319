package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The shipped detectors, run together on one column. */
public final class Detectors {
    private final List<Detector> detectors;

    private Detectors(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    /** Every shipped detector, one per {@link DataClass}; {@code clock} bounds plausible birth dates. */
    public static Detectors standard(Clock clock) {
        requireNonNull(clock, "clock is null");
        return new Detectors(List.of(new EmailDetector(), new PhoneDetector(), new IbanDetector(),
                new PaymentCardDetector(), new NirDetector(), new IpAddressDetector(), new DateOfBirthDetector(clock),
                new PostalAddressDetector(), new GeolocationDetector(), new PersonNameDetector(),
                new DiagnosisCodeDetector()));
    }

    /** The detectors, in {@link DataClass} order. */
    public List<Detector> all() {
        return detectors;
    }

    /**
     * Every class the detectors find in a column, most confident first.
     *
     * @param values sampled values as text; nulls and blank values are skipped, the others trimmed
     */
    public List<Detection> detect(String columnName, List<String> values) {
        requireNonNull(columnName, "columnName is null");
        requireNonNull(values, "values is null");
        List<String> present = values.stream().filter(value -> value != null && !value.isBlank())
                .map(String::trim).toList();
        List<Detection> detections = new ArrayList<>();
        for (Detector detector : detectors) {
            detector.detect(columnName, present).ifPresent(detections::add);
        }
        detections.sort(Comparator.comparingDouble(Detection::confidence).reversed()
                .thenComparing(detection -> detection.dataClass().ordinal()));
        return List.copyOf(detections);
    }
}
