package dev.northstar.cli;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.CockpitApply;
import dev.northstar.cockpit.CockpitDocument;
import dev.northstar.cockpit.CockpitException;
import dev.northstar.contracts.ApplyResult;
import dev.northstar.contracts.ContractException;
import dev.northstar.contracts.ContractProblem;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code northstar apply DIR}: applies a project folder. Each YAML file goes by its {@code kind}: data contracts to the
 * product registry (creates or evolves each product's tables and stores the contract versions, see
 * {@link ProductRegistry#apply}), the cockpit's kinds ({@code UseCase}...) to {@link CockpitApply}. Every file of every
 * kind is checked before anything is applied.
 */
@Command(name = "apply", description = "Apply a project folder: ODCS data contracts (create or evolve each product's"
        + " tables, store the contract versions) and cockpit documents (kind: UseCase). Nothing is applied when any"
        + " file has problems.")
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    private NorthstarCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of YAML files (read recursively).")
    private Path folder;

    @Option(names = "--dry-run", description = "Check and plan everything, print what would be done, change nothing.")
    private boolean dryRun;

    @Option(names = "--by", paramLabel = "NAME", description = "Who applies, recorded with cockpit documents"
            + " (default: $USER).")
    private String by;

    @Override
    public Integer call() {
        requireNonNull(root, "root is null");
        PrintWriter out = spec.commandLine().getOut();
        Path resolved = root.environment().resolve(folder);
        LakeConfig config = LakeConfig.from(root.settings(root.initializedHome()));
        try (Lakehouse lake = Lakehouse.open(config); JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            CockpitApply cockpit = ReviewCommand.cockpit(root, lake, store).applier();
            List<Path> contracts = new ArrayList<>();
            List<CockpitDocument> documents = new ArrayList<>();
            for (Path file : files(resolved)) {
                String yaml = read(file);
                Optional<String> kind = CockpitApply.kind(yaml);
                if (kind.isPresent() && cockpit.handles(kind.get())) {
                    documents.add(new CockpitDocument(file.toString(), yaml));
                } else {
                    contracts.add(file);
                }
            }
            ProductRegistry registry = new ProductRegistry(store.database(), lake);
            if (documents.isEmpty()) {
                return printContracts(out, () -> registry.apply(contracts, dryRun));
            }
            List<YamlProblem> cockpitProblems = cockpit.check(documents);
            List<ContractProblem> contractProblems = List.of();
            if (!contracts.isEmpty()) {
                try {
                    registry.apply(contracts, true);
                } catch (ContractException e) {
                    contractProblems = e.problems();
                }
            }
            if (!cockpitProblems.isEmpty() || !contractProblems.isEmpty()) {
                return nothingApplied(contractProblems, cockpitProblems);
            }
            boolean changed = false;
            if (!contracts.isEmpty()) {
                ApplyResult result = registry.apply(contracts, dryRun);
                result.steps().forEach(step -> out.println(step.text(result.dryRun())));
                changed = result.changedAnything();
            }
            CockpitApply.Outcome outcome = cockpit.apply(documents, QualityCommand.who(root, by), dryRun);
            outcome.lines().forEach(out::println);
            for (YamlProblem warning : outcome.warnings()) {
                out.println("warning: " + warning.source() + ":" + warning.line() + ":" + warning.column() + ": "
                        + warning.path() + ": " + warning.message());
                out.println("    hint: " + warning.hint());
            }
            finish(out, changed || outcome.changed());
            return 0;
        } catch (ContractException e) {
            return nothingApplied(e.problems(), List.of());
        }
    }

    private int printContracts(PrintWriter out, Supplier<ApplyResult> apply) {
        ApplyResult result = apply.get();
        for (ApplyResult.Step step : result.steps()) {
            out.println(step.text(result.dryRun()));
        }
        finish(out, result.changedAnything());
        return 0;
    }

    private void finish(PrintWriter out, boolean changed) {
        if (!changed) {
            out.println("Everything is up to date.");
        } else if (dryRun) {
            out.println("Dry run: nothing was changed.");
        }
        out.flush();
    }

    private int nothingApplied(List<ContractProblem> contractProblems, List<YamlProblem> cockpitProblems) {
        // Every problem on its own line, as 'contract lint' prints them; nothing was applied.
        PrintWriter err = spec.commandLine().getErr();
        ContractCommand.printProblems(err, contractProblems);
        printProblems(err, cockpitProblems);
        int count = contractProblems.size() + cockpitProblems.size();
        err.println("Nothing applied: " + count + (count == 1 ? " problem" : " problems") + "; run 'northstar"
                + " contract lint' on the contract files.");
        err.flush();
        return ContractCommand.LINT_PROBLEMS;
    }

    /**
     * Applies cockpit files of the given kinds as {@code northstar apply} does (all checked first, nothing applied
     * when one has a problem): what {@code kpi apply} and {@code finops apply} run.
     *
     * @return the exit code
     */
    static int applyFiles(GroupSubcommand command, List<Path> files, java.util.Set<String> kinds, String by,
            boolean dryRun) {
        NorthstarCommand root = command.root();
        List<CockpitDocument> documents = new ArrayList<>();
        List<YamlProblem> wrongKinds = new ArrayList<>();
        for (Path file : files) {
            String yaml = read(root.environment().resolve(file));
            Optional<String> kind = CockpitApply.kind(yaml);
            if (kind.isPresent() && !kinds.contains(kind.get())) {
                wrongKinds.add(new YamlProblem(file.toString(), 1, 1, "kind", "This command applies "
                        + String.join(" and ", new java.util.TreeSet<>(kinds)) + " documents, not " + kind.get(),
                        "Apply a project folder of every kind with 'northstar apply DIR'"));
            }
            documents.add(new CockpitDocument(file.toString(), yaml));
        }
        PrintWriter out = command.out();
        PrintWriter err = command.err();
        try {
            if (!wrongKinds.isEmpty()) {
                throw new CockpitException(wrongKinds);
            }
            CockpitApply.Outcome outcome = QualityCommand.withLakeAndStore(root, (lake, store) -> ReviewCommand
                    .cockpit(root, lake, store).applier().apply(documents, QualityCommand.who(root, by), dryRun));
            outcome.lines().forEach(out::println);
            printProblems(out, outcome.warnings());
            out.flush();
            return 0;
        } catch (CockpitException e) {
            printProblems(err, e.problems());
            err.println("Nothing applied: " + e.problems().size() + (e.problems().size() == 1 ? " problem"
                    : " problems") + ".");
            err.flush();
            return ContractCommand.LINT_PROBLEMS;
        }
    }

    private static void printProblems(PrintWriter err, List<YamlProblem> cockpitProblems) {
        for (YamlProblem problem : cockpitProblems) {
            err.println(problem.source() + ":" + problem.line() + ":" + problem.column() + ": "
                    + (problem.path().isEmpty() ? "" : problem.path() + ": ") + problem.message());
            if (!problem.hint().isEmpty()) {
                err.println("    hint: " + problem.hint());
            }
        }
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "Project folder " + folder + " does not exist"
                    + (Files.exists(folder) ? " as a folder" : ""),
                    "Give the folder holding the YAML files, e.g. 'northstar apply project/'");
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            List<Path> files = paths.filter(Files::isRegularFile)
                    .filter(path -> {
                        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Project folder " + folder
                        + " holds no *.yaml or *.yml files", "Put ODCS data contracts (kind: DataContract) or"
                        + " use cases (kind: UseCase) in it");
            }
            return files;
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "Cannot list project folder " + folder + ": "
                    + e.getMessage(), "Check that the folder is readable", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "Cannot read " + file + ": " + e.getMessage(),
                    "Check that the file is readable", e);
        }
    }
}
