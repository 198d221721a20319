package dev.northstar.govern.classify;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.spi.schema.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The classes stewards accepted, for readers outside this package (the catalog shows them beside the contract's
 * classification and facets on them) without their own SQL over the suggestions table.
 */
public final class AcceptedClasses {
    private AcceptedClasses() {}

    /** Accepted class ids of each column of {@code table}, by lower-case column name, sorted. */
    public static Map<String, List<String>> byColumn(MetadataDatabase database, TableId table) {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        Map<String, List<String>> classes = new TreeMap<>();
        database.call("read the accepted classifications of " + table, handle -> {
            handle.createQuery("SELECT column_name, class_id FROM ns_classification_suggestions"
                            + " WHERE table_name = :table AND status = :status ORDER BY column_name, class_id")
                    .bind("table", table.toString())
                    .bind("status", Suggestion.Status.ACCEPTED.name())
                    .map((row, context) -> new String[] {row.getString(1), row.getString(2)})
                    .list()
                    .forEach(pair -> classes.computeIfAbsent(pair[0].toLowerCase(Locale.ROOT),
                            key -> new ArrayList<>()).add(pair[1]));
            return null;
        });
        classes.replaceAll((column, ids) -> List.copyOf(ids));
        return classes;
    }

    /** A digest of the review state (accepted suggestions and their latest review), for change detection. */
    public static String state(MetadataDatabase database) {
        requireNonNull(database, "database is null");
        return database.call("read the classification review state", handle -> handle.createQuery(
                        "SELECT count(*), max(reviewed_at) FROM ns_classification_suggestions WHERE status = :status")
                .bind("status", Suggestion.Status.ACCEPTED.name())
                .map((row, context) -> row.getLong(1) + "/" + row.getLong(2))
                .one());
    }
}
