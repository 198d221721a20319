package dev.northstar.server;

import dev.northstar.cockpit.review.BudgetLine;
import dev.northstar.cockpit.review.CockpitView;
import dev.northstar.cockpit.review.CockpitViews;
import dev.northstar.cockpit.review.CostLine;
import dev.northstar.cockpit.review.KpiStatus;
import dev.northstar.cockpit.review.KpiTile;
import dev.northstar.cockpit.review.PipelineStage;
import dev.northstar.cockpit.review.Readiness;
import dev.northstar.cockpit.review.ReadinessEvaluator;
import dev.northstar.cockpit.review.RiskLine;
import dev.northstar.cockpit.review.TrendPoint;
import dev.northstar.cockpit.review.UseCaseTile;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.security.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A real server whose cockpit shows a hand-built portfolio of a retail bank (use cases, KPIs, costs, budgets, risks)
 * with the readiness evaluated from its real metadata database, and a token for the CDO.
 */
final class CockpitPlatform implements AutoCloseable {
    static final Instant AS_OF = Instant.parse("2026-11-30T18:00:00Z");

    final Path home;
    final Lakehouse lakehouse;
    final JdbcMetadataStore store;
    final NorthstarServer server;
    final String token;

    private CockpitPlatform(Path home, Lakehouse lakehouse, JdbcMetadataStore store, NorthstarServer server,
            String token) {
        this.home = home;
        this.lakehouse = lakehouse;
        this.store = store;
        this.server = server;
        this.token = token;
    }

    /** A platform whose cockpit holds the sample portfolio, or, without it, only what the platform measures. */
    static CockpitPlatform start(boolean withPortfolio) {
        Path home;
        try {
            home = Files.createTempDirectory("northstar-cockpit-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Lakehouse lakehouse = Lakehouse.open(LakeConfig.embedded(home));
        JdbcMetadataStore store = JdbcMetadataStore.open(lakehouse.config());
        String token = store.tokens().create(new Principal("cdo", Set.of("analyst"), Map.of()), Optional.empty())
                .secret();
        ReadinessEvaluator evaluator = new ReadinessEvaluator(store.database(), Clock.fixed(AS_OF, ZoneOffset.UTC));
        CockpitViews views = withPortfolio ? period -> {
            CockpitView view = view(period);
            return view.withReadiness(evaluator.evaluate(view));
        } : CockpitViews.platformOnly(store.database(), Clock.fixed(AS_OF, ZoneOffset.UTC));
        NorthstarServer server = NorthstarServer.start(ServerConfig.ephemeral(), lakehouse, store,
                IngestSettings.defaults(), views);
        return new CockpitPlatform(home, lakehouse, store, server, token);
    }

    static List<UseCaseTile> useCases() {
        return List.of(
                new UseCaseTile("churn-prevention", "Churn prevention", "retail", "competitiveness",
                        Optional.of("Chief Commercial Officer"), PipelineStage.PRODUCTION, 4.5, 4, "quick-win",
                        OptionalDouble.of(1.85), OptionalDouble.of(7.2), OptionalDouble.of(1_240_000),
                        OptionalDouble.of(900_000), "EUR", Optional.of("retained customers"), true),
                new UseCaseTile("fraud-detection", "Real-time fraud detection", "banking", "optimisation",
                        Optional.of("Chief Risk Officer"), PipelineStage.MVP, 5, 2.5, "core-bet",
                        OptionalDouble.of(0.62), OptionalDouble.of(16), OptionalDouble.of(410_000),
                        OptionalDouble.of(600_000), "EUR", Optional.of("fraud losses avoided"), true),
                new UseCaseTile("next-best-offer", "Next best offer", "retail", "innovation",
                        Optional.of("Chief Marketing Officer"), PipelineStage.MVP, 3.5, 3.5, "quick-win",
                        OptionalDouble.of(0.9), OptionalDouble.of(11), OptionalDouble.of(220_000),
                        OptionalDouble.of(350_000), "EUR", Optional.of("offer conversion"), true),
                new UseCaseTile("gen-advisor", "Generative advisor", "wealth", "innovation", Optional.empty(),
                        PipelineStage.IDEA, 2, 1.5, "exploration", OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), "EUR", Optional.empty(), false),
                new UseCaseTile("cash-forecast", "Branch cash forecasting", "operations", "optimisation",
                        Optional.of("Chief Operating Officer"), PipelineStage.IDEA, 2.5, 4.5, "exploration",
                        OptionalDouble.of(0.4), OptionalDouble.of(20), OptionalDouble.of(60_000),
                        OptionalDouble.of(150_000), "EUR", Optional.empty(), true));
    }

    static List<TrendPoint> trend(double... values) {
        LocalDate first = LocalDate.of(2026, 11, 30).minusDays(7L * (values.length - 1));
        return IntStream.range(0, values.length).mapToObj(i -> new TrendPoint(first.plusDays(7L * i), values[i]))
                .toList();
    }

    static List<KpiTile> kpis() {
        return List.of(
                new KpiTile("adoption.active-users", "adoption", "Active users", OptionalDouble.of(42), "users",
                        OptionalDouble.of(50), KpiStatus.AT_RISK, trend(30, 34, 37, 42), "/console/audit", ""),
                new KpiTile("adoption.domains-publishing", "adoption", "Domains publishing products",
                        OptionalDouble.of(60), "%", OptionalDouble.of(50), KpiStatus.ON_TARGET, trend(40, 40, 60),
                        "/console/products", ""),
                new KpiTile("quality.slo-share", "quality", "Products meeting their SLOs", OptionalDouble.of(97.5),
                        "%", OptionalDouble.of(95), KpiStatus.ON_TARGET, trend(93, 96, 95, 97.5), "/console/quality",
                        ""),
                new KpiTile("economics.cost-per-query", "economics", "Cost per query", OptionalDouble.of(0.012),
                        "EUR", OptionalDouble.of(0.01), KpiStatus.OFF_TARGET, trend(0.009, 0.011, 0.012),
                        "/console/sql", ""),
                new KpiTile("business.conversion", "business", "Offer conversion", OptionalDouble.of(3.4), "%",
                        OptionalDouble.of(4), KpiStatus.AT_RISK, trend(3.1, 3.2, 3.3, 3.4), "/api/v1/usecases", ""),
                KpiTile.notMeasured("compliance.gdpr-response", "compliance", "GDPR response time", "days",
                        "/console/privacy", "No data-subject request yet"));
    }

    static CockpitView view(YearMonth period) {
        return new CockpitView(AS_OF, period, useCases(), kpis(),
                List.of(new CostLine("domain", "banking", 2_410, "EUR", trend(1900, 2100, 2410)),
                        new CostLine("domain", "retail", 1_830.4, "EUR", trend(1500, 1650, 1830.4)),
                        new CostLine("domain", "wealth", 240, "EUR", trend(260, 250, 240))),
                List.of(new BudgetLine("domain", "banking", 2_000, 2_410, "EUR", "exceeded"),
                        new BudgetLine("domain", "retail", 2_000, 1_830.4, "EUR", "warning"),
                        new BudgetLine("domain", "wealth", 1_000, 240, "EUR", "ok")),
                List.of(new RiskLine("fraud-detection", "Real-time fraud detection", "ethical",
                                "False positives fall on one customer segment", 3, 4, "Fairness gate on the model"),
                        new RiskLine("churn-prevention", "Churn prevention", "legal",
                                "Profiling without a lawful basis", 2, 5, "Consent purpose on the contract"),
                        new RiskLine("gen-advisor", "Generative advisor", "reputational",
                                "Advice that cannot be explained", 4, 4, "")),
                Readiness.of(List.of()));
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    /** GETs {@code path} with the token, as bytes. */
    HttpResponse<byte[]> bytes(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        store.close();
        lakehouse.close();
        TestFiles.deleteTree(home);
    }
}
