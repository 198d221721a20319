package dev.northstar.cockpit.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CockpitChartsTest {
    private static final Pattern CIRCLE = Pattern.compile(
            "data-id=\"([^\"]+)\"[^>]*>.*?<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\" r=\"([0-9.]+)\"");

    @Test
    void bubblesSitAtTheirScoresWithAreasByBenefit() {
        String svg = CockpitCharts.bubbleChart(List.of(SampleView.churn(), SampleView.fraud(), SampleView.advisor()),
                "/api/v1/usecases/%s");

        Matcher matcher = CIRCLE.matcher(svg);
        java.util.Map<String, double[]> bubbles = new java.util.HashMap<>();
        while (matcher.find()) {
            bubbles.put(matcher.group(1), new double[] {Double.parseDouble(matcher.group(2)),
                Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4))});
        }
        assertThat(bubbles).containsOnlyKeys("churn-prevention", "fraud-detection", "gen-advisor");
        // Plot area: x from 48 to 544 for feasibility 1 to 5 (124 per point), y from 28 (impact 5) to 360 (impact 1,
        // 83 per point).
        assertThat(bubbles.get("churn-prevention")).containsExactly(420.0, 69.5, 26.0);
        assertThat(bubbles.get("fraud-detection")[0]).isEqualTo(234.0);
        assertThat(bubbles.get("fraud-detection")[1]).isEqualTo(28.0);
        // 900,000 is the largest benefit: radius 26; 600,000 gives 7 + sqrt(2/3) × 19 = 22.5
        assertThat(bubbles.get("fraud-detection")[2]).isEqualTo(22.5);
        // No benefit and no NPV: the middle size
        assertThat(bubbles.get("gen-advisor")).containsExactly(110.0, 277.0, 16.5);
        assertThat(svg).contains("<a href=\"/api/v1/usecases/churn-prevention\">", "Quick wins · T0–T3 months",
                "Core bets · T3–T12 months", "Explorations · beyond 12 months", "Backlog · not scheduled",
                "fill=\"#0d6efd\"");
    }

    @Test
    void sparklineNeedsTwoPointsAndEndsOnTheLatest() {
        assertThat(CockpitCharts.sparkline(SampleView.trend(5), "#000")).isEmpty();
        String svg = CockpitCharts.sparkline(SampleView.trend(1, 3, 2), "#000");
        assertThat(svg).contains("points=\"2.0,25.0 60.0,3.0 118.0,14.0\"", "<circle cx=\"118.0\" cy=\"14.0\"");
    }

    @Test
    void figuresReadTheSameEverywhere() {
        assertThat(Figures.number(1234.5)).isEqualTo("1,234.5");
        assertThat(Figures.number(0.25)).isEqualTo("0.25");
        assertThat(Figures.number(12)).isEqualTo("12");
        assertThat(Figures.number(0.0123)).isEqualTo("0.0123");
        assertThat(Figures.number(0.012345)).isEqualTo("0.0123");
        assertThat(Figures.number(-0.5)).isEqualTo("-0.5");
        assertThat(Figures.amount(1_240_000, "EUR")).isEqualTo("1,240,000 EUR");
        assertThat(Figures.amount(12.5, "EUR")).isEqualTo("12.5 EUR");
        assertThat(Figures.percent(0.523)).isEqualTo("52.3 %");
        assertThat(Figures.withUnit(97.5, "%")).isEqualTo("97.5 %");
    }
}
