package dev.northstar.cockpit.kpi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A business KPI of a use case ({@code kind: BusinessKpi}): governed SQL over product tables returning one number, or
 * a time series (a date column then a number column), evaluated as {@code runAs} for {@code purpose} through the
 * governed gateway, so the access policies apply; tracked against its target over time.
 *
 * @param id the KPI's id
 * @param useCase the id of the use case it measures
 * @param name what it measures, for people
 * @param unit the unit, e.g. {@code %} or {@code EUR}
 * @param sql one SELECT over {@code domain.table} names
 * @param target the target
 * @param schedule how often it should be evaluated: {@code hourly}, {@code daily}, {@code weekly} or
 *     {@code monthly}
 * @param runAs the principal it is evaluated as (an API token holder: its roles and attributes apply)
 * @param purpose the purpose the query declares, if any
 */
public record BusinessKpi(String id, String useCase, String name, String unit, String sql, Kpi.Target target,
        String schedule, String runAs, Optional<String> purpose) {
    /** The kind of the YAML document. */
    public static final String KIND = "BusinessKpi";
    /** Evaluation frequencies. */
    public static final Set<String> SCHEDULES = Set.of("hourly", "daily", "weekly", "monthly");

    private static final Set<String> TOP = Set.of("id", "use_case", "name", "description", "unit", "sql", "target",
            "schedule", "run_as");
    private static final Set<String> TARGET = Set.of("value", "direction");
    private static final Set<String> RUN_AS = Set.of("principal", "purpose");

    public BusinessKpi {
        requireNonNull(id, "id is null");
        requireNonNull(useCase, "useCase is null");
        requireNonNull(name, "name is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(target, "target is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(runAs, "runAs is null");
        requireNonNull(purpose, "purpose is null");
    }

    /**
     * Parses a {@code kind: BusinessKpi} document.
     *
     * @param source where it came from (a file name), for positions
     */
    public static Parsed<BusinessKpi> parse(String source, String yaml) {
        DefinitionReader reader = new DefinitionReader(source, yaml, KIND, TOP);
        if (reader.root().isEmpty()) {
            return reader.result(() -> null);
        }
        JsonNode root = reader.root().get();
        Optional<String> id = reader.name(root, "", "id", "conversion-rate");
        Optional<String> useCase = reader.name(root, "", "use_case", "checkout-recommendations");
        Optional<String> name = reader.text(root, "", "name", "Checkout conversion rate");
        String unit = reader.optionalText(root, "unit").orElse("");
        Optional<String> sql = reader.text(root, "", "sql", "SELECT count(*) FROM retail.orders");
        sql.ifPresent(text -> {
            String start = text.stripLeading().toLowerCase(Locale.ROOT);
            if (!start.startsWith("select") && !start.startsWith("with") && !start.startsWith("(")) {
                reader.problem("sql", "The KPI's SQL must be one SELECT (or WITH ... SELECT)",
                        "Write a query returning one number, or a date column then a number column");
            }
        });
        Optional<Kpi.Target> target = Optional.empty();
        JsonNode targetNode = root.path("target");
        if (!targetNode.isObject()) {
            reader.problem(root.has("target") ? "target" : "", "The KPI needs a target",
                    "Write e.g. 'target: {value: 3.5, direction: higher}'");
        } else {
            reader.unknown(targetNode, "target", TARGET);
            Optional<Double> value = reader.number(targetNode, "target", "value", Optional.empty(),
                    -Double.MAX_VALUE, false);
            String direction = targetNode.path("direction").asText("higher").trim().toLowerCase(Locale.ROOT);
            Kpi.Direction parsed = switch (direction) {
                case "higher", "higher_is_better", "up" -> Kpi.Direction.HIGHER_IS_BETTER;
                case "lower", "lower_is_better", "down" -> Kpi.Direction.LOWER_IS_BETTER;
                default -> null;
            };
            if (parsed == null) {
                reader.problem("target.direction", "Invalid direction '" + direction + "'",
                        "Write 'direction: higher' (higher is better) or 'direction: lower'");
            } else if (value.isPresent()) {
                target = Optional.of(new Kpi.Target(value.get(), parsed));
            }
        }
        String schedule = reader.optionalText(root, "schedule").orElse("daily").toLowerCase(Locale.ROOT);
        if (!SCHEDULES.contains(schedule)) {
            reader.problem("schedule", "Invalid schedule '" + schedule + "'",
                    "Use one of " + new TreeSet<>(SCHEDULES));
        }
        Optional<String> runAs = Optional.empty();
        Optional<String> purpose = Optional.empty();
        JsonNode runAsNode = root.path("run_as");
        if (!runAsNode.isObject()) {
            reader.problem(root.has("run_as") ? "run_as" : "", "The KPI needs a principal to run as",
                    "Write e.g. 'run_as: {principal: kpi-reporter, purpose: reporting}'; the principal needs an API"
                            + " token, whose roles the access policies read");
        } else {
            reader.unknown(runAsNode, "run_as", RUN_AS);
            runAs = reader.text(runAsNode, "run_as", "principal", "kpi-reporter");
            purpose = reader.optionalText(runAsNode, "purpose").map(text -> text.toLowerCase(Locale.ROOT));
        }
        Optional<Kpi.Target> parsedTarget = target;
        Optional<String> parsedRunAs = runAs;
        Optional<String> parsedPurpose = purpose;
        return reader.result(() -> new BusinessKpi(id.orElseThrow(), useCase.orElseThrow(), name.orElseThrow(), unit,
                sql.orElseThrow().strip(), parsedTarget.orElseThrow(), schedule, parsedRunAs.orElseThrow(),
                parsedPurpose));
    }
}
