package dev.northstar.server;

import static java.util.Objects.requireNonNull;

import java.util.stream.Collector;
import java.util.stream.Collectors;

/**
 * A fragment of HTML that is safe to send: every dynamic value that went into it was escaped.
 *
 * <p>Pages are built with {@link #of(String, Object...)}: the template is markup written in this code base, each
 * {@code {}} in it takes the next argument, and an argument is escaped unless it is itself an {@code Html}. Templates
 * quote every attribute, so escaping covers both text and attribute values. There is no way to turn a user's string
 * into markup except through escaping.
 */
final class Html {
    private static final Html EMPTY = new Html("");

    private final String markup;

    private Html(String markup) {
        this.markup = markup;
    }

    /** Fills a template written in this code base; see the class comment. */
    static Html of(String template, Object... arguments) {
        requireNonNull(template, "template is null");
        StringBuilder out = new StringBuilder(template.length() + 16 * arguments.length);
        int argument = 0;
        int from = 0;
        for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", from)) {
            if (argument == arguments.length) {
                throw new IllegalArgumentException("Template has more {} than the " + arguments.length
                        + " arguments given: " + template);
            }
            out.append(template, from, at);
            appendValue(out, arguments[argument++]);
            from = at + 2;
        }
        if (argument != arguments.length) {
            throw new IllegalArgumentException("Template has " + argument + " {} but " + arguments.length
                    + " arguments were given: " + template);
        }
        return new Html(out.append(template, from, template.length()).toString());
    }

    /** A value as escaped text. */
    static Html text(Object value) {
        StringBuilder out = new StringBuilder();
        appendValue(out, value);
        return new Html(out.toString());
    }

    /**
     * Markup drawn by a renderer of another module that escapes every value it writes, such as the cockpit's charts
     * ({@code dev.northstar.cockpit.review.CockpitCharts}). Never for text that came from a request.
     */
    static Html rendered(String markup) {
        return new Html(requireNonNull(markup, "markup is null"));
    }

    static Html empty() {
        return EMPTY;
    }

    /** Concatenates fragments. */
    static Collector<Html, ?, Html> joining() {
        return Collectors.collectingAndThen(Collectors.mapping(Html::markup, Collectors.joining()), Html::new);
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value instanceof Html html) {
            out.append(html.markup);
        } else {
            escape(out, value == null ? "" : value.toString());
        }
    }

    /** Escapes text for use in element content and in quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        escape(out, text);
        return out.toString();
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> out.append(c);
            }
        }
    }

    String markup() {
        return markup;
    }

    @Override
    public String toString() {
        return markup;
    }
}
