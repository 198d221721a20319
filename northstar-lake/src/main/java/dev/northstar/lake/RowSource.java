package dev.northstar.lake;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the rows of a write come from: something DuckDB can select from. Columns are matched to the table's columns
 * by name (case-insensitive); missing optional columns are null; extra columns are an error.
 */
public sealed interface RowSource {

    /** A DuckDB relation expression usable after {@code FROM}, e.g. {@code read_csv('/data/x.csv')}. */
    String relation();

    /** A human description for messages, e.g. the file path. */
    String description();

    /** A CSV, JSON/NDJSON or Parquet file (chosen by extension: .csv, .tsv, .json, .ndjson, .jsonl, .parquet,
     *  optionally followed by .gz). */
    static RowSource file(Path path) {
        return new FileSource(path);
    }

    /** A query DuckDB runs to produce the rows, e.g. {@code SELECT range AS id FROM range(1000)}. */
    static RowSource sql(String select) {
        return new SqlSource(select);
    }

    /** A file read by DuckDB. */
    record FileSource(Path path) implements RowSource {
        public FileSource {
            requireNonNull(path, "path is null");
            path = path.toAbsolutePath().normalize();
        }

        /** Format inferred from the extension: {@code csv}, {@code json} or {@code parquet}. */
        public String format() {
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".gz")) {
                name = name.substring(0, name.length() - 3);
            } else if (name.endsWith(".zst")) {
                name = name.substring(0, name.length() - 4);
            }
            if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
                return "csv";
            }
            if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
                return "json";
            }
            if (name.endsWith(".parquet")) {
                return "parquet";
            }
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot tell the format of '" + path + "' from its extension",
                    "Name the file .csv, .tsv, .json, .ndjson, .jsonl or .parquet (optionally .gz)");
        }

        @Override
        public String relation() {
            if (!Files.isRegularFile(path)) {
                throw new NorthstarException(ErrorCode.FILE_NOT_FOUND, "File '" + path + "' does not exist",
                        "Check the path; relative paths are resolved from the current directory");
            }
            String literal = "'" + path.toString().replace("'", "''") + "'";
            return switch (format()) {
                case "csv" -> "read_csv(" + literal + ", header = true, auto_detect = true)";
                case "json" -> "read_json_auto(" + literal + ")";
                default -> "read_parquet(" + literal + ")";
            };
        }

        @Override
        public String description() {
            return path.toString();
        }
    }

    /** Rows produced by a DuckDB query. */
    record SqlSource(String select) implements RowSource {
        public SqlSource {
            requireNonNull(select, "select is null");
        }

        @Override
        public String relation() {
            return "(" + select + ")";
        }

        @Override
        public String description() {
            return "query";
        }
    }
}
