package dev.northstar.contracts;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.List;

/**
 * A contract document (or a folder of them) has problems. Carries every problem found, not just the first; the
 * message lists them one per line as {@code file:line:column: path: message (hint)}.
 *
 * <p>Code {@link ErrorCode#INVALID_ARGUMENT}.
 */
public final class ContractException extends NorthstarException {
    private static final long serialVersionUID = 1L;

    private final transient List<ContractProblem> problems;

    /** An exception listing {@code problems}, which must not be empty. */
    public ContractException(List<ContractProblem> problems) {
        super(ErrorCode.INVALID_ARGUMENT, message(problems), "Fix the problems listed, then run 'northstar contract lint' again");
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in document order. */
    public List<ContractProblem> problems() {
        return problems;
    }

    private static String message(List<ContractProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ContractException needs at least one problem");
        }
        StringBuilder text = new StringBuilder();
        long files = problems.stream().map(problem -> problem.position().file()).distinct().count();
        text.append(problems.size() == 1 ? "1 problem" : problems.size() + " problems").append(" in ")
                .append(files == 1 ? problems.get(0).position().file() : files + " files").append(':');
        for (ContractProblem problem : problems) {
            text.append(System.lineSeparator()).append("  ").append(problem);
        }
        return text.toString();
    }
}
