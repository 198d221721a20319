package dev.northstar.ingest.source;

import static dev.northstar.ingest.source.SourceFiles.identifier;
import static dev.northstar.ingest.source.SourceFiles.literal;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Parquet file read by DuckDB; every value is cast to text so the contract decides its type like for other
 * sources. Parquet files are typed and framed, so no record is malformed; {@code _line} is empty and
 * {@code _record} is the row's ordinal.
 *
 * @param path the file
 */
public record ParquetSource(Path path) implements FileSource {
    private static final String READ_TABLE = "ns_read";

    public ParquetSource {
        requireNonNull(path, "path is null");
        path = path.toAbsolutePath().normalize();
    }

    @Override
    public SourceBatch read(Connection connection, ReadProgress progress) {
        SourceFiles.checkReadable(path);
        SourceFiles.execute(connection, "CREATE OR REPLACE TEMP TABLE " + READ_TABLE + " AS SELECT * FROM read_parquet("
                + literal(path.toString()) + ")", "read " + path + " as Parquet");
        List<String> columns = SourceFiles.dataColumns(connection, READ_TABLE);
        String values = columns.stream()
                .map(column -> "CAST(" + identifier(column) + " AS VARCHAR) AS " + identifier(column))
                .collect(Collectors.joining(", "));
        SourceFiles.execute(connection, "CREATE OR REPLACE TEMP TABLE " + RAW_TABLE + " AS SELECT rowid + 1 AS _record,"
                + " NULL::BIGINT AS _line" + (values.isEmpty() ? "" : ", " + values) + " FROM " + READ_TABLE,
                "convert " + path + " to text");
        SourceFiles.execute(connection, "DROP TABLE " + READ_TABLE, "drop the read table");
        SourceFiles.createEmptyMalformed(connection);
        SourceBatch batch = new SourceBatch(columns, SourceFiles.count(connection, RAW_TABLE), 0);
        progress.read(batch.rowsIn(), 1.0);
        return batch;
    }
}
