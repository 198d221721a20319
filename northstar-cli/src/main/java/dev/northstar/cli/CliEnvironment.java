package dev.northstar.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI reads from its process: environment variables and the working directory. Injected so that tests can
 * run commands in-process with their own {@code NORTHSTAR_*} variables and directories.
 *
 * @param variables environment variables
 * @param workingDirectory directory relative paths are resolved against
 */
public record CliEnvironment(Map<String, String> variables, Path workingDirectory) {
    /** Environment variable naming the data directory when {@code --home} is not given. */
    public static final String HOME_VARIABLE = "NORTHSTAR_HOME";
    /** Data directory used when neither {@code --home} nor {@code NORTHSTAR_HOME} is given, under the working
     *  directory. */
    public static final String DEFAULT_HOME = "northstar-data";

    public CliEnvironment {
        variables = Map.copyOf(requireNonNull(variables, "variables is null"));
        workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null").toAbsolutePath().normalize();
    }

    /** The environment of this process. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of(""));
    }

    /** A variable's value, if set and not blank. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }

    /** Resolves a user-given path against the working directory. */
    public Path resolve(Path path) {
        return workingDirectory.resolve(path).normalize();
    }

    /**
     * The data directory: {@code --home} if given, else {@code NORTHSTAR_HOME}, else {@code ./northstar-data}.
     */
    public Path home(Optional<Path> homeOption) {
        return homeOption.map(this::resolve)
                .or(() -> variable(HOME_VARIABLE).map(value -> resolve(Path.of(value))))
                .orElseGet(() -> workingDirectory.resolve(DEFAULT_HOME));
    }
}
