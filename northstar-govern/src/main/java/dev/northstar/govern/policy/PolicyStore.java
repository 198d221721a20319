package dev.northstar.govern.policy;

import static java.util.Objects.requireNonNull;

import dev.northstar.govern.audit.AuditEvent;
import dev.northstar.govern.audit.AuditLog;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.schema.TableId;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Access policies in the metadata database ({@code ns_policies} and their history {@code ns_policy_versions},
 * migration V8): applying a document stores a new version when its text changed, recording who and when.
 * Thread-safe.
 */
public final class PolicyStore {
    /** Bumped by every change made in this JVM, so engines drop cached policies at once. */
    private static final java.util.concurrent.atomic.AtomicLong GENERATION = new java.util.concurrent.atomic.AtomicLong();

    private final MetadataDatabase database;
    private final Clock clock;
    private final Function<String, Optional<Set<String>>> tableColumns;

    public PolicyStore(MetadataDatabase database) {
        this(database, Clock.systemUTC());
    }

    public PolicyStore(MetadataDatabase database, Clock clock) {
        this(database, clock, table -> Optional.empty());
    }

    /**
     * @param tableColumns the lower-case columns of a table {@code domain.table} (empty when it does not exist), to
     *     check row filters naming tables when applying; see {@link #columnsOf(Lakehouse)}
     */
    public PolicyStore(MetadataDatabase database, Clock clock, Function<String, Optional<Set<String>>> tableColumns) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tableColumns = requireNonNull(tableColumns, "tableColumns is null");
    }

    /** The columns of the lake's tables, for checking row filters when applying. */
    public static Function<String, Optional<Set<String>>> columnsOf(Lakehouse lake) {
        requireNonNull(lake, "lake is null");
        return name -> {
            TableId table;
            try {
                table = TableId.parse(name);
            } catch (NorthstarException e) {
                return Optional.empty();
            }
            if (!lake.exists(table)) {
                return Optional.empty();
            }
            Set<String> columns = new java.util.LinkedHashSet<>();
            lake.describe(table).columns().forEach(column -> columns.add(column.name().toLowerCase(
                    java.util.Locale.ROOT)));
            return Optional.of(columns);
        };
    }

    /** The problems of a document, row filters checked against the tables they name. */
    public List<YamlProblem> lint(String yaml, String source) {
        return PolicyParser.lint(yaml, source, tableColumns);
    }

    /** What applying did to one policy. */
    public record Applied(String name, long version, boolean changed, String source) {}

    /**
     * Parses and stores policies: every document is checked before any is stored.
     *
     * @param texts source name to YAML text
     * @throws PolicyException listing the problems of every invalid document (nothing stored)
     */
    public List<Applied> apply(List<Source> texts, String by) {
        requireNonNull(texts, "texts is null");
        requireNonNull(by, "by is null");
        List<YamlProblem> problems = new ArrayList<>();
        List<PolicyDocument> documents = new ArrayList<>();
        for (Source text : texts) {
            try {
                documents.add(PolicyParser.parse(text.yaml(), text.name(), tableColumns));
            } catch (PolicyException e) {
                problems.addAll(e.problems());
            }
        }
        for (int i = 0; i < documents.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (documents.get(i).name().equals(documents.get(j).name())) {
                    problems.add(new YamlProblem(texts.get(i).name(), 1, 1, "name", "Policy '"
                            + documents.get(i).name() + "' is also defined in " + texts.get(j).name(),
                            "Give each policy its own name"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        List<Applied> applied = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Applied one = store(documents.get(i), texts.get(i).name(), by);
            if (one.changed()) {
                audit(by, one.name(), "applied", one.version());
            }
            applied.add(one);
        }
        return applied;
    }

    /** The name of the policy Northstar installs once: administrators read everything, teams their own domains. */
    public static final String BASELINE = "platform-baseline";

    /**
     * The baseline policy's text. The gateway denies by default; without this policy nobody could read anything on
     * a new installation. It is an ordinary policy: edit or delete it, and the change is kept.
     */
    public static final String BASELINE_YAML = """
            kind: AccessPolicy
            name: platform-baseline
            description: >-
              Installed by Northstar. Administrators read every table; every principal reads the tables of the
              domains it owns (its 'domains' attribute). Everything else is denied until a policy allows it.
              Edit or delete this policy to suit your organisation.
            rules:
              - effect: allow
                subjects: {roles: [admin]}
                resources: {domains: ["*"]}
              - effect: allow
                resources: {domains: ["${subject.domains}"]}
            """;

    /**
     * Installs {@link #BASELINE} unless it was ever installed (a steward who deleted or edited it keeps their
     * choice). Safe to call from several processes at once.
     *
     * @return whether this call installed it
     */
    public boolean installBaseline() {
        if (!history(BASELINE).isEmpty()) {
            return false;
        }
        try {
            return apply(List.of(new Source(BASELINE + ".yaml", BASELINE_YAML)), "northstar").get(0).changed();
        } catch (NorthstarException e) {
            if (!history(BASELINE).isEmpty()) {
                return false; // another process installed it at the same moment
            }
            throw e;
        }
    }

    private void audit(String by, String name, String action, long version) {
        new AuditLog(database).append(AuditEvent.change(by, AuditEvent.POLICY_CHANGE, List.of("policy:" + name),
                Map.of("action", action, "version", Long.toString(version))));
    }

    /** A YAML text and where it came from. */
    public record Source(String name, String yaml) {
        public Source {
            requireNonNull(name, "name is null");
            requireNonNull(yaml, "yaml is null");
        }
    }

    /** Reads a file, or every {@code .yaml}/{@code .yml} file of a folder (sorted), as sources. */
    public static List<Source> read(Path path) {
        requireNonNull(path, "path is null");
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> listing = Files.list(path)) {
                    files = listing.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml"))
                            .sorted().toList();
                }
                if (files.isEmpty()) {
                    throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "No .yaml policy files in " + path,
                            "Put each kind: AccessPolicy document in its own .yaml file");
                }
                List<Source> sources = new ArrayList<>();
                for (Path file : files) {
                    sources.add(new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                }
                return sources;
            }
            if (!Files.isRegularFile(path)) {
                throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "No policy file or folder " + path,
                        "Give the path of a .yaml file or of a folder of them");
            }
            return List.of(new Source(path.toString(), Files.readString(path, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot read " + path + ": " + e.getMessage(),
                    "Check the path and its permissions");
        }
    }

    private Applied store(PolicyDocument document, String source, String by) {
        String sha = sha256(document.yaml());
        long now = clock.millis();
        Applied applied = database.call("apply policy " + document.name(), handle -> handle.inTransaction(tx -> {
            Optional<String[]> current = tx.createQuery("SELECT version, sha256 FROM ns_policies WHERE name = :name")
                    .bind("name", document.name())
                    .map((row, context) -> new String[] {String.valueOf(row.getLong(1)), row.getString(2)})
                    .findFirst();
            if (current.isPresent() && current.get()[1].equals(sha)) {
                return new Applied(document.name(), Long.parseLong(current.get()[0]), false, source);
            }
            long version = tx.createQuery("SELECT coalesce(max(version), 0) FROM ns_policy_versions WHERE name = :name")
                    .bind("name", document.name()).mapTo(Long.class).one() + 1;
            tx.createUpdate("DELETE FROM ns_policies WHERE name = :name").bind("name", document.name()).execute();
            tx.createUpdate("INSERT INTO ns_policies (name, version, yaml, sha256, updated_by, updated_at)"
                            + " VALUES (:name, :version, :yaml, :sha, :by, :now)")
                    .bind("name", document.name()).bind("version", version).bind("yaml", document.yaml())
                    .bind("sha", sha).bind("by", by).bind("now", now).execute();
            tx.createUpdate("INSERT INTO ns_policy_versions (name, version, action, yaml, changed_by, changed_at)"
                            + " VALUES (:name, :version, 'APPLIED', :yaml, :by, :now)")
                    .bind("name", document.name()).bind("version", version).bind("yaml", document.yaml())
                    .bind("by", by).bind("now", now).execute();
            return new Applied(document.name(), version, true, source);
        }));
        changed();
        return applied;
    }

    /**
     * Deletes a policy (its history is kept).
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown policy
     */
    public void delete(String name, String by) {
        requireNonNull(name, "name is null");
        long now = clock.millis();
        long deletedVersion = database.call("delete policy " + name, handle -> handle.inTransaction(tx -> {
            int deleted = tx.createUpdate("DELETE FROM ns_policies WHERE name = :name").bind("name", name).execute();
            if (deleted == 0) {
                throw notFound(name);
            }
            long version = tx.createQuery("SELECT max(version) FROM ns_policy_versions WHERE name = :name")
                    .bind("name", name).mapTo(Long.class).one() + 1;
            tx.createUpdate("INSERT INTO ns_policy_versions (name, version, action, yaml, changed_by, changed_at)"
                            + " VALUES (:name, :version, 'DELETED', NULL, :by, :now)")
                    .bind("name", name).bind("version", version).bind("by", by).bind("now", now).execute();
            return version;
        }));
        changed();
        audit(by, name, "deleted", deletedVersion);
    }

    /** The policies in force, by name. */
    public List<StoredPolicy> list() {
        return database.call("list policies", handle -> handle.createQuery(
                        "SELECT name, version, yaml, updated_by, updated_at FROM ns_policies ORDER BY name")
                .map((row, context) -> new StoredPolicy(PolicyParser.parse(row.getString(3), row.getString(1)),
                        row.getLong(2), row.getString(4), Instant.ofEpochMilli(row.getLong(5))))
                .list());
    }

    /** One policy. */
    public Optional<StoredPolicy> find(String name) {
        requireNonNull(name, "name is null");
        return list().stream().filter(policy -> policy.name().equals(name)).findFirst();
    }

    /**
     * One policy.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} naming the known ones
     */
    public StoredPolicy get(String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    /** A policy's history, oldest first. */
    public List<PolicyChange> history(String name) {
        requireNonNull(name, "name is null");
        return database.call("read the history of policy " + name, handle -> handle.createQuery(
                        "SELECT name, version, action, changed_by, changed_at FROM ns_policy_versions"
                                + " WHERE name = :name ORDER BY version")
                .bind("name", name)
                .map((row, context) -> new PolicyChange(row.getString(1), row.getLong(2), row.getString(3),
                        row.getString(4), Instant.ofEpochMilli(row.getLong(5))))
                .list());
    }

    /** Changes whenever this JVM changes a policy or an access request. */
    static long generation() {
        return GENERATION.get();
    }

    /** Marks a change: cached decisions of this JVM are dropped. */
    static void changed() {
        GENERATION.incrementAndGet();
    }

    /** A value that changes whenever a policy changes (for caches). */
    public String state() {
        return database.call("read the policy state", handle -> handle.createQuery(
                        "SELECT count(*), coalesce(max(changed_at), 0), coalesce(sum(version), 0) FROM ns_policy_versions")
                .map((row, context) -> row.getLong(1) + "/" + row.getLong(2) + "/" + row.getLong(3))
                .one());
    }

    private NorthstarException notFound(String name) {
        List<String> names = database.call("list policy names", handle -> handle.createQuery(
                "SELECT name FROM ns_policies ORDER BY name").mapTo(String.class).list());
        return new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No policy named '" + name + "'",
                names.isEmpty() ? "No policies are applied yet: run 'northstar policy apply FILE|DIR'"
                        : "Known policies: " + String.join(", ", names));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
