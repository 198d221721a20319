package dev.northstar.govern.catalog;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Tags stewards add to tables ({@code ns_catalog_tags}, migration V5), shown and searched beside the tags of the
 * table's contract. Tags are lower-case words: letters, digits, {@code - _ : .}. Thread-safe.
 */
public final class StewardTags {
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_:.-]{0,62}");

    private final MetadataDatabase database;
    private final Lakehouse lake;
    private final Clock clock;

    public StewardTags(MetadataDatabase database, Lakehouse lake) {
        this(database, lake, Clock.systemUTC());
    }

    /** With the clock that stamps changes (tests). */
    public StewardTags(MetadataDatabase database, Lakehouse lake, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.lake = requireNonNull(lake, "lake is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Adds a tag to a table; adding it again changes nothing.
     *
     * @return the table's steward tags after the change
     * @throws NorthstarException {@code INVALID_ARGUMENT} for a malformed tag, {@code TABLE_NOT_FOUND} for an unknown
     *     table (with close matches)
     */
    public List<String> add(TableId table, String tag, String by) {
        requireNonNull(table, "table is null");
        requireNonNull(by, "by is null");
        String normalized = normalize(tag);
        NorthstarException.checkArgument(!by.isBlank(), "Who tags %s must be named", table);
        lake.describe(table);
        long now = clock.millis();
        return database.call("tag " + table + " with " + normalized, handle -> handle.inTransaction(tx -> {
            int inserted = tx.createUpdate("INSERT INTO ns_catalog_tags (table_name, tag, added_by, added_at)"
                            + " VALUES (:table, :tag, :by, :now) ON CONFLICT (table_name, tag) DO NOTHING")
                    .bind("table", table.toString())
                    .bind("tag", normalized)
                    .bind("by", by)
                    .bind("now", now)
                    .execute();
            if (inserted > 0) {
                CatalogRevision.bump(tx);
            }
            return tags(tx, table);
        }));
    }

    /**
     * Removes a steward tag from a table (a contract's tags are changed in the contract).
     *
     * @return the table's steward tags after the change
     * @throws NorthstarException {@code RESOURCE_NOT_FOUND} when the table does not carry the tag
     */
    public List<String> remove(TableId table, String tag) {
        requireNonNull(table, "table is null");
        String normalized = normalize(tag);
        return database.call("untag " + table + " of " + normalized, handle -> handle.inTransaction(tx -> {
            int deleted = tx.createUpdate("DELETE FROM ns_catalog_tags WHERE table_name = :table AND tag = :tag")
                    .bind("table", table.toString())
                    .bind("tag", normalized)
                    .execute();
            List<String> remaining = tags(tx, table);
            if (deleted == 0) {
                throw new NorthstarException(ErrorCode.RESOURCE_NOT_FOUND, "Table " + table
                        + " has no steward tag '" + normalized + "'", remaining.isEmpty()
                        ? "It has no steward tags; tags of its contract are changed in the contract"
                        : "Its steward tags are: " + String.join(", ", remaining));
            }
            CatalogRevision.bump(tx);
            return remaining;
        }));
    }

    /** The steward tags of a table, sorted. */
    public List<String> tags(TableId table) {
        requireNonNull(table, "table is null");
        return database.call("read tags of " + table, handle -> tags(handle, table));
    }

    /** The steward tags of every tagged table, by {@code domain.table}. */
    public Map<String, List<String>> all() {
        return database.call("read steward tags", handle -> {
            Map<String, List<String>> tags = new TreeMap<>();
            handle.createQuery("SELECT table_name, tag FROM ns_catalog_tags ORDER BY table_name, tag")
                    .map((row, context) -> Map.entry(row.getString("table_name"), row.getString("tag")))
                    .list()
                    .forEach(entry -> tags.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
                            .add(entry.getValue()));
            tags.replaceAll((table, list) -> List.copyOf(list));
            return tags;
        });
    }

    private static List<String> tags(org.jdbi.v3.core.Handle handle, TableId table) {
        return handle.createQuery("SELECT tag FROM ns_catalog_tags WHERE table_name = :table ORDER BY tag")
                .bind("table", table.toString())
                .mapTo(String.class)
                .list();
    }

    private static String normalize(String tag) {
        requireNonNull(tag, "tag is null");
        String normalized = tag.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(normalized).matches()) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Tag '" + tag + "' is not a valid tag",
                    "A tag is 1 to 63 lower-case letters, digits or - _ : . starting with a letter or digit,"
                            + " e.g. finance or pii:reviewed");
        }
        return normalized;
    }
}
