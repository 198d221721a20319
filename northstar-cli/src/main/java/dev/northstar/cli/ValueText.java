package dev.northstar.cli;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How query values are shown: SQL-like text for tables and CSV, JSON-ready values for JSON. */
final class ValueText {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(TIME)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(LOCAL_DATE_TIME)
            .appendOffset("+HH:MM", "+00")
            .toFormatter(Locale.ROOT);

    private ValueText() {}

    /** Text of a value; {@code null} is shown as {@code nullText}. */
    static String text(Object value, String nullText) {
        if (value == null) {
            return nullText;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return decimalText(((Number) value).doubleValue());
        }
        if (value instanceof LocalDateTime dateTime) {
            return LOCAL_DATE_TIME.format(dateTime);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return OFFSET_DATE_TIME.format(dateTime);
        }
        if (value instanceof LocalTime time) {
            return TIME.format(time);
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + java.util.HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return JsonText.write(json(value));
        }
        return value.toString();
    }

    /** A value JSON can carry without loss: numbers stay numbers, everything temporal becomes its text. */
    static Object json(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            // As a decimal, the JSON number reads like the table cell (12345678.9, not 1.23456789E7).
            return Double.isFinite(number) ? BigDecimal.valueOf(number) : decimalText(number);
        }
        if (value instanceof Number) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ValueText::json).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((key, element) -> converted.put(String.valueOf(key), json(element)));
            return converted;
        }
        return text(value, null);
    }

    static boolean isNumeric(Object value) {
        return value instanceof Number;
    }

    private static String decimalText(double number) {
        if (!Double.isFinite(number)) {
            return Double.toString(number);
        }
        // Plain digits (no 1.0E7), shortest representation that reads back to the same double; a whole double keeps
        // its ".0" so that it still reads as a floating-point value.
        String text = BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
        return text.indexOf('.') < 0 ? text + ".0" : text;
    }
}
