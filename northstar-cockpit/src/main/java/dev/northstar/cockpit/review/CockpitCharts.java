package dev.northstar.cockpit.review;

import static dev.northstar.cockpit.review.Figures.escape;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The cockpit's charts, drawn once for the console and the review: the impact × feasibility bubble chart and KPI
 * sparklines, as inline SVG for browsers, and as positioned HTML boxes for the PDF (whose renderer draws CSS but not
 * SVG). Every value written into the markup is escaped.
 *
 * <p>The matrix puts feasibility on the x axis and impact on the y axis, both 1 to 5, split at 3: high impact and
 * high feasibility are the quick wins (T0–T3 months), high impact and lower feasibility the core bets (T3–T12), lower
 * impact but feasible the explorations (beyond 12 months), the rest the backlog (as the portfolio's quadrants). A
 * bubble's area grows with the use case's annual benefit (its NPV when no benefit is declared); its colour is the
 * value lever.
 */
public final class CockpitCharts {
    /** Width of the bubble chart, in CSS pixels. */
    public static final int MATRIX_WIDTH = 560;
    /** Height of the bubble chart, in CSS pixels. */
    public static final int MATRIX_HEIGHT = 400;
    static final int LEFT = 48;
    static final int RIGHT = 16;
    static final int TOP = 28;
    static final int BOTTOM = 40;
    static final double MIN_RADIUS = 7;
    static final double MAX_RADIUS = 26;

    private CockpitCharts() {}

    /** The colour of a value lever. */
    public static String leverColour(String lever) {
        return switch (lever.toLowerCase(Locale.ROOT)) {
            case "innovation" -> "#7c3aed";
            case "competitiveness" -> "#0d6efd";
            case "optimisation", "optimization" -> "#198754";
            default -> "#6c757d";
        };
    }

    /** The x coordinate of a feasibility score (1 to 5) in the bubble chart. */
    public static double x(double feasibility) {
        return LEFT + (feasibility - 1) / 4 * (MATRIX_WIDTH - LEFT - RIGHT);
    }

    /** The y coordinate of an impact score (1 to 5) in the bubble chart. */
    public static double y(double impact) {
        return TOP + (5 - impact) / 4 * (MATRIX_HEIGHT - TOP - BOTTOM);
    }

    /** Bubble radii by the square root of the size figure, so areas compare; all alike when none has one. */
    static double radius(UseCaseTile useCase, double largest) {
        OptionalDouble size = size(useCase);
        if (size.isEmpty() || largest <= 0) {
            return (MIN_RADIUS + MAX_RADIUS) / 2;
        }
        double share = Math.sqrt(Math.max(0, size.getAsDouble()) / largest);
        return MIN_RADIUS + share * (MAX_RADIUS - MIN_RADIUS);
    }

    private static OptionalDouble size(UseCaseTile useCase) {
        return useCase.annualBenefit().isPresent() ? useCase.annualBenefit() : useCase.npv();
    }

    private static double largest(List<UseCaseTile> useCases) {
        return useCases.stream().map(CockpitCharts::size).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).max().orElse(0);
    }

    /**
     * The impact × feasibility matrix as an SVG element: one {@code g.ns-bubble} per use case, carrying
     * {@code data-id}, {@code data-impact} and {@code data-feasibility}, with a tooltip.
     *
     * @param useCases the use cases to place
     * @param link the link of each bubble, from the use case's id (a {@code %s} in the pattern), or empty for none
     */
    public static String bubbleChart(List<UseCaseTile> useCases, String link) {
        int plotRight = MATRIX_WIDTH - RIGHT;
        int plotBottom = MATRIX_HEIGHT - BOTTOM;
        double midX = x(3);
        double midY = y(3);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ns-matrix\" "
                + "id=\"portfolio-matrix\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
                + "aria-label=\"Impact and feasibility of the use cases\" "
                + "font-family=\"system-ui, sans-serif\" font-size=\"11\">", MATRIX_WIDTH, MATRIX_HEIGHT,
                MATRIX_WIDTH, MATRIX_HEIGHT));
        svg.append(rect(midX, TOP, plotRight - midX, midY - TOP, "#e8f5e9", "quadrant-quick-wins"));
        svg.append(rect(LEFT, TOP, midX - LEFT, midY - TOP, "#e3f2fd", "quadrant-core-bets"));
        svg.append(rect(midX, midY, plotRight - midX, plotBottom - midY, "#f5f5f5", "quadrant-explorations"));
        svg.append(rect(LEFT, midY, midX - LEFT, plotBottom - midY, "#fbfbfb", "quadrant-backlog"));
        svg.append(label(plotRight - 6, TOP + 14, "end", "Quick wins · T0–T3 months"));
        svg.append(label(LEFT + 6, TOP + 14, "start", "Core bets · T3–T12 months"));
        svg.append(label(plotRight - 6, plotBottom - 8, "end", "Explorations · beyond 12 months"));
        svg.append(label(LEFT + 6, plotBottom - 8, "start", "Backlog · not scheduled"));
        for (int score = 1; score <= 5; score++) {
            svg.append(label(x(score), plotBottom + 14, "middle", Integer.toString(score)));
            svg.append(label(LEFT - 8, y(score) + 4, "end", Integer.toString(score)));
        }
        svg.append(label((LEFT + plotRight) / 2.0, MATRIX_HEIGHT - 6, "middle", "Feasibility"));
        svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#495057\" "
                + "transform=\"rotate(-90 12 %.1f)\">Impact</text>", (TOP + plotBottom) / 2.0,
                (TOP + plotBottom) / 2.0));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#adb5bd\"/>", LEFT, TOP, plotRight - LEFT, plotBottom - TOP));
        double largest = largest(useCases);
        // Largest first, so small bubbles stay on top and clickable.
        List<UseCaseTile> ordered = useCases.stream()
                .sorted((left, right) -> Double.compare(radius(right, largest), radius(left, largest))).toList();
        for (UseCaseTile useCase : ordered) {
            double radius = radius(useCase, largest);
            String tooltip = useCase.title() + " (" + useCase.lever() + ", " + useCase.stage().label()
                    + "): impact " + Figures.number(useCase.impact()) + ", feasibility "
                    + Figures.number(useCase.feasibility())
                    + useCase.annualBenefit().stream().mapToObj(benefit -> ", benefit "
                            + Figures.amount(benefit, useCase.currency()) + "/year").findFirst().orElse("");
            String bubble = String.format(Locale.ROOT, "<g class=\"ns-bubble\" data-id=\"%s\" data-impact=\"%s\" "
                    + "data-feasibility=\"%s\" data-lever=\"%s\"><title>%s</title>"
                    + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"0.65\" "
                    + "stroke=\"%s\" stroke-width=\"1.5\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#212529\">%s</text></g>",
                    escape(useCase.id()), Figures.number(useCase.impact()), Figures.number(useCase.feasibility()),
                    escape(useCase.lever()), escape(tooltip), x(useCase.feasibility()), y(useCase.impact()), radius,
                    leverColour(useCase.lever()), leverColour(useCase.lever()), x(useCase.feasibility()),
                    y(useCase.impact()) + radius + 12, escape(shorten(useCase.title(), 24)));
            if (link.isEmpty()) {
                svg.append(bubble);
            } else {
                svg.append("<a href=\"").append(escape(String.format(Locale.ROOT, link, useCase.id())))
                        .append("\">").append(bubble).append("</a>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The same matrix as absolutely positioned HTML boxes (round ones for the bubbles), for renderers without SVG.
     * Classes are prefixed {@code nsm-}; {@link #matrixBoxStyles()} styles them.
     */
    public static String bubbleBoxes(List<UseCaseTile> useCases) {
        int plotRight = MATRIX_WIDTH - RIGHT;
        int plotBottom = MATRIX_HEIGHT - BOTTOM;
        double midX = x(3);
        double midY = y(3);
        StringBuilder html = new StringBuilder();
        html.append(String.format(Locale.ROOT, "<div class=\"nsm-chart\" style=\"width: %dpx; height: %dpx;\">",
                MATRIX_WIDTH, MATRIX_HEIGHT));
        html.append(box(midX, TOP, plotRight - midX, midY - TOP, "background-color: #e8f5e9;",
                "Quick wins · T0–T3 months", "nsm-quadrant nsm-right"));
        html.append(box(LEFT, TOP, midX - LEFT, midY - TOP, "background-color: #e3f2fd;",
                "Core bets · T3–T12 months", "nsm-quadrant"));
        html.append(box(midX, midY, plotRight - midX, plotBottom - midY, "background-color: #f5f5f5;",
                "Explorations · beyond 12 months", "nsm-quadrant nsm-bottom nsm-right"));
        html.append(box(LEFT, midY, midX - LEFT, plotBottom - midY, "background-color: #fbfbfb;",
                "Backlog · not scheduled", "nsm-quadrant nsm-bottom"));
        for (int score = 1; score <= 5; score++) {
            html.append(box(x(score) - 10, plotBottom + 4, 20, 14, "", Integer.toString(score), "nsm-tick"));
            html.append(box(LEFT - 26, y(score) - 7, 18, 14, "", Integer.toString(score), "nsm-tick"));
        }
        html.append(box(LEFT, MATRIX_HEIGHT - 18, plotRight - LEFT, 14, "", "Feasibility", "nsm-tick"));
        html.append(box(0, TOP, 16, 14, "", "Impact", "nsm-axis"));
        double largest = largest(useCases);
        for (UseCaseTile useCase : useCases) {
            double radius = radius(useCase, largest);
            double cx = x(useCase.feasibility());
            double cy = y(useCase.impact());
            html.append(String.format(Locale.ROOT, "<div class=\"nsm-bubble\" style=\"left: %.1fpx; top: %.1fpx; "
                    + "width: %.1fpx; height: %.1fpx; border-radius: %.1fpx; background-color: %s; "
                    + "border-color: %s;\"></div>", cx - radius, cy - radius, 2 * radius, 2 * radius, radius,
                    leverColour(useCase.lever()), leverColour(useCase.lever())));
            html.append(box(cx - 60, cy + radius + 1, 120, 12, "", shorten(useCase.title(), 24), "nsm-label"));
        }
        return html.append("</div>").toString();
    }

    /** CSS for {@link #bubbleBoxes(List)} and {@link #sparkBars(List)}. */
    public static String matrixBoxStyles() {
        return """
                .nsm-chart { position: relative; border: 1px solid #adb5bd; }
                .nsm-chart div { position: absolute; }
                .nsm-quadrant { font-size: 9px; color: #495057; padding: 3px 5px; }
                .nsm-right { text-align: right; }
                .nsm-bottom { padding-top: 0; }
                .nsm-tick, .nsm-axis { font-size: 9px; color: #495057; text-align: center; }
                .nsm-bubble { border: 1.5px solid; }
                .nsm-label { font-size: 8px; text-align: center; color: #212529; }
                .nsm-spark { display: inline-block; position: relative; width: 96px; height: 22px; }
                .nsm-spark div { position: absolute; bottom: 0; width: 6px; background-color: #0d6efd; }
                """;
    }

    private static String box(double left, double top, double width, double height, String style, String text,
            String cssClass) {
        return String.format(Locale.ROOT, "<div class=\"%s\" style=\"left: %.1fpx; top: %.1fpx; width: %.1fpx; "
                + "height: %.1fpx; %s\">%s</div>", cssClass, left, top, width, height, style, escape(text));
    }

    private static String rect(double x, double y, double width, double height, String fill, String id) {
        return String.format(Locale.ROOT, "<rect class=\"ns-quadrant\" id=\"%s\" x=\"%.1f\" y=\"%.1f\" "
                + "width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", id, x, y, width, height, fill);
    }

    private static String label(double x, double y, String anchor, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"#495057\">%s</text>",
                x, y, anchor, escape(text));
    }

    /**
     * A sparkline of a trend as an SVG polyline, with a dot on the latest value; empty markup for fewer than two
     * points.
     *
     * @param trend values, oldest first
     * @param colour stroke colour
     */
    public static String sparkline(List<TrendPoint> trend, String colour) {
        if (trend.size() < 2) {
            return "";
        }
        int width = 120;
        int height = 28;
        double min = trend.stream().mapToDouble(TrendPoint::value).min().orElse(0);
        double max = trend.stream().mapToDouble(TrendPoint::value).max().orElse(0);
        double span = max - min == 0 ? 1 : max - min;
        StringBuilder points = new StringBuilder();
        double lastX = 0;
        double lastY = 0;
        for (int i = 0; i < trend.size(); i++) {
            lastX = 2 + (width - 4) * i / (double) (trend.size() - 1);
            lastY = height - 3 - (height - 6) * (trend.get(i).value() - min) / span;
            points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", lastX, lastY));
        }
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ns-sparkline\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" aria-hidden=\"true\">"
                + "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>"
                + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/></svg>", width, height, width, height,
                escape(colour), points, lastX, lastY, escape(colour));
    }

    /** A trend as small bars (HTML boxes), for renderers without SVG; empty for fewer than two points. */
    public static String sparkBars(List<TrendPoint> trend) {
        if (trend.size() < 2) {
            return "";
        }
        List<TrendPoint> shown = trend.subList(Math.max(0, trend.size() - 12), trend.size());
        double min = shown.stream().mapToDouble(TrendPoint::value).min().orElse(0);
        double max = shown.stream().mapToDouble(TrendPoint::value).max().orElse(0);
        double span = max - min == 0 ? 1 : max - min;
        StringBuilder html = new StringBuilder("<span class=\"nsm-spark\">");
        for (int i = 0; i < shown.size(); i++) {
            double height = 4 + 18 * (shown.get(i).value() - min) / span;
            html.append(String.format(Locale.ROOT, "<div style=\"left: %dpx; height: %.1fpx;\"></div>", i * 8,
                    height));
        }
        return html.append("</span>").toString();
    }

    static String shorten(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
