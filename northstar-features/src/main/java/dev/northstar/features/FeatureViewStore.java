package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.config.YamlProblem;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The feature views the platform serves, versioned in the metadata database ({@code ns_feature_views}, V12): what
 * {@code northstar features apply} stores and what the server registers with its online store at start.
 */
public final class FeatureViewStore {
    private final MetadataDatabase database;
    private final Clock clock;

    public FeatureViewStore(MetadataDatabase database) {
        this(database, Clock.systemUTC());
    }

    public FeatureViewStore(MetadataDatabase database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * A stored view.
     *
     * @param view the parsed view
     * @param version 1, 2, ...
     * @param yaml the text as applied
     * @param appliedBy who applied it
     * @param appliedAt when
     */
    public record StoredView(FeatureView view, long version, String yaml, String appliedBy, Instant appliedAt) {}

    /**
     * What applying one file did.
     *
     * @param name the view
     * @param version its version in force
     * @param changed whether a new version was stored (false: same text as the version in force)
     */
    public record Applied(String name, long version, boolean changed) {}

    /**
     * Parses every file first, then stores each view whose text changed as a new version.
     *
     * @param path a {@code kind: FeatureView} YAML file or a folder of them
     * @throws FeatureViewException listing every problem of every file (nothing stored)
     */
    public List<Applied> apply(Path path, String by) {
        requireNonNull(by, "by is null");
        List<Path> files = files(path);
        List<FeatureView> views = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<YamlProblem> problems = new ArrayList<>();
        for (Path file : files) {
            String yaml = read(file);
            try {
                views.add(FeatureViewParser.parse(yaml, file.toString()));
                texts.add(yaml);
            } catch (FeatureViewException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new FeatureViewException(problems);
        }
        List<Applied> applied = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            applied.add(store(views.get(i).name(), texts.get(i), by));
        }
        return applied;
    }

    private Applied store(String name, String yaml, String by) {
        String sha = sha256(yaml);
        return database.call("apply feature view " + name, handle -> handle.inTransaction(tx -> {
            Optional<String[]> current = tx.createQuery("SELECT version, sha256 FROM ns_feature_views WHERE name = :name"
                            + " ORDER BY version DESC LIMIT 1")
                    .bind("name", name)
                    .map((row, context) -> new String[] {String.valueOf(row.getLong(1)), row.getString(2)})
                    .findFirst();
            if (current.isPresent() && current.get()[1].equals(sha)) {
                return new Applied(name, Long.parseLong(current.get()[0]), false);
            }
            long version = current.map(row -> Long.parseLong(row[0]) + 1).orElse(1L);
            tx.createUpdate("INSERT INTO ns_feature_views (name, version, yaml, sha256, applied_by, applied_at)"
                            + " VALUES (:name, :version, :yaml, :sha, :by, :at)")
                    .bind("name", name).bind("version", version).bind("yaml", yaml).bind("sha", sha)
                    .bind("by", by).bind("at", clock.millis()).execute();
            return new Applied(name, version, true);
        }));
    }

    /** The views in force (the latest version of each), by name. */
    public List<StoredView> list() {
        return database.call("list feature views", handle -> handle.createQuery(
                        "SELECT v.name, v.version, v.yaml, v.applied_by, v.applied_at FROM ns_feature_views v"
                                + " WHERE v.version = (SELECT max(version) FROM ns_feature_views w WHERE w.name = v.name)"
                                + " ORDER BY v.name")
                .map((row, context) -> new StoredView(FeatureViewParser.parse(row.getString(3), row.getString(1)),
                        row.getLong(2), row.getString(3), row.getString(4), Instant.ofEpochMilli(row.getLong(5))))
                .list());
    }

    /**
     * One view in force.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} naming the known views
     */
    public StoredView get(String name) {
        requireNonNull(name, "name is null");
        List<StoredView> all = list();
        return all.stream().filter(view -> view.view().name().equals(name)).findFirst()
                .orElseThrow(() -> new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No feature view " + name,
                        all.isEmpty() ? "Apply one with: northstar features apply FILE|DIR"
                                : "Known views: " + String.join(", ", all.stream().map(view -> view.view().name())
                                        .toList())));
    }

    private static List<Path> files(Path path) {
        requireNonNull(path, "path is null");
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "No feature view file or folder " + path,
                    "Give a kind: FeatureView .yaml file or a folder of them");
        }
        try (Stream<Path> listing = Files.list(path)) {
            List<Path> files = listing.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml")).sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "No .yaml feature view files in " + path,
                        "Put each kind: FeatureView document in its own .yaml file");
            }
            return files;
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot list " + path + ": " + e.getMessage(),
                    "Check the folder and its permissions", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot read " + file + ": " + e.getMessage(),
                    "Check the file and its permissions", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
