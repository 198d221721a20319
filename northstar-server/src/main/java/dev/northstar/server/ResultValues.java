package dev.northstar.server;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the Java values of query results into values JSON can carry without loss or surprise, and into the text the
 * console shows. One place, so the API and the console agree on how a value looks.
 */
final class ResultValues {
    private ResultValues() {}

    /** A row with every value made JSON-friendly; nulls stay (a row is a positional list). */
    static List<Object> jsonRow(List<Object> row) {
        List<Object> values = new ArrayList<>(row.size());
        for (Object value : row) {
            values.add(json(value));
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * Decimals and big integers stay numbers; doubles that JSON cannot hold (NaN, infinities) become strings; times
     * become ISO-8601 strings; binary becomes base64; lists and maps are converted element by element.
     */
    static Object json(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof BigDecimal
                || value instanceof BigInteger || value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte) {
            return value;
        }
        if (value instanceof Double number) {
            return number.isNaN() || number.isInfinite() ? number.toString() : number;
        }
        if (value instanceof Float number) {
            return number.isNaN() || number.isInfinite() ? number.toString() : number;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return json(timestamp.toLocalDateTime());
        }
        if (value instanceof java.sql.Date date) {
            return json(date.toLocalDate());
        }
        if (value instanceof java.sql.Time time) {
            return json(time.toLocalTime());
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant().toString();
        }
        // ISO-8601 with seconds always written, so every value of a column has the same shape.
        if (value instanceof LocalDateTime dateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
        }
        if (value instanceof LocalTime time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Collection<?> collection) {
            List<Object> values = new ArrayList<>(collection.size());
            for (Object element : collection) {
                values.add(json(element));
            }
            return values;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.forEach((key, element) -> values.put(String.valueOf(key), json(element)));
            return values;
        }
        if (value instanceof java.sql.Array array) {
            try {
                Object elements = array.getArray();
                return elements instanceof Object[] objects ? json(List.of(objects)) : String.valueOf(elements);
            } catch (SQLException e) {
                return array.toString();
            }
        }
        return value.toString();
    }

    /** The text of a value in a console grid; {@code null} for SQL NULL, which the grid styles apart. */
    static String display(Object value) {
        Object json = json(value);
        if (json == null) {
            return null;
        }
        if (json instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (json instanceof Collection<?> || json instanceof Map<?, ?>) {
            return displayNested(json);
        }
        return json.toString();
    }

    private static String displayNested(Object json) {
        if (json instanceof Collection<?> collection) {
            StringBuilder text = new StringBuilder("[");
            for (Object element : collection) {
                text.append(text.length() > 1 ? ", " : "").append(displayNested(element));
            }
            return text.append(']').toString();
        }
        if (json instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder("{");
            map.forEach((key, element) ->
                    text.append(text.length() > 1 ? ", " : "").append(key).append(": ").append(displayNested(element)));
            return text.append('}').toString();
        }
        if (json instanceof String string) {
            return "'" + string + "'";
        }
        return json == null ? "NULL" : json instanceof BigDecimal decimal ? decimal.toPlainString() : json.toString();
    }
}
