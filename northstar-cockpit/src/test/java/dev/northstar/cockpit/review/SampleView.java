package dev.northstar.cockpit.review;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** A hand-built portfolio of a retail bank for November 2026, the figures the tests read back. */
final class SampleView {
    static final Instant AS_OF = Instant.parse("2026-11-30T18:00:00Z");

    private SampleView() {}

    static UseCaseTile churn() {
        return new UseCaseTile("churn-prevention", "Churn prevention", "retail", "competitiveness",
                Optional.of("Chief Commercial Officer"), PipelineStage.PRODUCTION, 4.5, 4, "quick-win",
                OptionalDouble.of(1.85), OptionalDouble.of(7.2), OptionalDouble.of(1_240_000),
                OptionalDouble.of(900_000), "EUR", Optional.of("retained customers"), true);
    }

    static UseCaseTile fraud() {
        return new UseCaseTile("fraud-detection", "Real-time fraud detection", "banking", "optimisation",
                Optional.of("Chief Risk Officer"), PipelineStage.MVP, 5, 2.5, "core-bet", OptionalDouble.of(0.62),
                OptionalDouble.of(16), OptionalDouble.of(410_000), OptionalDouble.of(600_000), "EUR",
                Optional.of("fraud losses avoided"), true);
    }

    static UseCaseTile advisor() {
        return new UseCaseTile("gen-advisor", "Generative advisor", "wealth", "innovation", Optional.empty(),
                PipelineStage.IDEA, 2, 1.5, "exploration", OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), "EUR", Optional.empty(), false);
    }

    static List<TrendPoint> trend(double... values) {
        LocalDate first = LocalDate.of(2026, 11, 30).minusDays(values.length - 1L);
        return java.util.stream.IntStream.range(0, values.length)
                .mapToObj(i -> new TrendPoint(first.plusDays(i), values[i])).toList();
    }

    static List<KpiTile> kpis() {
        return List.of(
                new KpiTile("adoption.active-users", "adoption", "Active users", OptionalDouble.of(42), "users",
                        OptionalDouble.of(50), KpiStatus.AT_RISK, trend(30, 34, 37, 42), "/console/audit", ""),
                new KpiTile("quality.slo-share", "quality", "Products meeting their SLOs", OptionalDouble.of(97.5),
                        "%", OptionalDouble.of(95), KpiStatus.ON_TARGET, trend(93, 96, 97.5), "/console/quality", ""),
                new KpiTile("business.conversion", "business", "Conversion rate", OptionalDouble.of(3.4), "%",
                        OptionalDouble.of(4), KpiStatus.OFF_TARGET, trend(3.1, 3.2, 3.4), "/api/v1/usecases", ""),
                KpiTile.notMeasured("compliance.gdpr-response", "compliance", "GDPR response time", "days",
                        "/console/privacy", "No data-subject request received yet"));
    }

    static CockpitView view(Readiness readiness) {
        return new CockpitView(AS_OF, YearMonth.of(2026, 11), List.of(churn(), fraud(), advisor()), kpis(),
                List.of(new CostLine("domain", "retail", 1_830.4, "EUR", trend(1500, 1650, 1830.4)),
                        new CostLine("domain", "banking", 2_410, "EUR", trend(2000, 2410)),
                        new CostLine("product", "retail.orders", 610, "EUR", List.of())),
                List.of(new BudgetLine("domain", "banking", 2_000, 2_410, "EUR", "exceeded"),
                        new BudgetLine("domain", "retail", 2_500, 1_830.4, "EUR", "ok")),
                List.of(new RiskLine("fraud-detection", "Real-time fraud detection", "ethical",
                                "False positives fall on one customer segment", 3, 4, "Fairness gate on the model"),
                        new RiskLine("churn-prevention", "Churn prevention", "legal",
                                "Profiling without a lawful basis", 2, 5, "Consent purpose on the contract"),
                        new RiskLine("gen-advisor", "Generative advisor", "reputational",
                                "Advice that cannot be explained", 4, 4, "")),
                readiness);
    }

    static CockpitView view() {
        return view(ReadinessEvaluator.evaluate(PlatformFacts.NONE, view(Readiness.of(List.of()))));
    }
}
