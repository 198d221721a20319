package dev.northstar.server;

import dev.northstar.cockpit.portfolio.UseCaseViews;
import dev.northstar.lake.config.YamlProblem;
import java.util.List;

/** The JSON bodies of the use-case routes that are not views of the portfolio ({@link UseCaseViews}). */
final class UseCaseBodies {
    private UseCaseBodies() {}

    /** The portfolio, in rank order. */
    record UseCaseList(List<UseCaseViews.UseCaseSummary> useCases) {}

    /** Something to fix that did not stop the apply, e.g. a link to a product not created yet. */
    record UseCaseWarning(int line, int column, String path, String message, String hint) {
        static UseCaseWarning of(YamlProblem problem) {
            return new UseCaseWarning(problem.line(), problem.column(), problem.path(), problem.message(), problem.hint());
        }
    }

    /** What applying a document did: {@code created}, {@code updated} or {@code unchanged}. */
    record UseCaseApplied(String id, long version, String change, boolean dryRun, List<UseCaseWarning> warnings) {}

    /** A deletion: the version recording it. */
    record UseCaseDeleted(String id, long version) {}
}
