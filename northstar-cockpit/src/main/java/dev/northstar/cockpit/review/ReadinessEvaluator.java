package dev.northstar.cockpit.review;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.audit.AuditChain;
import dev.northstar.govern.audit.AuditLog;
import dev.northstar.lake.store.MetadataDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates the method's "ready to start" checklist and its 100-day plan from the platform's state: the facts of the
 * metadata database ({@link PlatformFacts}) and the portfolio and KPIs of a {@link CockpitView}. Each item is done,
 * partial or missing, with its evidence, links and the next step; {@link Readiness#of(List)} turns them into the
 * maturity score.
 */
public final class ReadinessEvaluator {
    /** How recent a business KPI's last measurement must be to count as reviewed monthly. */
    static final Duration MONTHLY = Duration.ofDays(31);
    /** Enterprise KPIs with targets the plan asks for in weeks 3–4. */
    static final int ENTERPRISE_KPIS = 5;
    /** Prioritised use cases with a business case the checklist asks for. */
    static final int PRIORITISED_USE_CASES = 3;
    private static final Set<String> LEVERS = Set.of("innovation", "competitiveness", "optimisation");

    private final MetadataDatabase database;
    private final Clock clock;
    private final AuditChain auditChain;

    /**
     * An evaluator reading the platform's facts from this database.
     *
     * @param database the metadata database
     * @param clock the clock deadlines are compared with
     */
    public ReadinessEvaluator(MetadataDatabase database, Clock clock) {
        this(database, clock, AuditChain.alwaysFull(new AuditLog(database, clock), clock));
    }

    /** An evaluator whose audit-chain check is {@code auditChain}'s (incremental between full walks). */
    public ReadinessEvaluator(MetadataDatabase database, Clock clock, AuditChain auditChain) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.auditChain = requireNonNull(auditChain, "auditChain is null");
    }

    /** Reads the platform's facts now and evaluates them with the view's portfolio and KPIs. */
    public Readiness evaluate(CockpitView view) {
        return evaluate(PlatformFacts.read(database, clock.instant(), auditChain.verify().verification()), view);
    }

    /**
     * Evaluates every item.
     *
     * @param facts the platform's facts
     * @param view the portfolio, KPIs, risks and costs (its readiness is ignored)
     */
    public static Readiness evaluate(PlatformFacts facts, CockpitView view) {
        requireNonNull(facts, "facts is null");
        requireNonNull(view, "view is null");
        List<ReadinessItem> items = new ArrayList<>();
        items.add(sponsorAndOkrs(view));
        items.add(prioritisedUseCases(view));
        items.add(sourcesMapped(facts));
        items.add(platformOperational(facts));
        items.add(securityAndGdpr(facts));
        items.add(mlops(facts));
        items.add(abTestingAndFeatures(facts));
        items.add(businessKpis(view));
        items.add(weeks1to2(facts, view));
        items.add(weeks3to4(view));
        items.add(weeks5to8(facts, view));
        items.add(weeks9to12(facts, view));
        return Readiness.of(items);
    }

    private static ReadinessItem sponsorAndOkrs(CockpitView view) {
        int total = view.useCases().size();
        long sponsored = view.useCases().stream().filter(useCase -> useCase.sponsor().isPresent()).count();
        long withNorthStar = view.useCases().stream().filter(useCase -> useCase.northStarMetric().isPresent())
                .count();
        String evidence = sponsored + " of " + total + " use cases name a sponsor; " + withNorthStar
                + " define a North Star metric";
        ReadinessStatus status = total > 0 && sponsored == total && withNorthStar == total ? ReadinessStatus.DONE
                : sponsored + withNorthStar > 0 ? ReadinessStatus.PARTIAL : ReadinessStatus.MISSING;
        return item("checklist.sponsor-okrs", "checklist", "Executive sponsor and clear OKRs", status, evidence,
                List.of(new EvidenceLink("Use cases", "/api/v1/usecases")),
                total == 0 ? "Declare use cases (kind: UseCase) with a sponsor and a northStar metric, then run "
                        + "northstar apply DIR"
                        : "Give every use case a sponsor and a northStar metric with its target");
    }

    private static ReadinessItem prioritisedUseCases(CockpitView view) {
        long withCase = view.useCases().stream().filter(UseCaseTile::hasBusinessCase).count();
        ReadinessStatus status = withCase >= PRIORITISED_USE_CASES ? ReadinessStatus.DONE
                : withCase > 0 ? ReadinessStatus.PARTIAL : ReadinessStatus.MISSING;
        return item("checklist.prioritised-use-cases", "checklist", "3 prioritised use cases with a business case",
                status, withCase + " of " + view.useCases().size() + " use cases have a business case "
                        + "(" + PRIORITISED_USE_CASES + " needed)",
                List.of(new EvidenceLink("Portfolio", "/api/v1/usecases")),
                "Score use cases on impact and feasibility and add a businessCase (benefits, costs, horizon) to the "
                        + (PRIORITISED_USE_CASES - Math.min(withCase, PRIORITISED_USE_CASES)) + " best");
    }

    private static ReadinessItem sourcesMapped(PlatformFacts facts) {
        boolean contracts = facts.activeContracts() > 0;
        boolean scanned = facts.scannedTables() > 0;
        ReadinessStatus status = contracts && scanned && facts.pendingSuggestions() == 0 ? ReadinessStatus.DONE
                : contracts || scanned ? ReadinessStatus.PARTIAL : ReadinessStatus.MISSING;
        String next = !contracts ? "Describe each source with a data contract and run northstar apply contracts/"
                : !scanned ? "Scan the products for personal data: northstar classify scan DOMAIN.TABLE"
                : "Review the " + facts.pendingSuggestions() + " pending classification suggestions";
        return item("checklist.sources-mapped", "checklist", "Source data mapped and classified", status,
                facts.activeContracts() + " contracts in force over " + facts.governedTables() + " tables; "
                        + facts.scannedTables() + " tables scanned for personal data; "
                        + facts.pendingSuggestions() + " suggestions pending, " + facts.reviewedSuggestions()
                        + " reviewed",
                List.of(new EvidenceLink("Data products", "/console/products"),
                        new EvidenceLink("Classification", "/console/classification")),
                next);
    }

    private static ReadinessItem platformOperational(PlatformFacts facts) {
        int parts = (facts.succeededRuns() > 0 ? 1 : 0) + (facts.activeContracts() > 0 ? 1 : 0)
                + (facts.lineageEvents() > 0 ? 1 : 0);
        String next = facts.succeededRuns() == 0 ? "Ingest a first source: northstar ingest FILE --product DOMAIN.TABLE"
                : facts.activeContracts() == 0 ? "Keep contracts in version control and apply them from CI with "
                        + "northstar apply DIR"
                : "Record lineage: ingestion runs emit OpenLineage events into the catalog";
        return item("checklist.platform", "checklist", "Lakehouse, catalog and CI/CD for data operational",
                parts == 3 ? ReadinessStatus.DONE : parts > 0 ? ReadinessStatus.PARTIAL : ReadinessStatus.MISSING,
                facts.succeededRuns() + " successful runs into the lakehouse; " + facts.activeContracts()
                        + " contracts applied; " + facts.lineageEvents() + " lineage events in the catalog",
                List.of(new EvidenceLink("Tables", "/console/tables"), new EvidenceLink("Catalog", "/console/catalog"),
                        new EvidenceLink("Lineage", "/console/lineage")),
                next);
    }

    private static ReadinessItem securityAndGdpr(PlatformFacts facts) {
        boolean masks = facts.maskingPolicies() > 0;
        boolean purposes = facts.purposePolicies() > 0;
        boolean register = facts.auditEntries() > 0 && facts.auditIntact();
        boolean onTime = facts.privacyRequestsOverdue() == 0;
        int parts = (masks ? 1 : 0) + (purposes ? 1 : 0) + (register ? 1 : 0);
        ReadinessStatus status = parts == 3 && onTime ? ReadinessStatus.DONE
                : parts > 0 ? ReadinessStatus.PARTIAL : ReadinessStatus.MISSING;
        String next = !facts.auditIntact() ? "The audit chain does not verify: run northstar audit verify and "
                + "investigate the first break"
                : !masks ? "Apply an AccessPolicy with a mask rule for personal columns"
                : !purposes ? "Restrict personal data to declared purposes (purposes: in a policy rule)"
                : !onTime ? "Answer the " + facts.privacyRequestsOverdue() + " overdue data-subject requests"
                : facts.auditEntries() == 0 ? "Audited reads fill the register: query a product through the gateway"
                : "";
        return item("checklist.security-gdpr", "checklist", "Security and GDPR (masking, consent, registers)",
                status, facts.maskingPolicies() + " policies mask columns; " + facts.purposePolicies()
                        + " restrict to purposes; audit register of " + facts.auditEntries() + " entries, "
                        + (facts.auditIntact() ? "chain intact" : "chain BROKEN") + "; "
                        + facts.privacyRequests() + " data-subject requests, " + facts.privacyRequestsOverdue()
                        + " overdue",
                List.of(new EvidenceLink("Policies", "/console/policies"),
                        new EvidenceLink("Privacy", "/console/privacy"), new EvidenceLink("Audit", "/console/audit")),
                next);
    }

    private static ReadinessItem mlops(PlatformFacts facts) {
        ReadinessStatus status = facts.champions() > 0 && facts.championsWithDrift() == facts.champions()
                ? ReadinessStatus.DONE
                : facts.models() > 0 ? ReadinessStatus.PARTIAL : ReadinessStatus.MISSING;
        String next = facts.models() == 0 ? "Train and register a model: northstar model train model.yaml"
                : facts.champions() == 0 ? "Approve a model version and promote it to champion"
                : "Register champions with a drift reference (retrain with the current release)";
        return item("checklist.mlops", "checklist", "MLOps (registry, monitoring, drift)", status,
                facts.models() + " models registered; " + facts.champions() + " champions, "
                        + facts.championsWithDrift() + " monitored for drift",
                List.of(new EvidenceLink("Models", "/console/models"),
                        new EvidenceLink("Drift and alerts", "/console/serve")),
                status == ReadinessStatus.DONE ? "" : next);
    }

    private static ReadinessItem abTestingAndFeatures(PlatformFacts facts) {
        boolean features = facts.featureViews() > 0;
        boolean challengers = facts.challengers() > 0;
        ReadinessStatus status = features && challengers ? ReadinessStatus.DONE
                : features || challengers ? ReadinessStatus.PARTIAL : ReadinessStatus.MISSING;
        return item("checklist.ab-features", "checklist", "A/B testing and feature governance", status,
                facts.featureViews() + " governed feature views; " + facts.challengers()
                        + " models with a challenger in A/B",
                List.of(new EvidenceLink("Feature views", "/console/features"),
                        new EvidenceLink("Models", "/console/models")),
                !features ? "Declare features as a FeatureView and apply it"
                        : !challengers ? "Promote a second version as challenger and set scoring.canary-share"
                        : "");
    }

    private static ReadinessItem businessKpis(CockpitView view) {
        List<KpiTile> business = view.kpis().stream().filter(kpi -> kpi.category().equals("business")).toList();
        Instant since = view.asOf().minus(MONTHLY);
        long recent = business.stream().filter(kpi -> !kpi.trend().isEmpty() && kpi.trend().get(kpi.trend().size() - 1)
                .day().atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(since)).count();
        ReadinessStatus status = !business.isEmpty() && recent == business.size() ? ReadinessStatus.DONE
                : business.isEmpty() ? ReadinessStatus.MISSING : ReadinessStatus.PARTIAL;
        return item("checklist.business-kpis", "checklist", "Business KPIs defined and reviewed monthly", status,
                business.size() + " business KPIs defined; " + recent + " measured in the last 31 days",
                List.of(new EvidenceLink("KPIs", "/console")),
                business.isEmpty() ? "Define business KPIs as governed SQL over product tables in your use cases"
                        : status == ReadinessStatus.DONE ? "" : "Measure every business KPI at least monthly");
    }

    private static ReadinessItem weeks1to2(PlatformFacts facts, CockpitView view) {
        boolean pii = facts.scannedTables() > 0 && facts.reviewedSuggestions() > 0;
        boolean risks = !view.risks().isEmpty();
        boolean sources = facts.activeContracts() > 0;
        int parts = (pii ? 1 : 0) + (risks ? 1 : 0) + (sources ? 1 : 0);
        return item("plan.weeks-1-2", "plan", "Weeks 1–2: maturity audit, source and PII mapping, risks",
                parts == 3 ? ReadinessStatus.DONE : parts > 0 ? ReadinessStatus.PARTIAL : ReadinessStatus.MISSING,
                facts.activeContracts() + " sources under contract; " + facts.reviewedSuggestions()
                        + " PII findings reviewed; " + view.risks().size() + " use-case risks assessed",
                List.of(new EvidenceLink("Classification", "/console/classification"),
                        new EvidenceLink("Readiness", "/api/v1/readiness")),
                !sources ? "Map the sources as data contracts" : !pii ? "Scan and review personal data"
                        : !risks ? "Assess each use case's risks (likelihood × severity)" : "");
    }

    private static ReadinessItem weeks3to4(CockpitView view) {
        boolean northStar = view.useCases().stream().anyMatch(useCase -> useCase.northStarMetric().isPresent());
        long targeted = view.kpis().stream().filter(kpi -> kpi.target().isPresent()).count();
        ReadinessStatus status = northStar && targeted >= ENTERPRISE_KPIS ? ReadinessStatus.DONE
                : northStar || targeted > 0 ? ReadinessStatus.PARTIAL : ReadinessStatus.MISSING;
        return item("plan.weeks-3-4", "plan", "Weeks 3–4: North Star and 5 enterprise KPIs", status,
                (northStar ? "a North Star metric is defined" : "no North Star metric") + "; " + targeted
                        + " KPIs with a target (" + ENTERPRISE_KPIS + " needed)",
                List.of(new EvidenceLink("KPIs", "/console")),
                status == ReadinessStatus.DONE ? "" : "Set targets on at least " + ENTERPRISE_KPIS
                        + " KPIs and a North Star metric on the portfolio");
    }

    private static ReadinessItem weeks5to8(PlatformFacts facts, CockpitView view) {
        List<UseCaseTile> quickWins = view.useCases().stream()
                .filter(useCase -> useCase.quadrant().toLowerCase(Locale.ROOT).contains("quick")
                        && useCase.hasBusinessCase())
                .toList();
        Set<String> levers = new TreeSet<>();
        quickWins.forEach(useCase -> levers.add(useCase.lever().toLowerCase(Locale.ROOT)));
        levers.retainAll(LEVERS);
        boolean contracts = facts.activeContracts() > 0;
        boolean mlopsPlan = facts.models() > 0;
        ReadinessStatus status = levers.size() == LEVERS.size() && contracts && mlopsPlan ? ReadinessStatus.DONE
                : quickWins.isEmpty() ? ReadinessStatus.MISSING : ReadinessStatus.PARTIAL;
        Set<String> missing = new TreeSet<>(LEVERS);
        missing.removeAll(levers);
        return item("plan.weeks-5-8", "plan",
                "Weeks 5–8: 3 quick wins, one per lever, with business case, data contract and MLOps plan", status,
                quickWins.size() + " quick wins with a business case covering levers " + levers + "; "
                        + facts.activeContracts() + " data contracts; " + facts.models() + " registered models",
                List.of(new EvidenceLink("Portfolio", "/api/v1/usecases"),
                        new EvidenceLink("Data products", "/console/products")),
                status == ReadinessStatus.DONE ? ""
                        : !missing.isEmpty() ? "Frame a quick win for each lever still missing: " + missing
                        : !contracts ? "Put the quick wins' data under contract" : "Register the quick wins' models");
    }

    private static ReadinessItem weeks9to12(PlatformFacts facts, CockpitView view) {
        boolean platform = facts.succeededRuns() > 0 && facts.activeContracts() > 0;
        boolean model = facts.champions() > 0;
        boolean observability = facts.qualityRuns() > 0;
        boolean finops = !view.costs().isEmpty();
        int parts = (platform ? 1 : 0) + (model ? 1 : 0) + (observability ? 1 : 0) + (finops ? 1 : 0);
        return item("plan.weeks-9-12", "plan",
                "Weeks 9–12: minimal platform, 1 model in production, observability and FinOps",
                parts == 4 ? ReadinessStatus.DONE : parts > 0 ? ReadinessStatus.PARTIAL : ReadinessStatus.MISSING,
                (platform ? "platform ingesting under contract" : "no governed ingestion yet") + "; "
                        + facts.champions() + " models in production; " + facts.qualityRuns() + " quality runs; "
                        + view.costs().size() + " cost lines",
                List.of(new EvidenceLink("Quality", "/console/quality"),
                        new EvidenceLink("Models", "/console/models")),
                !platform ? "Ingest a source under contract" : !model ? "Promote one model to champion"
                        : !observability ? "Run quality checks on the products: northstar quality check"
                        : !finops ? "Attribute storage and compute costs (FinOps)" : "");
    }

    private static ReadinessItem item(String id, String group, String title, ReadinessStatus status, String evidence,
            List<EvidenceLink> links, String next) {
        return new ReadinessItem(id, group, title, status, evidence, links,
                status == ReadinessStatus.DONE ? "" : next);
    }
}
