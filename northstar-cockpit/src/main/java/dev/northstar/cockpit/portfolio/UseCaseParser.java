package dev.northstar.cockpit.portfolio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.northstar.cockpit.CockpitException;
import dev.northstar.cockpit.portfolio.BusinessCase.Amounts;
import dev.northstar.lake.config.PositionedYaml;
import dev.northstar.lake.config.YamlFields;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.CloseMatches;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses {@code kind: UseCase} documents ({@code apiVersion: northstar/v1}), collecting every problem with its line
 * and column before failing. The format is in {@code docs/guides/cockpit.md}; what needs other documents (dependencies
 * on other use cases, links to products and models) is checked by {@link Portfolio} when applying.
 */
public final class UseCaseParser {
    /** The API version of the cockpit kinds. */
    public static final String API_VERSION = "northstar/v1";
    /** The use-case ids accepted: a slug. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> TOP = Set.of("apiVersion", "kind", "id", "title", "domain", "sector", "lever",
            "sponsor", "owner", "description", "impact", "feasibility", "dependencies", "risks", "links", "north_star",
            "leading_indicators", "status", "dates", "business_case");
    private static final Set<String> IMPACT_CRITERIA = Set.of("business_value", "strategic_fit");
    private static final Set<String> FEASIBILITY_CRITERIA = Set.of("data_availability", "technical", "change");
    private static final Set<String> IMPACT = with(IMPACT_CRITERIA, "weights");
    private static final Set<String> FEASIBILITY = with(FEASIBILITY_CRITERIA, "weights");
    private static final Set<String> RISK = Set.of("category", "description", "likelihood", "severity", "mitigation");
    private static final Set<String> LINKS = Set.of("products", "models", "dashboards");
    private static final Set<String> NORTH_STAR = Set.of("name", "unit", "baseline", "target", "sql");
    private static final Set<String> INDICATOR = Set.of("name", "unit", "target");
    private static final Set<String> DATES = Set.of("idea", "mvp", "production", "retired");
    private static final Set<String> BUSINESS_CASE = Set.of("currency", "horizon_years", "discount_rate", "start",
            "benefits", "costs", "one_off");
    private static final Set<String> COSTS = Set.of("data", "cloud", "opex");
    private static final Set<String> ONE_OFF = Set.of("change", "build");
    private static final Set<String> SCENARIOS = Set.of("low", "base", "high");

    private final String source;
    private YamlFields fields;
    private Map<String, int[]> positions = Map.of();
    private final List<YamlProblem> problems = new ArrayList<>();

    private UseCaseParser(String source) {
        this.source = source;
    }

    /**
     * Parses one document.
     *
     * @param source where it came from (a file name), for positions
     * @throws CockpitException listing every problem
     */
    public static UseCase parse(String yaml, String source) {
        Parsed parsed = read(yaml, source);
        if (parsed.useCase().isEmpty()) {
            throw new CockpitException(parsed.problems());
        }
        return parsed.useCase().get();
    }

    /**
     * A document read: the use case when it has no problem, and the positions of its fields for later checks.
     *
     * @param useCase the use case, empty when there are problems
     * @param problems every problem
     * @param positions line and column of every field path
     */
    public record Parsed(Optional<UseCase> useCase, List<YamlProblem> problems, Map<String, int[]> positions) {
        public Parsed {
            problems = List.copyOf(problems);
            positions = Map.copyOf(positions);
        }
    }

    /** Reads one document, never throwing for its problems. */
    public static Parsed read(String yaml, String source) {
        UseCaseParser parser = new UseCaseParser(source);
        Optional<UseCase> useCase = parser.document(yaml);
        return new Parsed(parser.problems.isEmpty() ? useCase : Optional.empty(), parser.problems,
                parser.positions);
    }

    private Optional<UseCase> document(String yaml) {
        PositionedYaml.Document read = PositionedYaml.read(yaml, "Start with 'apiVersion: northstar/v1', 'kind:"
                + " UseCase' and 'id: ...'", "Only one document per use case", "Put each use case in its own file");
        positions = read.positions();
        fields = YamlFields.collecting(source, read, problems);
        if (read.root().isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = read.root().get();
        if (!root.isObject()) {
            fields.problem("", "A use case is a mapping", "Start with 'apiVersion: northstar/v1', 'kind: UseCase'");
            return Optional.empty();
        }
        fields.unknown(root, "", TOP);
        if (!API_VERSION.equals(root.path("apiVersion").asText())) {
            fields.problem(root.has("apiVersion") ? "apiVersion" : "", root.has("apiVersion") ? "apiVersion must be "
                    + API_VERSION + ", got '" + root.path("apiVersion").asText() + "'" : "apiVersion is missing",
                    "Write 'apiVersion: " + API_VERSION + "'");
        }
        if (!"UseCase".equals(root.path("kind").asText())) {
            fields.problem(root.has("kind") ? "kind" : "", "kind must be UseCase, got '" + root.path("kind").asText()
                    + "'", "Write 'kind: UseCase'");
        }
        String id = root.path("id").asText("");
        if (!ID.matcher(id).matches()) {
            fields.problem(root.has("id") ? "id" : "", id.isEmpty() ? "The use case has no id" : "Invalid id '" + id
                    + "'", "Write a slug of lower-case letters, digits and dashes, e.g. 'id: card-fraud-scoring'");
        }
        String title = required(root, "title", "", "Give a title, e.g. 'title: Real-time card fraud scoring'");
        String domain = required(root, "domain", "", "Name the business domain, e.g. 'domain: banking'");
        UseCase.Sector sector = choice(root, "sector", "", UseCase.Sector.values(), UseCase.Sector::text, null);
        UseCase.Lever lever = choice(root, "lever", "", UseCase.Lever.values(), UseCase.Lever::text, null);
        String sponsor = required(root, "sponsor", "", "Name the executive sponsor, e.g. 'sponsor: Chief Risk"
                + " Officer'");
        String owner = optionalText(root, "owner", "");
        String description = optionalText(root, "description", "");
        UseCase.Impact impact = impact(root.path("impact"));
        UseCase.Feasibility feasibility = feasibility(root.path("feasibility"));
        List<String> dependencies = dependencies(root);
        List<UseCase.Risk> risks = risks(root.path("risks"));
        UseCase.Links links = links(root.path("links"));
        Optional<UseCase.Metric> northStar = northStar(root.path("north_star"));
        List<UseCase.Indicator> indicators = indicators(root.path("leading_indicators"));
        UseCase.Status status = choice(root, "status", "", UseCase.Status.values(), UseCase.Status::text,
                UseCase.Status.IDEA);
        UseCase.Dates dates = dates(root.path("dates"), status);
        Optional<BusinessCase> businessCase = businessCase(root.path("business_case"));
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UseCase(id, title, domain, sector, lever, sponsor, owner, description, impact,
                feasibility, dependencies, risks, links, northStar, indicators, status, dates, businessCase, yaml));
    }

    private UseCase.Impact impact(JsonNode node) {
        if (!section(node, "impact", "Add 'impact: {business_value: 1-5, strategic_fit: 1-5}'")) {
            return new UseCase.Impact(1, 1);
        }
        fields.unknown(node, "impact", IMPACT);
        return new UseCase.Impact(score(node, "business_value", "impact"), score(node, "strategic_fit", "impact"),
                weights(node, "impact", IMPACT_CRITERIA));
    }

    private UseCase.Feasibility feasibility(JsonNode node) {
        if (!section(node, "feasibility", "Add 'feasibility: {data_availability: 1-5, technical: 1-5, change: 1-5}'")) {
            return new UseCase.Feasibility(1, 1, 1);
        }
        fields.unknown(node, "feasibility", FEASIBILITY);
        return new UseCase.Feasibility(score(node, "data_availability", "feasibility"),
                score(node, "technical", "feasibility"), score(node, "change", "feasibility"),
                weights(node, "feasibility", FEASIBILITY_CRITERIA));
    }

    private static Set<String> with(Set<String> names, String name) {
        Set<String> all = new TreeSet<>(names);
        all.add(name);
        return Set.copyOf(all);
    }

    /** Optional positive weights of the criteria ({@code weights: {business_value: 2}}); the others weigh 1. */
    private Map<String, BigDecimal> weights(JsonNode section, String path, Set<String> criteria) {
        JsonNode node = section.path("weights");
        Map<String, BigDecimal> weights = new HashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return weights;
        }
        String weightsPath = path + ".weights";
        if (!node.isObject()) {
            fields.problem(weightsPath, "weights is a mapping from criterion to weight", "Write e.g. 'weights: {"
                    + new TreeSet<>(criteria).first() + ": 2}'");
            return weights;
        }
        fields.unknown(node, weightsPath, criteria);
        for (String criterion : criteria) {
            if (node.has(criterion)) {
                decimal(node, criterion, weightsPath, true).ifPresent(weight -> {
                    if (weight.signum() == 0) {
                        fields.problem(weightsPath + "." + criterion, "A weight must be above 0", "Remove the criterion's"
                                + " weight for 1, or give a positive number");
                    } else {
                        weights.put(criterion, weight);
                    }
                });
            }
        }
        return weights;
    }

    private boolean section(JsonNode node, String path, String hint) {
        if (node.isObject()) {
            return true;
        }
        fields.problem(node.isMissingNode() ? "" : path, node.isMissingNode() ? path + " is missing" : path
                + " is a mapping", hint);
        return false;
    }

    private int score(JsonNode parent, String key, String parentPath) {
        return integer(parent, key, parentPath, 1, 5, "Score it from 1 (low) to 5 (high)").orElse(1);
    }

    private Optional<Integer> integer(JsonNode parent, String key, String parentPath, int min, int max, String hint) {
        String path = parentPath + "." + key;
        if (!parent.has(key)) {
            fields.problem(parentPath, path + " is missing", hint);
            return Optional.empty();
        }
        String text = parent.path(key).asText();
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            fields.problem(path, key + " must be a whole number from " + min + " to " + max + ", got '" + text + "'", hint);
            return Optional.empty();
        }
        fields.problem(path, key + " must be from " + min + " to " + max + ", got " + text, hint);
        return Optional.empty();
    }

    private List<String> dependencies(JsonNode root) {
        List<String> ids = fields.texts(root, "dependencies", "");
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String dependency = ids.get(i);
            String path = "dependencies[" + i + "]";
            if (!ID.matcher(dependency).matches()) {
                fields.problem(path, "'" + dependency + "' is not a use-case id", "List the ids of other use cases");
            } else if (dependency.equals(root.path("id").asText())) {
                fields.problem(path, "The use case depends on itself", "Remove '" + dependency + "' from dependencies");
            } else if (!seen.add(dependency)) {
                fields.problem(path, "'" + dependency + "' is listed twice", "Remove one of them");
            }
        }
        return List.copyOf(seen);
    }

    private List<UseCase.Risk> risks(JsonNode node) {
        List<UseCase.Risk> risks = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return risks;
        }
        if (!node.isArray()) {
            fields.problem("risks", "risks is a list", "Write '- {category: legal, description: ..., likelihood: 2,"
                    + " severity: 4, mitigation: ...}' under 'risks:'");
            return risks;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode risk = node.get(i);
            String path = "risks[" + i + "]";
            if (!risk.isObject()) {
                fields.problem(path, "A risk is a mapping", "Write '{category: ..., description: ..., likelihood: 1-5,"
                        + " severity: 1-5, mitigation: ...}'");
                continue;
            }
            fields.unknown(risk, path, RISK);
            UseCase.RiskCategory category = choice(risk, "category", path, UseCase.RiskCategory.values(),
                    UseCase.RiskCategory::text, null);
            String description = required(risk, "description", path, "Say what could happen");
            Optional<Integer> likelihood = integer(risk, "likelihood", path, 1, 5,
                    "Rate the likelihood from 1 (rare) to 5 (almost certain)");
            Optional<Integer> severity = integer(risk, "severity", path, 1, 5,
                    "Rate the severity from 1 (minor) to 5 (severe)");
            String mitigation = optionalText(risk, "mitigation", path);
            if (category != null && likelihood.isPresent() && severity.isPresent()) {
                risks.add(new UseCase.Risk(category, description, likelihood.get(), severity.get(), mitigation));
            }
        }
        return risks;
    }

    private UseCase.Links links(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return UseCase.Links.none();
        }
        if (!node.isObject()) {
            fields.problem("links", "links is a mapping", "Write 'links: {products: [domain.table], models: [name]}'");
            return UseCase.Links.none();
        }
        fields.unknown(node, "links", LINKS);
        List<String> products = fields.texts(node, "products", "links");
        for (int i = 0; i < products.size(); i++) {
            if (!products.get(i).matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+")) {
                fields.problem("links.products[" + i + "]", "'" + products.get(i) + "' is not a data product",
                        "Write the product's table as domain.table, e.g. retail.orders");
            }
        }
        return new UseCase.Links(products, fields.texts(node, "models", "links"), fields.texts(node, "dashboards", "links"));
    }

    private Optional<UseCase.Metric> northStar(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!section(node, "north_star", "Write 'north_star: {name: ..., unit: ..., baseline: ..., target: ...}'")) {
            return Optional.empty();
        }
        fields.unknown(node, "north_star", NORTH_STAR);
        String name = required(node, "name", "north_star", "Name the metric, e.g. 'name: fraud losses avoided'");
        String unit = required(node, "unit", "north_star", "Give its unit, e.g. 'unit: EUR' or 'unit: %'");
        Optional<BigDecimal> baseline = node.has("baseline") ? decimal(node, "baseline", "north_star", false)
                : Optional.empty();
        Optional<BigDecimal> target = decimal(node, "target", "north_star", false);
        Optional<String> sql = node.has("sql") ? Optional.of(node.path("sql").asText()) : Optional.empty();
        if (sql.isPresent() && sql.get().isBlank()) {
            fields.problem("north_star.sql", "north_star.sql is empty", "Write governed SQL over product tables, or remove"
                    + " it");
        }
        return target.map(value -> new UseCase.Metric(name, unit, baseline, value, sql));
    }

    private List<UseCase.Indicator> indicators(JsonNode node) {
        List<UseCase.Indicator> indicators = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return indicators;
        }
        if (!node.isArray()) {
            fields.problem("leading_indicators", "leading_indicators is a list", "Write '- {name: ..., unit: ...,"
                    + " target: ...}' under 'leading_indicators:'");
            return indicators;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode indicator = node.get(i);
            String path = "leading_indicators[" + i + "]";
            if (!indicator.isObject()) {
                fields.problem(path, "An indicator is a mapping", "Write '{name: ..., unit: ..., target: ...}'");
                continue;
            }
            fields.unknown(indicator, path, INDICATOR);
            String name = required(indicator, "name", path, "Name the indicator");
            String unit = required(indicator, "unit", path, "Give its unit, e.g. '%' or 'ms'");
            decimal(indicator, "target", path, false).ifPresent(target -> indicators.add(new UseCase.Indicator(name,
                    unit, target)));
        }
        return indicators;
    }

    private UseCase.Dates dates(JsonNode node, UseCase.Status status) {
        if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
            fields.problem("dates", "dates is a mapping", "Write 'dates: {idea: 2026-01-10, mvp: 2026-03-01}'");
        }
        fields.unknown(node, "dates", DATES);
        Optional<LocalDate> idea = date(node, "idea");
        Optional<LocalDate> mvp = date(node, "mvp");
        Optional<LocalDate> production = date(node, "production");
        Optional<LocalDate> retired = date(node, "retired");
        List<Optional<LocalDate>> stages = List.of(idea, mvp, production, retired);
        // Every stage reached needs its date, except retirement from the idea stage; none beyond the status.
        if (status != UseCase.Status.IDEA && idea.isEmpty()) {
            fields.problem(node.isObject() ? "dates" : "status", "Status " + status.text() + " needs dates.idea",
                    "Write when the idea entered the backlog, e.g. 'dates: {idea: 2026-01-10}'");
        }
        if ((status == UseCase.Status.MVP || status == UseCase.Status.PRODUCTION) && mvp.isEmpty()) {
            fields.problem(node.isObject() ? "dates" : "status", "Status " + status.text() + " needs dates.mvp",
                    "Write when the MVP ran, e.g. 'mvp: 2026-03-01'");
        }
        if (status == UseCase.Status.PRODUCTION && production.isEmpty()) {
            fields.problem(node.isObject() ? "dates" : "status", "Status production needs dates.production",
                    "Write when it went to production, e.g. 'production: 2026-06-01'");
        }
        if (status == UseCase.Status.RETIRED && retired.isEmpty()) {
            fields.problem(node.isObject() ? "dates" : "status", "Status retired needs dates.retired",
                    "Write when it was retired, e.g. 'retired: 2026-12-01'");
        }
        String[] names = {"idea", "mvp", "production", "retired"};
        int reached = status == UseCase.Status.RETIRED ? 3 : status.ordinal();
        for (int stage = reached + 1; stage < stages.size(); stage++) {
            if (stages.get(stage).isPresent()) {
                fields.problem("dates." + names[stage], "dates." + names[stage] + " is set but the status is "
                        + status.text(), "Set 'status: " + names[stage] + "' or remove the date");
            }
        }
        for (int later = 1; later < stages.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                if (stages.get(later).isPresent() && stages.get(earlier).isPresent()
                        && stages.get(later).get().isBefore(stages.get(earlier).get())) {
                    fields.problem("dates." + names[later], "dates." + names[later] + " (" + stages.get(later).get()
                            + ") is before dates." + names[earlier] + " (" + stages.get(earlier).get() + ")",
                            "A use case reaches " + names[later] + " on or after " + names[earlier]);
                }
            }
        }
        return new UseCase.Dates(idea, mvp, production, retired);
    }

    private Optional<LocalDate> date(JsonNode parent, String key) {
        if (!parent.has(key) || parent.path(key).isNull()) {
            return Optional.empty();
        }
        String text = parent.path(key).asText();
        try {
            return Optional.of(LocalDate.parse(text.trim()));
        } catch (DateTimeParseException e) {
            fields.problem("dates." + key, "'" + text + "' is not a date", "Write e.g. 2026-03-01");
            return Optional.empty();
        }
    }

    private Optional<BusinessCase> businessCase(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        String path = "business_case";
        if (!section(node, path, "Write 'business_case: {currency: EUR, horizon_years: 3, ...}'")) {
            return Optional.empty();
        }
        fields.unknown(node, path, BUSINESS_CASE);
        String currency = node.path("currency").asText("");
        if (!CURRENCY.matcher(currency).matches()) {
            fields.problem(node.has("currency") ? path + ".currency" : path, currency.isEmpty()
                    ? "business_case.currency is missing" : "'" + currency + "' is not a currency code",
                    "Write an ISO 4217 code, e.g. 'currency: EUR'");
        }
        Optional<Integer> horizon = integer(node, "horizon_years", path, 1, 30,
                "Write the number of years the case runs, e.g. 'horizon_years: 3'");
        Optional<BigDecimal> rate = node.has("discount_rate") ? decimal(node, "discount_rate", path, true)
                : Optional.of(BigDecimal.ZERO);
        if (rate.isPresent() && rate.get().compareTo(BigDecimal.ONE) > 0) {
            fields.problem(path + ".discount_rate", "discount_rate is a fraction, got " + rate.get().toPlainString(),
                    "Write e.g. 0.08 for 8 % a year");
            rate = Optional.empty();
        }
        Optional<YearMonth> start = Optional.empty();
        if (!node.has("start")) {
            fields.problem(path, "business_case.start is missing", "Write the month the case starts, e.g."
                    + " 'start: 2026-03'");
        } else {
            String text = node.path("start").asText().trim();
            try {
                start = Optional.of(YearMonth.parse(text));
            } catch (DateTimeParseException e) {
                fields.problem(path + ".start", "'" + text + "' is not a month", "Write e.g. 2026-03");
            }
        }
        Optional<Amounts> benefits = amounts(node, "benefits", path, true);
        JsonNode costs = node.path("costs");
        Optional<Amounts> data = Optional.of(Amounts.ZERO);
        Optional<Amounts> cloud = Optional.of(Amounts.ZERO);
        Optional<Amounts> opex = Optional.of(Amounts.ZERO);
        if (!costs.isMissingNode() && section(costs, path + ".costs", "Write 'costs: {data: ..., cloud: ..., opex:"
                + " ...}' (annual)")) {
            fields.unknown(costs, path + ".costs", COSTS);
            data = amounts(costs, "data", path + ".costs", false);
            cloud = amounts(costs, "cloud", path + ".costs", false);
            opex = amounts(costs, "opex", path + ".costs", false);
        }
        JsonNode oneOff = node.path("one_off");
        Optional<Amounts> change = Optional.of(Amounts.ZERO);
        Optional<Amounts> build = Optional.of(Amounts.ZERO);
        if (!oneOff.isMissingNode() && section(oneOff, path + ".one_off", "Write 'one_off: {change: ..., build:"
                + " ...}'")) {
            fields.unknown(oneOff, path + ".one_off", ONE_OFF);
            change = amounts(oneOff, "change", path + ".one_off", false);
            build = amounts(oneOff, "build", path + ".one_off", false);
        }
        if (!CURRENCY.matcher(currency).matches() || horizon.isEmpty() || rate.isEmpty() || start.isEmpty()
                || benefits.isEmpty() || data.isEmpty() || cloud.isEmpty() || opex.isEmpty() || change.isEmpty()
                || build.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BusinessCase(currency, horizon.get(), rate.get(), start.get(), benefits.get(),
                data.get(), cloud.get(), opex.get(), change.get(), build.get()));
    }

    /** A non-negative amount: a number (all scenarios) or {@code {low, base, high}}. */
    private Optional<Amounts> amounts(JsonNode parent, String key, String parentPath, boolean required) {
        String path = parentPath + "." + key;
        JsonNode node = parent.path(key);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                fields.problem(parentPath, path + " is missing", "Write the annual amount, e.g. '" + key + ": 250000' or '"
                        + key + ": {low: 150000, base: 250000, high: 400000}'");
                return Optional.empty();
            }
            return Optional.of(Amounts.ZERO);
        }
        if (node.isValueNode()) {
            return decimal(parent, key, parentPath, true).map(Amounts::same);
        }
        if (!node.isObject()) {
            fields.problem(path, key + " is a number or a mapping of scenarios", "Write e.g. '" + key + ": {low: 100,"
                    + " base: 200, high: 300}'");
            return Optional.empty();
        }
        fields.unknown(node, path, SCENARIOS);
        if (!node.has("base")) {
            fields.problem(path, path + ".base is missing", "Give at least the base scenario; low and high default to it");
            return Optional.empty();
        }
        Optional<BigDecimal> base = decimal(node, "base", path, true);
        Optional<BigDecimal> low = node.has("low") ? decimal(node, "low", path, true) : base;
        Optional<BigDecimal> high = node.has("high") ? decimal(node, "high", path, true) : base;
        if (low.isEmpty() || base.isEmpty() || high.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Amounts(low.get(), base.get(), high.get()));
    }

    private Optional<BigDecimal> decimal(JsonNode parent, String key, String parentPath, boolean nonNegative) {
        String path = parentPath.isEmpty() ? key : parentPath + "." + key;
        if (!parent.has(key) || parent.path(key).isNull()) {
            fields.problem(parentPath, path + " is missing", "Write a number, e.g. '" + key + ": 100'");
            return Optional.empty();
        }
        String text = parent.path(key).asText().trim().replace("_", "");
        try {
            BigDecimal value = new BigDecimal(text);
            if (nonNegative && value.signum() < 0) {
                fields.problem(path, key + " must not be negative, got " + text, "Write costs and benefits as positive"
                        + " amounts");
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            fields.problem(path, key + " must be a number, got '" + parent.path(key).asText() + "'",
                    "Write digits with a dot for decimals and no currency sign, e.g. 1250000.50");
            return Optional.empty();
        }
    }

    private <E extends Enum<E>> E choice(JsonNode parent, String key, String parentPath, E[] values,
            Function<E, String> text, E fallback) {
        String path = parentPath.isEmpty() ? key : parentPath + "." + key;
        List<String> names = Arrays.stream(values).map(text).toList();
        if (!parent.has(key)) {
            if (fallback == null) {
                fields.problem(parentPath, path + " is missing", "Write one of " + String.join(", ", names));
            }
            return fallback;
        }
        String value = parent.path(key).asText().trim().toLowerCase(Locale.ROOT);
        for (E candidate : values) {
            if (text.apply(candidate).equals(value)) {
                return candidate;
            }
        }
        List<String> close = CloseMatches.of(value, names);
        fields.problem(path, "Unknown " + key + " '" + parent.path(key).asText() + "'", close.isEmpty() ? "Write one of "
                + String.join(", ", names) : "Did you mean " + String.join(" or ", close) + "?");
        return fallback;
    }

    private String required(JsonNode parent, String key, String parentPath, String hint) {
        String path = parentPath.isEmpty() ? key : parentPath + "." + key;
        String text = parent.path(key).isValueNode() ? parent.path(key).asText("").trim() : "";
        if (text.isEmpty()) {
            fields.problem(parent.has(key) ? path : parentPath, path + (parent.has(key) ? " is empty" : " is missing"),
                    hint);
        }
        return text;
    }

    private String optionalText(JsonNode parent, String key, String parentPath) {
        JsonNode node = parent.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (!node.isValueNode()) {
            fields.problem(parentPath.isEmpty() ? key : parentPath + "." + key, key + " is text", "Write it as one"
                    + " string; quote it or use '|' for several lines");
            return "";
        }
        return node.asText().trim();
    }

}
