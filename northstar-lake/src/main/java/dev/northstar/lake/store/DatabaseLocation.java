package dev.northstar.lake.store;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.config.Settings;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the metadata database is and how to log in. It holds a password, so {@link #toString()} and every message
 * built from it show the URL with passwords masked.
 */
record DatabaseLocation(String jdbcUrl, Optional<String> user, Optional<String> password) {
    static final String SQLITE_PREFIX = "jdbc:sqlite:";
    static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    // PostgreSQL accepts password=... among the URL parameters; other drivers put credentials in user:pass@host.
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    DatabaseLocation {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    static DatabaseLocation of(LakeConfig config) {
        return new DatabaseLocation(config.catalogJdbcUrl(), config.catalogUser(), config.catalogPassword());
    }

    boolean isSqlite() {
        return jdbcUrl.startsWith(SQLITE_PREFIX);
    }

    boolean isPostgresql() {
        return jdbcUrl.startsWith(POSTGRESQL_PREFIX);
    }

    /** The URL with any password replaced by {@code ***}, fit for messages and logs. */
    String maskedUrl() {
        return mask(jdbcUrl);
    }

    static String mask(String jdbcUrl) {
        String masked = PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("$1***@");
    }

    /**
     * A driver's or Flyway's message with passwords masked: some repeat the connection URL, and the configured
     * password may appear in it verbatim.
     */
    String redact(String message) {
        if (message == null) {
            return "";
        }
        String redacted = mask(message);
        if (password.isPresent() && !password.get().isEmpty()) {
            redacted = redacted.replace(password.get(), "***");
        }
        return redacted;
    }

    /**
     * The SQLite database file, or empty for names SQLite resolves itself ({@code :resource:...}).
     *
     * @throws NorthstarException with {@code INVALID_CONFIGURATION} for an in-memory database, which every
     *     connection would see as its own empty copy
     */
    Optional<Path> sqliteFile() {
        if (!isSqlite()) {
            return Optional.empty();
        }
        String name = jdbcUrl.substring(SQLITE_PREFIX.length());
        int query = name.indexOf('?');
        String parameters = query < 0 ? "" : name.substring(query + 1);
        if (query >= 0) {
            name = name.substring(0, query);
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
            if (name.startsWith("///")) {
                name = name.substring(2);
            }
        }
        if (name.isEmpty() || name.equals(":memory:") || parameters.contains("mode=memory")) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                    "catalog.jdbc-url '" + maskedUrl() + "' names an in-memory SQLite database, which each"
                            + " connection of the metadata store would see as a separate empty database",
                    "Set catalog.jdbc-url (or " + Settings.environmentVariable("catalog.jdbc-url")
                            + ") to jdbc:sqlite:<file>");
        }
        if (name.startsWith(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(name).toAbsolutePath());
        } catch (InvalidPathException e) {
            throw new NorthstarException(ErrorCode.INVALID_CONFIGURATION,
                    "catalog.jdbc-url '" + maskedUrl() + "' does not name a valid file: " + e.getMessage(),
                    "Set catalog.jdbc-url to jdbc:sqlite:<file>", e);
        }
    }

    /** Creates the directories of the SQLite file: SQLite creates the file, but not its parent directories. */
    void createSqliteDirectories() {
        Optional<Path> parent = sqliteFile().map(Path::getParent);
        if (parent.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(parent.get());
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.UNAVAILABLE,
                    "Cannot create the directory " + parent.get() + " of the metadata database " + maskedUrl()
                            + ": " + e,
                    "Make sure " + parent.get() + " can be created and written by this user, or point"
                            + " catalog.jdbc-url elsewhere", e);
        }
    }

    /** How to fix an unreachable database, naming the settings to check. */
    String connectionHint() {
        if (isSqlite()) {
            return "Check that " + sqliteFile().map(Path::toString).orElse(jdbcUrl)
                    + " and its directory exist and are writable, and that no other process holds a write lock on"
                    + " it for long; or set catalog.jdbc-url (" + Settings.environmentVariable("catalog.jdbc-url")
                    + ")";
        }
        return "Check that the database server in " + maskedUrl() + " is running and reachable, and that"
                + " catalog.jdbc-url, catalog.user and catalog.password ("
                + Settings.environmentVariable("catalog.jdbc-url") + ", "
                + Settings.environmentVariable("catalog.user") + ", "
                + Settings.environmentVariable("catalog.password") + ") are right";
    }

    @Override
    public String toString() {
        return "DatabaseLocation[jdbcUrl=" + maskedUrl() + ", user=" + user.orElse("") + ", password="
                + (password.isPresent() ? "***" : "") + "]";
    }
}
