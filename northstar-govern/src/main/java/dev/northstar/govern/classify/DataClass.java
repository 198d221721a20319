package dev.northstar.govern.classify;

import dev.northstar.spi.error.CloseMatches;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.Arrays;
import java.util.List;

/** The kinds of personal (PII) and health (PHI) data the detectors find, each with a stable id. */
public enum DataClass {
    EMAIL("pii.email", "E-mail address"),
    PHONE("pii.phone", "Phone number"),
    IBAN("pii.iban", "IBAN bank account"),
    PAYMENT_CARD("pii.payment_card", "Payment card number"),
    NATIONAL_ID("pii.national_id", "French social security number (NIR)"),
    IP_ADDRESS("pii.ip_address", "IP address"),
    DATE_OF_BIRTH("pii.date_of_birth", "Date of birth"),
    POSTAL_ADDRESS("pii.postal_address", "Postal address"),
    GEOLOCATION("pii.geolocation", "Geolocation"),
    PERSON_NAME("pii.person_name", "Person name"),
    DIAGNOSIS_CODE("phi.diagnosis_code", "Diagnosis code (ICD-10)");

    private final String id;
    private final String label;

    DataClass(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The stable id, e.g. {@code pii.email}. */
    public String id() {
        return id;
    }

    /** A human label. */
    public String label() {
        return label;
    }

    /**
     * The class with this id.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} for an unknown id, naming close matches
     */
    public static DataClass byId(String id) {
        for (DataClass value : values()) {
            if (value.id.equals(id)) {
                return value;
            }
        }
        List<String> ids = Arrays.stream(values()).map(DataClass::id).toList();
        List<String> close = CloseMatches.of(id, ids);
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Unknown classification class '" + id + "'",
                close.isEmpty() ? "Use one of " + String.join(", ", ids) : "Did you mean " + String.join(", ", close)
                        + "?");
    }
}
