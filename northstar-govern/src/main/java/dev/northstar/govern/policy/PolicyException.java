package dev.northstar.govern.policy;

import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.List;
import java.util.stream.Collectors;

/** An invalid policy document: every problem found, each with its line and column. */
public final class PolicyException extends NorthstarException {
    private final List<YamlProblem> problems;

    public PolicyException(List<YamlProblem> problems) {
        super(ErrorCode.INVALID_CONFIGURATION, problems.size() + " problem(s) in the access policy:\n"
                + problems.stream().map(YamlProblem::toString).collect(Collectors.joining("\n")),
                "Fix each problem at the line and column shown; see docs/guides/access-policies.md");
        this.problems = List.copyOf(problems);
    }

    public List<YamlProblem> problems() {
        return problems;
    }
}
