package dev.northstar.ingest.source;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;
import java.util.Optional;

/**
 * Where ingested rows come from. A source reads itself, in one pass, into two temporary tables (or views over
 * what it read) on a DuckDB connection: {@value #RAW_TABLE} ({@code _record BIGINT, _line BIGINT} then one {@code VARCHAR} column per source
 * column, values kept as the raw text) and {@value #MALFORMED_TABLE} ({@code _record, _line, _raw_line,
 * _reasons}: records that could not even be split into columns — ragged rows, unterminated quotes, invalid
 * encoding, broken JSON — with their reasons as a JSON array of {@code {rule, column, message}}).
 *
 * <p>Every record of the source lands in exactly one of the two tables: nothing is dropped silently.
 */
public sealed interface Source permits FileSource, JdbcSource {
    /** Temporary table (or view) of the records read, as text. */
    String RAW_TABLE = "ns_raw";
    /** Temporary table of the records that could not be read into columns. */
    String MALFORMED_TABLE = "ns_malformed";

    /** Human description for messages and the quarantine's {@code _source} column, e.g. the file path. */
    String description();

    /** Identifies the source's content: {@code sha256:<hex>} of the file bytes. */
    String fingerprint();

    /** Dataset URI for lineage, e.g. {@code file:///data/orders.csv}. */
    String uri();

    /** Size of the source in bytes when known (for the progress ETA), else -1. */
    long sizeBytes();

    /**
     * Reads the source into {@value #RAW_TABLE} and {@value #MALFORMED_TABLE} (replacing them).
     *
     * @throws dev.northstar.spi.error.NorthstarException {@code FILE_NOT_FOUND} for a missing file,
     *     {@code INVALID_DATA} when the source cannot be read at all (the message says why)
     */
    default SourceBatch read(Connection connection) {
        return read(connection, ReadProgress.NONE);
    }

    /**
     * Like {@link #read(Connection)}, telling {@code progress} how far it is: JSON and JDBC sources report every
     * batch; CSV and Parquet, read by one DuckDB statement, report when it is done.
     */
    SourceBatch read(Connection connection, ReadProgress progress);

    /**
     * Corrects {@code _line} of the rows of {@code table} (records of the last {@link #read}, by {@code _record})
     * that match {@code where}, for sources whose {@value #RAW_TABLE} numbers lines by arithmetic that is exact only
     * up to a correction computed here (CSV files with rejected lines). Only the rows that need their line (the
     * quarantined ones) are renumbered. Does nothing by default.
     */
    default void renumber(Connection connection, String table, String where) {}

    /**
     * A file source: the format is {@code csv}, {@code json} (an array), {@code ndjson} or {@code parquet}, or, when
     * empty, told by the extension ({@code .csv .tsv .txt .json .ndjson .jsonl .parquet}, optionally followed by
     * {@code .gz} or {@code .zst}).
     *
     * @throws NorthstarException {@code INVALID_ARGUMENT} for an unknown format or extension
     */
    static Source file(Path path, Optional<String> format, CsvOptions csv) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        } else if (name.endsWith(".zst")) {
            name = name.substring(0, name.length() - 4);
        }
        String chosen = format.map(text -> text.toLowerCase(Locale.ROOT)).orElse(
                name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt") ? "csv"
                        : name.endsWith(".ndjson") || name.endsWith(".jsonl") ? "ndjson"
                        : name.endsWith(".json") ? "json"
                        : name.endsWith(".parquet") ? "parquet" : "");
        return switch (chosen) {
            case "csv" -> new CsvSource(path, name.endsWith(".tsv") && csv.delimiter().isEmpty()
                    ? csv.withDelimiter("\t") : csv);
            case "json" -> new JsonSource(path, false);
            case "ndjson", "jsonl" -> new JsonSource(path, true);
            case "parquet" -> new ParquetSource(path);
            default -> throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, format.isPresent()
                    ? "Format '" + format.get() + "' is not supported"
                    : "Cannot tell the format of '" + path + "' from its extension",
                    "Pass --format csv, json, ndjson or parquet, or name the file .csv, .tsv, .json, .ndjson, .jsonl"
                            + " or .parquet (optionally .gz or .zst)");
        };
    }
}
