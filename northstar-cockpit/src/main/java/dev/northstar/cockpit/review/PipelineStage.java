package dev.northstar.cockpit.review;

import java.util.Locale;

/** Where a use case stands in the portfolio pipeline, from idea to production. */
public enum PipelineStage {
    IDEA("Idea"),
    MVP("MVP"),
    PRODUCTION("Production");

    private final String label;

    PipelineStage(String label) {
        this.label = label;
    }

    /** The name shown to people. */
    public String label() {
        return label;
    }

    /**
     * The stage named {@code text} ({@code idea}, {@code mvp} or {@code production}, any case).
     *
     * @throws IllegalArgumentException naming the stages accepted
     */
    public static PipelineStage parse(String text) {
        for (PipelineStage stage : values()) {
            if (stage.name().equalsIgnoreCase(text.trim())) {
                return stage;
            }
        }
        throw new IllegalArgumentException("Unknown pipeline stage '" + text + "': use idea, mvp or production");
    }

    /** The lower-case name used in URLs, element ids and JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
