package dev.northstar.lake;

import static dev.northstar.lake.TypeMapping.literal;
import static dev.northstar.lake.TypeMapping.quote;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionData;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.Table;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Writes Parquet data files for an Iceberg table with DuckDB: rows are cast to the table schema, partition values
 * are computed by SQL expressions equal to Iceberg's transforms, and files carry Iceberg field ids. Returns the
 * {@link DataFile}s with metrics read from the Parquet footers; committing them is the caller's job, so a failure
 * before the commit leaves the table unchanged (the files are orphans until removed).
 */
final class TableWriter {
    private static final String PARTITION_COLUMN_PREFIX = "__ns_p";

    private final DuckDbEngine duckdb;
    private final long targetFileSizeBytes;

    TableWriter(DuckDbEngine duckdb, long targetFileSizeBytes) {
        this.duckdb = duckdb;
        this.targetFileSizeBytes = targetFileSizeBytes;
    }

    /** Files written, and the rows they hold. */
    record Written(List<DataFile> files, long rows, long bytes) {}

    /**
     * Writes the rows of {@code source} as data files of {@code table} (not committed).
     *
     * @param table the target table, read for its current schema, spec and sort order
     * @param source rows to write; columns are matched to the table's by name, case-insensitively
     */
    Written write(Table table, RowSource source) {
        try (Connection connection = duckdb.connection()) {
            return write(connection, table, source);
        } catch (SQLException e) {
            throw DuckDbEngine.translate(e, "Cannot close DuckDB connection");
        }
    }

    /** Like {@link #write(Table, RowSource)}, on a given connection (whose temp tables the source may read). */
    Written write(Connection connection, Table table, RowSource source) {
        try {
            String select = castingSelect(connection, table, source);
            return copy(connection, table, select, source.description(), source);
        } catch (SQLException e) {
            throw DuckDbEngine.translate(e, "Cannot read " + source.description());
        }
    }

    /**
     * Writes rows already in the table's schema (from {@code read_parquet} of the table's own files, for rewrites and
     * compaction).
     */
    Written writeTableRows(Connection connection, Table table, String select, String description) {
        return copy(connection, table, select, description, null);
    }

    private Written copy(Connection connection, Table table, String select, String description,
            RowSource source) {
        Schema schema = table.schema();
        PartitionSpec spec = table.spec();
        Path directory = LocalFileIO.path(table.location()).resolve("data")
                .resolve("w-" + UUID.randomUUID().toString().substring(0, 13));
        try {
            Files.createDirectories(directory.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory.getParent(), e);
        }
        StringBuilder copy = new StringBuilder("COPY (SELECT *");
        List<PartitionField> partitionFields = spec.fields();
        for (int i = 0; i < partitionFields.size(); i++) {
            copy.append(", ").append(partitionExpression(schema, partitionFields.get(i)))
                    .append(" AS ").append(PARTITION_COLUMN_PREFIX).append(i);
        }
        copy.append(" FROM (").append(select).append(") AS __ns_rows");
        String orderBy = orderBy(table);
        if (!orderBy.isEmpty()) {
            copy.append(" ORDER BY ").append(orderBy);
        }
        copy.append(") TO ").append(literal(directory.toString()))
                .append(" (FORMAT PARQUET, FIELD_IDS ").append(TypeMapping.fieldIds(schema))
                .append(", COMPRESSION ").append(compression(table))
                .append(", FILENAME_PATTERN 'data_{uuid}'");
        if (partitionFields.isEmpty()) {
            copy.append(", FILE_SIZE_BYTES ").append(targetFileSizeBytes);
        } else {
            copy.append(", PARTITION_BY (").append(partitionFields.isEmpty() ? "" : java.util.stream.IntStream
                    .range(0, partitionFields.size()).mapToObj(i -> PARTITION_COLUMN_PREFIX + i)
                    .collect(Collectors.joining(", "))).append(")");
        }
        copy.append(")");
        try {
            DuckDbEngine.execute(connection, copy.toString());
        } catch (SQLException e) {
            deleteQuietly(directory);
            throw conversionError(connection, e, table, source, description);
        }
        return dataFiles(table, directory);
    }

    private Written dataFiles(Table table, Path directory) {
        List<DataFile> files = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        MetricsConfig metricsConfig = MetricsConfig.forTable(table);
        List<Path> paths;
        try (Stream<Path> walk = Files.exists(directory) ? Files.walk(directory) : Stream.empty()) {
            paths = walk.filter(path -> path.toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path path : paths) {
            Metrics metrics = ParquetUtil.fileMetrics(new LocalFileIO().newInputFile(path.toString()), metricsConfig);
            if (metrics.recordCount() == 0) {
                deleteQuietly(path);
                continue;
            }
            checkRequired(table.schema(), metrics, path);
            long size;
            try {
                size = Files.size(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DataFiles.Builder builder = DataFiles.builder(table.spec())
                    .withPath(LocalFileIO.location(path))
                    .withFormat(FileFormat.PARQUET)
                    .withFileSizeInBytes(size)
                    .withMetrics(metrics);
            if (table.spec().isPartitioned()) {
                builder.withPartition(partition(table.spec(), directory.relativize(path.getParent())));
            }
            files.add(builder.build());
            rows += metrics.recordCount();
            bytes += size;
        }
        return new Written(files, rows, bytes);
    }

    /** Required columns must not hold nulls; the footers' null counts tell without reading the rows again. */
    private static void checkRequired(Schema schema, Metrics metrics, Path path) {
        for (Types.NestedField field : schema.columns()) {
            Long nulls = metrics.nullValueCounts() == null ? null : metrics.nullValueCounts().get(field.fieldId());
            if (field.isRequired() && nulls != null && nulls > 0) {
                deleteQuietly(path.getParent());
                throw new NorthstarException(ErrorCode.SCHEMA_MISMATCH,
                        String.format(Locale.ROOT, "Column '%s' is required but %d row(s) have no value",
                                field.name(), nulls),
                        "Give every row a value for '" + field.name() + "', or make the column optional");
            }
        }
    }

    private static PartitionData partition(PartitionSpec spec, Path relative) {
        PartitionData data = new PartitionData(spec.partitionType());
        for (int i = 0; i < relative.getNameCount(); i++) {
            String segment = relative.getName(i).toString();
            int equals = segment.indexOf('=');
            int index = Integer.parseInt(segment.substring(PARTITION_COLUMN_PREFIX.length(), equals));
            String encoded = segment.substring(equals + 1);
            Type type = spec.partitionType().fields().get(index).type();
            data.set(index, encoded.startsWith("v")
                    ? partitionValue(type, new String(HexFormat.of().parseHex(encoded.substring(1)),
                            StandardCharsets.UTF_8))
                    : null);
        }
        return data;
    }

    private static Object partitionValue(Type type, String text) {
        return switch (type.typeId()) {
            case INTEGER, DATE -> Integer.valueOf(text);
            case LONG, TIMESTAMP, TIME -> Long.valueOf(text);
            case BOOLEAN -> Boolean.valueOf(text);
            case FLOAT -> Float.valueOf(text);
            case DOUBLE -> Double.valueOf(text);
            case DECIMAL -> new BigDecimal(text);
            case UUID -> UUID.fromString(text);
            case STRING -> text;
            default -> throw NorthstarException.of(ErrorCode.INTERNAL, "Unsupported partition type %s", type);
        };
    }

    /**
     * DuckDB expression computing the Iceberg partition value of a field, encoded for a path segment: {@code n} for
     * null, else {@code v} followed by the hex of the value's text (so any value is a safe directory name).
     */
    static String partitionExpression(Schema schema, PartitionField field) {
        Types.NestedField source = schema.findField(field.sourceId());
        String column = quote(source.name());
        String transform = field.transform().toString();
        Type.TypeID type = source.type().typeId();
        String micros = "epoch_us(" + column + ")";
        String value;
        if (transform.equals("identity")) {
            value = switch (type) {
                case DATE -> "date_diff('day', DATE '1970-01-01', " + column + ")";
                case TIMESTAMP -> micros;
                case TIME -> "epoch_us(" + column + ")";
                default -> column;
            };
        } else if (transform.equals("year")) {
            value = type == Type.TypeID.DATE ? "year(" + column + ") - 1970"
                    : "year(make_timestamp(" + micros + ")) - 1970";
        } else if (transform.equals("month")) {
            String date = type == Type.TypeID.DATE ? column : "make_timestamp(" + micros + ")";
            value = "(year(" + date + ") - 1970) * 12 + month(" + date + ") - 1";
        } else if (transform.equals("day")) {
            value = type == Type.TypeID.DATE ? "date_diff('day', DATE '1970-01-01', " + column + ")"
                    : "date_diff('day', TIMESTAMP '1970-01-01', make_timestamp(" + micros + "))";
        } else if (transform.equals("hour")) {
            value = "date_diff('hour', TIMESTAMP '1970-01-01', make_timestamp(" + micros + "))";
        } else if (transform.startsWith("truncate[")) {
            int width = Integer.parseInt(transform.substring("truncate[".length(), transform.length() - 1));
            value = switch (type) {
                case INTEGER, LONG -> column + " - (((" + column + " % " + width + ") + " + width + ") % " + width + ")";
                case STRING -> "substring(" + column + ", 1, " + width + ")";
                default -> throw unsupportedTransform(source.name(), transform);
            };
        } else {
            throw unsupportedTransform(source.name(), transform);
        }
        return "COALESCE('v' || hex(CAST(" + value + " AS VARCHAR)), 'n')";
    }

    static NorthstarException unsupportedTransform(String column, String transform) {
        return new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                "Partition transform " + transform + " on column '" + column + "' is not supported by the embedded "
                        + "writer",
                "Use identity, year, month, day, hour, or truncate[W] on an int, long or string column");
    }

    private static String orderBy(Table table) {
        if (table.sortOrder().isUnsorted()) {
            return "";
        }
        List<String> terms = new ArrayList<>();
        for (SortField field : table.sortOrder().fields()) {
            if (!field.transform().isIdentity()) {
                continue;
            }
            String name = table.schema().findColumnName(field.sourceId());
            terms.add(quote(name) + (field.direction() == SortDirection.ASC ? " ASC" : " DESC")
                    + (field.nullOrder() == org.apache.iceberg.NullOrder.NULLS_FIRST ? " NULLS FIRST" : " NULLS LAST"));
        }
        return String.join(", ", terms);
    }

    private static String compression(Table table) {
        String codec = table.properties().getOrDefault("write.parquet.compression-codec", "snappy")
                .toLowerCase(Locale.ROOT);
        return switch (codec) {
            case "snappy", "zstd", "gzip", "uncompressed", "lz4" -> codec;
            default -> "snappy";
        };
    }

    /**
     * The select that casts source columns to the table's types, matching names case-insensitively. Fails when the
     * source lacks a required column or has columns the table does not know.
     */
    private static String castingSelect(Connection connection, Table table, RowSource source) throws SQLException {
        String relation = source.relation();
        Map<String, String> sourceColumns = new LinkedHashMap<>();
        try {
            for (List<Object> row : DuckDbEngine.rows(connection, "DESCRIBE SELECT * FROM " + relation)) {
                sourceColumns.put(((String) row.get(0)).toLowerCase(Locale.ROOT), (String) row.get(0));
            }
        } catch (SQLException e) {
            NorthstarException translated = DuckDbEngine.translate(e, "Cannot read " + source.description());
            throw new NorthstarException(translated.code() == ErrorCode.INTERNAL ? ErrorCode.INVALID_DATA
                    : translated.code(), translated.getMessage(), translated.hint(), e);
        }
        Schema schema = table.schema();
        List<String> expressions = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            String sourceName = sourceColumns.remove(field.name().toLowerCase(Locale.ROOT));
            String duckType = TypeMapping.duckdbType(field.type());
            if (sourceName == null) {
                if (field.isRequired()) {
                    throw new NorthstarException(ErrorCode.SCHEMA_MISMATCH,
                            "Column '" + field.name() + "' is required but " + source.description() + " has no such "
                                    + "column (it has " + String.join(", ", sourceColumnsOf(connection, relation)) + ")",
                            "Add the column to the source, or rename a source column to '" + field.name() + "'");
                }
                expressions.add("CAST(NULL AS " + duckType + ") AS " + quote(field.name()));
            } else {
                expressions.add("CAST(" + quote(sourceName) + " AS " + duckType + ") AS " + quote(field.name()));
            }
        }
        if (!sourceColumns.isEmpty()) {
            List<String> known = schema.columns().stream().map(Types.NestedField::name).toList();
            String extras = sourceColumns.values().stream().map(name -> {
                List<String> close = dev.northstar.spi.error.CloseMatches.of(name, known);
                return "'" + name + "'" + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)");
            }).collect(Collectors.joining(", "));
            throw new NorthstarException(ErrorCode.SCHEMA_MISMATCH,
                    source.description() + " has column(s) the table " + displayName(table) + " does not have: " + extras,
                    "Remove or rename these columns, or add them to the table (northstar table evolve / add column)");
        }
        return "SELECT " + String.join(", ", expressions) + " FROM " + relation + " AS __ns_source";
    }

    private static List<String> sourceColumnsOf(Connection connection, String relation) throws SQLException {
        List<String> names = new ArrayList<>();
        for (List<Object> row : DuckDbEngine.rows(connection, "DESCRIBE SELECT * FROM " + relation)) {
            names.add((String) row.get(0));
        }
        return names;
    }

    /**
     * A failed COPY: when a value does not convert to its column's type, find the first offending column and value so
     * the message names them.
     */
    private static NorthstarException conversionError(Connection connection, SQLException error, Table table,
            RowSource source, String description) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (source != null
                && (message.startsWith("Conversion Error") || message.startsWith("Invalid Input Error"))) {
            boolean csv = source instanceof RowSource.FileSource file && file.format().equals("csv");
            for (Types.NestedField field : table.schema().columns()) {
                String column = quote(field.name());
                // Rows are numbered in scan order, which DuckDB preserves; the CSV line counts the header line.
                String probe = "SELECT row_number, value FROM (SELECT row_number() OVER () AS row_number, CAST("
                        + column + " AS VARCHAR) AS value, " + column + " IS NOT NULL AND TRY_CAST(" + column
                        + " AS " + TypeMapping.duckdbType(field.type()) + ") IS NULL AS invalid FROM "
                        + source.relation() + ") WHERE invalid ORDER BY row_number LIMIT 1";
                try {
                    List<List<Object>> rows = DuckDbEngine.rows(connection, probe);
                    if (!rows.isEmpty()) {
                        long row = ((Number) rows.get(0).get(0)).longValue();
                        return new NorthstarException(ErrorCode.SCHEMA_MISMATCH,
                                String.format(Locale.ROOT, "%s, row %d%s: value '%s' of column '%s' is not a valid %s",
                                        description, row, csv ? " (line " + (row + 1) + ")" : "", rows.get(0).get(1),
                                        field.name(), TypeMapping.text(field.type())),
                                "Fix the value in the source, or change the column's type");
                    }
                } catch (SQLException probeFailure) {
                    // The probe names the column when it can; otherwise DuckDB's own message below still holds.
                    error.addSuppressed(probeFailure);
                }
            }
            return new NorthstarException(ErrorCode.SCHEMA_MISMATCH, description + ": " + message,
                    "Fix the value named in the message, or change the column's type", error);
        }
        return DuckDbEngine.translate(error, "Cannot write " + description + " to " + displayName(table));
    }

    /** {@code domain.table} of an Iceberg table named {@code catalog.domain.table}. */
    static String displayName(Table table) {
        String name = table.name();
        int first = name.indexOf('.');
        return first >= 0 && name.indexOf('.', first + 1) > 0 ? name.substring(first + 1) : name;
    }

    static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path file : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Leftover files of a failed write are orphans that removeOrphanFiles deletes later.
        }
    }
}
