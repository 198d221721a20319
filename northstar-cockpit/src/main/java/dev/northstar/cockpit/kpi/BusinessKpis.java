package dev.northstar.cockpit.kpi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.GovernedQuery;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.security.Principal;
import dev.northstar.spi.store.ApiToken;
import dev.northstar.spi.store.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The business KPIs in force and their evaluations. An evaluation runs the KPI's SQL through the governed gateway as
 * its {@code run_as} principal (resolved from its newest valid API token, so its roles and attributes are the ones
 * the platform knows), is audited on the {@value PlatformKpis#KPI_CHANNEL} channel, and is stored in the KPI's
 * history ({@code ns_cockpit_kpi_evaluations}) — a denial by policy as a failed evaluation with the reason.
 */
public final class BusinessKpis {
    /** Most rows a time-series KPI may return. */
    public static final int MAX_POINTS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Point>> POINTS = new TypeReference<>() {};

    private final DefinitionStore definitions;
    private final MetadataDatabase database;
    private final SqlGateway gateway;
    private final TokenStore tokens;
    private final AuditLog audit;
    private final Clock clock;

    public BusinessKpis(MetadataDatabase database, SqlGateway gateway, TokenStore tokens, AuditLog audit,
            Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.definitions = new DefinitionStore(database, clock);
    }

    /** How long a schedule's evaluation stays current: {@code hourly} one hour, {@code daily} a day, and so on. */
    public static java.time.Duration period(String schedule) {
        return switch (schedule) {
            case "hourly" -> java.time.Duration.ofHours(1);
            case "weekly" -> java.time.Duration.ofDays(7);
            case "monthly" -> java.time.Duration.ofDays(30);
            default -> java.time.Duration.ofDays(1);
        };
    }

    /**
     * Evaluates every KPI whose latest evaluation (successful or not) is older than its schedule's period, or that
     * was never evaluated: what a server runs every minute so that the KPI boards stay current without anyone asking.
     * A failed evaluation waits for the next period like a successful one, so a denied query is not retried in a loop.
     *
     * @return the evaluations made, empty when every KPI is current
     */
    public List<Evaluation> evaluateDue() {
        Instant now = clock.instant();
        List<Evaluation> made = new ArrayList<>();
        for (Tracked tracked : tracked()) {
            boolean due = tracked.latest().map(latest -> !latest.evaluatedAt()
                    .plus(period(tracked.kpi().schedule())).isAfter(now)).orElse(true);
            if (due) {
                made.add(evaluate(tracked.kpi().id()));
            }
        }
        return made;
    }

    /**
     * A point of a time-series KPI.
     *
     * @param date the date (as the query returned it, ISO text)
     * @param value the value
     */
    public record Point(String date, double value) {
        public Point {
            requireNonNull(date, "date is null");
        }
    }

    /** The outcome of an evaluation. */
    public enum Outcome { SUCCEEDED, FAILED }

    /**
     * One evaluation of a KPI.
     *
     * @param id {@code kev-<uuid>}
     * @param kpi the KPI's id
     * @param evaluatedAt when
     * @param outcome succeeded or failed
     * @param value the value (the latest point of a series); empty when it failed or the query returned NULL
     * @param points the series, oldest first; empty for a single number
     * @param runAs the principal it ran as
     * @param error why it failed
     * @param status the value against the KPI's target at evaluation time
     */
    public record Evaluation(String id, String kpi, Instant evaluatedAt, Outcome outcome, Optional<Double> value,
            List<Point> points, String runAs, Optional<String> error, Kpi.Status status) {
        public Evaluation {
            requireNonNull(id, "id is null");
            requireNonNull(kpi, "kpi is null");
            requireNonNull(evaluatedAt, "evaluatedAt is null");
            requireNonNull(outcome, "outcome is null");
            requireNonNull(value, "value is null");
            points = List.copyOf(points);
            requireNonNull(runAs, "runAs is null");
            requireNonNull(error, "error is null");
            requireNonNull(status, "status is null");
        }
    }

    /**
     * A KPI with its latest evaluation and the values of its history.
     *
     * @param kpi the definition
     * @param latest the latest evaluation, if any
     * @param status the latest value against the target ({@code NOT_MEASURED} before a successful evaluation)
     * @param history the values of successful evaluations, oldest first
     */
    public record Tracked(BusinessKpi kpi, Optional<Evaluation> latest, Kpi.Status status, List<TrendPoint> history) {
        public Tracked {
            requireNonNull(kpi, "kpi is null");
            requireNonNull(latest, "latest is null");
            requireNonNull(status, "status is null");
            history = List.copyOf(history);
        }
    }

    /** Parses a {@code kind: BusinessKpi} document. */
    public static Parsed<BusinessKpi> parse(String source, String yaml) {
        return BusinessKpi.parse(source, yaml);
    }

    /** Stores a KPI's document (unless {@code dryRun}); one line says what changed. */
    public String apply(BusinessKpi kpi, String yaml, String by, boolean dryRun) {
        requireNonNull(kpi, "kpi is null");
        return definitions.apply(BusinessKpi.KIND, kpi.id(), yaml, by, dryRun);
    }

    /** The KPIs in force, by id. */
    public List<BusinessKpi> list() {
        return definitions.list(BusinessKpi.KIND).stream()
                .map(stored -> BusinessKpi.parse(stored.name(), stored.yaml()).orThrow()).toList();
    }

    /**
     * A KPI in force.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} naming the KPIs in force
     */
    public BusinessKpi get(String id) {
        List<BusinessKpi> all = list();
        return all.stream().filter(kpi -> kpi.id().equals(id)).findFirst().orElseThrow(() -> new NorthstarException(
                ErrorCode.RESOURCE_NOT_FOUND, "No business KPI '" + id + "'", all.isEmpty()
                        ? "Apply one first: northstar kpi apply FILE (kind: BusinessKpi)"
                        : "Use one of " + all.stream().map(BusinessKpi::id).toList()));
    }

    /** Every KPI in force with its latest evaluation and history. */
    public List<Tracked> tracked() {
        List<Tracked> tracked = new ArrayList<>();
        for (BusinessKpi kpi : list()) {
            List<Evaluation> history = history(kpi.id());
            Optional<Evaluation> latest = history.isEmpty() ? Optional.empty()
                    : Optional.of(history.get(history.size() - 1));
            Optional<Evaluation> lastValue = history.stream().filter(evaluation -> evaluation.value().isPresent())
                    .reduce((first, second) -> second);
            Kpi.Status status = lastValue.map(evaluation -> kpi.target().judge(evaluation.value().get()))
                    .orElse(Kpi.Status.NOT_MEASURED);
            tracked.add(new Tracked(kpi, latest, status, history.stream()
                    .filter(evaluation -> evaluation.value().isPresent())
                    .map(evaluation -> new TrendPoint(evaluation.evaluatedAt(), evaluation.value().get()))
                    .toList()));
        }
        return tracked;
    }

    /** Evaluates a KPI now through the governed gateway and stores the outcome (failures included). */
    public Evaluation evaluate(String id) {
        BusinessKpi kpi = get(id);
        Instant now = clock.instant();
        String evaluationId = "kev-" + UUID.randomUUID();
        Evaluation evaluation;
        try {
            Principal principal = principal(kpi.runAs());
            GovernedQuery answer;
            try {
                answer = gateway.query(principal, kpi.purpose(), kpi.sql(),
                        QueryOptions.defaults().withMaxRows(MAX_POINTS));
            } catch (NorthstarException e) {
                audit.append(AuditEvent.failedRead(principal.name(), PlatformKpis.KPI_CHANNEL, kpi.purpose(),
                        kpi.sql(), List.of(), e));
                throw e;
            }
            audit.append(AuditEvent.governedRead(principal.name(), PlatformKpis.KPI_CHANNEL, kpi.purpose(),
                    kpi.sql(), answer));
            List<Point> points = new ArrayList<>();
            Optional<Double> value = read(kpi, answer.result(), points);
            evaluation = new Evaluation(evaluationId, kpi.id(), now, Outcome.SUCCEEDED, value, points, kpi.runAs(),
                    Optional.empty(), value.map(kpi.target()::judge).orElse(Kpi.Status.NOT_MEASURED));
        } catch (NorthstarException e) {
            String reason = e.getMessage().lines().findFirst().orElse(e.code().name());
            evaluation = new Evaluation(evaluationId, kpi.id(), now, Outcome.FAILED, Optional.empty(), List.of(),
                    kpi.runAs(), Optional.of(e.code().name() + ": " + reason), Kpi.Status.NOT_MEASURED);
        }
        store(evaluation);
        return evaluation;
    }

    /** The principal of the newest valid token of {@code name}. */
    private Principal principal(String name) {
        Instant now = clock.instant();
        return tokens.list().stream()
                .filter(token -> token.principal().name().equals(name) && !token.revoked()
                        && token.expiresAt().map(expiry -> expiry.isAfter(now)).orElse(true))
                .max(Comparator.comparing(ApiToken::createdAt))
                .map(ApiToken::principal)
                .orElseThrow(() -> new NorthstarException(ErrorCode.FORBIDDEN, "The KPI runs as '" + name
                        + "', who holds no valid API token: the platform does not know its roles",
                        "Create a token for it (northstar token create " + name + " --role ...) or change run_as"));
    }

    /** The value of a result: one number, or a date column then a number column (the latest date's value). */
    private static Optional<Double> read(BusinessKpi kpi, QueryResult result, List<Point> points) {
        List<QueryResult.Column> columns = result.columns();
        if (columns.size() == 1) {
            if (result.rows().size() != 1) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The SQL of KPI " + kpi.id() + " returned "
                        + result.rows().size() + " rows of one column; a KPI is one number",
                        "Aggregate to one row, or return a date column then a number column for a series");
            }
            return number(kpi, result.rows().get(0).get(0));
        }
        String type = columns.get(0).type().toUpperCase(Locale.ROOT);
        if (columns.size() != 2 || !(type.startsWith("DATE") || type.startsWith("TIMESTAMP"))) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The SQL of KPI " + kpi.id() + " returned "
                    + columns.size() + " columns " + columns.stream().map(QueryResult.Column::name).toList()
                    + "; a KPI is one number, or a date column then a number column",
                    "Select e.g. 'order_date, sum(amount)' grouped by the date, or one aggregate");
        }
        for (List<Object> row : result.rows()) {
            if (row.get(0) != null) {
                number(kpi, row.get(1)).ifPresent(value -> points.add(new Point(String.valueOf(row.get(0)), value)));
            }
        }
        points.sort(Comparator.comparing(Point::date));
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1).value());
    }

    private static Optional<Double> number(BusinessKpi kpi, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number number) {
            return Optional.of(number.doubleValue());
        }
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "The SQL of KPI " + kpi.id() + " returned '" + value
                + "', which is not a number", "Return a numeric aggregate such as count(*) or avg(amount)");
    }

    private void store(Evaluation evaluation) {
        String points;
        try {
            points = JSON.writeValueAsString(evaluation.points());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the points of a KPI", e);
        }
        database.call("store an evaluation of KPI " + evaluation.kpi(), handle -> handle.createUpdate(
                        "INSERT INTO ns_cockpit_kpi_evaluations (id, kpi, evaluated_at, status, value, points, run_as,"
                                + " error) VALUES (:id, :kpi, :at, :status, :value, :points, :runAs, :error)")
                .bind("id", evaluation.id()).bind("kpi", evaluation.kpi())
                .bind("at", evaluation.evaluatedAt().toEpochMilli()).bind("status", evaluation.outcome().name())
                .bind("value", evaluation.value().orElse(null)).bind("points", points)
                .bind("runAs", evaluation.runAs()).bind("error", evaluation.error().orElse(null))
                .execute());
    }

    /** The evaluations of a KPI, oldest first. */
    public List<Evaluation> history(String id) {
        BusinessKpi kpi = get(id);
        return database.call("read the history of KPI " + id, handle -> handle.createQuery(
                        "SELECT id, evaluated_at, status, value, points, run_as, error FROM ns_cockpit_kpi_evaluations"
                                + " WHERE kpi = :kpi ORDER BY evaluated_at, id")
                .bind("kpi", id)
                .map((row, context) -> {
                    double raw = row.getDouble("value");
                    Optional<Double> value = row.wasNull() ? Optional.empty() : Optional.of(raw);
                    List<Point> points;
                    try {
                        points = JSON.readValue(row.getString("points"), POINTS);
                    } catch (JsonProcessingException e) {
                        points = List.of();
                    }
                    return new Evaluation(row.getString("id"), id, Instant.ofEpochMilli(row.getLong("evaluated_at")),
                            Outcome.valueOf(row.getString("status")), value, points, row.getString("run_as"),
                            Optional.ofNullable(row.getString("error")),
                            value.map(kpi.target()::judge).orElse(Kpi.Status.NOT_MEASURED));
                })
                .list());
    }
}
