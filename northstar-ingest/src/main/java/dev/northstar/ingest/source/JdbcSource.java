package dev.northstar.ingest.source;

import static dev.northstar.ingest.source.SourceFiles.identifier;
import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Rows of a query on any JDBC database, streamed (fetch size {@value #FETCH_SIZE}) into DuckDB in batches, every
 * value as text. A full snapshot reads the whole query; an incremental read ({@code cursorColumn}) reads only rows
 * whose cursor is greater than the last value a successful run of the product read ({@code after}), in cursor
 * order, and reports the new high-water mark.
 *
 * <p>The fingerprint is the SHA-256 of the URL (without credentials), the query, the cursor column and the lower
 * bound: re-running the same snapshot is a no-op unless forced, and each incremental run has its own range.
 *
 * @param url JDBC URL
 * @param user user, if any
 * @param password password, if any (never logged nor fingerprinted)
 * @param query a SELECT
 * @param cursorColumn column of the query that grows with new rows, for incremental reads
 * @param after read only rows whose cursor is greater than this value (text), empty for all
 */
public record JdbcSource(String url, Optional<String> user, Optional<String> password, String query,
        Optional<String> cursorColumn, Optional<String> after) implements Source {
    private static final int FETCH_SIZE = 10_000;
    private static final int BATCH = 5_000;

    public JdbcSource {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(query, "query is null");
        requireNonNull(cursorColumn, "cursorColumn is null");
        requireNonNull(after, "after is null");
        NorthstarException.checkArgument(url.startsWith("jdbc:"), "'%s' is not a JDBC URL", maskedUrl(url));
        NorthstarException.checkArgument(!query.isBlank(), "The JDBC query is empty");
    }

    /** A full snapshot of a query. */
    public static JdbcSource snapshot(String url, Optional<String> user, Optional<String> password, String query) {
        return new JdbcSource(url, user, password, query, Optional.empty(), Optional.empty());
    }

    /** A table, {@code SELECT * FROM table}. */
    public static String tableQuery(String table) {
        NorthstarException.checkArgument(table.matches("[A-Za-z_][A-Za-z0-9_.]*"),
                "Table name '%s' is invalid: use letters, digits, underscores and dots", table);
        return "SELECT * FROM " + table;
    }

    public JdbcSource withCursor(String column) {
        return new JdbcSource(url, user, password, query, Optional.of(column), after);
    }

    /** The same source reading rows after this cursor value. */
    public JdbcSource withAfter(Optional<String> value) {
        return new JdbcSource(url, user, password, query, cursorColumn, value);
    }

    @Override
    public String description() {
        return maskedUrl(url) + " " + query;
    }

    @Override
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(maskedUrl(url), query, cursorColumn.orElse(""), after.orElse(""))) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "jdbc-sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String uri() {
        String masked = maskedUrl(url).substring("jdbc:".length());
        try {
            URI parsed = URI.create(masked);
            return parsed.getScheme() + "://" + Optional.ofNullable(parsed.getAuthority()).orElse("")
                    + Optional.ofNullable(parsed.getPath()).orElse("");
        } catch (IllegalArgumentException e) {
            return masked;
        }
    }

    @Override
    public long sizeBytes() {
        return -1;
    }

    @Override
    public SourceBatch read(Connection duck, ReadProgress progress) {
        Properties properties = new Properties();
        user.ifPresent(value -> properties.setProperty("user", value));
        password.ifPresent(value -> properties.setProperty("password", value));
        try (Connection source = DriverManager.getConnection(url, properties)) {
            // PostgreSQL streams with a cursor only outside auto-commit; other drivers ignore it.
            source.setAutoCommit(false);
            source.setReadOnly(true);
            String sql = query;
            int cursorType = Types.VARCHAR;
            if (cursorColumn.isPresent()) {
                cursorType = columnType(source, cursorColumn.get());
                sql = "SELECT * FROM (" + query + ") ns_source"
                        + (after.isPresent() ? " WHERE " + cursorColumn.get() + " > ?" : "")
                        + " ORDER BY " + cursorColumn.get();
            }
            try (PreparedStatement statement = source.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(FETCH_SIZE);
                if (after.isPresent()) {
                    bind(statement, cursorType, after.get());
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return copy(rows, duck, progress);
                }
            } finally {
                source.rollback();
            }
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.UNAVAILABLE, "Cannot read '" + query + "' from "
                    + maskedUrl(url) + ": " + e.getMessage(),
                    "Check the JDBC URL, the credentials, the query and that the driver is on the classpath", e);
        }
    }

    private int columnType(Connection source, String column) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement("SELECT * FROM (" + query + ") ns_source WHERE 1 = 0");
                ResultSet rows = statement.executeQuery()) {
            ResultSetMetaData metadata = rows.getMetaData();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                if (metadata.getColumnLabel(i).equalsIgnoreCase(column)) {
                    return metadata.getColumnType(i);
                }
            }
        }
        throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cursor column '" + column + "' is not a column of '"
                + query + "'", "Name a column the query returns, e.g. an id or updated_at");
    }

    private static void bind(PreparedStatement statement, int type, String value) throws SQLException {
        switch (type) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.BIGINT -> statement.setLong(1, Long.parseLong(value));
            case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.FLOAT, Types.REAL ->
                    statement.setBigDecimal(1, new BigDecimal(value));
            case Types.DATE -> statement.setObject(1, LocalDate.parse(value));
            case Types.TIMESTAMP -> statement.setTimestamp(1, Timestamp.valueOf(LocalDateTime.parse(
                    value.replace(' ', 'T'))));
            default -> statement.setString(1, value);
        }
    }

    private SourceBatch copy(ResultSet rows, Connection duck, ReadProgress progress) throws SQLException {
        ResultSetMetaData metadata = rows.getMetaData();
        int count = metadata.getColumnCount();
        List<String> columns = new ArrayList<>();
        int cursorIndex = -1;
        for (int i = 1; i <= count; i++) {
            columns.add(metadata.getColumnLabel(i));
            if (cursorColumn.isPresent() && metadata.getColumnLabel(i).equalsIgnoreCase(cursorColumn.get())) {
                cursorIndex = i;
            }
        }
        SourceFiles.execute(duck, "CREATE OR REPLACE TEMP TABLE " + RAW_TABLE + " (_record BIGINT, _line BIGINT"
                + columns.stream().map(column -> ", " + identifier(column) + " VARCHAR").collect(Collectors.joining())
                + ")", "prepare the rows of " + description());
        SourceFiles.createEmptyMalformed(duck);
        String placeholders = "?, ?" + ", ?".repeat(count);
        long record = 0;
        String highWaterMark = null;
        try (PreparedStatement insert = duck.prepareStatement("INSERT INTO " + RAW_TABLE + " VALUES (" + placeholders
                + ")")) {
            while (rows.next()) {
                record++;
                insert.setLong(1, record);
                insert.setNull(2, Types.BIGINT);
                for (int i = 1; i <= count; i++) {
                    insert.setString(i + 2, text(rows, i, metadata.getColumnType(i)));
                }
                if (cursorIndex > 0) {
                    highWaterMark = text(rows, cursorIndex, metadata.getColumnType(cursorIndex));
                }
                insert.addBatch();
                if (record % BATCH == 0) {
                    insert.executeBatch();
                    progress.read(record, -1);
                }
            }
            insert.executeBatch();
        }
        progress.read(record, 1.0);
        return new SourceBatch(columns, record, 0,
                highWaterMark == null ? after : Optional.of(highWaterMark));
    }

    /** A value as text; timestamps in ISO form (DuckDB casts them back). */
    private static String text(ResultSet rows, int index, int type) throws SQLException {
        if (type == Types.TIMESTAMP) {
            Timestamp value = rows.getTimestamp(index);
            return value == null ? null
                    : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value.toLocalDateTime()).replace('T', ' ');
        }
        return rows.getString(index);
    }

    static String maskedUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/:@]+):([^@/]+)@", "//$1:***@");
    }
}
