package dev.northstar.govern.lineage;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.List;
import java.util.stream.Collectors;

/** An OpenLineage event that does not conform to the spec, with every problem found. */
public final class InvalidLineageEventException extends NorthstarException {
    private final List<OpenLineageValidator.Violation> violations;

    public InvalidLineageEventException(String what, List<OpenLineageValidator.Violation> violations) {
        super(ErrorCode.INVALID_ARGUMENT, what + " does not conform to the OpenLineage spec: " + violations.stream()
                        .map(OpenLineageValidator.Violation::toString).collect(Collectors.joining("; ")),
                "Fix every field listed and send the event again; the spec is https://openlineage.io/spec/2-0-2/OpenLineage.json");
        this.violations = List.copyOf(violations);
    }

    /** Each problem with the JSON pointer of its field. */
    public List<OpenLineageValidator.Violation> violations() {
        return violations;
    }
}
