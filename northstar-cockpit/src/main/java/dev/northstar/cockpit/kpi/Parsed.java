package dev.northstar.cockpit.kpi;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What parsing a definition gave: the definition, or every problem found (never both).
 *
 * @param definition the definition, empty when there are problems
 * @param problems the problems in reading order, empty for a valid document
 * @param <T> the definition type
 */
public record Parsed<T>(Optional<T> definition, List<YamlProblem> problems) {
    public Parsed {
        requireNonNull(definition, "definition is null");
        problems = List.copyOf(problems);
        if (definition.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("A parse gives a definition or problems, not both and not neither");
        }
    }

    /** The definition, or an {@code INVALID_ARGUMENT} exception listing every problem. */
    public T orThrow() {
        return definition.orElseThrow(() -> new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                "The definition has " + problems.size() + " problem(s):\n" + problems.stream()
                        .map(YamlProblem::toString).collect(Collectors.joining("\n")),
                "Fix each problem at its line and column, then apply again"));
    }
}
