package dev.northstar.ingest.source;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.Locale;
import java.util.Optional;

/**
 * How to split a CSV file. Compression (gzip {@code .gz}, zstd {@code .zst}) is detected from the file name.
 *
 * @param delimiter field delimiter; empty to let DuckDB's sniffer detect it
 * @param quote quote character; empty for DuckDB's default ({@code "})
 * @param escape escape character; empty for DuckDB's default (the quote doubled)
 * @param header whether the first line names the columns
 * @param encoding {@link Encoding#UTF_8} (with or without BOM), {@link Encoding#ISO_8859_1} or
 *     {@link Encoding#WINDOWS_1252}
 */
public record CsvOptions(Optional<String> delimiter, Optional<String> quote, Optional<String> escape, boolean header,
        Encoding encoding) {
    /** Character encodings of CSV files. */
    public enum Encoding {
        UTF_8,
        ISO_8859_1,
        WINDOWS_1252;

        /**
         * Parses {@code utf-8}, {@code utf8}, {@code iso-8859-1}, {@code latin-1}, {@code latin1},
         * {@code windows-1252}, {@code cp1252} (case-insensitive).
         */
        public static Encoding parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT).replace("_", "-")) {
                case "utf-8", "utf8" -> UTF_8;
                case "iso-8859-1", "latin-1", "latin1", "iso8859-1" -> ISO_8859_1;
                case "windows-1252", "cp1252", "cp-1252" -> WINDOWS_1252;
                default -> throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                        "Encoding '" + text + "' is not supported",
                        "Use utf-8 (with or without BOM), iso-8859-1 (latin-1) or windows-1252");
            };
        }
    }

    public CsvOptions {
        requireNonNull(delimiter, "delimiter is null");
        requireNonNull(quote, "quote is null");
        requireNonNull(escape, "escape is null");
        requireNonNull(encoding, "encoding is null");
        checkCharacter("delimiter", delimiter);
        checkCharacter("quote", quote);
        checkCharacter("escape", escape);
    }

    private static void checkCharacter(String option, Optional<String> value) {
        NorthstarException.checkArgument(value.isEmpty() || value.get().length() == 1 || value.get().equals("\\t"),
                "The CSV %s must be one character, got '%s'", option, value.orElse(""));
    }

    /** Sniffed delimiter, default quote and escape, a header line, UTF-8. */
    public static CsvOptions defaults() {
        return new CsvOptions(Optional.empty(), Optional.empty(), Optional.empty(), true, Encoding.UTF_8);
    }

    public CsvOptions withDelimiter(String value) {
        return new CsvOptions(Optional.of(value), quote, escape, header, encoding);
    }

    public CsvOptions withQuote(String value) {
        return new CsvOptions(delimiter, Optional.of(value), escape, header, encoding);
    }

    public CsvOptions withEscape(String value) {
        return new CsvOptions(delimiter, quote, Optional.of(value), header, encoding);
    }

    public CsvOptions withHeader(boolean value) {
        return new CsvOptions(delimiter, quote, escape, value, encoding);
    }

    public CsvOptions withEncoding(Encoding value) {
        return new CsvOptions(delimiter, quote, escape, header, value);
    }
}
