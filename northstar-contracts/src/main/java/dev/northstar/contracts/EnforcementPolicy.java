package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.PartitionField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How Northstar enforces a contract on one schema object (table), read from ODCS {@code customProperties}. A
 * property on the schema object overrides the same property on the contract.
 *
 * <table>
 *   <caption>Northstar custom properties</caption>
 *   <tr><th>property</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@code northstar.onViolation}</td><td>{@code quarantine}: rows breaking a rule go to the table's
 *       quarantine, the rest are written; {@code fail}: the whole batch is refused; {@code warn}: everything is
 *       written and the violations are reported</td><td>{@code quarantine}</td></tr>
 *   <tr><td>{@code northstar.maxQuarantineShare}</td><td>a number from 0 to 1: when a larger share of a batch's rows
 *       would be quarantined, the batch is refused instead, e.g. {@code 0.05}</td><td>{@code 0.05}</td></tr>
 *   <tr><td>{@code northstar.partitioning}</td><td>Iceberg partitioning of the table, comma-separated:
 *       {@code day(ordered_at)}, {@code region, month(ordered_at)}, {@code truncate(sku, 4)}. Overrides the
 *       properties' {@code partitioned}/{@code partitionKeyPosition}</td><td>from the properties</td></tr>
 * </table>
 *
 * @param onViolation what happens to rows that break the contract
 * @param maxQuarantineShare the largest share (0..1) of a batch that may be quarantined before it is refused
 * @param partitioning explicit partitioning, or empty when the properties decide
 */
public record EnforcementPolicy(OnViolation onViolation, double maxQuarantineShare,
        List<PartitionField> partitioning) {
    /** Custom property: what happens to rows that break the contract. */
    public static final String ON_VIOLATION = "northstar.onViolation";
    /** Custom property: the largest share of a batch that may be quarantined. */
    public static final String MAX_QUARANTINE_SHARE = "northstar.maxQuarantineShare";
    /** Custom property: the Iceberg partitioning of the table. */
    public static final String PARTITIONING = "northstar.partitioning";
    /**
     * Informational, on a property: set by {@code northstar contract infer} on columns that may hold personal data,
     * naming the kind (email, phone...) and why. Not enforced.
     */
    public static final String PII_CANDIDATE = "northstar.piiCandidate";
    /** Default of {@link #MAX_QUARANTINE_SHARE}: 5% of a batch. */
    public static final double DEFAULT_MAX_QUARANTINE_SHARE = 0.05;

    public EnforcementPolicy {
        requireNonNull(onViolation, "onViolation is null");
        if (!(maxQuarantineShare >= 0 && maxQuarantineShare <= 1)) {
            throw new IllegalArgumentException("maxQuarantineShare must be in 0..1, was " + maxQuarantineShare);
        }
        partitioning = List.copyOf(requireNonNull(partitioning, "partitioning is null"));
    }

    /** Quarantine, at most 5% of a batch, partitioning from the properties. */
    public static EnforcementPolicy defaults() {
        return new EnforcementPolicy(OnViolation.QUARANTINE, DEFAULT_MAX_QUARANTINE_SHARE, List.of());
    }

    /**
     * The policy of a schema object of a contract.
     *
     * @throws ContractException when a {@code northstar.*} property has a bad value (also reported by
     *     {@link ContractValidator})
     */
    public static EnforcementPolicy of(DataContract contract, SchemaObject object) {
        List<ContractProblem> problems = new ArrayList<>();
        EnforcementPolicy policy = read(contract, object, problems);
        if (!problems.isEmpty()) {
            throw new ContractException(problems);
        }
        return policy;
    }

    static EnforcementPolicy read(DataContract contract, SchemaObject object, List<ContractProblem> problems) {
        OnViolation onViolation = setting(contract, object, ON_VIOLATION).flatMap(property -> {
            Optional<OnViolation> value = OnViolation.fromText(property.text());
            if (value.isEmpty()) {
                problems.add(new ContractProblem(property.position(), ON_VIOLATION + " '" + property.text()
                        + "' is unknown", "Use quarantine, fail or warn"));
            }
            return value;
        }).orElse(OnViolation.QUARANTINE);
        double share = setting(contract, object, MAX_QUARANTINE_SHARE).flatMap(property -> {
            Optional<Double> value = Optional.empty();
            try {
                double parsed = new BigDecimal(property.text().trim()).doubleValue();
                if (parsed >= 0 && parsed <= 1) {
                    value = Optional.of(parsed);
                }
            } catch (NumberFormatException e) {
                value = Optional.empty();
            }
            if (value.isEmpty()) {
                problems.add(new ContractProblem(property.position(), MAX_QUARANTINE_SHARE + " '" + property.text()
                        + "' is not a share between 0 and 1", "Write e.g. 0.05 for 5% of a batch"));
            }
            return value;
        }).orElse(DEFAULT_MAX_QUARANTINE_SHARE);
        List<PartitionField> partitioning = new ArrayList<>();
        setting(contract, object, PARTITIONING).ifPresent(property -> {
            Object value = property.value();
            List<String> fields = value instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : splitFields(property.text());
            for (String field : fields) {
                try {
                    PartitionField partition = PartitionField.parse(field);
                    if (object.property(partition.column()).isEmpty()) {
                        problems.add(new ContractProblem(property.position(), PARTITIONING + " names column '"
                                + partition.column() + "', which is not a property of " + object.name(),
                                "Use one of " + object.properties().stream().map(SchemaProperty::name).toList()));
                    } else {
                        partitioning.add(partition);
                    }
                } catch (RuntimeException e) {
                    problems.add(new ContractProblem(property.position(), PARTITIONING + " '" + field
                            + "' is not a partition field: " + e.getMessage(),
                            "Write e.g. day(ordered_at), month(ordered_at), region or truncate(sku, 4)"));
                }
            }
        });
        return new EnforcementPolicy(onViolation, share, partitioning);
    }

    private static List<String> splitFields(String text) {
        // Commas inside parentheses belong to bucket(col, N) / truncate(col, W).
        List<String> fields = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char character : text.toCharArray()) {
            if (character == '(') {
                depth++;
            } else if (character == ')') {
                depth--;
            }
            if (character == ',' && depth == 0) {
                fields.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(character);
            }
        }
        if (!current.toString().isBlank()) {
            fields.add(current.toString().trim());
        }
        return fields;
    }

    private static Optional<CustomProperty> setting(DataContract contract, SchemaObject object, String name) {
        return CustomProperty.find(object.customProperties(), name)
                .or(() -> CustomProperty.find(contract.customProperties(), name));
    }

    /** What happens to rows that break the contract. */
    public enum OnViolation {
        /** Rows that break a rule go to quarantine; the others are written. */
        QUARANTINE,
        /** The whole batch is refused. */
        FAIL,
        /** Everything is written; violations are reported. */
        WARN;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<OnViolation> fromText(String text) {
            return Arrays.stream(values()).filter(value -> value.text().equalsIgnoreCase(text.trim())).findFirst();
        }
    }
}
