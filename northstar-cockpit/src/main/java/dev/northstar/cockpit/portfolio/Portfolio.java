package dev.northstar.cockpit.portfolio;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.CockpitApply;
import dev.northstar.cockpit.CockpitDocument;
import dev.northstar.cockpit.CockpitException;
import dev.northstar.cockpit.MeasuredCosts;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The use-case portfolio, versioned in the metadata database ({@code ns_usecase_versions},
 * {@code ns_usecase_status_history}, migration V13).
 *
 * <p>Applying checks every document first: each must parse, ids must be unique in the batch, every dependency must be
 * a use case in force or in the batch, and dependencies must not form a cycle. One problem and nothing is stored.
 * Then each use case whose text changed is stored as a new version (the same text again is a no-op), and a change of
 * status is recorded in the status history. Links to data products or models that do not exist yet are warnings.
 */
public final class Portfolio {
    private final MetadataDatabase database;
    private final KnownAssets assets;
    private final BusinessCaseCalculator calculator;
    private final Clock clock;

    public Portfolio(MetadataDatabase database, KnownAssets assets, MeasuredCosts measured) {
        this(database, assets, measured, Clock.systemUTC());
    }

    public Portfolio(MetadataDatabase database, KnownAssets assets, MeasuredCosts measured, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.assets = requireNonNull(assets, "assets is null");
        this.calculator = new BusinessCaseCalculator(requireNonNull(measured, "measured is null"));
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What applying one document did, or would do in a dry run. */
    public enum Change {
        /** The first version of a use case (or the first after its deletion). */
        CREATED,
        /** A new version of a use case in force. */
        UPDATED,
        /** The same text as the version in force: nothing stored. */
        UNCHANGED
    }

    /**
     * What applying one document did.
     *
     * @param id the use case
     * @param version its version in force after the apply (in a dry run: the one it would be)
     * @param change what changed
     * @param source the document's source
     * @param warnings links to products or models that do not exist yet
     */
    public record Applied(String id, long version, Change change, String source, List<YamlProblem> warnings) {
        public Applied {
            requireNonNull(id, "id is null");
            requireNonNull(change, "change is null");
            requireNonNull(source, "source is null");
            warnings = List.copyOf(warnings);
        }

        /** The line {@code northstar apply} prints. */
        public String text(boolean dryRun) {
            String verb = change == Change.UNCHANGED ? "unchanged" : dryRun ? "would store" : "stored";
            return verb + " use case " + id + " version " + version + " (" + source + ")";
        }
    }

    /**
     * One stored version.
     *
     * @param version its number
     * @param status the status it declared
     * @param deleted whether it records a deletion
     * @param sha256 hex SHA-256 of its text
     * @param source where it came from
     * @param appliedBy who applied (or deleted) it
     * @param appliedAt when
     */
    public record Version(long version, UseCase.Status status, boolean deleted, String sha256, String source,
            String appliedBy, Instant appliedAt) {}

    /**
     * A change of pipeline stage.
     *
     * @param version the version that made it
     * @param status the new status
     * @param changedBy who applied that version
     * @param changedAt when
     */
    public record StatusChange(long version, UseCase.Status status, String changedBy, Instant changedAt) {}

    /** The handler of {@code kind: UseCase} for {@link CockpitApply}. */
    public CockpitApply.Handler applyHandler() {
        return new CockpitApply.Handler() {
            @Override
            public List<YamlProblem> check(List<CockpitDocument> documents) {
                return Portfolio.this.check(documents);
            }

            @Override
            public CockpitApply.Outcome apply(List<CockpitDocument> documents, String by, boolean dryRun) {
                List<Applied> applied = Portfolio.this.apply(documents, by, dryRun);
                return new CockpitApply.Outcome(applied.stream().map(one -> one.text(dryRun)).toList(),
                        applied.stream().flatMap(one -> one.warnings().stream()).toList(),
                        applied.stream().anyMatch(one -> one.change() != Change.UNCHANGED));
            }
        };
    }

    // ---- apply --------------------------------------------------------------------------------------------------

    private record Checked(List<UseCase> useCases, List<UseCaseParser.Parsed> parsed, List<String> sources,
            List<YamlProblem> problems) {}

    /** Checks documents without storing anything: every problem of every document, empty when all can be applied. */
    public List<YamlProblem> check(List<CockpitDocument> documents) {
        return checked(documents).problems();
    }

    private Checked checked(List<CockpitDocument> documents) {
        requireNonNull(documents, "documents is null");
        List<YamlProblem> problems = new ArrayList<>();
        List<UseCase> useCases = new ArrayList<>();
        List<UseCaseParser.Parsed> parsedDocuments = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (CockpitDocument document : documents) {
            UseCaseParser.Parsed parsed = UseCaseParser.read(document.yaml(), document.source());
            problems.addAll(parsed.problems());
            if (parsed.useCase().isEmpty()) {
                continue;
            }
            UseCase useCase = parsed.useCase().get();
            String previous = sources.putIfAbsent(useCase.id(), document.source());
            if (previous != null) {
                problems.add(at(document.source(), parsed, "id", "Use case id '" + useCase.id() + "' is also the id"
                        + " in " + previous, "Give each use case its own id; keep one file per use case"));
                continue;
            }
            useCases.add(useCase);
            parsedDocuments.add(parsed);
        }
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (Stored stored : inForce()) {
            graph.put(stored.useCase().id(), stored.useCase().dependencies());
        }
        for (UseCase useCase : useCases) {
            graph.put(useCase.id(), useCase.dependencies());
        }
        for (int index = 0; index < useCases.size(); index++) {
            UseCase useCase = useCases.get(index);
            UseCaseParser.Parsed parsed = parsedDocuments.get(index);
            String source = sources.get(useCase.id());
            for (int i = 0; i < useCase.dependencies().size(); i++) {
                String dependency = useCase.dependencies().get(i);
                if (!graph.containsKey(dependency)) {
                    problems.add(at(source, parsed, "dependencies[" + i + "]", "Dependency '" + dependency
                            + "' is not a use case", graph.isEmpty() ? "Apply that use case first, or remove it"
                            : "Apply it in the same folder, or fix the id; known use cases: "
                                    + String.join(", ", graph.keySet().stream().sorted().toList())));
                }
            }
            Optional<List<String>> cycle = cycle(useCase.id(), graph);
            if (cycle.isPresent()) {
                problems.add(at(source, parsed, "dependencies", "Dependency cycle: " + String.join(" -> ",
                        cycle.get()), "A use case cannot depend, even indirectly, on itself: remove one of these"
                        + " dependencies"));
            }
        }
        return new Checked(useCases, parsedDocuments, useCases.stream().map(useCase -> sources.get(useCase.id()))
                .toList(), problems);
    }

    /** The path from {@code start} back to itself through the dependencies, if there is one. */
    private static Optional<List<String>> cycle(String start, Map<String, List<String>> graph) {
        List<String> path = new ArrayList<>();
        path.add(start);
        return search(start, start, graph, path, new HashSet<>());
    }

    private static Optional<List<String>> search(String start, String node, Map<String, List<String>> graph,
            List<String> path, Set<String> visited) {
        for (String next : graph.getOrDefault(node, List.of())) {
            if (next.equals(start)) {
                List<String> found = new ArrayList<>(path);
                found.add(start);
                return Optional.of(found);
            }
            if (visited.add(next)) {
                path.add(next);
                Optional<List<String>> found = search(start, next, graph, path, visited);
                if (found.isPresent()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return Optional.empty();
    }

    private static YamlProblem at(String source, UseCaseParser.Parsed parsed, String path, String message,
            String hint) {
        int[] position = parsed.positions().getOrDefault(path, parsed.positions().getOrDefault("", new int[] {1, 1}));
        return new YamlProblem(source, position[0], position[1], path, message, hint);
    }

    /**
     * Checks every document, then stores each use case whose text changed.
     *
     * @param by who applies
     * @param dryRun when true, stores nothing and returns what would be stored
     * @throws CockpitException listing every problem of every document (nothing stored)
     */
    public List<Applied> apply(List<CockpitDocument> documents, String by, boolean dryRun) {
        requireNonNull(by, "by is null");
        Checked checked = checked(documents);
        if (!checked.problems().isEmpty()) {
            throw new CockpitException(checked.problems());
        }
        List<Applied> applied = new ArrayList<>();
        for (int index = 0; index < checked.useCases().size(); index++) {
            UseCase useCase = checked.useCases().get(index);
            UseCaseParser.Parsed parsed = checked.parsed().get(index);
            String source = checked.sources().get(index);
            applied.add(store(useCase, source, by, dryRun, warnings(useCase, source, parsed)));
        }
        return applied;
    }

    /** Applies one document (the API's body). */
    public Applied apply(CockpitDocument document, String by, boolean dryRun) {
        return apply(List.of(document), by, dryRun).get(0);
    }

    private List<YamlProblem> warnings(UseCase useCase, String source, UseCaseParser.Parsed parsed) {
        List<YamlProblem> warnings = new ArrayList<>();
        for (int i = 0; i < useCase.links().products().size(); i++) {
            String product = useCase.links().products().get(i);
            if (!assets.product(product)) {
                warnings.add(at(source, parsed, "links.products[" + i + "]", "Data product " + product
                        + " does not exist yet", "Apply its data contract with 'northstar apply', or fix the name"));
            }
        }
        for (int i = 0; i < useCase.links().models().size(); i++) {
            String model = useCase.links().models().get(i);
            if (!assets.model(model)) {
                warnings.add(at(source, parsed, "links.models[" + i + "]", "Model " + model + " is not registered"
                        + " yet", "Train it with 'northstar model train', or fix the name"));
            }
        }
        return warnings;
    }

    private Applied store(UseCase useCase, String source, String by, boolean dryRun, List<YamlProblem> warnings) {
        String sha = sha256(useCase.yaml());
        return database.call("apply use case " + useCase.id(), handle -> handle.inTransaction(transaction -> {
            Optional<Version> latest = latest(transaction, useCase.id());
            if (latest.isPresent() && !latest.get().deleted() && latest.get().sha256().equals(sha)) {
                return new Applied(useCase.id(), latest.get().version(), Change.UNCHANGED, source, warnings);
            }
            long version = latest.map(current -> current.version() + 1).orElse(1L);
            Change change = latest.isPresent() && !latest.get().deleted() ? Change.UPDATED : Change.CREATED;
            if (!dryRun) {
                long now = clock.millis();
                insert(transaction, useCase.id(), version, useCase.yaml(), sha, source, useCase.status(), false, by,
                        now);
                if (latest.isEmpty() || latest.get().deleted() || latest.get().status() != useCase.status()) {
                    transaction.createUpdate("INSERT INTO ns_usecase_status_history (id, version, status, changed_by,"
                                    + " changed_at) VALUES (:id, :version, :status, :by, :at)")
                            .bind("id", useCase.id()).bind("version", version).bind("status", useCase.status().text())
                            .bind("by", by).bind("at", now).execute();
                }
            }
            return new Applied(useCase.id(), version, change, source, warnings);
        }));
    }

    private static void insert(Handle handle, String id, long version, String yaml, String sha, String source,
            UseCase.Status status, boolean deleted, String by, long at) {
        handle.createUpdate("INSERT INTO ns_usecase_versions (id, version, yaml, sha256, source, status, deleted,"
                        + " applied_by, applied_at) VALUES (:id, :version, :yaml, :sha, :source, :status, :deleted,"
                        + " :by, :at)")
                .bind("id", id).bind("version", version).bind("yaml", yaml).bind("sha", sha).bind("source", source)
                .bind("status", status.text()).bind("deleted", deleted ? 1 : 0).bind("by", by).bind("at", at)
                .execute();
    }

    private static Optional<Version> latest(Handle handle, String id) {
        return handle.createQuery("SELECT version, status, deleted, sha256, source, applied_by, applied_at FROM"
                        + " ns_usecase_versions WHERE id = :id ORDER BY version DESC LIMIT 1")
                .bind("id", id)
                .map((row, context) -> version(row))
                .findFirst();
    }

    private static Version version(ResultSet row) throws SQLException {
        return new Version(row.getLong("version"), UseCase.Status.valueOf(row.getString("status")
                .toUpperCase(Locale.ROOT)), row.getInt("deleted") == 1, row.getString("sha256"),
                row.getString("source"), row.getString("applied_by"), Instant.ofEpochMilli(row.getLong("applied_at")));
    }

    // ---- read ---------------------------------------------------------------------------------------------------

    private record Stored(UseCase useCase, long version, String appliedBy, Instant appliedAt) {}

    private List<Stored> inForce() {
        return database.call("list use cases", handle -> handle.createQuery(
                        "SELECT v.id, v.version, v.yaml, v.applied_by, v.applied_at FROM ns_usecase_versions v"
                                + " WHERE v.version = (SELECT max(version) FROM ns_usecase_versions w"
                                + " WHERE w.id = v.id) AND v.deleted = 0 ORDER BY v.id")
                .map((row, context) -> new Stored(UseCaseParser.parse(row.getString("yaml"), row.getString("id")),
                        row.getLong("version"), row.getString("applied_by"),
                        Instant.ofEpochMilli(row.getLong("applied_at"))))
                .list());
    }

    /** The use cases in force as declared, by id (no business case computed: cheap, for links and dates). */
    public List<UseCase> declared() {
        return inForce().stream().map(Stored::useCase).sorted(java.util.Comparator.comparing(UseCase::id)).toList();
    }

    /** The use cases in force, scored and costed, in rank order. */
    public List<Assessment> list() {
        List<Assessment> unranked = new ArrayList<>();
        for (Stored stored : inForce()) {
            unranked.add(new Assessment(stored.useCase(), stored.version(), stored.appliedBy(), stored.appliedAt(),
                    0, calculator.compute(stored.useCase())));
        }
        Comparator<Assessment> order = Comparator.comparing((Assessment one) -> one.useCase().priority())
                .reversed()
                .thenComparing(one -> one.baseRoi().orElse(null), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(one -> one.useCase().id());
        List<Assessment> sorted = unranked.stream().sorted(order).toList();
        List<Assessment> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(sorted.get(i).ranked(i + 1));
        }
        return List.copyOf(ranked);
    }

    /**
     * One use case in force.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} naming the use cases in force
     */
    public Assessment get(String id) {
        requireNonNull(id, "id is null");
        List<Assessment> all = list();
        return all.stream().filter(one -> one.useCase().id().equals(id)).findFirst()
                .orElseThrow(() -> notFound(id, all));
    }

    private static NorthstarException notFound(String id, List<Assessment> all) {
        return new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No use case " + id,
                all.isEmpty() ? "Apply one with: northstar apply DIR (kind: UseCase)"
                        : "Use cases in force: " + String.join(", ", all.stream().map(one -> one.useCase().id())
                                .sorted().toList()));
    }

    /** Every version of a use case (deleted ones included), oldest first; empty when it never existed. */
    public List<Version> history(String id) {
        requireNonNull(id, "id is null");
        return database.call("use case history " + id, handle -> handle.createQuery(
                        "SELECT version, status, deleted, sha256, source, applied_by, applied_at FROM"
                                + " ns_usecase_versions WHERE id = :id ORDER BY version")
                .bind("id", id)
                .map((row, context) -> version(row))
                .list());
    }

    /** The changes of pipeline stage of a use case, oldest first. */
    public List<StatusChange> statusHistory(String id) {
        requireNonNull(id, "id is null");
        return database.call("use case status history " + id, handle -> handle.createQuery(
                        "SELECT version, status, changed_by, changed_at FROM ns_usecase_status_history"
                                + " WHERE id = :id ORDER BY version")
                .bind("id", id)
                .map((row, context) -> new StatusChange(row.getLong("version"), UseCase.Status.valueOf(
                        row.getString("status").toUpperCase(Locale.ROOT)), row.getString("changed_by"),
                        Instant.ofEpochMilli(row.getLong("changed_at"))))
                .list());
    }

    /**
     * Deletes a use case: stores a version marking it deleted, so its history stays.
     *
     * @return the deletion's version
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} when it is not in force, {@code INVALID_ARGUMENT} when
     *     another use case in force depends on it
     */
    public Version delete(String id, String by) {
        requireNonNull(id, "id is null");
        requireNonNull(by, "by is null");
        List<Stored> stored = inForce();
        Stored target = stored.stream().filter(one -> one.useCase().id().equals(id)).findFirst()
                .orElseThrow(() -> notFound(id, list()));
        List<String> dependents = stored.stream().filter(one -> one.useCase().dependencies().contains(id))
                .map(one -> one.useCase().id()).toList();
        if (!dependents.isEmpty()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Use case " + id + " is a dependency of "
                    + String.join(", ", dependents), "Remove it from their dependencies first");
        }
        long version = target.version() + 1;
        long now = clock.millis();
        UseCase useCase = target.useCase();
        database.call("delete use case " + id, handle -> handle.inTransaction(transaction -> {
            insert(transaction, id, version, useCase.yaml(), sha256(useCase.yaml()), "deleted", useCase.status(),
                    true, by, now);
            return version;
        }));
        return new Version(version, useCase.status(), true, sha256(useCase.yaml()), "deleted", by,
                Instant.ofEpochMilli(now));
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
