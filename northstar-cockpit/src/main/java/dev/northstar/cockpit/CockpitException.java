package dev.northstar.cockpit;

import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.List;
import java.util.stream.Collectors;

/** Invalid cockpit documents: every problem found, each with its file, line and column. Nothing was applied. */
public final class CockpitException extends NorthstarException {
    private static final long serialVersionUID = 1L;

    private final transient List<YamlProblem> problems;

    public CockpitException(List<YamlProblem> problems) {
        super(ErrorCode.INVALID_CONFIGURATION, problems.size() + " problem(s) in the cockpit documents:\n"
                + problems.stream().map(YamlProblem::toString).collect(Collectors.joining("\n")),
                "Fix each problem at the line and column shown; see docs/guides/cockpit.md");
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<YamlProblem> problems() {
        return problems;
    }
}
