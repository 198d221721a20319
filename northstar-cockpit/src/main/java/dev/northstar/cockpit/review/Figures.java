package dev.northstar.cockpit.review;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** How the cockpit writes numbers, amounts, ratios and text for HTML, the same on every page and in the review. */
public final class Figures {
    private Figures() {}

    /**
     * A number with at most two decimals, grouped by thousands ({@code 1,234.5}, {@code 12}); below one, three
     * significant digits ({@code 0.25}, {@code 0.0123}), so a cost per query does not read as zero.
     */
    public static String number(double value) {
        if (value != 0 && Math.abs(value) < 1) {
            return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros()
                    .toPlainString();
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.scale() < 0) {
            rounded = rounded.setScale(0);
        }
        if (Math.abs(value) >= 1_000) {
            return String.format(Locale.ROOT, "%,." + rounded.scale() + "f", rounded);
        }
        return rounded.toPlainString();
    }

    /** An amount, rounded to units above a thousand: {@code 1,250,000 EUR}, {@code 12.5 EUR}. */
    public static String amount(double value, String currency) {
        String figure = Math.abs(value) >= 1_000 ? String.format(Locale.ROOT, "%,.0f", value) : number(value);
        return figure + " " + currency;
    }

    /** A ratio as a percentage with one decimal: 0.523 is {@code 52.3 %}. */
    public static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    /** A value with its unit: {@code 42 users}, {@code 97.5 %}. */
    public static String withUnit(double value, String unit) {
        return unit.isEmpty() ? number(value) : number(value) + " " + unit;
    }

    /** Escapes text for element content and quoted attribute values, in HTML and XHTML alike. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
