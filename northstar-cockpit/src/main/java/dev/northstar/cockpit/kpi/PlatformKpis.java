package dev.northstar.cockpit.kpi;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.finops.CostAttribution;
import dev.northstar.cockpit.finops.UsageRollup;
import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.DataProduct;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.govern.audit.AuditChain;
import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.govern.audit.AuditVerification;
import dev.northstar.govern.policy.AccessRequests;
import dev.northstar.govern.policy.PolicyEngine;
import dev.northstar.govern.policy.PolicyStore;
import dev.northstar.govern.policy.TableFacts;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.ml.ModelRegistry;
import dev.northstar.ml.ModelVersion;
import dev.northstar.quality.ContractChecks;
import dev.northstar.quality.QualityConfig;
import dev.northstar.quality.Slo;
import dev.northstar.quality.SloEvaluator;
import dev.northstar.quality.SloStatus;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The CDO's KPIs, measured by the platform from its own telemetry: adoption (audited reads), time to value
 * (ingestion runs and the model registry), quality (incidents, SLOs), economics (cost attribution), compliance
 * (data-subject requests, the audit chain, policy coverage of personal data, fairness reports). A figure the
 * platform cannot measure is returned as not measured with the reason, never estimated.
 */
public final class PlatformKpis {
    /** Channel of the reads business KPI evaluations make; they are not people using the platform. */
    public static final String KPI_CHANNEL = UsageRollup.KPI_CHANNEL;

    private static final Set<String> PERSONAL_WORDS = Set.of("pii", "phi", "personal", "sensitive");
    private static final String QUARANTINE_SUFFIX = "__quarantine";
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final Lakehouse lake;
    private final JdbcMetadataStore store;
    private final MetadataDatabase database;
    private final CostAttribution costs;
    private final Clock clock;
    private final Settings settings;
    private final AuditChain auditChain;

    /**
     * How KPIs are computed.
     *
     * @param period the period a KPI covers, ending now (default 30 days)
     * @param trendStep the length of one trend point (default 7 days)
     * @param trendPoints how many trend points, the last ending now (default 12)
     * @param wasteAfter a table not read for this long is waste (default 30 days)
     */
    public record Settings(Duration period, Duration trendStep, int trendPoints, Duration wasteAfter) {
        /** 30 days, 12 weekly points, waste after 30 days unread. */
        public static final Settings DEFAULTS = new Settings(Duration.ofDays(30), Duration.ofDays(7), 12,
                Duration.ofDays(30));

        public Settings {
            requireNonNull(period, "period is null");
            requireNonNull(trendStep, "trendStep is null");
            requireNonNull(wasteAfter, "wasteAfter is null");
            if (period.isNegative() || period.isZero() || trendStep.isNegative() || trendStep.isZero()
                    || trendPoints < 0 || wasteAfter.isNegative()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "KPI settings need a positive period and"
                        + " trend step, and no negative count or waste delay", "Use e.g. period 30d, step 7d");
            }
        }

        /** With another period. */
        public Settings withPeriod(Duration newPeriod) {
            return new Settings(newPeriod, trendStep, trendPoints, wasteAfter);
        }

        /** With another waste delay. */
        public Settings withWasteAfter(Duration newWasteAfter) {
            return new Settings(period, trendStep, trendPoints, newWasteAfter);
        }
    }

    /** KPIs whose audit-chain check walks the whole chain each time. */
    public PlatformKpis(Lakehouse lake, JdbcMetadataStore store, CostAttribution costs, Clock clock,
            Settings settings) {
        this(lake, store, costs, clock, settings, AuditChain.alwaysFull(new AuditLog(store.database(), clock), clock));
    }

    /** KPIs whose audit-chain check is {@code auditChain}'s (incremental between full walks). */
    public PlatformKpis(Lakehouse lake, JdbcMetadataStore store, CostAttribution costs, Clock clock,
            Settings settings, AuditChain auditChain) {
        this.auditChain = requireNonNull(auditChain, "auditChain is null");
        this.lake = requireNonNull(lake, "lake is null");
        this.store = requireNonNull(store, "store is null");
        this.database = store.database();
        this.costs = requireNonNull(costs, "costs is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** Every KPI, by category: adoption, time to value, quality, economics, compliance. */
    public List<Kpi> all() {
        // Periods end after the current millisecond: what was recorded just now counts.
        Instant now = clock.instant().plusMillis(1);
        Instant from = now.minus(settings.period());
        List<Kpi> kpis = new ArrayList<>();
        kpis.addAll(adoption(from, now));
        kpis.add(timeToValue());
        kpis.addAll(quality(from, now));
        kpis.addAll(economics(from, now));
        kpis.addAll(compliance(from, now));
        return kpis;
    }

    /** One KPI by id. */
    public Optional<Kpi> find(String id) {
        return all().stream().filter(kpi -> kpi.id().equals(id)).findFirst();
    }

    private double days() {
        return settings.period().toMillis() / (double) DAY;
    }

    /** The starts of the trend points, oldest first; the last point ends now. */
    private List<Instant> trendStarts(Instant now) {
        List<Instant> starts = new ArrayList<>();
        for (int i = settings.trendPoints(); i >= 1; i--) {
            starts.add(now.minus(settings.trendStep().multipliedBy(i)));
        }
        return starts;
    }

    private interface Measure {
        double over(Instant from, Instant to);
    }

    private List<TrendPoint> trend(Instant now, Measure measure) {
        List<TrendPoint> points = new ArrayList<>();
        for (Instant start : trendStarts(now)) {
            points.add(new TrendPoint(start, measure.over(start, start.plus(settings.trendStep()))));
        }
        return points;
    }

    // Adoption

    private long count(String sql, Instant from, Instant to) {
        return database.call("measure a KPI", handle -> handle.createQuery(sql)
                .bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli()).mapTo(Long.class).one());
    }

    private List<Kpi> adoption(Instant from, Instant now) {
        // Audited reads outside the KPI channel, rolled up by the hour (see UsageRollup).
        UsageRollup usage = costs.usage();
        double stepDays = settings.trendStep().toMillis() / (double) DAY;
        long queries = usage.reads(from, now);
        List<Kpi> kpis = new ArrayList<>();
        kpis.add(Kpi.measured("adoption.active_users", "adoption", "Active users (distinct principals reading data)",
                usage.readers(from, now), "users", Optional.empty(),
                trend(now, usage::readers), "/console/audit",
                "principals with an audited read, allowed or denied, in the last " + (long) days() + " days"));
        kpis.add(Kpi.measured("adoption.queries_per_day", "adoption", "Queries per day", queries / days(),
                "queries/day", Optional.empty(),
                trend(now, (start, end) -> usage.reads(start, end) / stepDays), "/api/v1/audit/entries",
                queries + " audited reads in the last " + (long) days() + " days"));
        Set<String> domains = new TreeSet<>();
        for (TableId table : lake.tables()) {
            domains.add(table.domain());
        }
        Set<String> publishing = new TreeSet<>();
        for (DataProduct product : new ProductRegistry(database, lake).products()) {
            publishing.add(product.domain());
        }
        publishing.retainAll(domains);
        if (domains.isEmpty()) {
            kpis.add(Kpi.notMeasured("adoption.publishing_domains", "adoption",
                    "Share of domains publishing data products", "%", Optional.empty(), "/console/products",
                    "the lakehouse has no table yet"));
        } else {
            kpis.add(Kpi.measured("adoption.publishing_domains", "adoption",
                    "Share of domains publishing data products", 100.0 * publishing.size() / domains.size(), "%",
                    Optional.empty(), List.of(), "/console/products", publishing.size() + " of " + domains.size()
                            + " domains with tables publish a data product under contract " + publishing));
        }
        return kpis;
    }

    // Time to value

    private Kpi timeToValue() {
        String id = "time_to_value.ingestion_to_production";
        String label = "First ingestion to first model in production";
        Optional<Long> firstIngestion = database.call("measure a KPI", handle -> handle.createQuery(
                        "SELECT MIN(started_at) FROM ns_runs WHERE kind = 'ingest' AND status = 'SUCCEEDED'")
                .mapTo(Long.class).findOne());
        Optional<Long> promoted = database.call("measure a KPI", handle -> handle.createQuery(
                        "SELECT MIN(recorded_at) FROM ns_audit_log WHERE action = :promote AND decision = 'allowed'"
                                + " AND details LIKE :champion")
                .bind("promote", ModelRegistry.PROMOTE_ACTION)
                .bind("champion", "%\"alias\":\"" + ModelRegistry.CHAMPION + "\"%")
                .mapTo(Long.class).findOne());
        Optional<Long> aliased = database.call("measure a KPI", handle -> handle.createQuery(
                        "SELECT MIN(updated_at) FROM ns_model_alias WHERE alias = :champion")
                .bind("champion", ModelRegistry.CHAMPION).mapTo(Long.class).findOne());
        Optional<Long> firstChampion = promoted.isPresent() && aliased.isPresent()
                ? Optional.of(Math.min(promoted.get(), aliased.get())) : promoted.or(() -> aliased);
        if (firstIngestion.isEmpty()) {
            return Kpi.notMeasured(id, "time_to_value", label, "days", Optional.empty(), "/console/products",
                    "no ingestion run has succeeded yet");
        }
        if (firstChampion.isEmpty()) {
            return Kpi.notMeasured(id, "time_to_value", label, "days", Optional.empty(), "/console/models",
                    "no model has been promoted to " + ModelRegistry.CHAMPION + " yet");
        }
        return Kpi.measured(id, "time_to_value", label, (firstChampion.get() - firstIngestion.get()) / (double) DAY,
                "days", Optional.empty(), List.of(), "/console/models", "first ingestion "
                        + Instant.ofEpochMilli(firstIngestion.get()) + ", first champion "
                        + Instant.ofEpochMilli(firstChampion.get()));
    }

    // Quality

    private List<Kpi> quality(Instant from, Instant now) {
        String opened = "SELECT COUNT(*) FROM ns_quality_incidents WHERE opened_at >= :from AND opened_at < :to";
        double perMonth = 30.0 / days();
        List<Kpi> kpis = new ArrayList<>();
        long incidents = count(opened, from, now);
        kpis.add(Kpi.measured("quality.incidents_per_month", "quality", "Data-quality incidents opened per month",
                incidents * perMonth, "incidents/month", Optional.empty(),
                trend(now, (start, end) -> count(opened, start, end)), "/console/quality",
                incidents + " incidents opened in the last " + (long) days() + " days (trend: per "
                        + settings.trendStep().toDays() + " days)"));
        ProductRegistry registry = new ProductRegistry(database, lake);
        SloEvaluator evaluator = new SloEvaluator(lake, store.runs(), clock);
        int withSlos = 0;
        List<String> missed = new ArrayList<>();
        for (TableId table : lake.tables()) {
            Optional<ActiveContract> active = registry.activeContract(table);
            if (active.isEmpty()) {
                continue;
            }
            List<Slo> slos = ContractChecks.slos(active.get().contract(), QualityConfig.defaults());
            if (slos.isEmpty()) {
                continue;
            }
            withSlos++;
            List<SloStatus> statuses = evaluator.evaluate(table, slos);
            if (!statuses.stream().allMatch(status -> status.budget().met())) {
                missed.add(table.toString());
            }
        }
        Optional<Kpi.Target> target = Optional.of(new Kpi.Target(95, Kpi.Direction.HIGHER_IS_BETTER));
        if (withSlos == 0) {
            kpis.add(Kpi.notMeasured("quality.slo_met", "quality", "Share of products meeting their SLOs", "%",
                    target, "/console/quality", "no data product under contract declares an SLO"));
        } else {
            kpis.add(Kpi.measured("quality.slo_met", "quality", "Share of products meeting their SLOs",
                    100.0 * (withSlos - missed.size()) / withSlos, "%", target, List.of(), "/console/quality",
                    (withSlos - missed.size()) + " of " + withSlos + " products with SLOs meet them"
                            + (missed.isEmpty() ? "" : "; missed: " + String.join(", ", missed))));
        }
        return kpis;
    }

    // Economics

    private List<Kpi> economics(Instant from, Instant now) {
        List<CostAttribution.AssetCost> assets = costs.assets(from, now);
        String currency = costs.priceModel().currency();
        double total = assets.stream().mapToDouble(CostAttribution.AssetCost::total).sum();
        double gbMonths = assets.stream().mapToDouble(CostAttribution.AssetCost::storageGbMonths).sum();
        long queries = costs.usage().answered(from, now);
        List<Kpi> kpis = new ArrayList<>();
        Instant trendFrom = now.minus(settings.trendStep().multipliedBy(settings.trendPoints()));
        List<TrendPoint> totals = settings.trendPoints() == 0 ? List.of()
                : costs.totals(trendFrom, now, settings.trendStep());
        kpis.add(Kpi.measured("economics.total_cost", "economics", "Platform cost over the period", total, currency,
                Optional.empty(), totals, "/api/v1/finops/costs?by=domain", "storage, compute and scoring of "
                        + assets.size() + " assets under price model " + costs.priceModel().name()));
        // Cost per GB: the period's cost brought to a month, over what is stored now (the seed's "coût/Go").
        double storedGb = 0;
        for (TableId table : lake.tables()) {
            storedGb += lake.describe(table).totalBytes() / CostAttribution.GB;
        }
        double monthly = total * CostAttribution.MONTH.toMillis() / (double) Duration.between(from, now).toMillis();
        kpis.add(storedGb == 0
                ? Kpi.notMeasured("economics.cost_per_gb_month", "economics", "Monthly cost per GB stored", currency,
                        Optional.empty(), "/api/v1/finops/costs?by=table", "no table holds any data")
                : Kpi.measured("economics.cost_per_gb_month", "economics", "Monthly cost per GB stored",
                        monthly / storedGb, currency, Optional.empty(), List.of(), "/api/v1/finops/costs?by=table",
                        String.format(Locale.ROOT, "%.3f GB stored now; %.6f GB-months over the period", storedGb,
                                gbMonths)));
        kpis.add(queries == 0
                ? Kpi.notMeasured("economics.cost_per_query", "economics", "Cost per query", currency,
                        Optional.empty(), "/api/v1/finops/costs?by=table", "no query was answered in the period")
                : Kpi.measured("economics.cost_per_query", "economics", "Cost per query", total / queries, currency,
                        Optional.empty(), List.of(), "/api/v1/finops/costs?by=table",
                        queries + " queries answered"));
        List<String> waste = wasteTables(now);
        double wasteCost = assets.stream().filter(asset -> waste.contains(asset.name()))
                .mapToDouble(CostAttribution.AssetCost::total).sum();
        String days = settings.wasteAfter().toDays() + " days";
        kpis.add(Kpi.measured("economics.waste_tables", "economics", "Tables not read for " + days, waste.size(),
                "tables", Optional.of(new Kpi.Target(0, Kpi.Direction.LOWER_IS_BETTER)), List.of(),
                "/console/catalog", waste.isEmpty() ? "every table older than " + days + " was read in the last "
                        + days : String.join(", ", waste.subList(0, Math.min(10, waste.size())))
                        + (waste.size() > 10 ? " and " + (waste.size() - 10) + " more" : "")));
        kpis.add(Kpi.measured("economics.waste_cost", "economics", "Cost of tables not read for " + days, wasteCost,
                currency, Optional.empty(), List.of(), "/api/v1/finops/costs?by=table",
                "what the unread tables cost over the period"));
        return kpis;
    }

    /**
     * Tables holding data for longer than the waste delay and not read (audited reads, catalog usage) within it;
     * quarantine tables are kept on purpose and never count.
     */
    List<String> wasteTables(Instant now) {
        long since = now.minus(settings.wasteAfter()).toEpochMilli();
        Map<String, Long> lastRead = new HashMap<>();
        database.call("find unread tables", handle -> {
            handle.createQuery("SELECT table_name, MAX(accessed_at) AS last FROM ns_catalog_usage GROUP BY table_name")
                    .map((row, context) -> Map.entry(row.getString("table_name"), row.getLong("last")))
                    .forEach(entry -> lastRead.merge(entry.getKey(), entry.getValue(), Math::max));
            return null;
        });
        costs.usage().lastReads(Instant.ofEpochMilli(since)).forEach((table, last) -> lastRead.merge(table, last,
                Math::max));
        List<String> waste = new ArrayList<>();
        for (TableId table : lake.tables()) {
            if (table.name().endsWith(QUARANTINE_SUFFIX)) {
                continue;
            }
            List<SnapshotInfo> history = lake.history(table);
            Optional<Instant> firstCommit = history.stream().map(SnapshotInfo::committedAt).min(Instant::compareTo);
            if (firstCommit.isEmpty() || firstCommit.get().toEpochMilli() > since) {
                continue;
            }
            if (lastRead.getOrDefault(table.toString(), Long.MIN_VALUE) < since) {
                waste.add(table.toString());
            }
        }
        Collections.sort(waste);
        return waste;
    }

    // Compliance

    private List<Kpi> compliance(Instant from, Instant now) {
        List<Kpi> kpis = new ArrayList<>();
        List<Long> responses = database.call("measure a KPI", handle -> handle.createQuery(
                        "SELECT completed_at - received_at FROM ns_privacy_requests WHERE status = 'COMPLETED'"
                                + " AND completed_at >= :from AND completed_at < :to ORDER BY 1")
                .bind("from", from.toEpochMilli()).bind("to", now.toEpochMilli()).mapTo(Long.class).list());
        Optional<Kpi.Target> legal = Optional.of(new Kpi.Target(30 * 24, Kpi.Direction.LOWER_IS_BETTER));
        if (responses.isEmpty()) {
            String reason = "no data-subject request was answered in the last " + (long) days() + " days";
            kpis.add(Kpi.notMeasured("compliance.gdpr_median_response", "compliance",
                    "GDPR request response time (median)", "hours", legal, "/console/privacy", reason));
            kpis.add(Kpi.notMeasured("compliance.gdpr_max_response", "compliance",
                    "GDPR request response time (longest)", "hours", legal, "/console/privacy", reason));
        } else {
            int size = responses.size();
            double median = size % 2 == 1 ? responses.get(size / 2)
                    : (responses.get(size / 2 - 1) + responses.get(size / 2)) / 2.0;
            double hour = Duration.ofHours(1).toMillis();
            kpis.add(Kpi.measured("compliance.gdpr_median_response", "compliance",
                    "GDPR request response time (median)", median / hour, "hours", legal, List.of(),
                    "/console/privacy", size + " requests answered in the period"));
            kpis.add(Kpi.measured("compliance.gdpr_max_response", "compliance",
                    "GDPR request response time (longest)", responses.get(size - 1) / hour, "hours", legal,
                    List.of(), "/console/privacy", "the legal limit is 30 days (720 hours)"));
        }
        long open = database.call("measure a KPI", handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM ns_privacy_requests WHERE status = 'RECEIVED'").mapTo(Long.class).one());
        long overdue = database.call("measure a KPI", handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM ns_privacy_requests WHERE status = 'RECEIVED' AND deadline_at < :now")
                .bind("now", now.toEpochMilli()).mapTo(Long.class).one());
        kpis.add(Kpi.measured("compliance.gdpr_open_requests", "compliance", "Open data-subject requests", open,
                "requests", Optional.empty(), List.of(), "/console/privacy", overdue + " past their legal deadline"));
        AuditChain.Result checked = auditChain.verify();
        AuditVerification verification = checked.verification();
        kpis.add(Kpi.measured("compliance.audit_chain_verified", "compliance", "Audit chain verified",
                verification.firstBreak().isEmpty() ? 1 : 0, "yes/no",
                Optional.of(new Kpi.Target(1, Kpi.Direction.HIGHER_IS_BETTER)), List.of(), "/api/v1/audit/verify",
                verification.entries() + " entries checked" + (checked.incremental() ? " (walked in full at "
                        + checked.fullWalkAt() + ", then what was appended since)" : "")
                        + verification.firstBreak()
                        .map(broken -> "; first break at entry " + broken.sequence() + ": " + broken.message())
                        .orElse("")));
        kpis.add(personalDataCoverage());
        kpis.add(fairnessReports());
        return kpis;
    }

    private Kpi personalDataCoverage() {
        String id = "compliance.personal_columns_covered";
        String label = "Personal-data columns covered by a policy";
        Optional<ProductRegistry> registry = Optional.of(new ProductRegistry(database, lake));
        PolicyEngine engine = new PolicyEngine(new PolicyStore(database, clock, PolicyStore.columnsOf(lake)),
                new AccessRequests(database, registry, clock), registry, database, Duration.ZERO);
        int personal = 0;
        List<String> uncovered = new ArrayList<>();
        for (TableId table : lake.tables()) {
            if (table.name().endsWith(QUARANTINE_SUFFIX)) {
                continue;
            }
            TableFacts facts = TableFacts.of(table, registry, database);
            for (Map.Entry<String, Set<String>> column : new TreeMap<>(facts.columnClasses()).entrySet()) {
                boolean isPersonal = column.getValue().stream().anyMatch(word -> PERSONAL_WORDS.contains(word)
                        || word.startsWith("pii.") || word.startsWith("phi."));
                if (!isPersonal) {
                    continue;
                }
                personal++;
                if (engine.protectingRules(table, column.getKey()).isEmpty()) {
                    uncovered.add(table + "." + column.getKey());
                }
            }
        }
        Optional<Kpi.Target> target = Optional.of(new Kpi.Target(100, Kpi.Direction.HIGHER_IS_BETTER));
        if (personal == 0) {
            return Kpi.notMeasured(id, "compliance", label, "%", target, "/console/classification",
                    "no column is classified as personal data (classify tables or declare it in contracts)");
        }
        return Kpi.measured(id, "compliance", label, 100.0 * (personal - uncovered.size()) / personal, "%", target,
                List.of(), "/console/policies", (personal - uncovered.size()) + " of " + personal
                        + " personal columns masked or withheld by a policy" + (uncovered.isEmpty() ? ""
                        : "; uncovered: " + String.join(", ", uncovered.subList(0, Math.min(10, uncovered.size())))));
    }

    private Kpi fairnessReports() {
        String id = "compliance.fairness_reports";
        String label = "Production models with a fairness report";
        ModelRegistry registry = new ModelRegistry(database, new AuditLog(database, clock), clock);
        int production = 0;
        List<String> without = new ArrayList<>();
        for (String model : registry.models()) {
            Optional<ModelVersion> champion = registry.alias(model, ModelRegistry.CHAMPION);
            if (champion.isEmpty()) {
                continue;
            }
            production++;
            if (champion.get().fairness().isEmpty()) {
                without.add(champion.get().reference());
            }
        }
        Optional<Kpi.Target> target = Optional.of(new Kpi.Target(100, Kpi.Direction.HIGHER_IS_BETTER));
        if (production == 0) {
            return Kpi.notMeasured(id, "compliance", label, "%", target, "/console/models",
                    "no model is in production (no " + ModelRegistry.CHAMPION + " alias)");
        }
        return Kpi.measured(id, "compliance", label, 100.0 * (production - without.size()) / production, "%", target,
                List.of(), "/console/models", (production - without.size()) + " of " + production
                        + " champions carry a fairness report" + (without.isEmpty() ? ""
                        : "; without: " + String.join(", ", without)));
    }
}
