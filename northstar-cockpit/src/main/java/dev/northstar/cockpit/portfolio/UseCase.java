package dev.northstar.cockpit.portfolio;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A use case of the portfolio, as declared in a {@code kind: UseCase} document (see {@code docs/guides/cockpit.md}):
 * what it is and who sponsors it, how it scores on impact and feasibility, what it depends on and risks, what it links
 * to on the platform, how its value is measured and where it stands.
 *
 * @param id the slug, e.g. {@code card-fraud-scoring}
 * @param title a human title
 * @param domain the business domain, e.g. {@code banking}
 * @param sector the sector
 * @param lever the value lever
 * @param sponsor the executive sponsor
 * @param owner who runs it
 * @param description what it does, in a few sentences
 * @param impact the impact criteria
 * @param feasibility the feasibility criteria
 * @param dependencies ids of the use cases it needs first
 * @param risks its risks, by the seed's matrix
 * @param links the data products, models and dashboards it uses
 * @param northStar the one metric that says it works, if declared
 * @param leadingIndicators the metrics that move first
 * @param status where it stands
 * @param dates when it reached each stage
 * @param businessCase its business case, if declared
 * @param yaml the document as applied
 */
public record UseCase(
        String id,
        String title,
        String domain,
        Sector sector,
        Lever lever,
        String sponsor,
        String owner,
        String description,
        Impact impact,
        Feasibility feasibility,
        List<String> dependencies,
        List<Risk> risks,
        Links links,
        Optional<Metric> northStar,
        List<Indicator> leadingIndicators,
        Status status,
        Dates dates,
        Optional<BusinessCase> businessCase,
        String yaml) {

    public UseCase {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(sector, "sector is null");
        requireNonNull(lever, "lever is null");
        requireNonNull(sponsor, "sponsor is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(description, "description is null");
        requireNonNull(impact, "impact is null");
        requireNonNull(feasibility, "feasibility is null");
        dependencies = List.copyOf(dependencies);
        risks = List.copyOf(risks);
        requireNonNull(links, "links is null");
        requireNonNull(northStar, "northStar is null");
        leadingIndicators = List.copyOf(leadingIndicators);
        requireNonNull(status, "status is null");
        requireNonNull(dates, "dates is null");
        requireNonNull(businessCase, "businessCase is null");
        requireNonNull(yaml, "yaml is null");
    }

    /** The quadrant of the impact × feasibility matrix this use case falls in. */
    public Quadrant quadrant() {
        return Quadrant.of(impact.score(), feasibility.score());
    }

    /** Impact score × feasibility score (1 to 25): the priority, higher first. */
    public BigDecimal priority() {
        return impact.score().multiply(feasibility.score()).setScale(2, RoundingMode.HALF_UP);
    }

    /** The sectors of the platform's packs, and {@code other}. */
    public enum Sector {
        HEALTH, BANKING, INDUSTRY, CITY, RETAIL, OTHER;

        /** The YAML and JSON name. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The seed's three value levers. */
    public enum Lever {
        INNOVATION, COMPETITIVENESS, OPTIMISATION;

        /** The YAML and JSON name. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The pipeline a use case moves along. */
    public enum Status {
        IDEA, MVP, PRODUCTION, RETIRED;

        /** The YAML and JSON name. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The impact criteria, each scored 1 to 5.
     *
     * @param businessValue value for the business (money, the KPI it moves)
     * @param strategicFit fit with the company's strategy and OKRs
     * @param weights the weight of a criterion, by its YAML name, when not 1
     */
    public record Impact(int businessValue, int strategicFit, Map<String, BigDecimal> weights) {
        public Impact {
            weights = Map.copyOf(weights);
        }

        /** Criteria of equal weight. */
        public Impact(int businessValue, int strategicFit) {
            this(businessValue, strategicFit, Map.of());
        }

        /** The weighted mean of the criteria (weights default to 1), to two decimals. */
        public BigDecimal score() {
            return mean(weights, Map.of("business_value", businessValue, "strategic_fit", strategicFit));
        }
    }

    /**
     * The feasibility criteria, each scored 1 to 5 (5 = easiest).
     *
     * @param dataAvailability whether the data exists, is reachable and good enough
     * @param technical how far the platform and team can build it
     * @param change how easily the organisation adopts it
     * @param weights the weight of a criterion, by its YAML name, when not 1
     */
    public record Feasibility(int dataAvailability, int technical, int change, Map<String, BigDecimal> weights) {
        public Feasibility {
            weights = Map.copyOf(weights);
        }

        /** Criteria of equal weight. */
        public Feasibility(int dataAvailability, int technical, int change) {
            this(dataAvailability, technical, change, Map.of());
        }

        /** The weighted mean of the criteria (weights default to 1), to two decimals. */
        public BigDecimal score() {
            return mean(weights, Map.of("data_availability", dataAvailability, "technical", technical, "change",
                    change));
        }
    }

    /** Σ weight × score / Σ weight, rounded half-up to two decimals. */
    private static BigDecimal mean(Map<String, BigDecimal> weights, Map<String, Integer> scores) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, Integer> score : scores.entrySet()) {
            BigDecimal weight = weights.getOrDefault(score.getKey(), BigDecimal.ONE);
            weighted = weighted.add(weight.multiply(BigDecimal.valueOf(score.getValue())));
            total = total.add(weight);
        }
        return weighted.divide(total, 2, RoundingMode.HALF_UP);
    }

    /** The seed's risk matrix. */
    public enum RiskCategory {
        LEGAL, ETHICAL, SECURITY, OPERATIONAL, FINANCIAL, REPUTATIONAL;

        /** The YAML and JSON name. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How critical a risk is, from likelihood × severity: 1–4 low, 5–9 medium, 10–14 high, 15–25 critical. */
    public enum RiskBand {
        LOW, MEDIUM, HIGH, CRITICAL;

        /** The band of a criticality (1 to 25). */
        public static RiskBand of(int criticality) {
            if (criticality >= 15) {
                return CRITICAL;
            }
            if (criticality >= 10) {
                return HIGH;
            }
            return criticality >= 5 ? MEDIUM : LOW;
        }

        /** The JSON name. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One risk.
     *
     * @param category its category in the matrix
     * @param description what could happen
     * @param likelihood 1 (rare) to 5 (almost certain)
     * @param severity 1 (minor) to 5 (severe)
     * @param mitigation what is done about it
     */
    public record Risk(RiskCategory category, String description, int likelihood, int severity, String mitigation) {
        public Risk {
            requireNonNull(category, "category is null");
            requireNonNull(description, "description is null");
            requireNonNull(mitigation, "mitigation is null");
        }

        /** Likelihood × severity, 1 to 25. */
        public int criticality() {
            return likelihood * severity;
        }

        /** The band of the criticality. */
        public RiskBand band() {
            return RiskBand.of(criticality());
        }
    }

    /**
     * What the use case uses on the platform.
     *
     * @param products data products, as {@code domain.table}
     * @param models registered models, by name
     * @param dashboards dashboards, by name or URL
     */
    public record Links(List<String> products, List<String> models, List<String> dashboards) {
        public Links {
            products = List.copyOf(products);
            models = List.copyOf(models);
            dashboards = List.copyOf(dashboards);
        }

        /** No links. */
        public static Links none() {
            return new Links(List.of(), List.of(), List.of());
        }
    }

    /**
     * The North Star metric.
     *
     * @param name its name
     * @param unit its unit, e.g. {@code EUR} or {@code %}
     * @param baseline its value before the use case
     * @param target the value aimed at
     * @param sql governed SQL over product tables that measures it, if declared
     */
    public record Metric(String name, String unit, Optional<BigDecimal> baseline, BigDecimal target,
            Optional<String> sql) {
        public Metric {
            requireNonNull(name, "name is null");
            requireNonNull(unit, "unit is null");
            requireNonNull(baseline, "baseline is null");
            requireNonNull(target, "target is null");
            requireNonNull(sql, "sql is null");
        }
    }

    /**
     * A leading indicator.
     *
     * @param name its name
     * @param unit its unit
     * @param target the value aimed at
     */
    public record Indicator(String name, String unit, BigDecimal target) {
        public Indicator {
            requireNonNull(name, "name is null");
            requireNonNull(unit, "unit is null");
            requireNonNull(target, "target is null");
        }
    }

    /**
     * When the use case reached each stage.
     *
     * @param idea when it entered the backlog
     * @param mvp when its MVP ran
     * @param production when it went to production
     * @param retired when it was retired
     */
    public record Dates(Optional<LocalDate> idea, Optional<LocalDate> mvp, Optional<LocalDate> production,
            Optional<LocalDate> retired) {
        public Dates {
            requireNonNull(idea, "idea is null");
            requireNonNull(mvp, "mvp is null");
            requireNonNull(production, "production is null");
            requireNonNull(retired, "retired is null");
        }

        /** Days from idea to MVP: the seed's time-to-value; empty until both dates are known. */
        public OptionalLong ideaToMvpDays() {
            return days(idea, mvp);
        }

        /** Days from idea to production; empty until both dates are known. */
        public OptionalLong ideaToProductionDays() {
            return days(idea, production);
        }

        private static OptionalLong days(Optional<LocalDate> from, Optional<LocalDate> to) {
            return from.isPresent() && to.isPresent()
                    ? OptionalLong.of(ChronoUnit.DAYS.between(from.get(), to.get())) : OptionalLong.empty();
        }
    }
}
