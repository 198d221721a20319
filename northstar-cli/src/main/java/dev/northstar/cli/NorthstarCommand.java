package dev.northstar.cli;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.store.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code northstar}. It owns the global options and opens what subcommands work on: the data
 * directory's settings, the lakehouse and the metadata store.
 */
@Command(
        name = "northstar",
        mixinStandardHelpOptions = true,
        versionProvider = NorthstarVersion.class,
        description = "Northstar: a governed data & AI platform that runs embedded (Iceberg tables, DuckDB, SQLite).",
        subcommands = {
            InitCommand.class,
            TableCommand.class,
            LoadCommand.class,
            IngestCommand.class,
            QuarantineCommand.class,
            SqlCommand.class,
            ServeCommand.class,
            TokenCommand.class,
            QualityCommand.class,
            ContractCommand.class,
            ApplyCommand.class,
            UseCaseCommand.class,
            CatalogCommand.class,
            LineageCommand.class,
            ClassifyCommand.class,
            PolicyCommand.class,
            FeaturesCommand.class,
            ModelCommand.class,
            PrivacyCommand.class,
            KpiCommand.class,
            FinopsCommand.class,
            NotificationsCommand.class,
            AuditCommand.class,
            ReadinessCommand.class,
            ReviewCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            VersionCommand.class
        })
public final class NorthstarCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec
    private CommandSpec spec;

    private Optional<Path> home = Optional.empty();
    private boolean verbose;

    public NorthstarCommand(CliEnvironment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    // Setters rather than fields: an inherited option given after a subcommand must still land here.
    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data directory (default: $NORTHSTAR_HOME, else northstar-data in the current directory).")
    void home(Path directory) {
        this.home = Optional.of(directory);
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    void verbose(boolean enabled) {
        this.verbose = enabled;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: name one of the commands below");
    }

    public CliEnvironment environment() {
        return environment;
    }

    boolean verbose() {
        return verbose;
    }

    /** The data directory, whether or not it exists. */
    public Path home() {
        return environment.home(home);
    }

    /** The data directory, which must have been initialized. */
    Path initializedHome() {
        Path directory = home();
        if (!Files.isDirectory(directory)) {
            throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND,
                    "No Northstar data directory at " + directory,
                    "Run 'northstar init' first, or point --home or " + CliEnvironment.HOME_VARIABLE
                            + " at an existing data directory");
        }
        return directory;
    }

    /** Settings of a data directory: its northstar.yaml overridden by NORTHSTAR_* variables. */
    Settings settings(Path directory) {
        return Settings.load(directory, environment.variables());
    }

    /** Opens the lakehouse of the initialized data directory. */
    Lakehouse openLake() {
        return Lakehouse.open(LakeConfig.from(settings(initializedHome())));
    }

    /** Opens the metadata store of the initialized data directory. */
    MetadataStore openStore() {
        return JdbcMetadataStore.open(LakeConfig.from(settings(initializedHome())));
    }

    /** Opens the lakehouse of the initialized data directory, applies {@code work} to it and closes it. */
    <T> T withLake(Function<Lakehouse, T> work) {
        try (Lakehouse lake = openLake()) {
            return work.apply(lake);
        }
    }

    /** Opens the metadata store of the initialized data directory, applies {@code work} to it and closes it. */
    <T> T withStore(Function<MetadataStore, T> work) {
        try (MetadataStore store = openStore()) {
            return work.apply(store);
        }
    }
}
