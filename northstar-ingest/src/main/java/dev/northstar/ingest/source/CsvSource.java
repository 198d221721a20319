package dev.northstar.ingest.source;

import static dev.northstar.ingest.source.SourceFiles.identifier;
import static dev.northstar.ingest.source.SourceFiles.literal;
import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A CSV file read by DuckDB's {@code read_csv} with every column as text and {@code store_rejects}: lines that
 * cannot be split (ragged rows, unterminated quotes, invalid UTF-8) are kept in {@link Source#MALFORMED_TABLE} with
 * their line number, raw text and DuckDB's reason. DuckDB reads gzip and zstd itself, and UTF-8 (with or without
 * BOM) and ISO-8859-1; Windows-1252 (whose bytes 0x80-0x9F DuckDB rejects) is transcoded to a temporary UTF-8 file
 * in Java first.
 *
 * <p>The file is materialised once; {@link Source#RAW_TABLE} is a view numbering its rows. Line numbers of rows that
 * parsed are counted from the rejected lines ({@link #renumber}, for the quarantined rows only): exact for files
 * without quoted line breaks; {@code _record} (the ordinal of the parsed row) is always exact.
 *
 * @param path the file
 * @param options how to split it
 */
public record CsvSource(Path path, CsvOptions options) implements FileSource {
    private static final String READ_TABLE = "ns_read";
    private static final String LINE_GAPS = "ns_line_gaps";
    private static final String REJECT_ERRORS = "ns_reject_errors";
    private static final String REJECT_SCANS = "ns_reject_scans";

    public CsvSource {
        requireNonNull(path, "path is null");
        requireNonNull(options, "options is null");
        path = path.toAbsolutePath().normalize();
    }

    @Override
    public SourceBatch read(Connection connection, ReadProgress progress) {
        SourceFiles.checkReadable(path);
        Path readable = options.encoding() == CsvOptions.Encoding.WINDOWS_1252 ? transcoded() : path;
        try {
            List<String> header = header(connection, readable);
            SourceFiles.execute(connection, "DROP TABLE IF EXISTS " + REJECT_ERRORS, "prepare the reject tables");
            SourceFiles.execute(connection, "DROP TABLE IF EXISTS " + REJECT_SCANS, "prepare the reject tables");
            SourceFiles.execute(connection, "CREATE OR REPLACE TEMP TABLE " + READ_TABLE + " AS SELECT * FROM "
                    + readCsv(readable, header), "read " + path + " as CSV");
        } finally {
            if (readable != path) {
                try {
                    Files.deleteIfExists(readable);
                } catch (IOException e) {
                    // a temporary file left behind is harmless; the read's own outcome matters more
                }
            }
        }
        List<String> columns = SourceFiles.dataColumns(connection, READ_TABLE);
        int headerLines = options.header() ? 1 : 0;
        // Line of the r-th parsed row: r + header + k, where k counts the rejected lines before it. The i-th rejected
        // line L(i) follows g(i) = L(i) - header - i parsed rows, so k is the largest i with g(i) < r (an ASOF join).
        // The view numbers every row as if k were 0 (plain arithmetic on the row id); only the rows that end in the
        // quarantine need their line, so renumber() adds k to those alone, from the few gaps kept here.
        SourceFiles.execute(connection, "CREATE OR REPLACE TEMP TABLE " + LINE_GAPS + " AS"
                + " WITH rejected AS (SELECT line, row_number() OVER (ORDER BY line) AS i"
                + "   FROM (SELECT DISTINCT line FROM " + REJECT_ERRORS + "))"
                + " SELECT line - " + headerLines + " - i AS g, max(i) AS i FROM rejected GROUP BY 1",
                "number the lines of " + path);
        String plain = columns.isEmpty() ? "" : ", " + columns.stream().map(column -> "p." + identifier(column))
                .collect(Collectors.joining(", "));
        SourceFiles.execute(connection, "CREATE OR REPLACE TEMP VIEW " + RAW_TABLE + " AS SELECT p.rowid + 1 AS _record,"
                + " p.rowid + 1 + " + headerLines + " AS _line" + plain + " FROM " + READ_TABLE + " p",
                "number the lines of " + path);
        SourceFiles.execute(connection, "CREATE OR REPLACE TEMP TABLE " + MALFORMED_TABLE + " AS"
                + " SELECT NULL::BIGINT AS _record, line AS _line, first(csv_line ORDER BY column_idx) AS _raw_line,"
                + " to_json(list({'rule': 'source.csv.' || lower(replace(error_type, ' ', '_')),"
                + "   'column': coalesce(column_name, ''),"
                + "   'message': 'Line ' || line || ': ' || error_type || ': ' || error_message}"
                + "   ORDER BY column_idx))::VARCHAR AS _reasons"
                + " FROM " + REJECT_ERRORS + " GROUP BY line", "collect the malformed lines of " + path);
        SourceBatch batch = new SourceBatch(columns, SourceFiles.count(connection, READ_TABLE),
                SourceFiles.count(connection, MALFORMED_TABLE));
        progress.read(batch.rowsIn(), 1.0);
        return batch;
    }

    /** Adds to {@code _line} the rejected lines before each row, for the rows of {@code table} matching {@code where}. */
    @Override
    public void renumber(Connection connection, String table, String where) {
        if (SourceFiles.count(connection, LINE_GAPS) == 0) {
            return;
        }
        SourceFiles.execute(connection, "UPDATE " + table + " SET _line = " + table + "._line + o.k FROM (SELECT c._record,"
                + " gaps.i AS k FROM (SELECT _record FROM " + table + " WHERE " + where + ") c ASOF JOIN " + LINE_GAPS
                + " gaps ON c._record > gaps.g) o WHERE " + table + "._record = o._record", "number the lines of " + path);
    }

    private String delimiter() {
        return options.delimiter().orElse(",");
    }

    private char quote() {
        return options.quote().map(value -> value.charAt(0)).orElse('"');
    }

    /**
     * Column names: the first line split by the delimiter and quote (or {@code column0...} without a header). The
     * dialect is given, never sniffed: DuckDB's sniffer gives up on exactly the messy files ingestion must take.
     */
    private List<String> header(Connection connection, Path file) {
        String[] first = new String[1];
        SourceFiles.execute(connection, "DROP TABLE IF EXISTS " + REJECT_ERRORS, "prepare the reject tables");
        SourceFiles.execute(connection, "DROP TABLE IF EXISTS " + REJECT_SCANS, "prepare the reject tables");
        SourceFiles.query(connection, "SELECT line FROM read_csv(" + literal(file.toString())
                + ", columns = {'line': 'VARCHAR'}, header = false, auto_detect = false, delim = E'\\x1e',"
                + " quote = '', escape = '', store_rejects = true, rejects_table = " + literal(REJECT_ERRORS)
                + ", rejects_scan = " + literal(REJECT_SCANS) + ", encoding = "
                + literal(options.encoding() == CsvOptions.Encoding.ISO_8859_1 ? "latin-1" : "utf-8") + ") LIMIT 1",
                row -> first[0] = row.getString(1), "read the first line of " + path);
        if (first[0] == null) {
            throw new NorthstarException(ErrorCode.INVALID_DATA, "'" + path + "' is empty or its first line cannot be"
                    + " read", "Check the file and its encoding (--encoding)");
        }
        String delimiter = delimiter().equals("\\t") ? "\t" : delimiter();
        List<String> fields = CsvLine.split(first[0], delimiter.charAt(0), quote(),
                options.escape().map(value -> value.charAt(0)).orElse(quote()));
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String name = options.header() ? fields.get(i).trim() : "";
            if (name.isEmpty()) {
                name = "column" + i;
            }
            String unique = name;
            for (int n = 2; !seen.add(unique.toLowerCase(Locale.ROOT)); n++) {
                unique = name + "_" + n;
            }
            names.add(unique);
        }
        return List.copyOf(names);
    }

    private String readCsv(Path file, List<String> columns) {
        StringBuilder call = new StringBuilder("read_csv(").append(literal(file.toString()))
                .append(", all_varchar = true, auto_detect = false, header = ").append(options.header())
                .append(", columns = {").append(columns.stream().map(column -> literal(column) + ": 'VARCHAR'")
                        .collect(Collectors.joining(", "))).append('}')
                .append(", store_rejects = true, rejects_table = ").append(literal(REJECT_ERRORS))
                .append(", rejects_scan = ").append(literal(REJECT_SCANS))
                .append(", encoding = ").append(literal(options.encoding() == CsvOptions.Encoding.ISO_8859_1 ? "latin-1"
                        : "utf-8"));
        call.append(", delim = ").append(literal(delimiter()));
        call.append(", quote = ").append(literal(String.valueOf(quote())));
        options.escape().ifPresent(value -> call.append(", escape = ").append(literal(value)));
        return call.append(")").toString();
    }

    /**
     * DuckDB reads UTF-8 and ISO-8859-1 only (it rejects the bytes 0x80-0x9F that Windows-1252 uses for €, “, ”...):
     * a Windows-1252 file (gzip-compressed or not) is transcoded to a temporary UTF-8 file first.
     */
    private Path transcoded() {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".zst")) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "zstd-compressed Windows-1252 CSV is not supported: '" + path + "'",
                    "Decompress it first (zstd -d), or compress it with gzip");
        }
        try {
            Path target = Files.createTempFile("northstar-cp1252-", ".csv");
            try (InputStream raw = Files.newInputStream(path);
                    InputStream input = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                    Reader reader = new InputStreamReader(input, Charset.forName("windows-1252"));
                    Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                reader.transferTo(writer);
            }
            return target;
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_DATA, "Cannot transcode '" + path
                    + "' from Windows-1252: " + e.getMessage(), "Check the file is complete and readable", e);
        }
    }
}
