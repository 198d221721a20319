package dev.northstar.lake;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Table maintenance: copy-on-write deletes, snapshot expiry with physical removal, small-file compaction and
 * orphan-file cleanup. DuckDB ignores Iceberg delete files, so deletes always rewrite the affected data files.
 */
final class TableMaintenance {
    private final DuckDbEngine duckdb;
    private final TableWriter writer;
    private final LakeConfig config;

    TableMaintenance(DuckDbEngine duckdb, TableWriter writer, LakeConfig config) {
        this.duckdb = duckdb;
        this.writer = writer;
        this.config = config;
    }

    // ---- delete ----------------------------------------------------------------------------------------------

    DeleteResult delete(TableId id, Table table, String predicate, Map<String, String> summary) {
        NorthstarException lastConflict = null;
        for (int attempt = 0; attempt <= config.commitRetries(); attempt++) {
            table.refresh();
            try {
                return deleteOnce(id, table, predicate, summary);
            } catch (CommitFailedException | ValidationException e) {
                lastConflict = new NorthstarException(ErrorCode.COMMIT_CONFLICT,
                        "Delete on " + id + " kept losing against concurrent changes: " + e.getMessage(),
                        "Run the delete again", e);
            }
        }
        throw lastConflict;
    }

    private DeleteResult deleteOnce(TableId id, Table table, String predicate, Map<String, String> summary) {
        Snapshot snapshot = table.currentSnapshot();
        if (snapshot == null) {
            return new DeleteResult(Optional.empty(), 0, 0, 0, 0);
        }
        try (Connection connection = duckdb.connection()) {
            SqlAnalysis analysis = SqlAnalysis.analyse(connection,
                    "SELECT * FROM " + TypeMapping.quote(id.domain()) + "." + TypeMapping.quote(id.name())
                            + " WHERE " + predicate);
            if (analysis.references().size() != 1) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                        "A delete predicate may only use the columns of " + id + ": " + predicate,
                        "Write a condition on the table's own columns, e.g. customer_id = 42");
            }
            Expression pruning = PruningFilter.of(table.schema(), analysis.filtersFor(analysis.references().get(0)));
            Map<String, DataFile> candidates = new LinkedHashMap<>();
            try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId())
                    .filter(pruning).ignoreResiduals().planFiles()) {
                for (FileScanTask task : tasks) {
                    candidates.put(LocalFileIO.path(task.file().location()).toString(), task.file());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (candidates.isEmpty()) {
                return new DeleteResult(Optional.empty(), 0, 0, 0, 0);
            }
            String readSchema = TypeMapping.readSchema(table.schema());
            String fileList = candidates.keySet().stream().map(TypeMapping::literal)
                    .collect(Collectors.joining(", ", "[", "]"));
            Map<String, long[]> matches = new HashMap<>();
            try {
                for (List<Object> row : DuckDbEngine.rows(connection, "SELECT filename, count(*) FILTER (WHERE ("
                        + predicate + ")), count(*) FROM read_parquet(" + fileList + ", filename = true, schema = "
                        + readSchema + ") GROUP BY filename")) {
                    matches.put((String) row.get(0),
                            new long[] {((Number) row.get(1)).longValue(), ((Number) row.get(2)).longValue()});
                }
            } catch (SQLException e) {
                throw DuckDbEngine.translate(e, "Invalid delete predicate '" + predicate + "'");
            }
            List<DataFile> removed = new ArrayList<>();
            List<DataFile> added = new ArrayList<>();
            long deletedRows = 0;
            int rewritten = 0;
            try {
                for (Map.Entry<String, long[]> match : matches.entrySet()) {
                    long matched = match.getValue()[0];
                    if (matched == 0) {
                        continue;
                    }
                    DataFile file = candidates.get(match.getKey());
                    removed.add(file);
                    deletedRows += matched;
                    if (matched < match.getValue()[1]) {
                        rewritten++;
                        String keep = "SELECT * FROM read_parquet([" + TypeMapping.literal(match.getKey())
                                + "], schema = " + readSchema + ") WHERE (" + predicate + ") IS NOT TRUE";
                        added.addAll(writer.writeTableRows(connection, table, keep, match.getKey()).files());
                    }
                }
                if (removed.isEmpty()) {
                    return new DeleteResult(Optional.empty(), 0, 0, 0, candidates.size());
                }
                OverwriteFiles overwrite = table.newOverwrite()
                        .validateFromSnapshot(snapshot.snapshotId())
                        .conflictDetectionFilter(pruning)
                        .validateNoConflictingData()
                        .validateNoConflictingDeletes();
                removed.forEach(overwrite::deleteFile);
                added.forEach(overwrite::addFile);
                summary.forEach(overwrite::set);
                overwrite.set("northstar.delete-predicate", predicate);
                overwrite.commit();
            } catch (RuntimeException e) {
                added.forEach(file -> table.io().deleteFile(file.location()));
                throw e;
            }
            return new DeleteResult(Optional.of(table.currentSnapshot().snapshotId()), deletedRows, rewritten,
                    removed.size() - rewritten, candidates.size());
        } catch (SQLException e) {
            throw DuckDbEngine.translate(e, "Cannot close DuckDB connection");
        }
    }

    // ---- revert a run ----------------------------------------------------------------------------------------

    MaintenanceResult revertRun(TableId id, Table table, String runId) {
        NorthstarException lastConflict = null;
        for (int attempt = 0; attempt <= config.commitRetries(); attempt++) {
            table.refresh();
            try {
                return revertRunOnce(id, table, runId);
            } catch (CommitFailedException | ValidationException e) {
                lastConflict = new NorthstarException(ErrorCode.COMMIT_CONFLICT,
                        "Reverting run " + runId + " on " + id + " kept losing against concurrent changes: "
                                + e.getMessage(), "Run the revert again", e);
            }
        }
        throw lastConflict;
    }

    private MaintenanceResult revertRunOnce(TableId id, Table table, String runId) {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return new MaintenanceResult("revert-run", Optional.empty(), 0, 0, List.of());
        }
        Set<String> added = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            if (!runId.equals(snapshot.summary().get(SnapshotInfo.RUN_ID))) {
                continue;
            }
            if (!"append".equals(snapshot.operation())) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                        "Run " + runId + " on " + id + " made a '" + snapshot.operation() + "' commit; only appends "
                                + "can be reverted", "Restore an earlier snapshot with time travel instead");
            }
            for (DataFile file : snapshot.addedDataFiles(table.io())) {
                added.add(file.location());
            }
        }
        List<DataFile> live = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(current.snapshotId())
                .ignoreResiduals().planFiles()) {
            for (FileScanTask task : tasks) {
                if (added.contains(task.file().location())) {
                    live.add(task.file());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (live.isEmpty()) {
            return new MaintenanceResult("revert-run", Optional.empty(), 0, 0, List.of());
        }
        OverwriteFiles overwrite = table.newOverwrite()
                .validateFromSnapshot(current.snapshotId())
                .validateNoConflictingDeletes();
        live.forEach(overwrite::deleteFile);
        overwrite.set("northstar.reverted-run", runId);
        overwrite.commit();
        return new MaintenanceResult("revert-run", Optional.of(table.currentSnapshot().snapshotId()), live.size(), 0,
                live.stream().map(file -> LocalFileIO.path(file.location()).toString()).toList());
    }

    // ---- expire snapshots ------------------------------------------------------------------------------------

    MaintenanceResult expireSnapshots(Table table, Duration olderThan, int retainLast) {
        NorthstarException.checkArgument(retainLast >= 1, "retainLast must be at least 1, got %d", retainLast);
        Set<String> before = reachableFiles(table);
        long cutoff = System.currentTimeMillis() - olderThan.toMillis();
        List<String> deleted = new ArrayList<>();
        table.expireSnapshots()
                .expireOlderThan(cutoff)
                .retainLast(retainLast)
                .deleteWith(location -> {
                    table.io().deleteFile(location);
                    deleted.add(LocalFileIO.path(location).toString());
                })
                .commit();
        table.refresh();
        // Iceberg's incremental cleanup can leave a replaced file behind; erasure must be physical, so delete
        // everything the expired snapshots referenced that no remaining snapshot references.
        Set<String> after = reachableFiles(table);
        for (String path : before) {
            if (!after.contains(path) && Files.exists(Path.of(path))) {
                table.io().deleteFile(path);
                deleted.add(path);
            }
        }
        List<String> distinct = deleted.stream().distinct().sorted().toList();
        return new MaintenanceResult("expire-snapshots", Optional.empty(), distinct.size(), 0, distinct);
    }

    /** Local paths of every data file, manifest and manifest list any snapshot of the table references. */
    static Set<String> reachableFiles(Table table) {
        Set<String> paths = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            if (snapshot.manifestListLocation() != null) {
                paths.add(LocalFileIO.path(snapshot.manifestListLocation()).toString());
            }
            for (ManifestFile manifest : snapshot.allManifests(table.io())) {
                paths.add(LocalFileIO.path(manifest.path()).toString());
                try (CloseableIterable<? extends org.apache.iceberg.ContentFile<?>> files =
                        manifest.content() == org.apache.iceberg.ManifestContent.DATA
                                ? ManifestFiles.read(manifest, table.io(), table.specs())
                                : ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())) {
                    for (org.apache.iceberg.ContentFile<?> file : files) {
                        paths.add(LocalFileIO.path(file.location()).toString());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return paths;
    }

    // ---- compaction ------------------------------------------------------------------------------------------

    MaintenanceResult compact(Table table) {
        Snapshot snapshot = table.currentSnapshot();
        if (snapshot == null) {
            return new MaintenanceResult("compact", Optional.empty(), 0, 0, List.of());
        }
        long smallFile = config.targetFileSizeBytes() * 3 / 4;
        Map<String, List<DataFile>> groups = new LinkedHashMap<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshot.snapshotId())
                .ignoreResiduals().planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                if (file.fileSizeInBytes() < smallFile) {
                    String key = file.specId() + "/" + table.specs().get(file.specId()).partitionToPath(file.partition());
                    groups.computeIfAbsent(key, ignored -> new ArrayList<>()).add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DataFile> removed = new ArrayList<>();
        List<DataFile> added = new ArrayList<>();
        String readSchema = TypeMapping.readSchema(table.schema());
        try (Connection connection = duckdb.connection()) {
            for (List<DataFile> group : groups.values()) {
                if (group.size() < 2) {
                    continue;
                }
                String files = group.stream().map(file -> TypeMapping.literal(LocalFileIO.path(file.location())
                        .toString())).collect(Collectors.joining(", ", "[", "]"));
                TableWriter.Written written = writer.writeTableRows(connection, table,
                        "SELECT * FROM read_parquet(" + files + ", schema = " + readSchema + ")", "compaction");
                long before = group.stream().mapToLong(DataFile::recordCount).sum();
                if (written.rows() != before) {
                    written.files().forEach(file -> table.io().deleteFile(file.location()));
                    throw NorthstarException.of(ErrorCode.INTERNAL,
                            "Compaction of %s wrote %d rows instead of %d; nothing was committed", TableWriter.displayName(table),
                            written.rows(), before);
                }
                removed.addAll(group);
                added.addAll(written.files());
            }
            if (removed.isEmpty()) {
                return new MaintenanceResult("compact", Optional.empty(), 0, 0, List.of());
            }
            RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(snapshot.snapshotId());
            removed.forEach(rewrite::deleteFile);
            added.forEach(rewrite::addFile);
            rewrite.set("northstar.operation", "compact");
            try {
                rewrite.commit();
            } catch (CommitFailedException | ValidationException e) {
                added.forEach(file -> table.io().deleteFile(file.location()));
                throw new NorthstarException(ErrorCode.COMMIT_CONFLICT,
                        "Compaction of " + TableWriter.displayName(table) + " conflicted with a concurrent change: " + e.getMessage(),
                        "Run compaction again", e);
            }
        } catch (SQLException e) {
            throw DuckDbEngine.translate(e, "Cannot close DuckDB connection");
        }
        return new MaintenanceResult("compact", Optional.of(table.currentSnapshot().snapshotId()), removed.size(),
                added.size(), removed.stream().map(file -> LocalFileIO.path(file.location()).toString()).toList());
    }

    // ---- orphan files ----------------------------------------------------------------------------------------

    MaintenanceResult removeOrphanFiles(Table table, Duration olderThan) {
        table.refresh();
        Set<String> referenced = new HashSet<>(reachableFiles(table));
        TableMetadata metadata = ((HasTableOperations) table).operations().current();
        referenced.add(LocalFileIO.path(metadata.metadataFileLocation()).toString());
        for (TableMetadata.MetadataLogEntry entry : metadata.previousFiles()) {
            referenced.add(LocalFileIO.path(entry.file()).toString());
        }
        for (String location : ReachableFileUtil.statisticsFilesLocations(table)) {
            referenced.add(LocalFileIO.path(location).toString());
        }
        long cutoff = System.currentTimeMillis() - olderThan.toMillis();
        Path root = LocalFileIO.path(table.location());
        List<String> deleted = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new MaintenanceResult("remove-orphan-files", Optional.empty(), 0, 0, List.of());
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = file.toAbsolutePath().normalize().toString();
                if (!referenced.contains(path) && Files.getLastModifiedTime(file).toMillis() < cutoff) {
                    Files.deleteIfExists(file);
                    deleted.add(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + root, e);
        }
        removeEmptyDirectories(root.resolve("data"));
        return new MaintenanceResult("remove-orphan-files", Optional.empty(), deleted.size(), 0,
                deleted.stream().sorted().toList());
    }

    private static void removeEmptyDirectories(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path directory : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                if (!directory.equals(root)) {
                    try (Stream<Path> entries = Files.list(directory)) {
                        if (entries.findAny().isEmpty()) {
                            Files.deleteIfExists(directory);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + root, e);
        }
    }
}
