package dev.northstar.cli;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.RowSource;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.WriteResult;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import dev.northstar.spi.store.MetadataStore;
import dev.northstar.spi.store.RunRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code northstar load FILE --table T}: one file into one table in one atomic commit, recorded as a run whose id
 * and source fingerprint (the file's SHA-256) land in the snapshot summary and the run history.
 */
@Command(name = "load",
        description = "Load a CSV (with header), JSON/NDJSON or Parquet file into a table in one atomic commit.",
        footer = {
            "",
            "Appending a file whose SHA-256 is already recorded in the table's history is skipped (idempotent",
            "re-runs) unless --force is given.",
            "",
            "Example:",
            "  northstar load orders.csv --table retail.orders --create"
        })
final class LoadCommand implements Callable<Integer> {
    static final String RUN_KIND = "load";

    @ParentCommand
    private NorthstarCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "A .csv, .tsv, .json, .ndjson, .jsonl or .parquet file (optionally .gz).")
    private Path file;

    @Option(names = "--table", required = true, paramLabel = "DOMAIN.TABLE", description = "Target table.")
    private String table;

    @Option(names = "--create", description = "Create the table from the file's columns if it does not exist.")
    private boolean create;

    @Option(names = "--overwrite", description = "Replace the table's rows instead of appending.")
    private boolean overwrite;

    @Option(names = "--force", description = "Append even if this exact file was loaded into the table before.")
    private boolean force;

    @Override
    public Integer call() {
        TableId id = TableId.parse(table);
        Path path = root.environment().resolve(file);
        RowSource source = RowSource.file(path);
        source.relation(); // fails early, with a hint, on a missing file or an unknown extension
        String fingerprint = "sha256:" + sha256(path);
        PrintWriter out = spec.commandLine().getOut();
        try (Lakehouse lake = root.openLake(); MetadataStore store = root.openStore()) {
            boolean created = false;
            if (!lake.exists(id)) {
                if (!create) {
                    throw missingTable(lake, id);
                }
                TableSchema schema = FileSchemaInference.infer(source);
                lake.createTable(id, TableDefinition.of(schema));
                created = true;
            } else if (!overwrite && !force) {
                Optional<SnapshotInfo> earlier = earlierLoad(lake.history(id), fingerprint);
                if (earlier.isPresent()) {
                    out.println("Skipped: " + path.getFileName() + " (" + fingerprint.substring(0, 19)
                            + "...) was already loaded into " + id + " in snapshot " + earlier.get().snapshotId()
                            + "; pass --force to append it again");
                    out.flush();
                    return 0;
                }
            }
            WriteResult result = write(lake, store, id, source, fingerprint);
            out.println((created ? "Created " + id + " and loaded " : "Loaded ") + Quantities.rows(result.rows())
                    + " from " + path.getFileName() + (created ? "" : " into " + id)
                    + (overwrite ? " (overwrite)" : "") + " in " + result.millis() + " ms");
            out.println("  snapshot " + result.snapshotId() + ", " + result.dataFiles() + " data file"
                    + (result.dataFiles() == 1 ? "" : "s") + ", " + Quantities.bytes(result.bytes()) + ", run "
                    + result.runId());
            out.flush();
        }
        return 0;
    }

    private WriteResult write(Lakehouse lake, MetadataStore store, TableId id, RowSource source, String fingerprint) {
        String runId = UUID.randomUUID().toString();
        Instant startedAt = Instant.now();
        Map<String, String> details = Map.of("file", source.description(), "mode", overwrite ? "overwrite" : "append");
        store.runs().save(new RunRecord(runId, RUN_KIND, id.toString(), "RUNNING", startedAt, Optional.empty(), 0, 0,
                Optional.empty(), Optional.of(fingerprint), Optional.empty(), details));
        WriteOptions options = (overwrite ? WriteOptions.overwrite() : WriteOptions.append())
                .withRunId(runId)
                .withSourceFingerprint(fingerprint)
                .withSummary(Map.of("northstar.source", source.description()));
        try {
            WriteResult result = lake.write(id, source, options);
            store.runs().save(new RunRecord(runId, RUN_KIND, id.toString(), "SUCCEEDED", startedAt,
                    Optional.of(Instant.now()), result.rows(), result.rows(), Optional.of(result.snapshotId()),
                    Optional.of(fingerprint), Optional.empty(), details));
            return result;
        } catch (RuntimeException e) {
            store.runs().save(new RunRecord(runId, RUN_KIND, id.toString(), "FAILED", startedAt,
                    Optional.of(Instant.now()), 0, 0, Optional.empty(), Optional.of(fingerprint),
                    Optional.of(String.valueOf(e.getMessage())), details));
            throw e;
        }
    }

    /** The lake's own error names close matches; the hint adds the way to create the table from the file. */
    private static NorthstarException missingTable(Lakehouse lake, TableId id) {
        try {
            lake.describe(id);
        } catch (NorthstarException e) {
            String create = "pass --create to create " + id + " from the file's columns";
            return new NorthstarException(e.code(), e.getMessage(),
                    e.hint() == null ? Character.toUpperCase(create.charAt(0)) + create.substring(1)
                            : e.hint() + " Or " + create, e);
        }
        return new NorthstarException(ErrorCode.TABLE_NOT_FOUND, "Table " + id + " does not exist",
                "Pass --create to create it from the file's columns");
    }

    /**
     * The snapshot that appended this exact source, if the table still holds its rows: no full overwrite came after.
     */
    static Optional<SnapshotInfo> earlierLoad(List<SnapshotInfo> history, String fingerprint) {
        Optional<SnapshotInfo> found = Optional.empty();
        for (SnapshotInfo snapshot : history) {
            if (fingerprint.equals(snapshot.summary().get(SnapshotInfo.SOURCE_FINGERPRINT))) {
                found = Optional.of(snapshot);
            } else if (found.isPresent() && snapshot.operation().equals("overwrite")
                    && snapshot.totalRecords() == snapshot.addedRecords()) {
                found = Optional.empty();
            }
        }
        return found;
    }

    static String sha256(Path path) {
        try (InputStream input = new DigestInputStream(Files.newInputStream(path),
                MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (input.read(buffer) >= 0) {
                // the digest stream hashes what is read
            }
            return HexFormat.of().formatHex(((DigestInputStream) input).getMessageDigest().digest());
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "Cannot read " + path + ": " + e.getMessage(),
                    "Check the file exists and is readable", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
