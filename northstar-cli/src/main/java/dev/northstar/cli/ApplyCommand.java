package dev.northstar.cli;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ApplyResult;
import dev.northstar.contracts.ContractException;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.JdbcMetadataStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code northstar apply DIR}: applies a project folder of data contracts: creates or evolves each product's tables
 * and stores the contract versions (see {@link ProductRegistry#apply}).
 */
@Command(name = "apply", description = "Apply a project folder of ODCS data contracts: create or evolve each"
        + " product's tables and store the contract versions. Nothing is applied when any file has problems.")
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    private NorthstarCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of contract YAML files (read recursively).")
    private Path folder;

    @Option(names = "--dry-run", description = "Check and plan everything, print what would be done, change nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        requireNonNull(root, "root is null");
        PrintWriter out = spec.commandLine().getOut();
        Path resolved = root.environment().resolve(folder);
        LakeConfig config = LakeConfig.from(root.settings(root.initializedHome()));
        ApplyResult result;
        try (Lakehouse lake = Lakehouse.open(config); JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            result = new ProductRegistry(store.database(), lake).apply(resolved, dryRun);
        } catch (ContractException e) {
            // Every problem on its own line, as 'contract lint' prints them; nothing was applied.
            ContractCommand.printProblems(spec.commandLine().getErr(), e.problems());
            spec.commandLine().getErr().println("Nothing applied: " + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems") + "; run 'northstar contract lint' on"
                    + " the files.");
            spec.commandLine().getErr().flush();
            return ContractCommand.LINT_PROBLEMS;
        }
        for (ApplyResult.Step step : result.steps()) {
            out.println(step.text(result.dryRun()));
        }
        if (!result.changedAnything()) {
            out.println("Everything is up to date.");
        } else if (result.dryRun()) {
            out.println("Dry run: nothing was changed.");
        }
        return 0;
    }
}
