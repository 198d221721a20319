package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.review.CockpitView;
import dev.northstar.cockpit.review.CockpitViews;
import dev.northstar.cockpit.review.MonthlyReview;
import dev.northstar.cockpit.review.Readiness;
import dev.northstar.cockpit.review.ReadinessItem;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The CDO cockpit: the console's landing page ({@code /console}), the readiness checklist
 * ({@code /api/v1/readiness}) and the monthly review in HTML or PDF ({@code /api/v1/review/monthly}), all drawn from
 * the {@link CockpitViews} the server is given.
 */
final class CockpitRoutes {
    static final String HOME = "/console";
    static final String READINESS = "/api/v1/readiness";
    static final String REVIEW = "/api/v1/review/monthly";
    /** The review is a standalone page: its own styles, no scripts, no requests elsewhere. */
    private static final String REVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final CockpitViews views;
    private final Clock clock;

    CockpitRoutes(CockpitViews views, Clock clock) {
        this.views = requireNonNull(views, "views is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    List<ApiRoute> api() {
        return List.of(
                ApiRoute.get(READINESS, "getReadiness", "The readiness checklist and 100-day plan, evaluated from the "
                        + "platform's state, with the maturity score", "cockpit", ReadinessBody.class,
                        ctx -> ctx.json(ReadinessBody.of(view(Optional.empty()).readiness()))),
                ApiRoute.get(REVIEW, "getMonthlyReview", "The monthly data review: KPIs, portfolio matrix, pipeline, "
                        + "costs, risks and readiness, as printable HTML or PDF", "cockpit", String.class,
                        this::review)
                        .withParameter(ApiRoute.Parameter.query("month", "string",
                                "The month reviewed, YYYY-MM (default: the current month, UTC)"))
                        .withParameter(ApiRoute.Parameter.query("format", "string", "html (default) or pdf"))
                        .withTextResponse("text/html; charset=utf-8"));
    }

    void install(Javalin app, ConsoleLayout layout) {
        app.addHttpHandler(HandlerType.GET, HOME, ctx -> layout.render(ctx, "Cockpit",
                Optional.of(ConsoleLayout.Stage.VALUE), HOME, CockpitPage.body(view(Optional.empty()))),
                Access.CONSOLE);
    }

    private CockpitView view(Optional<YearMonth> month) {
        return views.view(month.orElseGet(() -> YearMonth.now(clock.withZone(ZoneOffset.UTC))));
    }

    private void review(Context ctx) {
        Optional<YearMonth> month = Optional.ofNullable(ctx.queryParam("month")).filter(text -> !text.isBlank())
                .map(CockpitRoutes::month);
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("html");
        if (!format.equals("html") && !format.equals("pdf")) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Unknown review format '" + format + "'",
                    "Use format=html or format=pdf");
        }
        CockpitView view = view(month);
        ctx.header("Content-Security-Policy", REVIEW_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        if (format.equals("pdf")) {
            ctx.header("Content-Disposition", "inline; filename=\"northstar-review-" + view.period() + ".pdf\"");
            ctx.contentType("application/pdf").result(MonthlyReview.pdf(view));
        } else {
            ctx.contentType("text/html; charset=utf-8").result(MonthlyReview.html(view));
        }
    }

    static YearMonth month(String text) {
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "month '" + text + "' is not a month",
                    "Write the month as YYYY-MM, e.g. 2026-11", e);
        }
    }

    /** The readiness checklist as JSON. */
    record ReadinessBody(int score, int level, String levelName, List<ReadinessItemBody> items) {
        static ReadinessBody of(Readiness readiness) {
            return new ReadinessBody(readiness.score(), readiness.level(), readiness.levelName(),
                    readiness.items().stream().map(ReadinessItemBody::of).toList());
        }
    }

    /** One item of the checklist or the 100-day plan: {@code status} is done, partial or missing. */
    record ReadinessItemBody(String id, String group, String title, String status, String evidence,
            List<EvidenceBody> links, String nextStep) {
        static ReadinessItemBody of(ReadinessItem item) {
            return new ReadinessItemBody(item.id(), item.group(), item.title(), item.status().id(), item.evidence(),
                    item.links().stream().map(link -> new EvidenceBody(link.label(), link.path())).toList(),
                    item.nextStep());
        }
    }

    /** Where to see an item's facts. */
    record EvidenceBody(String label, String path) {}
}
