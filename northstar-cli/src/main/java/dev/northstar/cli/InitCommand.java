package dev.northstar.cli;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.store.MetadataStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code northstar init [DIR]}: creates a data directory, or checks an existing one. Idempotent. */
@Command(name = "init",
        description = "Create a data directory: a commented northstar.yaml listing every key with its default, "
                + "the SQLite catalog and the warehouse. Running it again changes nothing that exists.")
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    private NorthstarCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Data directory to create (default: --home, $NORTHSTAR_HOME, else ./northstar-data).")
    private Path directory;

    @Override
    public Integer call() {
        Path home = directory == null ? root.home() : root.environment().resolve(directory);
        PrintWriter out = spec.commandLine().getOut();
        boolean existed = Files.isRegularFile(home.resolve(Settings.FILE_NAME));
        initialize(root, home);
        Settings settings = root.settings(home);
        LakeConfig config = LakeConfig.from(settings);
        out.println((existed ? "Northstar data directory is ready: " : "Initialized Northstar in ") + home);
        out.println("  configuration  " + home.resolve(Settings.FILE_NAME));
        out.println("  catalog        " + config.catalogJdbcUrl());
        out.println("  warehouse      " + config.warehouse());
        if (!existed) {
            out.println();
            out.println("Next: northstar --home " + home + " table create DOMAIN.TABLE --column id:long ...");
            out.println("  or: northstar demo");
        }
        out.flush();
        return 0;
    }

    /**
     * Creates the directory, its configuration file (never overwriting one) and, by opening them, the catalog,
     * warehouse and metadata tables.
     */
    static void initialize(NorthstarCommand root, Path home) {
        try {
            Files.createDirectories(home);
            Path file = home.resolve(Settings.FILE_NAME);
            if (!Files.exists(file)) {
                Files.writeString(file, ConfigurationTemplate.text(home), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot create the data directory " + home
                    + ": " + e.getMessage(), "Choose a directory you can write to with --home DIR", e);
        }
        LakeConfig config = LakeConfig.from(root.settings(home));
        try (Lakehouse lake = Lakehouse.open(config); MetadataStore store = JdbcMetadataStore.open(config)) {
            // Opening creates what is missing (catalog tables, warehouse, metadata migrations); reading checks it.
            lake.domains();
            store.schemaVersion();
        }
    }
}
