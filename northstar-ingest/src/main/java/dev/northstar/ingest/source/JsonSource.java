package dev.northstar.ingest.source;

import static dev.northstar.ingest.source.SourceFiles.identifier;
import static dev.northstar.ingest.source.SourceFiles.literal;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A JSON file: newline-delimited objects ({@code .ndjson}, {@code .jsonl}) or one array of objects ({@code .json}),
 * optionally gzip-compressed ({@code .gz}). Parsed in Java with Jackson (DuckDB's {@code read_json} with
 * {@code ignore_errors} loses the line of a broken record and can swallow the next one), streamed into DuckDB in
 * batches; values are kept as text ({@code json_extract_string}). A line that is not a JSON object, or an array
 * element that is not one, is malformed with its line number; a syntax error inside an array ends the array, and
 * the rest of the file is quarantined as one malformed record saying where and why.
 *
 * @param path the file
 * @param newlineDelimited true for NDJSON, false for a JSON array
 */
public record JsonSource(Path path, boolean newlineDelimited) implements FileSource {
    private static final String LINES_TABLE = "ns_json_records";
    private static final int BATCH = 2_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public JsonSource {
        requireNonNull(path, "path is null");
        path = path.toAbsolutePath().normalize();
    }

    /** NDJSON for {@code .ndjson}/{@code .jsonl} (optionally {@code .gz}), a JSON array otherwise. */
    public static JsonSource of(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        return new JsonSource(path, name.endsWith(".ndjson") || name.endsWith(".jsonl"));
    }

    @Override
    public SourceBatch read(Connection connection, ReadProgress progress) {
        SourceFiles.checkReadable(path);
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zst")) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "zstd-compressed JSON is not supported: '" + path + "'",
                    "Decompress it (zstd -d) or compress with gzip; zstd is supported for CSV");
        }
        SourceFiles.execute(connection, "CREATE OR REPLACE TEMP TABLE " + LINES_TABLE
                + " (_record BIGINT, _line BIGINT, _text VARCHAR)", "prepare the JSON records table");
        SourceFiles.createEmptyMalformed(connection);
        Set<String> keys = new LinkedHashSet<>();
        long size = sizeBytes();
        try (CountingInputStream counted = new CountingInputStream(SourceFiles.open(path));
                Writer writer = new Writer(connection, rows -> progress.read(rows,
                        size > 0 ? Math.min(1.0, (double) counted.count() / size) : -1));
                InputStream input = decompressed(counted)) {
            if (newlineDelimited) {
                readLines(input, writer, keys);
            } else {
                readArray(input, writer, keys);
            }
        } catch (IOException e) {
            throw new NorthstarException(ErrorCode.INVALID_DATA, "Cannot read '" + path + "': " + e.getMessage(),
                    "Check the file is complete and readable", e);
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INTERNAL, "Cannot stage the records of '" + path + "': "
                    + e.getMessage(), null, e);
        }
        List<String> columns = List.copyOf(keys);
        String values = columns.stream()
                .map(key -> "json_extract_string(_text, " + literal("$." + identifier(key)) + ") AS " + identifier(key))
                .collect(Collectors.joining(", "));
        SourceFiles.execute(connection, "CREATE OR REPLACE TEMP TABLE " + RAW_TABLE + " AS SELECT _record, _line"
                + (values.isEmpty() ? "" : ", " + values) + " FROM " + LINES_TABLE, "extract the JSON values");
        SourceFiles.execute(connection, "DROP TABLE " + LINES_TABLE, "drop the JSON records table");
        SourceBatch batch = new SourceBatch(columns, SourceFiles.count(connection, RAW_TABLE),
                SourceFiles.count(connection, MALFORMED_TABLE));
        progress.read(batch.rowsIn(), 1.0);
        return batch;
    }

    private InputStream decompressed(InputStream input) throws IOException {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                ? new GZIPInputStream(input, 1 << 16) : input;
    }

    private void readLines(InputStream input, Writer writer, Set<String> keys) throws IOException, SQLException {
        // Lines are split as bytes and decoded strictly, so a line with invalid UTF-8 is quarantined with its
        // number instead of being read with replacement characters.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedInputStream bytes = new BufferedInputStream(input, 1 << 16);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        long line = 0;
        long record = 0;
        boolean more = true;
        while (more) {
            buffer.reset();
            int next;
            while ((next = bytes.read()) >= 0 && next != '\n') {
                buffer.write(next);
            }
            more = next >= 0;
            if (!more && buffer.size() == 0) {
                break;
            }
            line++;
            byte[] raw = buffer.toByteArray();
            String text;
            try {
                text = decoder.decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                record++;
                writer.malformed(record, line, new String(raw, StandardCharsets.UTF_8), "source.json.invalid_encoding",
                        "Line " + line + ": invalid UTF-8 (" + e.getMessage() + ")");
                continue;
            }
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            record++;
            try {
                JsonNode node = MAPPER.readTree(text);
                if (node instanceof ObjectNode object) {
                    object.fieldNames().forEachRemaining(keys::add);
                    writer.record(record, line, text);
                } else {
                    writer.malformed(record, line, text, "source.json.not_an_object",
                            "Line " + line + ": expected a JSON object, found " + node.getNodeType().name()
                                    .toLowerCase(Locale.ROOT));
                }
            } catch (JsonProcessingException e) {
                writer.malformed(record, line, text, "source.json.syntax",
                        "Line " + line + ": invalid JSON: " + e.getOriginalMessage());
            }
        }
    }

    private void readArray(InputStream input, Writer writer, Set<String> keys) throws IOException, SQLException {
        long record = 0;
        try (JsonParser parser = MAPPER.getFactory().createParser(input)) {
            JsonToken first;
            try {
                first = parser.nextToken();
            } catch (JsonProcessingException e) {
                writer.malformed(1, 1, null, "source.json.syntax", "Line 1: invalid JSON: " + e.getOriginalMessage());
                return;
            }
            if (first == null) {
                return;
            }
            if (first != JsonToken.START_ARRAY) {
                throw new NorthstarException(ErrorCode.INVALID_DATA,
                        "'" + path + "' is not a JSON array of objects: it starts with " + first,
                        "Use a .ndjson or .jsonl extension for newline-delimited JSON");
            }
            while (true) {
                long line = parser.currentLocation().getLineNr();
                try {
                    JsonToken token = parser.nextToken();
                    if (token == null || token == JsonToken.END_ARRAY) {
                        return;
                    }
                    line = parser.currentTokenLocation().getLineNr();
                    record++;
                    JsonNode node = MAPPER.readTree(parser);
                    if (node instanceof ObjectNode object) {
                        object.fieldNames().forEachRemaining(keys::add);
                        writer.record(record, line, object.toString());
                    } else {
                        writer.malformed(record, line, node.toString(), "source.json.not_an_object",
                                "Line " + line + ": array element " + record + " is not a JSON object");
                    }
                } catch (JsonProcessingException e) {
                    JsonLocation location = e.getLocation();
                    long at = location == null ? line : location.getLineNr();
                    writer.malformed(record == 0 ? 1 : record, at, null, "source.json.syntax",
                            "Line " + at + ": invalid JSON: " + e.getOriginalMessage()
                                    + "; the rest of the array could not be read");
                    return;
                }
            }
        }
    }

    /** Batched inserts into the records and malformed tables. */
    private static final class Writer implements AutoCloseable {
        private final PreparedStatement records;
        private final PreparedStatement malformed;
        private int pending;

        private final java.util.function.LongConsumer batchWritten;
        private long written;

        Writer(Connection connection, java.util.function.LongConsumer batchWritten) throws SQLException {
            this.batchWritten = batchWritten;
            records = connection.prepareStatement("INSERT INTO " + LINES_TABLE + " VALUES (?, ?, ?)");
            malformed = connection.prepareStatement("INSERT INTO " + MALFORMED_TABLE + " VALUES (?, ?, ?, ?)");
        }

        void record(long record, long line, String text) throws SQLException {
            records.setLong(1, record);
            records.setLong(2, line);
            records.setString(3, text);
            records.addBatch();
            written++;
            flushIfFull();
        }

        void malformed(long record, long line, String text, String rule, String message) throws SQLException {
            ObjectNode reason = JsonNodeFactory.instance.objectNode()
                    .put("rule", rule).put("column", "").put("message", message);
            malformed.setLong(1, record);
            malformed.setLong(2, line);
            malformed.setString(3, text);
            malformed.setString(4, JsonNodeFactory.instance.arrayNode().add(reason).toString());
            malformed.executeUpdate();
        }

        private void flushIfFull() throws SQLException {
            if (++pending >= BATCH) {
                records.executeBatch();
                pending = 0;
                batchWritten.accept(written);
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    records.executeBatch();
                }
            } finally {
                records.close();
                malformed.close();
            }
        }
    }

    /** Counts the bytes read from the file, compressed, for the share of the file read. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream input) {
            super(input);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value >= 0) {
                count++;
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }
}
