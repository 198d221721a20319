package dev.northstar.cockpit.finops;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.cockpit.kpi.DefinitionStore;
import dev.northstar.cockpit.kpi.Parsed;
import dev.northstar.cockpit.notify.Outbox;
import dev.northstar.cockpit.notify.Recipient;
import dev.northstar.lake.store.MetadataDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Budgets in force and their evaluation: the month's attributed cost in the budget's scope against its amount, a
 * linear forecast to the month's end, and alerts. An alert is raised once per budget, month and threshold
 * ({@code ns_cockpit_budget_alerts}): evaluating again reports it without raising it anew. Raising an alert queues a
 * notification for each of the budget's recipients in the same transaction ({@link Outbox}).
 */
public final class Budgets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DefinitionStore definitions;
    private final CostAttribution costs;
    private final MetadataDatabase database;
    private final Clock clock;

    public Budgets(MetadataDatabase database, CostAttribution costs, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.costs = requireNonNull(costs, "costs is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.definitions = new DefinitionStore(database, clock);
    }

    /**
     * An alert a budget raised.
     *
     * @param budget the budget
     * @param month {@code YYYY-MM}
     * @param thresholdPercent the threshold crossed
     * @param actual the cost when it was crossed
     * @param amount the budget's amount
     * @param currency the currency
     * @param recipients who is told
     * @param raisedAt when
     */
    public record Alert(String budget, String month, int thresholdPercent, double actual, double amount,
            String currency, List<String> recipients, Instant raisedAt) {
        public Alert {
            requireNonNull(budget, "budget is null");
            requireNonNull(month, "month is null");
            requireNonNull(currency, "currency is null");
            recipients = List.copyOf(recipients);
            requireNonNull(raisedAt, "raisedAt is null");
        }
    }

    /**
     * A budget's state this month.
     *
     * @param budget the budget
     * @param month {@code YYYY-MM}
     * @param actual cost attributed to its scope from the month's start until now
     * @param forecast the actual extended linearly to the month's end
     * @param usedPercent actual as a percentage of the amount
     * @param currency the price model's currency
     * @param alerts every alert of the month, oldest first
     * @param raised the alerts this evaluation raised (empty when they were raised before)
     */
    public record Status(Budget budget, String month, double actual, double forecast, double usedPercent,
            String currency, List<Alert> alerts, List<Alert> raised) {
        public Status {
            requireNonNull(budget, "budget is null");
            requireNonNull(month, "month is null");
            requireNonNull(currency, "currency is null");
            alerts = List.copyOf(alerts);
            raised = List.copyOf(raised);
        }
    }

    /** Parses a {@code kind: Budget} document. */
    public static Parsed<Budget> parse(String source, String yaml) {
        return Budget.parse(source, yaml);
    }

    /** Stores a budget's document (unless {@code dryRun}); one line says what changed. */
    public String apply(Budget budget, String yaml, String by, boolean dryRun) {
        requireNonNull(budget, "budget is null");
        return definitions.apply(Budget.KIND, budget.name(), yaml, by, dryRun);
    }

    /** The budgets in force, by name. */
    public List<Budget> list() {
        return definitions.list(Budget.KIND).stream()
                .map(stored -> Budget.parse(stored.name(), stored.yaml()).orThrow()).toList();
    }

    /** Evaluates every budget for the current month, raising the alerts of thresholds newly crossed. */
    public List<Status> evaluate() {
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant until = now.isAfter(start) ? now : start.plusMillis(1);
        List<Status> statuses = new ArrayList<>();
        for (Budget budget : list()) {
            CostAttribution.CostReport report = costs.report(budget.scope(), start, until);
            double actual = report.groups().stream().filter(group -> group.key().equals(budget.scopeValue()))
                    .mapToDouble(CostAttribution.GroupCost::total).sum();
            double forecast = actual * (end.toEpochMilli() - start.toEpochMilli())
                    / (double) (until.toEpochMilli() - start.toEpochMilli());
            List<Alert> raised = new ArrayList<>();
            for (int threshold : budget.thresholds()) {
                if (actual * 100 >= budget.amount() * threshold) {
                    Alert alert = new Alert(budget.name(), month.toString(), threshold, actual, budget.amount(),
                            report.currency(), budget.recipients(), now);
                    if (raise(alert, budget, forecast)) {
                        raised.add(alert);
                    }
                }
            }
            statuses.add(new Status(budget, month.toString(), actual, forecast, actual * 100 / budget.amount(),
                    report.currency(), alerts(Optional.of(budget.name()), month.toString()), raised));
        }
        return statuses;
    }

    /**
     * Stores an alert unless it was raised before, and queues its notifications in the same transaction; whether it
     * is new.
     */
    private boolean raise(Alert alert, Budget budget, double forecast) {
        return database.call("raise the alert of budget " + alert.budget(), handle -> handle.inTransaction(
                transaction -> {
                    boolean exists = transaction.createQuery("SELECT COUNT(*) FROM ns_cockpit_budget_alerts"
                                    + " WHERE budget = :budget AND month = :month AND threshold_percent = :threshold")
                            .bind("budget", alert.budget()).bind("month", alert.month())
                            .bind("threshold", (long) alert.thresholdPercent()).mapTo(Long.class).one() > 0;
                    if (exists) {
                        return false;
                    }
                    transaction.createUpdate("INSERT INTO ns_cockpit_budget_alerts (budget, month, threshold_percent,"
                                    + " actual, amount, currency, notify, raised_at) VALUES (:budget, :month,"
                                    + " :threshold, :actual, :amount, :currency, :notify, :at)")
                            .bind("budget", alert.budget()).bind("month", alert.month())
                            .bind("threshold", (long) alert.thresholdPercent()).bind("actual", alert.actual())
                            .bind("amount", alert.amount()).bind("currency", alert.currency())
                            .bind("notify", json(alert.recipients())).bind("at", alert.raisedAt().toEpochMilli())
                            .execute();
                    Outbox.enqueue(transaction, event(alert, budget, forecast),
                            alert.recipients().stream().map(Recipient::parse).toList(), alert.raisedAt());
                    return true;
                }));
    }

    /** What a budget alert tells its recipients. */
    static Outbox.Event event(Alert alert, Budget budget, double forecast) {
        String scope = budget.scope().word() + " " + budget.scopeValue();
        String subject = String.format(Locale.ROOT, "Budget %s: %d%% reached in %s (%s)", alert.budget(),
                alert.thresholdPercent(), alert.month(), scope);
        String body = String.format(Locale.ROOT, "The costs attributed to %s reached %.2f %s in %s: %.0f%% of the"
                        + " budget of %.2f %s (alert threshold %d%%).%nForecast to the end of the month: %.2f %s.%n"
                        + "Details: northstar finops budgets, or GET /api/v1/finops/budgets.", scope, alert.actual(),
                alert.currency(), alert.month(), alert.actual() * 100 / alert.amount(), alert.amount(),
                alert.currency(), alert.thresholdPercent(), forecast, alert.currency());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", "budget_alert");
        details.put("budget", alert.budget());
        details.put("scope", budget.scope().word());
        details.put("scope_value", budget.scopeValue());
        details.put("month", alert.month());
        details.put("threshold_percent", alert.thresholdPercent());
        details.put("actual", alert.actual());
        details.put("amount", alert.amount());
        details.put("forecast", forecast);
        details.put("currency", alert.currency());
        details.put("raised_at", alert.raisedAt().toString());
        return new Outbox.Event("budget:" + alert.budget() + ":" + alert.month() + ":" + alert.thresholdPercent(),
                subject, body, details);
    }

    /** Alerts of a month (every budget's when {@code budget} is empty), oldest first. */
    public List<Alert> alerts(Optional<String> budget, String month) {
        return database.call("list budget alerts", handle -> handle.createQuery("SELECT budget, month,"
                        + " threshold_percent, actual, amount, currency, notify, raised_at FROM ns_cockpit_budget_alerts"
                        + " WHERE month = :month" + (budget.isPresent() ? " AND budget = :budget" : "")
                        + " ORDER BY raised_at, budget, threshold_percent")
                .bind("month", month).bind("budget", budget.orElse(""))
                .map((row, context) -> new Alert(row.getString("budget"), row.getString("month"),
                        row.getInt("threshold_percent"), row.getDouble("actual"), row.getDouble("amount"),
                        row.getString("currency"), strings(row.getString("notify")),
                        Instant.ofEpochMilli(row.getLong("raised_at"))))
                .list());
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a list of texts", e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
