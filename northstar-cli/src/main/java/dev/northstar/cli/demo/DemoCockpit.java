package dev.northstar.cli.demo;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.Cockpit;
import dev.northstar.cockpit.CockpitApply;
import dev.northstar.cockpit.CockpitDocument;
import dev.northstar.cockpit.kpi.BusinessKpi;
import dev.northstar.cockpit.kpi.BusinessKpis;
import dev.northstar.cockpit.portfolio.Assessment;
import dev.northstar.cockpit.review.CockpitView;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's CDO cockpit: a portfolio of four use cases with their business cases (banking fraud scoring in
 * production, a credit-approval remediation, a retail next-best-offer MVP, a smart-city exploration), two business
 * KPIs measured by governed SQL over the demo's products, an illustrative price model and two domain budgets. They are
 * written as YAML files to the demo's project folder and applied as {@code northstar apply} would, then each business
 * KPI is evaluated once, as the CDO office's reporting principal.
 */
public final class DemoCockpit {
    /** The CDO office's reporting principal: business KPIs run as it; it reads the retail and banking domains. */
    public static final Principal CDO = new Principal("demo-cdo", Set.of("cdo"),
            Map.of("domains", "retail,banking"));

    /** The use cases, resources of the cockpit module. */
    static final List<String> USE_CASES = List.of("card-fraud-scoring.yaml", "credit-approval-fairness.yaml",
            "retail-next-best-offer.yaml", "city-traffic-exploration.yaml");
    /** Business KPIs, prices and budgets, resources under {@code /demo/cockpit/}. */
    static final List<String> DEFINITIONS = List.of("prices.yaml", "banking-budget.yaml", "retail-budget.yaml",
            "fraud-rate.kpi.yaml", "average-basket.kpi.yaml");

    private DemoCockpit() {}

    /**
     * What the demo declared and measured.
     *
     * @param folder where the YAML files are
     * @param applied one line per applied document
     * @param portfolio the use cases, ranked
     * @param evaluations each business KPI's first evaluation
     * @param view the cockpit's view of this month
     */
    public record Summary(Path folder, List<String> applied, List<Assessment> portfolio,
            List<BusinessKpis.Evaluation> evaluations, CockpitView view) {}

    /** Writes the cockpit's files under {@code folder}, applies them and evaluates the business KPIs. */
    public static Summary build(Lakehouse lake, JdbcMetadataStore store, SqlGateway gateway, Path folder) {
        requireNonNull(lake, "lake is null");
        requireNonNull(store, "store is null");
        requireNonNull(gateway, "gateway is null");
        List<CockpitDocument> documents = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (String name : USE_CASES) {
                documents.add(write(folder, name, "/dev/northstar/cockpit/demo/" + name));
            }
            for (String name : DEFINITIONS) {
                documents.add(write(folder, name, "/demo/cockpit/" + name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the demo's cockpit files to " + folder, e);
        }
        // Business KPIs run as the CDO office's principal, whose roles come from its token.
        store.tokens().create(CDO, Optional.of(Duration.ofDays(30)));
        Cockpit cockpit = Cockpit.open(lake, store, gateway, Clock.systemUTC());
        CockpitApply.Outcome outcome = cockpit.applier().apply(documents, CDO.name(), false);
        List<BusinessKpis.Evaluation> evaluations = new ArrayList<>();
        for (BusinessKpi kpi : cockpit.businessKpis().list()) {
            evaluations.add(cockpit.businessKpis().evaluate(kpi.id()));
        }
        CockpitView view = cockpit.view(YearMonth.now(ZoneOffset.UTC));
        return new Summary(folder, outcome.lines(), cockpit.portfolio().list(), evaluations, view);
    }

    private static CockpitDocument write(Path folder, String name, String resource) throws IOException {
        String yaml;
        try (InputStream in = DemoCockpit.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing demo resource " + resource);
            }
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = folder.resolve(name);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return new CockpitDocument(file.toString(), yaml);
    }
}
