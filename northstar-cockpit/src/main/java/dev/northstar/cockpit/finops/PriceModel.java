package dev.northstar.cockpit.finops;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.cockpit.kpi.DefinitionReader;
import dev.northstar.cockpit.kpi.Parsed;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the platform's resources cost ({@code kind: PriceModel}): storage per GB-month (GB = 2^30 bytes, month = 30
 * days), compute per CPU-second (the measured wall time of ingestion runs, governed queries and model training, on
 * one core) and scoring per 1,000 requests, in one currency. The most recently applied price model is in force;
 * {@link #DEFAULT} until one is applied.
 *
 * @param name the price model's name
 * @param currency ISO 4217 code, e.g. EUR
 * @param storagePerGbMonth price of one GB stored for a month
 * @param computePerCpuSecond price of one CPU-second
 * @param scoringPerThousand price of 1,000 scoring requests
 */
public record PriceModel(String name, String currency, double storagePerGbMonth, double computePerCpuSecond,
        double scoringPerThousand) {
    /** The kind of the YAML document. */
    public static final String KIND = "PriceModel";
    /** Public-cloud list prices of 2026 as a starting point: object storage, one vCPU, a serverless endpoint. */
    public static final PriceModel DEFAULT = new PriceModel("default", "EUR", 0.023, 0.00005, 0.01);

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> TOP = Set.of("name", "description", "currency", "storage_per_gb_month",
            "compute_per_cpu_second", "scoring_per_1000_requests");

    public PriceModel {
        requireNonNull(name, "name is null");
        requireNonNull(currency, "currency is null");
        if (storagePerGbMonth < 0 || computePerCpuSecond < 0 || scoringPerThousand < 0) {
            throw new IllegalArgumentException("Prices cannot be negative");
        }
    }

    /**
     * Parses a {@code kind: PriceModel} document; missing prices take the {@link #DEFAULT} ones.
     *
     * @param source where it came from (a file name), for positions
     */
    public static Parsed<PriceModel> parse(String source, String yaml) {
        DefinitionReader reader = new DefinitionReader(source, yaml, KIND, TOP);
        if (reader.root().isEmpty()) {
            return reader.result(() -> null);
        }
        JsonNode root = reader.root().get();
        Optional<String> name = reader.name(root, "", "name", "default");
        String currency = reader.optionalText(root, "currency").orElse(DEFAULT.currency());
        if (!CURRENCY.matcher(currency).matches()) {
            reader.problem("currency", "Invalid currency '" + currency + "'", "Write an ISO 4217 code such as EUR");
        }
        Optional<Double> storage = reader.number(root, "", "storage_per_gb_month",
                Optional.of(DEFAULT.storagePerGbMonth()), 0, false);
        Optional<Double> compute = reader.number(root, "", "compute_per_cpu_second",
                Optional.of(DEFAULT.computePerCpuSecond()), 0, false);
        Optional<Double> scoring = reader.number(root, "", "scoring_per_1000_requests",
                Optional.of(DEFAULT.scoringPerThousand()), 0, false);
        return reader.result(() -> new PriceModel(name.orElseThrow(), currency, storage.orElseThrow(),
                compute.orElseThrow(), scoring.orElseThrow()));
    }
}
