package dev.northstar.lake;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.ColumnType;
import dev.northstar.spi.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Translations between Northstar column types, Iceberg types and DuckDB types, and the DuckDB clauses that carry
 * Iceberg field ids (COPY's {@code FIELD_IDS} and read_parquet's {@code schema}).
 */
final class TypeMapping {
    private TypeMapping() {}

    /** Iceberg schema for a new table; field ids are assigned in order (Iceberg reassigns them on create anyway). */
    static Schema icebergSchema(TableSchema schema) {
        AtomicInteger nextId = new AtomicInteger(1);
        List<Types.NestedField> fields = new ArrayList<>();
        for (Column column : schema.columns()) {
            fields.add(field(column, nextId));
        }
        return new Schema(fields);
    }

    private static Types.NestedField field(Column column, AtomicInteger nextId) {
        int id = nextId.getAndIncrement();
        Type type = icebergType(column.type(), nextId);
        String doc = column.doc().isEmpty() ? null : column.doc();
        return column.required()
                ? Types.NestedField.required(id, column.name(), type, doc)
                : Types.NestedField.optional(id, column.name(), type, doc);
    }

    static Type icebergType(ColumnType type, AtomicInteger nextId) {
        if (type instanceof ColumnType.Primitive primitive) {
            return switch (primitive) {
                case BOOLEAN -> Types.BooleanType.get();
                case INT -> Types.IntegerType.get();
                case LONG -> Types.LongType.get();
                case FLOAT -> Types.FloatType.get();
                case DOUBLE -> Types.DoubleType.get();
                case DATE -> Types.DateType.get();
                case TIME -> Types.TimeType.get();
                case TIMESTAMP -> Types.TimestampType.withoutZone();
                case TIMESTAMPTZ -> Types.TimestampType.withZone();
                case STRING -> Types.StringType.get();
                case UUID -> Types.UUIDType.get();
                case BINARY -> Types.BinaryType.get();
            };
        }
        if (type instanceof ColumnType.Decimal decimal) {
            return Types.DecimalType.of(decimal.precision(), decimal.scale());
        }
        if (type instanceof ColumnType.ListOf list) {
            int elementId = nextId.getAndIncrement();
            return Types.ListType.ofOptional(elementId, icebergType(list.element(), nextId));
        }
        ColumnType.Struct struct = (ColumnType.Struct) type;
        List<Types.NestedField> fields = new ArrayList<>();
        for (Column column : struct.fields()) {
            fields.add(field(column, nextId));
        }
        return Types.StructType.of(fields);
    }

    /** Northstar type text of an Iceberg type. */
    static String text(Type type) {
        return switch (type.typeId()) {
            case BOOLEAN -> "boolean";
            case INTEGER -> "int";
            case LONG -> "long";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC() ? "timestamptz" : "timestamp";
            case STRING -> "string";
            case UUID -> "uuid";
            case BINARY, FIXED -> "binary";
            case DECIMAL -> "decimal(" + ((Types.DecimalType) type).precision() + ","
                    + ((Types.DecimalType) type).scale() + ")";
            case LIST -> "list<" + text(((Types.ListType) type).elementType()) + ">";
            case STRUCT -> type.asStructType().fields().stream()
                    .map(field -> field.name() + ":" + text(field.type()))
                    .collect(Collectors.joining(",", "struct<", ">"));
            default -> throw NorthstarException.of(ErrorCode.INTERNAL, "Unsupported Iceberg type %s", type);
        };
    }

    /** Northstar column type of an Iceberg type. */
    static ColumnType columnType(Type type) {
        return ColumnType.parse(text(type));
    }

    /**
     * Northstar column type of a DuckDB result type, for tables created from a query. HUGEINT (DuckDB's sum of
     * integers) becomes decimal(38,0); types without an Iceberg counterpart are an error naming the column.
     */
    static ColumnType fromDuckDb(String duckDbType, String column) {
        String type = duckDbType.trim().toUpperCase(java.util.Locale.ROOT);
        if (type.endsWith("[]")) {
            return new ColumnType.ListOf(fromDuckDb(type.substring(0, type.length() - 2), column));
        }
        java.util.regex.Matcher decimal = java.util.regex.Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)")
                .matcher(type);
        if (decimal.matches()) {
            return new ColumnType.Decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        return switch (type) {
            case "BOOLEAN" -> ColumnType.Primitive.BOOLEAN;
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> ColumnType.Primitive.INT;
            case "BIGINT", "UINTEGER" -> ColumnType.Primitive.LONG;
            case "HUGEINT", "UBIGINT", "UHUGEINT" -> new ColumnType.Decimal(38, 0);
            case "FLOAT" -> ColumnType.Primitive.FLOAT;
            case "DOUBLE" -> ColumnType.Primitive.DOUBLE;
            case "DATE" -> ColumnType.Primitive.DATE;
            case "TIME" -> ColumnType.Primitive.TIME;
            case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_S", "TIMESTAMP_NS" -> ColumnType.Primitive.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> ColumnType.Primitive.TIMESTAMPTZ;
            case "VARCHAR" -> ColumnType.Primitive.STRING;
            case "UUID" -> ColumnType.Primitive.UUID;
            case "BLOB" -> ColumnType.Primitive.BINARY;
            default -> throw NorthstarException.of(ErrorCode.INVALID_SQL,
                    "Column %s of the query has DuckDB type %s, which no table column type holds; cast it, e.g."
                            + " CAST(%s AS VARCHAR)", column, duckDbType, column);
        };
    }

    /** DuckDB type of an Iceberg type. */
    static String duckdbType(Type type) {
        return switch (type.typeId()) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case LONG -> "BIGINT";
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
            case STRING -> "VARCHAR";
            case UUID -> "UUID";
            case BINARY, FIXED -> "BLOB";
            case DECIMAL -> "DECIMAL(" + ((Types.DecimalType) type).precision() + ","
                    + ((Types.DecimalType) type).scale() + ")";
            case LIST -> duckdbType(((Types.ListType) type).elementType()) + "[]";
            case STRUCT -> type.asStructType().fields().stream()
                    .map(field -> quote(field.name()) + " " + duckdbType(field.type()))
                    .collect(Collectors.joining(", ", "STRUCT(", ")"));
            default -> throw NorthstarException.of(ErrorCode.INTERNAL, "Unsupported Iceberg type %s", type);
        };
    }

    /** DuckDB {@code FIELD_IDS} value of COPY: every field, nested ones included, with its Iceberg id. */
    static String fieldIds(Schema schema) {
        return schema.columns().stream()
                .map(field -> quote(field.name()) + ": " + fieldIdValue(field))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String fieldIdValue(Types.NestedField field) {
        Type type = field.type();
        if (type.isListType()) {
            Types.NestedField element = type.asListType().fields().get(0);
            return "{__duckdb_field_id: " + field.fieldId() + ", element: " + fieldIdValue(element) + "}";
        }
        if (type.isStructType()) {
            return type.asStructType().fields().stream()
                    .map(child -> quote(child.name()) + ": " + fieldIdValue(child))
                    .collect(Collectors.joining(", ", "{__duckdb_field_id: " + field.fieldId() + ", ", "}"));
        }
        return Integer.toString(field.fieldId());
    }

    /**
     * DuckDB {@code read_parquet(..., schema = MAP {...})} value: top-level columns matched by Iceberg field id, so
     * renamed columns keep their data and added columns read as null in older files.
     */
    static String readSchema(Schema schema) {
        return schema.columns().stream()
                .map(field -> field.fieldId() + ": {name: " + literal(field.name()) + ", type: "
                        + literal(duckdbType(field.type())) + ", default_value: NULL}")
                .collect(Collectors.joining(", ", "MAP {", "}"));
    }

    /** A relation with the schema's columns and no rows, for tables without data files. */
    static String emptyRelation(Schema schema) {
        return schema.columns().stream()
                .map(field -> "CAST(NULL AS " + duckdbType(field.type()) + ") AS " + quote(field.name()))
                .collect(Collectors.joining(", ", "(SELECT ", " LIMIT 0)"));
    }

    /** A read_parquet relation over files, columns by field id. */
    static String parquetRelation(List<String> paths, Schema schema) {
        if (paths.isEmpty()) {
            return emptyRelation(schema);
        }
        return paths.stream().map(TypeMapping::literal)
                .collect(Collectors.joining(", ", "read_parquet([", "], schema = " + readSchema(schema) + ")"));
    }

    /**
     * A read_parquet relation over files whose columns carry the schema's names and types (files written while the
     * table had only this schema): columns by name, each cast to its type (a no-op DuckDB removes), in schema order.
     */
    static String parquetRelationByName(List<String> paths, Schema schema) {
        String columns = schema.columns().stream()
                .map(field -> "CAST(" + quote(field.name()) + " AS " + duckdbType(field.type()) + ") AS "
                        + quote(field.name()))
                .collect(Collectors.joining(", "));
        return paths.stream().map(TypeMapping::literal).collect(Collectors.joining(", ",
                "(SELECT " + columns + " FROM read_parquet([", "], hive_partitioning = false))"));
    }

    /** SQL identifier quoting. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** SQL string literal quoting. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
