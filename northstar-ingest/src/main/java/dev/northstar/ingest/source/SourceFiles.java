package dev.northstar.ingest.source;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** What the file sources share: checks, fingerprints and running SQL on the session connection. */
final class SourceFiles {
    private SourceFiles() {}

    static Path checkReadable(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "File '" + absolute + "' does not exist or is not readable",
                    "Check the path; relative paths are resolved from the current directory");
        }
        return absolute;
    }

    static String sha256(Path path) {
        try (DigestInputStream input = new DigestInputStream(Files.newInputStream(path),
                MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (input.read(buffer) >= 0) {
                // the digest stream hashes what is read
            }
            return "sha256:" + HexFormat.of().formatHex(input.getMessageDigest().digest());
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "Cannot read '" + path + "': " + e.getMessage(),
                    "Check the file exists and is readable", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static void execute(Connection connection, String sql, String what) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INVALID_DATA, "Cannot " + what + ": " + e.getMessage(),
                    "Check the file's format options (delimiter, quote, encoding, header)", e);
        }
    }

    /** Reads each row of a query. */
    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    static void query(Connection connection, String sql, RowReader reader, String what) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INVALID_DATA, "Cannot " + what + ": " + e.getMessage(),
                    "Check the file's format options (delimiter, quote, encoding, header)", e);
        }
    }

    static long count(Connection connection, String table) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot count the rows of " + table + ": " + e.getMessage(),
                    null, e);
        }
    }

    /** Column names of a table, except those starting with an underscore (bookkeeping columns). */
    static List<String> dataColumns(Connection connection, String table) {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                String name = rows.getMetaData().getColumnName(i);
                if (!name.equals("_record") && !name.equals("_line")) {
                    columns.add(name);
                }
            }
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot list the columns of " + table + ": " + e.getMessage(),
                    null, e);
        }
        return List.copyOf(columns);
    }

    static void createEmptyMalformed(Connection connection) {
        execute(connection, "CREATE OR REPLACE TEMP TABLE " + Source.MALFORMED_TABLE
                + " (_record BIGINT, _line BIGINT, _raw_line VARCHAR, _reasons VARCHAR)", "prepare the malformed table");
    }

    static InputStream open(Path path) throws IOException {
        return Files.newInputStream(path);
    }
}
