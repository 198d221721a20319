package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * What {@link ProductRegistry#apply} did (or, for a dry run, would do), step by step.
 *
 * @param steps every step, in the order done
 * @param dryRun whether nothing was changed: the steps are what apply would do
 */
public record ApplyResult(List<Step> steps, boolean dryRun) {
    public ApplyResult {
        steps = List.copyOf(requireNonNull(steps, "steps is null"));
    }

    /** Whether anything changed (a table or a stored version). */
    public boolean changedAnything() {
        return steps.stream().anyMatch(step -> step.action() != Action.UNCHANGED);
    }

    /** What a step did. */
    public enum Action {
        /** A new table was created. */
        CREATED,
        /** An existing table's schema was evolved (columns added, widened or made optional). */
        EVOLVED,
        /** An empty table (never written) was dropped and created again with the new definition. */
        RECREATED,
        /** A new contract version was stored and is now in force. */
        STORED,
        /** Nothing to do: the table already matches, or this exact version was applied before. */
        UNCHANGED;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One step.
     *
     * @param action what was done
     * @param subject the table ({@code domain.table}) or contract ({@code id version}) concerned
     * @param file the contract file
     * @param details what exactly, e.g. the schema changes; empty when nothing more to say
     */
    public record Step(Action action, String subject, String file, List<String> details) {
        public Step {
            requireNonNull(action, "action is null");
            requireNonNull(subject, "subject is null");
            requireNonNull(file, "file is null");
            details = List.copyOf(requireNonNull(details, "details is null"));
        }

        /** {@code created sales.orders (orders.yaml): 4 columns}; see {@link #text(boolean)} for dry runs. */
        @Override
        public String toString() {
            return text(false);
        }

        /** The step as printed: {@code would create sales.orders (...)} for a dry run. */
        public String text(boolean dryRun) {
            String verb = action.text();
            if (dryRun) {
                verb = switch (action) {
                    case CREATED -> "would create";
                    case EVOLVED -> "would evolve";
                    case RECREATED -> "would recreate";
                    case STORED -> "would store";
                    case UNCHANGED -> "unchanged";
                };
            }
            return verb + " " + subject + " (" + file + ")" + (details.isEmpty() ? "" : ": " + String.join("; ", details));
        }
    }
}
