package dev.northstar.cockpit.kpi;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.store.MetadataDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The cockpit's applied definitions ({@code ns_cockpit_definitions}, migration V14): one row per kind and name, the
 * YAML as applied. Applying the same text again changes nothing.
 */
public final class DefinitionStore {
    private final MetadataDatabase database;
    private final Clock clock;

    public DefinitionStore(MetadataDatabase database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * A stored definition.
     *
     * @param kind {@code PriceModel}, {@code Budget} or {@code BusinessKpi}
     * @param name its id
     * @param yaml the document as applied
     * @param appliedBy who applied it
     * @param appliedAt when
     */
    public record Stored(String kind, String name, String yaml, String appliedBy, Instant appliedAt) {
        public Stored {
            requireNonNull(kind, "kind is null");
            requireNonNull(name, "name is null");
            requireNonNull(yaml, "yaml is null");
            requireNonNull(appliedBy, "appliedBy is null");
            requireNonNull(appliedAt, "appliedAt is null");
        }
    }

    /**
     * Stores a definition (unless {@code dryRun}) and says what changed in one line, e.g.
     * {@code BusinessKpi conversion-rate: created}.
     */
    public String apply(String kind, String name, String yaml, String by, boolean dryRun) {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(yaml, "yaml is null");
        requireNonNull(by, "by is null");
        String sha = sha256(yaml);
        Optional<String> current = database.call("read " + kind + " " + name, handle -> handle.createQuery(
                        "SELECT sha256 FROM ns_cockpit_definitions WHERE kind = :kind AND name = :name")
                .bind("kind", kind).bind("name", name).mapTo(String.class).findOne());
        String outcome = current.isEmpty() ? "created" : current.get().equals(sha) ? "unchanged" : "updated";
        if (!dryRun && !outcome.equals("unchanged")) {
            database.call("store " + kind + " " + name, handle -> handle.inTransaction(transaction -> {
                transaction.createUpdate("DELETE FROM ns_cockpit_definitions WHERE kind = :kind AND name = :name")
                        .bind("kind", kind).bind("name", name).execute();
                return transaction.createUpdate("INSERT INTO ns_cockpit_definitions (kind, name, yaml, sha256,"
                                + " applied_by, applied_at) VALUES (:kind, :name, :yaml, :sha, :by, :at)")
                        .bind("kind", kind).bind("name", name).bind("yaml", yaml).bind("sha", sha).bind("by", by)
                        .bind("at", clock.millis()).execute();
            }));
        }
        return kind + " " + name + ": " + outcome + (dryRun ? " (dry run)" : "");
    }

    /** The stored definitions of a kind, by name. */
    public List<Stored> list(String kind) {
        requireNonNull(kind, "kind is null");
        return database.call("list " + kind + " definitions", handle -> handle.createQuery(
                        "SELECT kind, name, yaml, applied_by, applied_at FROM ns_cockpit_definitions"
                                + " WHERE kind = :kind ORDER BY name")
                .bind("kind", kind)
                .map((row, context) -> new Stored(row.getString("kind"), row.getString("name"),
                        row.getString("yaml"), row.getString("applied_by"),
                        Instant.ofEpochMilli(row.getLong("applied_at"))))
                .list());
    }

    /** One stored definition. */
    public Optional<Stored> find(String kind, String name) {
        return list(kind).stream().filter(stored -> stored.name().equals(name)).findFirst();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}
