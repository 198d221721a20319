package dev.northstar.spi.schema;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column type of a Northstar table: the types Iceberg and DuckDB agree on.
 *
 * <p>Text form (used in YAML, the CLI and the API): {@code boolean, int, long, float, double, decimal(P,S), date,
 * time, timestamp, timestamptz, string, uuid, binary, list<T>, struct<name:T,...>}.
 */
public sealed interface ColumnType
        permits ColumnType.Primitive, ColumnType.Decimal, ColumnType.ListOf, ColumnType.Struct {

    /** Canonical text form, parseable by {@link #parse(String)}. */
    String text();

    /** Scalar types without parameters. */
    enum Primitive implements ColumnType {
        BOOLEAN("boolean"),
        INT("int"),
        LONG("long"),
        FLOAT("float"),
        DOUBLE("double"),
        DATE("date"),
        TIME("time"),
        /** Timestamp without time zone (local date-time). */
        TIMESTAMP("timestamp"),
        /** Timestamp with time zone (an instant, stored in UTC). */
        TIMESTAMPTZ("timestamptz"),
        STRING("string"),
        UUID("uuid"),
        BINARY("binary");

        private final String text;

        Primitive(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }
    }

    /** Fixed-point decimal. */
    record Decimal(int precision, int scale) implements ColumnType {
        public Decimal {
            if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
                throw NorthstarException.of(ErrorCode.INVALID_ARGUMENT,
                        "decimal(%d,%d) is invalid: precision must be 1..38 and scale 0..precision", precision, scale);
            }
        }

        @Override
        public String text() {
            return "decimal(" + precision + "," + scale + ")";
        }
    }

    /** A list of elements of one type. */
    record ListOf(ColumnType element) implements ColumnType {
        public ListOf {
            requireNonNull(element, "element is null");
        }

        @Override
        public String text() {
            return "list<" + element.text() + ">";
        }
    }

    /** A nested record with named fields. */
    record Struct(List<Column> fields) implements ColumnType {
        public Struct {
            fields = List.copyOf(requireNonNull(fields, "fields is null"));
            NorthstarException.checkArgument(!fields.isEmpty(), "struct<> needs at least one field");
        }

        @Override
        public String text() {
            StringBuilder text = new StringBuilder("struct<");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(fields.get(i).name()).append(':').append(fields.get(i).type().text());
            }
            return text.append('>').toString();
        }
    }

    /**
     * Parses the text form of a type. Synonyms accepted: {@code integer}, {@code bigint}, {@code varchar},
     * {@code text}, {@code bool}, {@code timestamp_tz}, {@code timestamp with time zone}, {@code array<T>}.
     *
     * @throws NorthstarException with {@link ErrorCode#INVALID_ARGUMENT} naming the offending text
     */
    static ColumnType parse(String text) {
        requireNonNull(text, "text is null");
        Parser parser = new Parser(text);
        ColumnType type = parser.type();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw parser.error("unexpected text after the type");
        }
        return type;
    }

    /** Small recursive-descent parser for the type text form. */
    final class Parser {
        private final String text;
        private int position;

        private Parser(String text) {
            this.text = text;
        }

        ColumnType type() {
            skipSpaces();
            String word = word();
            switch (word) {
                case "boolean", "bool" -> {
                    return Primitive.BOOLEAN;
                }
                case "int", "integer", "int32" -> {
                    return Primitive.INT;
                }
                case "long", "bigint", "int64" -> {
                    return Primitive.LONG;
                }
                case "float", "real", "float32" -> {
                    return Primitive.FLOAT;
                }
                case "double", "float64" -> {
                    return Primitive.DOUBLE;
                }
                case "date" -> {
                    return Primitive.DATE;
                }
                case "time" -> {
                    return Primitive.TIME;
                }
                case "timestamp" -> {
                    skipSpaces();
                    if (text.regionMatches(true, position, "with time zone", 0, 14)) {
                        position += 14;
                        return Primitive.TIMESTAMPTZ;
                    }
                    return Primitive.TIMESTAMP;
                }
                case "timestamptz", "timestamp_tz" -> {
                    return Primitive.TIMESTAMPTZ;
                }
                case "string", "varchar", "text" -> {
                    return Primitive.STRING;
                }
                case "uuid" -> {
                    return Primitive.UUID;
                }
                case "binary", "blob", "bytes" -> {
                    return Primitive.BINARY;
                }
                case "decimal", "numeric" -> {
                    expect('(');
                    int precision = number();
                    expect(',');
                    int scale = number();
                    expect(')');
                    return new Decimal(precision, scale);
                }
                case "list", "array" -> {
                    expect('<');
                    ColumnType element = type();
                    expect('>');
                    return new ListOf(element);
                }
                case "struct" -> {
                    expect('<');
                    List<Column> fields = new ArrayList<>();
                    do {
                        skipSpaces();
                        String name = word();
                        expect(':');
                        fields.add(Column.optional(name, type()));
                        skipSpaces();
                    } while (consume(','));
                    expect('>');
                    return new Struct(fields);
                }
                default -> throw error("unknown type '" + word + "'");
            }
        }

        private String word() {
            int start = position;
            while (position < text.length()
                    && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            if (start == position) {
                throw error("expected a type or field name");
            }
            return text.substring(start, position).toLowerCase(Locale.ROOT);
        }

        private int number() {
            skipSpaces();
            int start = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (start == position) {
                throw error("expected a number");
            }
            return Integer.parseInt(text.substring(start, position));
        }

        private void expect(char expected) {
            if (!consume(expected)) {
                throw error("expected '" + expected + "'");
            }
        }

        private boolean consume(char expected) {
            skipSpaces();
            if (position < text.length() && text.charAt(position) == expected) {
                position++;
                return true;
            }
            return false;
        }

        void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        boolean atEnd() {
            return position >= text.length();
        }

        NorthstarException error(String problem) {
            return new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    String.format(Locale.ROOT, "Invalid column type '%s' at position %d: %s", text, position + 1, problem),
                    "Use one of boolean, int, long, float, double, decimal(P,S), date, time, timestamp, timestamptz, "
                            + "string, uuid, binary, list<T>, struct<name:T,...>");
        }
    }
}
