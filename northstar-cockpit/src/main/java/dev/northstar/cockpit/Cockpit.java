package dev.northstar.cockpit;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.finops.Budget;
import dev.northstar.cockpit.finops.Budgets;
import dev.northstar.cockpit.finops.CostAttribution;
import dev.northstar.cockpit.finops.MeasuredFinopsCosts;
import dev.northstar.cockpit.finops.PriceModel;
import dev.northstar.cockpit.finops.PriceModels;
import dev.northstar.cockpit.finops.UseCaseLinks;
import dev.northstar.cockpit.kpi.BusinessKpi;
import dev.northstar.cockpit.kpi.BusinessKpis;
import dev.northstar.cockpit.kpi.Kpi;
import dev.northstar.cockpit.kpi.Parsed;
import dev.northstar.cockpit.kpi.PlatformKpis;
import dev.northstar.cockpit.notify.IncidentAlerts;
import dev.northstar.cockpit.notify.Notifier;
import dev.northstar.cockpit.notify.Outbox;
import dev.northstar.cockpit.portfolio.Assessment;
import dev.northstar.cockpit.portfolio.BusinessCaseResult;
import dev.northstar.cockpit.portfolio.KnownAssets;
import dev.northstar.cockpit.portfolio.Portfolio;
import dev.northstar.cockpit.portfolio.UseCase;
import dev.northstar.cockpit.review.BudgetLine;
import dev.northstar.cockpit.review.CockpitView;
import dev.northstar.cockpit.review.CockpitViews;
import dev.northstar.cockpit.review.CostLine;
import dev.northstar.cockpit.review.KpiStatus;
import dev.northstar.cockpit.review.KpiTile;
import dev.northstar.cockpit.review.PipelineStage;
import dev.northstar.cockpit.review.ReadinessEvaluator;
import dev.northstar.cockpit.review.RiskLine;
import dev.northstar.cockpit.review.TrendPoint;
import dev.northstar.cockpit.review.UseCaseTile;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.audit.AuditChain;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.lake.store.JdbcMetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiFunction;

/**
 * The CDO cockpit of one installation, wired once: the portfolio costed with FinOps figures, cost attribution by the
 * portfolio's links, budgets, the platform and business KPIs, readiness, and the apply dispatcher of every cockpit
 * kind. It builds the {@link CockpitView} that the console, the monthly review and its PDF render.
 */
public final class Cockpit implements CockpitViews {
    /** How long one measurement of every asset's cost serves the portfolio's business cases. */
    static final Duration REUSE_COSTS_FOR = Duration.ofSeconds(30);
    /**
     * How long an intact full walk of the audit chain is trusted; in between, each view checks only what was
     * appended since (see {@link AuditChain}).
     */
    static final Duration AUDIT_FULL_WALK_EVERY = Duration.ofMinutes(10);

    private final Portfolio portfolio;
    private final PriceModels prices;
    private final CostAttribution costs;
    private final Budgets budgets;
    private final Outbox outbox;
    private final IncidentAlerts incidentAlerts;
    private final AuditChain auditChain;
    private final Notifier notifier;
    private final java.util.function.Supplier<SqlGateway> gateway;
    private volatile BusinessKpis businessKpis;
    private final PlatformKpis platformKpis;
    private final ReadinessEvaluator readiness;
    private final Clock clock;
    private final Lakehouse lake;
    private final JdbcMetadataStore store;

    private Cockpit(Lakehouse lake, JdbcMetadataStore store, java.util.function.Supplier<SqlGateway> gateway,
            Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.lake = lake;
        this.store = store;
        this.prices = new PriceModels(store.database(), clock);
        // Cost attribution reads the portfolio's links lazily, and the portfolio reads measured costs lazily.
        Portfolio[] linked = new Portfolio[1];
        this.costs = new CostAttribution(lake, store.database(), prices, () -> links(linked[0]));
        this.portfolio = new Portfolio(store.database(), KnownAssets.of(lake, store.database()),
                new MeasuredFinopsCosts(costs, clock, REUSE_COSTS_FOR), clock);
        linked[0] = portfolio;
        this.budgets = new Budgets(store.database(), costs, clock);
        this.outbox = new Outbox(store.database());
        this.notifier = new Notifier(outbox, () -> Settings.load(lake.config().home()), clock);
        this.incidentAlerts = new IncidentAlerts(store.database(), new ProductRegistry(store.database(), lake, clock),
                () -> Settings.load(lake.config().home()), clock);
        this.gateway = gateway;
        this.auditChain = new AuditChain(new AuditLog(store.database(), clock), AUDIT_FULL_WALK_EVERY, clock);
        this.platformKpis = new PlatformKpis(lake, store, costs, clock, PlatformKpis.Settings.DEFAULTS, auditChain);
        this.readiness = new ReadinessEvaluator(store.database(), clock, auditChain);
    }

    /** The cockpit over an installation's lake and metadata store; business KPIs read through {@code gateway}. */
    public static Cockpit open(Lakehouse lake, JdbcMetadataStore store, SqlGateway gateway, Clock clock) {
        requireNonNull(gateway, "gateway is null");
        return open(lake, store, () -> gateway, clock);
    }

    /**
     * The cockpit, opening the governed gateway only when business KPIs are first needed: opening it reads (or
     * creates) the installation's mask key, which commands that never read data must not do.
     */
    public static Cockpit open(Lakehouse lake, JdbcMetadataStore store, java.util.function.Supplier<SqlGateway> gateway,
            Clock clock) {
        requireNonNull(lake, "lake is null");
        requireNonNull(store, "store is null");
        requireNonNull(gateway, "gateway is null");
        return new Cockpit(lake, store, gateway, clock);
    }

    private static Map<String, List<UseCaseLinks.Asset>> links(Portfolio portfolio) {
        Map<String, List<UseCaseLinks.Asset>> links = new LinkedHashMap<>();
        if (portfolio == null) {
            return links;
        }
        for (UseCase useCase : portfolio.declared()) {
            List<UseCaseLinks.Asset> assets = new ArrayList<>();
            useCase.links().products().forEach(product -> assets.add(new UseCaseLinks.Asset("product", product)));
            useCase.links().models().forEach(model -> assets.add(new UseCaseLinks.Asset("model", model)));
            links.put(useCase.id(), assets);
        }
        return links;
    }

    /** The lake the cockpit measures. */
    public Lakehouse lake() {
        return lake;
    }

    /** The metadata store the cockpit reads and writes. */
    public JdbcMetadataStore store() {
        return store;
    }

    /** The clock figures are read with. */
    public Clock clock() {
        return clock;
    }

    /** The use-case portfolio, costed with measured figures. */
    public Portfolio portfolio() {
        return portfolio;
    }

    /** Cost attribution under the price model in force, with use cases from the portfolio's links. */
    public CostAttribution costs() {
        return costs;
    }

    /** The price models. */
    public PriceModels prices() {
        return prices;
    }

    /** Budgets and their alerts. */
    public Budgets budgets() {
        return budgets;
    }

    /** The notifications alerts queued, delivered or not. */
    public Outbox outbox() {
        return outbox;
    }

    /** Delivers the outbox's due notifications, configured by {@code notify.*} in {@code northstar.yaml}. */
    public Notifier notifier() {
        return notifier;
    }

    /** Queues the quality incidents of data products for their contracts' support channels. */
    public IncidentAlerts incidentAlerts() {
        return incidentAlerts;
    }

    /** Business KPIs: governed SQL tracked against targets. */
    public BusinessKpis businessKpis() {
        BusinessKpis kpis = businessKpis;
        if (kpis == null) {
            synchronized (this) {
                if (businessKpis == null) {
                    businessKpis = new BusinessKpis(store.database(), requireNonNull(gateway.get(),
                            "gateway is null"), store.tokens(), new AuditLog(store.database(), clock), clock);
                }
                kpis = businessKpis;
            }
        }
        return kpis;
    }

    /** The audit chain's verification the cockpit shows: in full every 10 minutes, incremental in between. */
    public AuditChain auditChain() {
        return auditChain;
    }

    /** The platform's own KPIs. */
    public PlatformKpis platformKpis() {
        return platformKpis;
    }

    /** The dispatcher of every cockpit kind for {@code northstar apply} and the API. */
    public CockpitApply applier() {
        return CockpitApply.of(portfolio)
                .with(BusinessKpi.KIND, handler(BusinessKpis::parse, (kpi, document) -> businessKpis().apply(kpi,
                        document.yaml(), document.by(), document.dryRun())))
                .with(Budget.KIND, handler(Budgets::parse, (budget, document) -> budgets.apply(budget,
                        document.yaml(), document.by(), document.dryRun())))
                .with(PriceModel.KIND, handler(PriceModels::parse, (model, document) -> prices.apply(model,
                        document.yaml(), document.by(), document.dryRun())));
    }

    /** A document being applied, with who applies it and whether only to say what would change. */
    private record Applying(String yaml, String by, boolean dryRun) {}

    private static <T> CockpitApply.Handler handler(BiFunction<String, String, Parsed<T>> parse,
            BiFunction<T, Applying, String> apply) {
        return new CockpitApply.Handler() {
            @Override
            public List<YamlProblem> check(List<CockpitDocument> documents) {
                List<YamlProblem> problems = new ArrayList<>();
                for (CockpitDocument document : documents) {
                    problems.addAll(parse.apply(document.source(), document.yaml()).problems());
                }
                return problems;
            }

            @Override
            public CockpitApply.Outcome apply(List<CockpitDocument> documents, String by, boolean dryRun) {
                List<String> lines = new ArrayList<>();
                boolean changed = false;
                for (CockpitDocument document : documents) {
                    T definition = parse.apply(document.source(), document.yaml()).orThrow();
                    String line = apply.apply(definition, new Applying(document.yaml(), by, dryRun));
                    changed |= !line.endsWith("unchanged");
                    lines.add(line + " (" + document.source() + ")");
                }
                return new CockpitApply.Outcome(lines, List.of(), changed);
            }
        };
    }

    @Override
    public CockpitView view(YearMonth period) {
        requireNonNull(period, "period is null");
        Instant now = clock.instant();
        List<Assessment> assessed = portfolio.list();
        List<UseCaseTile> tiles = new ArrayList<>();
        List<RiskLine> risks = new ArrayList<>();
        for (Assessment assessment : assessed) {
            UseCase useCase = assessment.useCase();
            if (useCase.status() == UseCase.Status.RETIRED) {
                continue;
            }
            tiles.add(tile(assessment));
            for (UseCase.Risk risk : useCase.risks()) {
                risks.add(new RiskLine(useCase.id(), useCase.title(), risk.category().text(), risk.description(),
                        risk.likelihood(), risk.severity(), risk.mitigation()));
            }
        }
        List<KpiTile> kpis = new ArrayList<>();
        platformKpis.all().forEach(kpi -> kpis.add(tile(kpi)));
        kpis.add(ideaToMvp(assessed));
        businessKpis().tracked().forEach(tracked -> kpis.add(tile(tracked)));

        Instant from = period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = end.isAfter(now) ? now : end;
        List<CostLine> costLines = new ArrayList<>();
        if (from.isBefore(to)) {
            for (CostAttribution.Dimension dimension : List.of(CostAttribution.Dimension.DOMAIN,
                    CostAttribution.Dimension.USECASE)) {
                CostAttribution.CostReport report = costs.report(dimension, from, to);
                report.groups().forEach(group -> costLines.add(new CostLine(dimension.word(), group.key(),
                        group.total(), report.currency(), List.of())));
            }
        }
        List<BudgetLine> budgetLines = new ArrayList<>();
        if (YearMonth.from(now.atZone(ZoneOffset.UTC)).equals(period)) {
            for (Budgets.Status status : budgets.evaluate()) {
                String alert = status.usedPercent() >= 100 ? "exceeded" : status.alerts().isEmpty() ? "ok"
                        : "warning";
                budgetLines.add(new BudgetLine(status.budget().scope().word(), status.budget().scopeValue(),
                        status.budget().amount(), status.actual(), status.currency(), alert));
            }
        }
        CockpitView view = new CockpitView(now, period, tiles, kpis, costLines, budgetLines, risks,
                dev.northstar.cockpit.review.Readiness.of(List.of()));
        return view.withReadiness(readiness.evaluate(view));
    }

    private static UseCaseTile tile(Assessment assessment) {
        UseCase useCase = assessment.useCase();
        Optional<BusinessCaseResult.Figures> base = assessment.businessCase().map(BusinessCaseResult::base);
        PipelineStage stage = switch (useCase.status()) {
            case IDEA -> PipelineStage.IDEA;
            case MVP -> PipelineStage.MVP;
            default -> PipelineStage.PRODUCTION;
        };
        return new UseCaseTile(useCase.id(), useCase.title(), useCase.domain(), useCase.lever().text(),
                useCase.sponsor().isBlank() ? Optional.empty() : Optional.of(useCase.sponsor()), stage,
                assessment.impactScore().doubleValue(), assessment.feasibilityScore().doubleValue(),
                assessment.quadrant().text(),
                optional(base.flatMap(BusinessCaseResult.Figures::roi).map(Number::doubleValue)),
                optional(base.flatMap(BusinessCaseResult.Figures::paybackMonths).map(Number::doubleValue)),
                optional(base.map(figures -> figures.npv().doubleValue())),
                optional(base.map(figures -> figures.annualBenefits().doubleValue())),
                assessment.businessCase().map(BusinessCaseResult::currency).orElse("EUR"),
                useCase.northStar().map(UseCase.Metric::name), assessment.businessCase().isPresent());
    }

    private static OptionalDouble optional(Optional<Double> value) {
        return value.map(OptionalDouble::of).orElseGet(OptionalDouble::empty);
    }

    private static KpiTile tile(Kpi kpi) {
        return new KpiTile(kpi.id(), kpi.category(), kpi.label(), optional(kpi.value()), kpi.unit(),
                optional(kpi.target().map(Kpi.Target::value)), status(kpi.status()), trend(kpi.trend()),
                kpi.evidence(), kpi.notMeasured().orElse(""));
    }

    private static KpiTile tile(BusinessKpis.Tracked tracked) {
        BusinessKpi kpi = tracked.kpi();
        Optional<Double> value = tracked.latest().filter(evaluation -> evaluation.outcome()
                == BusinessKpis.Outcome.SUCCEEDED).flatMap(BusinessKpis.Evaluation::value);
        KpiStatus status = value.isEmpty() ? KpiStatus.NOT_MEASURED : status(tracked.status());
        String reason = value.isPresent() ? "" : tracked.latest().map(evaluation -> "Its latest evaluation failed; see"
                + " northstar kpi business").orElse("Not evaluated yet: northstar kpi evaluate " + kpi.id());
        return new KpiTile("business." + kpi.id(), "business", kpi.name(), optional(value), kpi.unit(),
                OptionalDouble.of(kpi.target().value()), status, trend(tracked.history()),
                "/api/v1/kpis/business", reason);
    }

    /** Time to value from idea to MVP: the median of the use cases that reached an MVP, in days. */
    private static KpiTile ideaToMvp(List<Assessment> assessed) {
        List<Long> days = assessed.stream().map(one -> one.useCase().dates().ideaToMvpDays())
                .filter(java.util.OptionalLong::isPresent).map(java.util.OptionalLong::getAsLong).sorted().toList();
        String label = "Idea to MVP (median days over the portfolio)";
        if (days.isEmpty()) {
            return KpiTile.notMeasured("time_to_value.idea_to_mvp", "time_to_value", label, "days",
                    "/api/v1/usecases", "No use case has reached its MVP: give use cases their 'dates' (idea, mvp)");
        }
        int n = days.size();
        double median = n % 2 == 1 ? days.get(n / 2) : (days.get(n / 2 - 1) + days.get(n / 2)) / 2.0;
        return new KpiTile("time_to_value.idea_to_mvp", "time_to_value", label, OptionalDouble.of(median), "days",
                OptionalDouble.empty(), KpiStatus.NO_TARGET, List.of(), "/api/v1/usecases", "");
    }

    private static KpiStatus status(Kpi.Status status) {
        return switch (status) {
            case ON_TRACK -> KpiStatus.ON_TARGET;
            case AT_RISK -> KpiStatus.AT_RISK;
            case OFF_TRACK -> KpiStatus.OFF_TARGET;
            case NO_TARGET -> KpiStatus.NO_TARGET;
            case NOT_MEASURED -> KpiStatus.NOT_MEASURED;
        };
    }

    private static List<TrendPoint> trend(List<dev.northstar.cockpit.kpi.TrendPoint> points) {
        return points.stream().map(point -> new TrendPoint(point.start().atZone(ZoneOffset.UTC).toLocalDate(),
                point.value())).toList();
    }
}
