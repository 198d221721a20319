package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.schema.TableId;

/**
 * The rows a training set is built for: each row names entities (columns named as the views' entity columns) and a
 * time, and carries labels or any other columns, which the training set keeps.
 *
 * @param sql a query (tables named {@code domain.table}) producing the spine rows
 * @param timestamp the column holding each row's time: features are computed as of it, strictly before it
 */
public record Spine(String sql, String timestamp) {
    public Spine {
        requireNonNull(sql, "sql is null");
        requireNonNull(timestamp, "timestamp is null");
    }

    /** Every row of a lake table. */
    public static Spine table(TableId table, String timestamp) {
        return new Spine("SELECT * FROM " + table, timestamp);
    }

    /** The rows of a query. */
    public static Spine sql(String sql, String timestamp) {
        return new Spine(sql, timestamp);
    }
}
