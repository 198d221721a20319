package dev.northstar.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * An {@code apply FILE...} subcommand for some of the cockpit's kinds ({@code kpi apply}, {@code finops apply}): the
 * files go through the same dispatcher as {@code northstar apply DIR}, every one checked before any is applied.
 */
abstract class CockpitFilesApply extends GroupSubcommand {
    private final Set<String> kinds;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "YAML files of the kinds this command applies.")
    private List<Path> files;

    @Option(names = "--dry-run", description = "Check and say what would change, store nothing.")
    private boolean dryRun;

    @Option(names = "--by", paramLabel = "NAME", description = "Who (default: $USER).")
    private String by;

    CockpitFilesApply(Set<String> kinds) {
        this.kinds = Set.copyOf(requireNonNull(kinds, "kinds is null"));
    }

    @Override
    public final Integer call() {
        return ApplyCommand.applyFiles(this, files, kinds, by, dryRun);
    }
}
