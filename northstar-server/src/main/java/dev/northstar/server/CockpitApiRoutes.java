package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.finops.Budget;
import dev.northstar.cockpit.finops.Budgets;
import dev.northstar.cockpit.finops.CostAttribution;
import dev.northstar.cockpit.finops.PriceModels;
import dev.northstar.cockpit.finops.UsageRollup;
import dev.northstar.cockpit.finops.UseCaseLinks;
import dev.northstar.cockpit.kpi.BusinessKpi;
import dev.northstar.cockpit.kpi.BusinessKpis;
import dev.northstar.cockpit.kpi.Kpi;
import dev.northstar.cockpit.kpi.PlatformKpis;
import dev.northstar.cockpit.kpi.TrendPoint;
import dev.northstar.cockpit.notify.IncidentAlerts;
import dev.northstar.cockpit.notify.Notification;
import dev.northstar.cockpit.notify.Notifier;
import dev.northstar.cockpit.notify.Outbox;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.audit.AuditChain;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.store.MetadataStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cockpit's telemetry routes: the CDO's platform KPIs with their trends ({@code GET /api/v1/kpis}), business KPIs
 * and their evaluation through the governed gateway, FinOps costs grouped by domain, product, table, model, use case
 * or tag, budgets with their alerts, and the outbox of alert notifications. Reading them needs a signed-in
 * principal; evaluating a business KPI and the notifications need the {@code cdo} or {@code admin} role (see
 * {@link RoleGate}).
 */
final class CockpitApiRoutes implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CockpitApiRoutes.class);

    private final java.util.concurrent.ScheduledExecutorService schedules =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "cockpit-schedules");
                thread.setDaemon(true);
                return thread;
            });
    private static final String KPIS = ApiRoutes.PREFIX + "/kpis";
    private static final String FINOPS = ApiRoutes.PREFIX + "/finops";
    /** The notification outbox's routes. */
    static final String NOTIFICATIONS = ApiRoutes.PREFIX + "/notifications";
    private static final String TAG = "Cockpit";
    private static final Pattern DAYS = Pattern.compile("([1-9][0-9]{0,3})d");

    /** How long an intact full walk of the audit chain serves the KPIs before the next (see {@link AuditChain}). */
    private static final Duration AUDIT_FULL_WALK_EVERY = Duration.ofMinutes(10);

    private final Optional<Services> services;
    private final Clock clock;

    /** What the routes need, with the JDBC metadata store. */
    private record Services(Lakehouse lake, JdbcMetadataStore store, CostAttribution costs, Budgets budgets,
            BusinessKpis business, Outbox outbox, Notifier notifier, AuditChain auditChain,
            IncidentAlerts incidentAlerts) {}

    /** A notification of the outbox ({@code recipient} is an address or {@code webhook:<name>}, never a URL). */
    record NotificationBody(String id, String event, String recipient, String subject, String body, String status,
            int attempts, Instant createdAt, Instant nextAttemptAt, Optional<Instant> deliveredAt,
            Optional<String> lastError) {}

    /** Notifications, newest first. */
    record NotificationListBody(List<NotificationBody> notifications) {}

    /** What one round of delivery did. */
    record DeliveryRoundBody(int delivered, int retrying, int failed) {}

    /** A KPI target. */
    record KpiTargetBody(double value, String direction) {}

    /** One point of a trend. */
    record KpiTrendPointBody(Instant start, double value) {}

    /** One platform KPI; {@code value} is null when it is not measured, and {@code not_measured} says why. */
    record KpiBody(String id, String category, String label, Optional<Double> value, String unit,
            Optional<KpiTargetBody> target, String status, List<KpiTrendPointBody> trend, String evidence,
            String detail, Optional<String> notMeasured) {}

    /** The platform KPIs of a period ending now. */
    record KpiListBody(Instant from, Instant to, long wasteDays, List<KpiBody> kpis) {}

    /** A point of a time-series business KPI. */
    record BusinessKpiPointBody(String date, double value) {}

    /** One evaluation of a business KPI. */
    record BusinessKpiEvaluationBody(String id, String kpi, Instant evaluatedAt, String outcome,
            Optional<Double> value, List<BusinessKpiPointBody> points, String runAs, Optional<String> error,
            String status) {}

    /** A business KPI with its latest evaluation and its history of values. */
    record BusinessKpiBody(String id, String useCase, String name, String unit, String sql, KpiTargetBody target,
            String schedule, String runAs, Optional<String> purpose, String status,
            Optional<BusinessKpiEvaluationBody> latest, List<KpiTrendPointBody> history) {}

    /** The business KPIs in force. */
    record BusinessKpiListBody(List<BusinessKpiBody> kpis) {}

    /** The cost of one group. */
    record CostGroupBody(String key, double storage, double compute, double scoring, double total,
            List<String> assets) {}

    /** Costs of a period grouped by a dimension, with the daily trend of the total. */
    record CostReportBody(Instant from, Instant to, String by, String currency, String priceModel, double total,
            List<CostGroupBody> groups, List<KpiTrendPointBody> daily) {}

    /** A budget alert. */
    record BudgetAlertBody(String budget, String month, int thresholdPercent, double actual, double amount,
            String currency, List<String> recipients, Instant raisedAt) {}

    /** A budget's state this month. */
    record BudgetStatusBody(String name, String scope, String scopeValue, double amount, List<Integer> thresholds,
            String month, double actual, double forecast, double usedPercent, String currency,
            List<BudgetAlertBody> alerts, List<BudgetAlertBody> raised) {}

    /** Every budget this month. */
    record BudgetListBody(List<BudgetStatusBody> budgets) {}

    CockpitApiRoutes(Lakehouse lake, MetadataStore store, SqlGateway gateway) {
        this(lake, store, gateway, UseCaseLinks.NONE, Clock.systemUTC());
    }

    /** Over the cockpit's services (cost attribution by the portfolio's links), when the store is JDBC. */
    CockpitApiRoutes(Optional<dev.northstar.cockpit.Cockpit> cockpit) {
        requireNonNull(cockpit, "cockpit is null");
        this.services = cockpit.map(running -> new Services(running.lake(), running.store(), running.costs(),
                running.budgets(), running.businessKpis(), running.outbox(), running.notifier(),
                running.auditChain(), running.incidentAlerts()));
        this.clock = cockpit.map(dev.northstar.cockpit.Cockpit::clock).orElse(Clock.systemUTC());
    }

    /** With the portfolio's links from use cases to products and models, and a clock. */
    CockpitApiRoutes(Lakehouse lake, MetadataStore store, SqlGateway gateway, UseCaseLinks useCases, Clock clock) {
        requireNonNull(lake, "lake is null");
        requireNonNull(gateway, "gateway is null");
        requireNonNull(useCases, "useCases is null");
        requireNonNull(clock, "clock is null");
        if (store instanceof JdbcMetadataStore jdbc) {
            CostAttribution costs = new CostAttribution(lake, jdbc.database(), new PriceModels(jdbc.database(), clock),
                    useCases);
            Outbox outbox = new Outbox(jdbc.database());
            services = Optional.of(new Services(lake, jdbc, costs, new Budgets(jdbc.database(), costs, clock),
                    new BusinessKpis(jdbc.database(), gateway, jdbc.tokens(), new AuditLog(jdbc.database(), clock),
                            clock), outbox, new Notifier(outbox, () -> Settings.load(lake.config().home()), clock),
                    new AuditChain(new AuditLog(jdbc.database(), clock), AUDIT_FULL_WALK_EVERY, clock),
                    new IncidentAlerts(jdbc.database(), new ProductRegistry(jdbc.database(), lake, clock),
                            () -> Settings.load(lake.config().home()), clock)));
        } else {
            services = Optional.empty();
        }
        this.clock = clock;
    }

    private Services services() {
        return services.orElseThrow(() -> new NorthstarException(ErrorCode.UNAVAILABLE,
                "The cockpit needs the JDBC metadata store, which this server was not given",
                "Run the server with its configured catalog database (northstar serve)"));
    }

    /** The API routes. */
    List<ApiRoute> api() {
        ApiRoute.Parameter period = ApiRoute.Parameter.query("period", "string",
                "Nd for the last N days (default 30d), or a month YYYY-MM");
        return List.of(
                ApiRoute.get(KPIS, "platformKpis", "The CDO's KPIs measured by the platform (adoption, time to value,"
                                + " quality, economics, compliance) with their trends", TAG, KpiListBody.class,
                        this::kpis)
                        .withParameter(ApiRoute.Parameter.query("period", "string",
                                "Nd: the KPIs cover the last N days (default 30d)"))
                        .withParameter(ApiRoute.Parameter.query("waste_days", "integer",
                                "A table unread for this many days is waste (default 30)")),
                ApiRoute.get(KPIS + "/business", "businessKpis", "Business KPIs of the use cases with their latest"
                        + " evaluation and history", TAG, BusinessKpiListBody.class, this::business),
                new ApiRoute(HandlerType.POST, KPIS + "/business/{id}/evaluate", "evaluateBusinessKpi",
                        "Evaluates a business KPI now through the governed gateway as its run-as principal (role cdo"
                                + " or admin); a denial is stored as a failed evaluation", TAG, Access.API, List.of(),
                        Optional.empty(), "application/json", Optional.of(BusinessKpiEvaluationBody.class),
                        "application/json", this::evaluate)
                        .withParameter(ApiRoute.Parameter.path("id", "Business KPI id")),
                ApiRoute.get(FINOPS + "/costs", "finopsCosts", "Costs attributed from measured storage, compute and"
                                + " scoring, grouped by domain, product, table, model, usecase or tag", TAG,
                        CostReportBody.class, this::costs)
                        .withParameter(ApiRoute.Parameter.query("by", "string",
                                "domain (default), product, table, model, usecase or tag"))
                        .withParameter(period),
                ApiRoute.get(FINOPS + "/budgets", "finopsBudgets", "Every budget this month: actual, forecast and"
                        + " alerts (thresholds newly crossed are raised once)", TAG, BudgetListBody.class,
                        this::budgets),
                ApiRoute.get(NOTIFICATIONS, "notifications", "Alert notifications (e-mail and webhooks), newest first:"
                                + " queued, delivered or failed, with the last error (role cdo or admin)", TAG,
                        NotificationListBody.class, this::notifications)
                        .withParameter(ApiRoute.Parameter.query("status", "string",
                                "pending, delivered or failed (default: all)"))
                        .withParameter(ApiRoute.Parameter.query("limit", "integer", "At most this many (default 100,"
                                + " at most 1000)")),
                new ApiRoute(HandlerType.POST, NOTIFICATIONS + "/deliver", "deliverNotifications",
                        "Delivers the notifications due now (the server also does so every 30 seconds); failures"
                                + " are retried later with backoff (role cdo or admin)", TAG, Access.API, List.of(),
                        Optional.empty(), "application/json", Optional.of(DeliveryRoundBody.class),
                        "application/json", this::deliver));
    }

    private void kpis(Context ctx) {
        Services running = services();
        Duration length = days(ctx.queryParam("period"), Duration.ofDays(30));
        int wasteDays = ctx.queryParam("waste_days") == null ? 30
                : ctx.queryParamAsClass("waste_days", Integer.class).check(days -> days >= 0 && days <= 3650,
                        "waste_days is from 0 to 3650").get();
        PlatformKpis.Settings settings = PlatformKpis.Settings.DEFAULTS.withPeriod(length)
                .withWasteAfter(Duration.ofDays(wasteDays));
        Instant now = clock.instant();
        List<KpiBody> kpis = new PlatformKpis(running.lake(), running.store(), running.costs(), clock, settings,
                running.auditChain()).all().stream().map(CockpitApiRoutes::body).toList();
        ctx.json(new KpiListBody(now.minus(length), now, wasteDays, kpis));
    }

    private void business(Context ctx) {
        ctx.json(new BusinessKpiListBody(services().business().tracked().stream().map(tracked -> {
            BusinessKpi kpi = tracked.kpi();
            return new BusinessKpiBody(kpi.id(), kpi.useCase(), kpi.name(), kpi.unit(), kpi.sql(), body(kpi.target()),
                    kpi.schedule(), kpi.runAs(), kpi.purpose(), tracked.status().label(),
                    tracked.latest().map(CockpitApiRoutes::body), points(tracked.history()));
        }).toList()));
    }

    private void evaluate(Context ctx) {
        ctx.json(body(services().business().evaluate(ctx.pathParam("id"))));
    }

    private void costs(Context ctx) {
        Services running = services();
        CostAttribution.Dimension by = CostAttribution.Dimension.parse(
                Optional.ofNullable(ctx.queryParam("by")).orElse("domain"));
        Instant[] window = window(ctx.queryParam("period"));
        CostAttribution.CostReport report = running.costs().report(by, window[0], window[1]);
        ctx.json(new CostReportBody(report.from(), report.to(), by.word(), report.currency(), report.priceModel(),
                report.total(), report.groups().stream().map(group -> new CostGroupBody(group.key(),
                        group.storageCost(), group.computeCost(), group.scoringCost(), group.total(), group.assets()))
                        .toList(), points(running.costs().dailyTotals(window[0], window[1]))));
    }

    private void budgets(Context ctx) {
        ctx.json(new BudgetListBody(services().budgets().evaluate().stream().map(status -> {
            Budget budget = status.budget();
            return new BudgetStatusBody(budget.name(), budget.scope().word(), budget.scopeValue(), budget.amount(),
                    budget.thresholds(), status.month(), status.actual(), status.forecast(), status.usedPercent(),
                    status.currency(), status.alerts().stream().map(CockpitApiRoutes::body).toList(),
                    status.raised().stream().map(CockpitApiRoutes::body).toList());
        }).toList()));
    }

    private void notifications(Context ctx) {
        Optional<Notification.Status> status = Optional.ofNullable(ctx.queryParam("status")).map(text -> {
            try {
                return Notification.Status.valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "status '" + text + "' is not a status",
                        "Use pending, delivered or failed");
            }
        });
        int limit = ctx.queryParam("limit") == null ? 100 : ctx.queryParamAsClass("limit", Integer.class)
                .check(value -> value >= 1 && value <= 1000, "limit is from 1 to 1000").get();
        ctx.json(new NotificationListBody(services().outbox().list(status, limit).stream()
                .map(notification -> new NotificationBody(notification.id(), notification.event(),
                        notification.recipient(), notification.subject(), notification.body(),
                        notification.status().name().toLowerCase(Locale.ROOT), notification.attempts(),
                        notification.createdAt(), notification.nextAttemptAt(), notification.deliveredAt(),
                        notification.lastError()))
                .toList()));
    }

    private void deliver(Context ctx) {
        services().incidentAlerts().enqueueNew();
        Notifier.Round round = services().notifier().deliverDue();
        ctx.json(new DeliveryRoundBody(round.delivered(), round.retrying(), round.failed()));
    }

    /** {@code [from, to)} of a {@code period} parameter: the last N days ({@code Nd}) or a month ({@code YYYY-MM}). */
    private Instant[] window(String period) {
        Instant now = clock.instant();
        if (period != null && period.matches("[0-9]{4}-[0-9]{2}")) {
            try {
                YearMonth month = YearMonth.parse(period);
                return new Instant[] {month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                    month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)};
            } catch (DateTimeParseException e) {
                throw badPeriod(period);
            }
        }
        return new Instant[] {now.minus(days(period, Duration.ofDays(30))), now};
    }

    private static Duration days(String period, Duration fallback) {
        if (period == null || period.isBlank()) {
            return fallback;
        }
        Matcher matcher = DAYS.matcher(period.trim());
        if (!matcher.matches()) {
            throw badPeriod(period);
        }
        return Duration.ofDays(Long.parseLong(matcher.group(1)));
    }

    private static NorthstarException badPeriod(String period) {
        return new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Invalid period '" + period + "'",
                "Write Nd for the last N days (1 to 9999), e.g. period=30d, or a month such as period=2026-11");
    }

    private static KpiBody body(Kpi kpi) {
        return new KpiBody(kpi.id(), kpi.category(), kpi.label(), kpi.value(), kpi.unit(),
                kpi.target().map(CockpitApiRoutes::body), kpi.status().label(), points(kpi.trend()), kpi.evidence(),
                kpi.detail(), kpi.notMeasured());
    }

    private static KpiTargetBody body(Kpi.Target target) {
        return new KpiTargetBody(target.value(), target.direction() == Kpi.Direction.HIGHER_IS_BETTER ? "higher"
                : "lower");
    }

    private static List<KpiTrendPointBody> points(List<TrendPoint> points) {
        return points.stream().map(point -> new KpiTrendPointBody(point.start(), point.value())).toList();
    }

    private static BusinessKpiEvaluationBody body(BusinessKpis.Evaluation evaluation) {
        return new BusinessKpiEvaluationBody(evaluation.id(), evaluation.kpi(), evaluation.evaluatedAt(),
                evaluation.outcome().name().toLowerCase(Locale.ROOT), evaluation.value(),
                evaluation.points().stream().map(point -> new BusinessKpiPointBody(point.date(), point.value()))
                        .toList(), evaluation.runAs(), evaluation.error(), evaluation.status().label());
    }

    private static BudgetAlertBody body(Budgets.Alert alert) {
        return new BudgetAlertBody(alert.budget(), alert.month(), alert.thresholdPercent(), alert.actual(),
                alert.amount(), alert.currency(), alert.recipients(), alert.raisedAt());
    }

    /**
     * Evaluates, every {@code every}, the business KPIs whose schedule says they are due (see
     * {@link BusinessKpis#evaluateDue()}), so that the cockpit's KPI boards stay current on their own.
     */
    void evaluateBusinessKpisEvery(java.time.Duration every) {
        services.ifPresent(running -> schedules.scheduleWithFixedDelay(() -> {
            try {
                running.business().evaluateDue().forEach(evaluation -> LOG.info("Business KPI {} evaluated on schedule:"
                        + " {}", evaluation.kpi(), evaluation.value().map(String::valueOf)
                        .orElse(evaluation.error().orElse("no value"))));
            } catch (RuntimeException e) {
                LOG.warn("Scheduled evaluation of the business KPIs failed; retrying in {}", every, e);
            }
        }, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /**
     * Evaluates the budgets every {@code budgetsEvery}, so a threshold crossed at night raises its alert then, and
     * delivers the due notifications every {@code deliveryEvery}.
     */
    void watchBudgetsEvery(java.time.Duration budgetsEvery, java.time.Duration deliveryEvery) {
        services.ifPresent(running -> {
            schedules.scheduleWithFixedDelay(() -> {
                try {
                    running.budgets().evaluate().forEach(status -> status.raised().forEach(alert -> LOG.info(
                            "Budget {} raised its {}% alert for {}", alert.budget(), alert.thresholdPercent(),
                            alert.month())));
                } catch (RuntimeException e) {
                    LOG.warn("Scheduled evaluation of the budgets failed; retrying in {}", budgetsEvery, e);
                }
            }, budgetsEvery.toMillis(), budgetsEvery.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            schedules.scheduleWithFixedDelay(() -> {
                try {
                    running.incidentAlerts().enqueueNew();
                    Notifier.Round round = running.notifier().deliverDue();
                    if (round.delivered() + round.retrying() + round.failed() > 0) {
                        LOG.info("Notifications: {} delivered, {} to retry, {} failed", round.delivered(),
                                round.retrying(), round.failed());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Delivering notifications failed; retrying in {}", deliveryEvery, e);
                }
            }, deliveryEvery.toMillis(), deliveryEvery.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        });
    }

    /**
     * Walks the audit chain in full now and every {@code every} (shorter than the cockpit's 10 minutes), off the
     * request path, so the cockpit's views only ever check what was appended since.
     */
    void walkAuditChainEvery(java.time.Duration every) {
        services.ifPresent(running -> schedules.scheduleWithFixedDelay(() -> {
            try {
                AuditChain.Result walked = running.auditChain().walkInFull();
                walked.verification().firstBreak().ifPresent(broken -> LOG.error("The audit chain is broken at entry"
                        + " {}: {}", broken.sequence(), broken.message()));
            } catch (RuntimeException e) {
                LOG.warn("Walking the audit chain failed; retrying in {}", every, e);
            }
        }, 0, every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /**
     * Rolls up the audit log's new reads now and every {@code every} (see {@link UsageRollup}), off the request path:
     * after a restart on a large log the first roll-up reads all of it.
     */
    void rollUpUsageEvery(java.time.Duration every) {
        services.ifPresent(running -> schedules.scheduleWithFixedDelay(() -> {
            try {
                long rolled = running.costs().usage().catchUp();
                if (rolled > 10_000) {
                    LOG.info("Rolled up {} audit entries for the cockpit's usage figures", rolled);
                }
            } catch (RuntimeException e) {
                LOG.warn("Rolling up the audit log's reads failed; retrying in {}", every, e);
            }
        }, 0, every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        schedules.shutdownNow();
    }
}
