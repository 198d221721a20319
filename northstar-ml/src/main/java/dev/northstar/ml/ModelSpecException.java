package dev.northstar.ml;

import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.List;
import java.util.stream.Collectors;

/** An invalid model spec: every problem found, each with its line and column. */
public final class ModelSpecException extends NorthstarException {
    private static final long serialVersionUID = 1L;

    private final transient List<YamlProblem> problems;

    public ModelSpecException(List<YamlProblem> problems) {
        super(ErrorCode.INVALID_CONFIGURATION, problems.size() + " problem(s) in the model spec:\n"
                + problems.stream().map(YamlProblem::toString).collect(Collectors.joining("\n")),
                "Fix each problem at the line and column shown; see docs/guides/models.md");
        this.problems = List.copyOf(problems);
    }

    public List<YamlProblem> problems() {
        return problems;
    }
}
