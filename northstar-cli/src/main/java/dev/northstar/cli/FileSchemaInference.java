package dev.northstar.cli;

import dev.northstar.lake.RowSource;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema of a file, as DuckDB reads it ({@code DESCRIBE SELECT * FROM read_csv(...)}), translated to Northstar
 * column types. Used by {@code northstar load FILE --table T --create}.
 */
final class FileSchemaInference {
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private FileSchemaInference() {}

    static TableSchema infer(RowSource source) {
        String relation = source.relation();
        List<Column> columns = new ArrayList<>();
        // A private in-memory DuckDB: describing a file needs no catalog and must not touch the lake's connection.
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
            while (described.next()) {
                String name = described.getString("column_name");
                String type = described.getString("column_type");
                if (!COLUMN_NAME.matcher(name).matches()) {
                    throw new NorthstarException(ErrorCode.SCHEMA_MISMATCH,
                            "Column '" + name + "' of " + source.description() + " is not a valid column name",
                            "Rename it in the file (letters, digits and underscores), or create the table first with "
                                    + "'northstar table create' and load without --create");
                }
                columns.add(Column.optional(name, columnType(type, name, source)));
            }
        } catch (SQLException e) {
            throw new NorthstarException(ErrorCode.INVALID_DATA,
                    "Cannot read the columns of " + source.description() + ": " + e.getMessage(),
                    "Check that the file is valid CSV (with a header), JSON or Parquet", e);
        }
        return new TableSchema(columns);
    }

    /** Translates a DuckDB type name to a Northstar column type. */
    static ColumnType columnType(String duckdbType, String column, RowSource source) {
        String type = duckdbType.trim().toUpperCase(Locale.ROOT);
        if (type.endsWith("[]")) {
            return new ColumnType.ListOf(columnType(duckdbType.trim().substring(0, duckdbType.trim().length() - 2),
                    column, source));
        }
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return new ColumnType.Decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        if (type.startsWith("STRUCT(")) {
            // DuckDB writes STRUCT(a INTEGER, b VARCHAR); Northstar reads struct<a:int,b:string>.
            return structType(duckdbType.trim(), column, source);
        }
        if (type.startsWith("ENUM(")) {
            return ColumnType.Primitive.STRING;
        }
        return switch (type) {
            case "BOOLEAN" -> ColumnType.Primitive.BOOLEAN;
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> ColumnType.Primitive.INT;
            case "BIGINT", "UINTEGER" -> ColumnType.Primitive.LONG;
            case "UBIGINT", "HUGEINT", "UHUGEINT" -> new ColumnType.Decimal(38, 0);
            case "FLOAT", "REAL" -> ColumnType.Primitive.FLOAT;
            case "DOUBLE" -> ColumnType.Primitive.DOUBLE;
            case "DATE" -> ColumnType.Primitive.DATE;
            case "TIME" -> ColumnType.Primitive.TIME;
            case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> ColumnType.Primitive.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> ColumnType.Primitive.TIMESTAMPTZ;
            case "VARCHAR" -> ColumnType.Primitive.STRING;
            case "UUID" -> ColumnType.Primitive.UUID;
            case "BLOB" -> ColumnType.Primitive.BINARY;
            default -> throw new NorthstarException(ErrorCode.SCHEMA_MISMATCH,
                    "Column '" + column + "' of " + source.description() + " has the type " + duckdbType
                            + ", which Northstar tables cannot hold",
                    "Create the table first with 'northstar table create' and load without --create");
        };
    }

    private static ColumnType structType(String duckdbType, String column, RowSource source) {
        String body = duckdbType.substring("STRUCT(".length(), duckdbType.length() - 1);
        List<Column> fields = new ArrayList<>();
        for (String field : splitTopLevel(body)) {
            String trimmed = field.trim();
            int space = trimmed.indexOf(' ');
            String name = trimmed.substring(0, space).replace("\"", "");
            fields.add(Column.optional(name, columnType(trimmed.substring(space + 1), column + "." + name, source)));
        }
        return new ColumnType.Struct(fields);
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character == '(') {
                depth++;
            } else if (character == ')') {
                depth--;
            } else if (character == ',' && depth == 0) {
                parts.add(text.substring(start, index));
                start = index + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
