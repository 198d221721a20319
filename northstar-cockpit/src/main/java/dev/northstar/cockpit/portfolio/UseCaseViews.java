package dev.northstar.cockpit.portfolio;

import dev.northstar.cockpit.portfolio.BusinessCase.Scenario;
import dev.northstar.cockpit.portfolio.BusinessCaseResult.Figures;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The portfolio as plain values for JSON (the API and {@code northstar usecase ... --format json}): records of
 * strings, numbers, lists and maps whose component names become snake_case JSON names. Amounts are decimals to the
 * cent, ratios to four decimals; absent figures are {@code null}.
 */
public final class UseCaseViews {
    private UseCaseViews() {}

    /** Time-to-value in days, {@code null} until both dates are known. */
    public record UseCaseTimeToValue(Optional<Long> ideaToMvpDays, Optional<Long> ideaToProductionDays) {}

    /** The figures of one scenario. */
    public record ScenarioFigures(BigDecimal annualBenefits, BigDecimal annualCosts, BigDecimal oneOffCosts,
            BigDecimal totalBenefits, BigDecimal totalCosts, BigDecimal net, Optional<BigDecimal> roi,
            Optional<Integer> paybackMonths, Optional<String> paybackMonth, BigDecimal npv) {}

    /** A use case in the portfolio list: scores, quadrant, base-scenario economics and each scenario's. */
    public record UseCaseSummary(String id, String title, String domain, String sector, String lever,
            String sponsor, String owner, String status, long version, int rank, BigDecimal impactScore,
            BigDecimal feasibilityScore, BigDecimal priority, String quadrant, String horizon,
            Optional<String> currency, Optional<BigDecimal> roi, Optional<Integer> paybackMonths,
            Optional<BigDecimal> npv, Map<String, ScenarioFigures> scenarios, UseCaseTimeToValue timeToValue,
            Optional<String> topRiskBand, String appliedBy, Instant appliedAt) {}

    /** The criteria behind the scores. */
    public record UseCaseCriteria(int businessValue, int strategicFit, int dataAvailability, int technical, int change,
            Map<String, BigDecimal> impactWeights, Map<String, BigDecimal> feasibilityWeights) {}

    /** A risk with its criticality (likelihood × severity) and band. */
    public record UseCaseRisk(String category, String description, int likelihood, int severity, int criticality,
            String band, String mitigation) {}

    /** What the use case uses on the platform. */
    public record UseCaseLinks(List<String> products, List<String> models, List<String> dashboards) {}

    /** The North Star metric. */
    public record NorthStarMetric(String name, String unit, Optional<BigDecimal> baseline, BigDecimal target,
            Optional<String> sql) {}

    /** A leading indicator. */
    public record LeadingIndicator(String name, String unit, BigDecimal target) {}

    /** The pipeline dates, ISO-8601. */
    public record UseCaseDates(Optional<String> idea, Optional<String> mvp, Optional<String> production,
            Optional<String> retired) {}

    /** One line of a business case: declared, or measured by the platform. */
    public record BusinessCaseLine(String name, String kind, String source, BigDecimal low, BigDecimal base,
            BigDecimal high, List<String> measuredAssets) {}

    /** A computed business case. */
    public record BusinessCaseView(String currency, int horizonYears, BigDecimal discountRate, String start,
            List<BusinessCaseLine> lines, Map<String, ScenarioFigures> scenarios) {}

    /** One stored version. */
    public record UseCaseVersion(long version, String status, boolean deleted, String source, String appliedBy,
            Instant appliedAt) {}

    /** A change of pipeline stage. */
    public record UseCaseStatusChange(long version, String status, String changedBy, Instant changedAt) {}

    /** Everything about one use case. */
    public record UseCaseDetail(String id, String title, String domain, String sector, String lever, String sponsor,
            String owner, String description, String status, long version, int rank, BigDecimal impactScore,
            BigDecimal feasibilityScore, BigDecimal priority, String quadrant, String horizon, UseCaseCriteria criteria,
            Optional<String> currency, Optional<BigDecimal> roi, Optional<Integer> paybackMonths,
            Optional<BigDecimal> npv, Map<String, ScenarioFigures> scenarios, UseCaseTimeToValue timeToValue,
            List<String> dependencies, List<UseCaseRisk> risks, UseCaseLinks links, Optional<NorthStarMetric> northStar,
            List<LeadingIndicator> leadingIndicators, UseCaseDates dates, Optional<BusinessCaseView> businessCase,
            List<UseCaseVersion> history, List<UseCaseStatusChange> statusHistory, String appliedBy, Instant appliedAt) {}

    /** The portfolio list entry of an assessment. */
    public static UseCaseSummary summary(Assessment assessment) {
        UseCase useCase = assessment.useCase();
        Optional<Figures> base = assessment.businessCase().map(BusinessCaseResult::base);
        return new UseCaseSummary(useCase.id(), useCase.title(), useCase.domain(), useCase.sector().text(),
                useCase.lever().text(), useCase.sponsor(), useCase.owner(), useCase.status().text(),
                assessment.version(), assessment.rank(), assessment.impactScore(), assessment.feasibilityScore(),
                useCase.priority(), assessment.quadrant().text(), assessment.quadrant().horizon(),
                assessment.businessCase().map(BusinessCaseResult::currency), base.flatMap(Figures::roi),
                base.flatMap(Figures::paybackMonths), base.map(Figures::npv), scenarios(assessment.businessCase()),
                timeToValue(useCase), useCase.risks().stream().max(Comparator.comparingInt(UseCase.Risk::criticality))
                        .map(risk -> risk.band().text()), assessment.appliedBy(), assessment.appliedAt());
    }

    /** Everything about an assessment, with its history. */
    public static UseCaseDetail detail(Assessment assessment, List<Portfolio.Version> history,
            List<Portfolio.StatusChange> statusHistory) {
        UseCase useCase = assessment.useCase();
        UseCaseSummary summary = summary(assessment);
        UseCase.Dates dates = useCase.dates();
        return new UseCaseDetail(useCase.id(), useCase.title(), useCase.domain(), summary.sector(), summary.lever(),
                useCase.sponsor(), useCase.owner(), useCase.description(), summary.status(), assessment.version(),
                assessment.rank(), summary.impactScore(), summary.feasibilityScore(), summary.priority(),
                summary.quadrant(), summary.horizon(), new UseCaseCriteria(useCase.impact().businessValue(),
                        useCase.impact().strategicFit(), useCase.feasibility().dataAvailability(),
                        useCase.feasibility().technical(), useCase.feasibility().change(),
                        useCase.impact().weights(), useCase.feasibility().weights()),
                summary.currency(), summary.roi(), summary.paybackMonths(), summary.npv(), summary.scenarios(),
                summary.timeToValue(), useCase.dependencies(),
                useCase.risks().stream().map(risk -> new UseCaseRisk(risk.category().text(), risk.description(),
                        risk.likelihood(), risk.severity(), risk.criticality(), risk.band().text(),
                        risk.mitigation())).toList(),
                new UseCaseLinks(useCase.links().products(), useCase.links().models(), useCase.links().dashboards()),
                useCase.northStar().map(metric -> new NorthStarMetric(metric.name(), metric.unit(), metric.baseline(),
                        metric.target(), metric.sql())),
                useCase.leadingIndicators().stream().map(indicator -> new LeadingIndicator(indicator.name(),
                        indicator.unit(), indicator.target())).toList(),
                new UseCaseDates(text(dates.idea()), text(dates.mvp()), text(dates.production()),
                        text(dates.retired())),
                assessment.businessCase().map(UseCaseViews::businessCase),
                history.stream().map(version -> new UseCaseVersion(version.version(), version.status().text(),
                        version.deleted(), version.source(), version.appliedBy(), version.appliedAt())).toList(),
                statusHistory.stream().map(change -> new UseCaseStatusChange(change.version(), change.status().text(),
                        change.changedBy(), change.changedAt())).toList(),
                assessment.appliedBy(), assessment.appliedAt());
    }

    private static BusinessCaseView businessCase(BusinessCaseResult result) {
        return new BusinessCaseView(result.currency(), result.horizonYears(), result.discountRate(),
                result.start().toString(), result.lines().stream().map(line -> new BusinessCaseLine(line.name(),
                        line.kind().name().toLowerCase(Locale.ROOT), line.source(), line.amounts().low(),
                        line.amounts().base(), line.amounts().high(), line.measuredAssets())).toList(),
                scenarios(Optional.of(result)));
    }

    private static Map<String, ScenarioFigures> scenarios(Optional<BusinessCaseResult> result) {
        Map<String, ScenarioFigures> scenarios = new LinkedHashMap<>();
        result.ifPresent(computed -> {
            for (Scenario scenario : Scenario.values()) {
                Figures figures = computed.scenarios().get(scenario);
                scenarios.put(scenario.text(), new ScenarioFigures(figures.annualBenefits(), figures.annualCosts(),
                        figures.oneOffCosts(), figures.totalBenefits(), figures.totalCosts(), figures.net(),
                        figures.roi(), figures.paybackMonths(), figures.paybackMonth().map(YearMonth::toString),
                        figures.npv()));
            }
        });
        return scenarios;
    }

    private static UseCaseTimeToValue timeToValue(UseCase useCase) {
        return new UseCaseTimeToValue(days(useCase.dates().ideaToMvpDays()), days(useCase.dates().ideaToProductionDays()));
    }

    private static Optional<Long> days(OptionalLong days) {
        return days.isPresent() ? Optional.of(days.getAsLong()) : Optional.empty();
    }

    private static Optional<String> text(Optional<LocalDate> date) {
        return date.map(LocalDate::toString);
    }
}
