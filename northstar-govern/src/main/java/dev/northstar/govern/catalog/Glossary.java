package dev.northstar.govern.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.TableInfo;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.CloseMatches;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * The business glossary ({@code ns_glossary_terms} and {@code ns_glossary_links}, migration V5): terms with their
 * definition, synonyms, owner and status, linked to table columns. Every change moves the catalog revision, so search
 * sees it at once. Thread-safe.
 */
public final class Glossary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NAME_LENGTH = 100;

    private final MetadataDatabase database;
    private final Lakehouse lake;
    private final Clock clock;

    public Glossary(MetadataDatabase database, Lakehouse lake) {
        this(database, lake, Clock.systemUTC());
    }

    /** With the clock that stamps changes (tests). */
    public Glossary(MetadataDatabase database, Lakehouse lake, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.lake = requireNonNull(lake, "lake is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Defines a new term.
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} for an empty name or definition, {@code ALREADY_EXISTS}
     *     when a term of that name (ignoring case) exists
     */
    public GlossaryTerm define(GlossaryTerm.Definition definition) {
        validate(definition);
        long now = clock.millis();
        return database.call("define glossary term " + definition.name(), handle -> handle.inTransaction(tx -> {
            Optional<String> existing = storedName(tx, definition.name());
            if (existing.isPresent()) {
                throw new NorthstarException(ErrorCode.ALREADY_EXISTS, "Glossary term '" + existing.get()
                        + "' already exists", "Change it with 'northstar catalog glossary add --update' or PUT "
                        + "/api/v1/catalog/glossary/{term}");
            }
            tx.createUpdate("INSERT INTO ns_glossary_terms (name, lower_name, definition, synonyms, owner, status,"
                            + " created_at, updated_at) VALUES (:name, :lower, :definition, :synonyms, :owner,"
                            + " :status, :now, :now)")
                    .bind("name", definition.name().strip())
                    .bind("lower", lower(definition.name()))
                    .bind("definition", definition.definition().strip())
                    .bind("synonyms", json(definition.synonyms()))
                    .bind("owner", definition.owner().strip())
                    .bind("status", definition.status().name())
                    .bind("now", now)
                    .execute();
            CatalogRevision.bump(tx);
            return find(tx, definition.name()).orElseThrow();
        }));
    }

    /**
     * Changes a term's definition, synonyms, owner and status (its name stays).
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown term (with close matches)
     */
    public GlossaryTerm update(String name, GlossaryTerm.Definition definition) {
        requireNonNull(name, "name is null");
        validate(definition);
        long now = clock.millis();
        return database.call("update glossary term " + name, handle -> handle.inTransaction(tx -> {
            String stored = existing(tx, name);
            tx.createUpdate("UPDATE ns_glossary_terms SET definition = :definition, synonyms = :synonyms,"
                            + " owner = :owner, status = :status, updated_at = :now WHERE name = :name")
                    .bind("definition", definition.definition().strip())
                    .bind("synonyms", json(definition.synonyms()))
                    .bind("owner", definition.owner().strip())
                    .bind("status", definition.status().name())
                    .bind("now", now)
                    .bind("name", stored)
                    .execute();
            CatalogRevision.bump(tx);
            return find(tx, stored).orElseThrow();
        }));
    }

    /**
     * Deletes a term and its links.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown term
     */
    public void delete(String name) {
        requireNonNull(name, "name is null");
        database.call("delete glossary term " + name, handle -> handle.inTransaction(tx -> {
            String stored = existing(tx, name);
            tx.createUpdate("DELETE FROM ns_glossary_links WHERE term = :name").bind("name", stored).execute();
            tx.createUpdate("DELETE FROM ns_glossary_terms WHERE name = :name").bind("name", stored).execute();
            CatalogRevision.bump(tx);
            return null;
        }));
    }

    /** Every term with its links, by name (ignoring case). */
    public List<GlossaryTerm> terms() {
        return database.call("list glossary terms", handle -> {
            Map<String, List<GlossaryTerm.ColumnLink>> links = allLinks(handle);
            return handle.createQuery("SELECT * FROM ns_glossary_terms ORDER BY lower_name")
                    .map((row, context) -> term(row, links.getOrDefault(row.getString("name"), List.of())))
                    .list();
        });
    }

    /**
     * One term with its links.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown term (with close matches)
     */
    public GlossaryTerm term(String name) {
        requireNonNull(name, "name is null");
        return database.call("read glossary term " + name, handle -> find(handle, existing(handle, name))
                .orElseThrow());
    }

    /**
     * Links a term to a column; linking again changes nothing.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown term or column, {@code TABLE_NOT_FOUND}
     *     for an unknown table (each with close matches)
     */
    public GlossaryTerm link(String name, TableId table, String column, String by) {
        requireNonNull(name, "name is null");
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
        requireNonNull(by, "by is null");
        NorthstarException.checkArgument(!by.isBlank(), "Who links term %s must be named", name);
        database.call("find glossary term " + name, handle -> existing(handle, name));
        String columnName = existingColumn(table, column);
        long now = clock.millis();
        return database.call("link glossary term " + name + " to " + table + "." + column, handle -> handle
                .inTransaction(tx -> {
                    String stored = existing(tx, name);
                    int inserted = tx.createUpdate("INSERT INTO ns_glossary_links (term, table_name, column_name,"
                                    + " linked_by, linked_at) VALUES (:term, :table, :column, :by, :now)"
                                    + " ON CONFLICT (term, table_name, column_name) DO NOTHING")
                            .bind("term", stored)
                            .bind("table", table.toString())
                            .bind("column", columnName)
                            .bind("by", by)
                            .bind("now", now)
                            .execute();
                    if (inserted > 0) {
                        CatalogRevision.bump(tx);
                    }
                    return find(tx, stored).orElseThrow();
                }));
    }

    /**
     * Removes the link of a term to a column.
     *
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} for an unknown term or when the term is not linked to
     *     that column (the message lists its links)
     */
    public GlossaryTerm unlink(String name, TableId table, String column) {
        requireNonNull(name, "name is null");
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
        return database.call("unlink glossary term " + name + " from " + table + "." + column, handle -> handle
                .inTransaction(tx -> {
                    String stored = existing(tx, name);
                    int deleted = tx.createUpdate("DELETE FROM ns_glossary_links WHERE term = :term AND"
                                    + " table_name = :table AND lower(column_name) = :column")
                            .bind("term", stored)
                            .bind("table", table.toString())
                            .bind("column", column.toLowerCase(Locale.ROOT))
                            .execute();
                    GlossaryTerm term = find(tx, stored).orElseThrow();
                    if (deleted == 0) {
                        List<String> linked = term.links().stream().map(link -> link.table() + "." + link.column())
                                .toList();
                        throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "Glossary term '" + stored
                                + "' is not linked to " + table + "." + column, linked.isEmpty()
                                ? "It is linked to no column" : "It is linked to " + String.join(", ", linked));
                    }
                    CatalogRevision.bump(tx);
                    return term;
                }));
    }

    /** The terms linked to each column of a table, by column name (sorted), terms sorted. */
    public Map<String, List<String>> termsByColumn(TableId table) {
        requireNonNull(table, "table is null");
        return database.call("read glossary terms of " + table, handle -> {
            Map<String, List<String>> terms = new TreeMap<>();
            handle.createQuery("SELECT column_name, term FROM ns_glossary_links WHERE table_name = :table"
                            + " ORDER BY column_name, term")
                    .bind("table", table.toString())
                    .map((row, context) -> Map.entry(row.getString("column_name"), row.getString("term")))
                    .list()
                    .forEach(entry -> terms.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
                            .add(entry.getValue()));
            Map<String, List<String>> copy = new LinkedHashMap<>();
            terms.forEach((column, names) -> copy.put(column, List.copyOf(names)));
            return copy;
        });
    }

    private String existingColumn(TableId table, String column) {
        TableInfo info = lake.describe(table);
        List<String> names = info.columns().stream().map(TableInfo.ColumnInfo::name).toList();
        return names.stream().filter(name -> name.equalsIgnoreCase(column)).findFirst()
                .orElseThrow(() -> {
                    List<String> close = CloseMatches.of(column, names);
                    return new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "Table " + table
                            + " has no column '" + column + "'", close.isEmpty()
                            ? "Its columns are: " + String.join(", ", names)
                            : "Did you mean " + String.join(" or ", close) + "?");
                });
    }

    private static void validate(GlossaryTerm.Definition definition) {
        requireNonNull(definition, "definition is null");
        String name = definition.name().strip();
        NorthstarException.checkArgument(!name.isEmpty(), "A glossary term needs a name");
        NorthstarException.checkArgument(name.length() <= MAX_NAME_LENGTH,
                "Glossary term name '%s...' is longer than %s characters", name.substring(0, Math.min(20, name.length())), MAX_NAME_LENGTH);
        NorthstarException.checkArgument(!name.contains("/"), "Glossary term name '%s' cannot contain '/'", name);
        NorthstarException.checkArgument(!definition.definition().isBlank(),
                "Glossary term '%s' needs a definition", name);
        NorthstarException.checkArgument(!definition.owner().isBlank(), "Glossary term '%s' needs an owner", name);
    }

    private static String existing(Handle handle, String name) {
        return storedName(handle, name).orElseThrow(() -> {
            List<String> all = handle.createQuery("SELECT name FROM ns_glossary_terms ORDER BY lower_name")
                    .mapTo(String.class).list();
            List<String> close = CloseMatches.of(name, all);
            return new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "No glossary term '" + name + "'",
                    !close.isEmpty() ? "Did you mean " + String.join(" or ", close) + "?"
                            : all.isEmpty() ? "Define one with 'northstar catalog glossary add NAME --definition ...'"
                            : "List the terms with 'northstar catalog glossary list'");
        });
    }

    private static Optional<String> storedName(Handle handle, String name) {
        return handle.createQuery("SELECT name FROM ns_glossary_terms WHERE lower_name = :lower")
                .bind("lower", lower(name))
                .mapTo(String.class)
                .findOne();
    }

    private static Optional<GlossaryTerm> find(Handle handle, String name) {
        List<GlossaryTerm.ColumnLink> links = handle.createQuery("SELECT * FROM ns_glossary_links WHERE term = :name"
                        + " ORDER BY table_name, column_name")
                .bind("name", name)
                .map((row, context) -> link(row))
                .list();
        return handle.createQuery("SELECT * FROM ns_glossary_terms WHERE lower_name = :lower")
                .bind("lower", lower(name))
                .map((row, context) -> term(row, links))
                .findOne();
    }

    private static Map<String, List<GlossaryTerm.ColumnLink>> allLinks(Handle handle) {
        Map<String, List<GlossaryTerm.ColumnLink>> links = new LinkedHashMap<>();
        handle.createQuery("SELECT * FROM ns_glossary_links ORDER BY table_name, column_name")
                .map((row, context) -> Map.entry(row.getString("term"), link(row)))
                .list()
                .forEach(entry -> links.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
                        .add(entry.getValue()));
        return links;
    }

    private static GlossaryTerm.ColumnLink link(ResultSet row) throws SQLException {
        return new GlossaryTerm.ColumnLink(row.getString("table_name"), row.getString("column_name"),
                row.getString("linked_by"), Instant.ofEpochMilli(row.getLong("linked_at")));
    }

    private static GlossaryTerm term(ResultSet row, List<GlossaryTerm.ColumnLink> links) throws SQLException {
        return new GlossaryTerm(row.getString("name"), row.getString("definition"),
                synonyms(row.getString("synonyms")), row.getString("owner"),
                GlossaryTerm.Status.valueOf(row.getString("status")), links,
                Instant.ofEpochMilli(row.getLong("created_at")), Instant.ofEpochMilli(row.getLong("updated_at")));
    }

    private static String lower(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static String json(List<String> synonyms) {
        try {
            return JSON.writeValueAsString(synonyms.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> synonyms(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Stored synonyms are not a JSON array: " + json);
        }
    }
}
