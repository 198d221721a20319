package dev.northstar.lake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Binder;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Turns the simple filters {@link SqlAnalysis} found into an Iceberg expression for scan planning. Any filter whose
 * constant cannot be converted exactly to the column's type is left out: pruning may only ever skip files that
 * cannot hold a matching row.
 */
final class PruningFilter {
    private PruningFilter() {}

    static Expression of(Schema schema, List<SqlAnalysis.Filter> filters) {
        Expression result = Expressions.alwaysTrue();
        for (SqlAnalysis.Filter filter : filters) {
            Optional<Expression> expression = toExpression(schema, filter);
            if (expression.isPresent()) {
                result = Expressions.and(result, expression.get());
            }
        }
        return result;
    }

    private static Optional<Expression> toExpression(Schema schema, SqlAnalysis.Filter filter) {
        Types.NestedField field = schema.caseInsensitiveFindField(filter.column());
        if (field == null || !field.type().isPrimitiveType()) {
            return Optional.empty();
        }
        String name = field.name();
        List<Object> values = new ArrayList<>();
        for (SqlAnalysis.Constant constant : filter.constants()) {
            Optional<Object> value = convert(field.type(), constant);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values.add(value.get());
        }
        Expression expression = switch (filter.operator()) {
            case "COMPARE_EQUAL" -> Expressions.equal(name, values.get(0));
            case "COMPARE_NOTEQUAL" -> Expressions.notEqual(name, values.get(0));
            case "COMPARE_LESSTHAN" -> Expressions.lessThan(name, values.get(0));
            case "COMPARE_GREATERTHAN" -> Expressions.greaterThan(name, values.get(0));
            case "COMPARE_LESSTHANOREQUALTO" -> Expressions.lessThanOrEqual(name, values.get(0));
            case "COMPARE_GREATERTHANOREQUALTO" -> Expressions.greaterThanOrEqual(name, values.get(0));
            case "COMPARE_IN" -> Expressions.in(name, values);
            case "OPERATOR_IS_NULL" -> Expressions.isNull(name);
            case "OPERATOR_IS_NOT_NULL" -> Expressions.notNull(name);
            default -> null;
        };
        if (expression == null) {
            return Optional.empty();
        }
        try {
            Binder.bind(schema.asStruct(), expression, false);
            return Optional.of(expression);
        } catch (RuntimeException e) {
            // A value Iceberg cannot bind to the column is no use for pruning; DuckDB still applies the filter.
            return Optional.empty();
        }
    }

    /**
     * The constant as a Java value of the column's Iceberg type, or empty when the conversion is not exact (for
     * example 1.5 against an integer column, or a date against a timestamp with time zone, whose meaning depends on
     * the session time zone).
     */
    private static Optional<Object> convert(Type type, SqlAnalysis.Constant constant) {
        Object value = constant.value();
        String castTo = constant.castTo();
        try {
            switch (type.typeId()) {
                case INTEGER:
                    if (value instanceof Long number && number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE
                            && castTo == null) {
                        return Optional.of(number.intValue());
                    }
                    return Optional.empty();
                case LONG:
                    return value instanceof Long number && castTo == null ? Optional.of(number) : Optional.empty();
                case DOUBLE:
                case FLOAT:
                    if (castTo != null) {
                        return Optional.empty();
                    }
                    if (value instanceof Long number) {
                        return Optional.of(type.typeId() == Type.TypeID.DOUBLE ? (Object) number.doubleValue()
                                : (Object) number.floatValue());
                    }
                    if (value instanceof Double number && type.typeId() == Type.TypeID.DOUBLE) {
                        return Optional.of(number);
                    }
                    return Optional.empty();
                case DECIMAL:
                    if (castTo != null) {
                        return Optional.empty();
                    }
                    if (value instanceof Long number) {
                        return Optional.of(BigDecimal.valueOf(number));
                    }
                    if (value instanceof BigDecimal number) {
                        return Optional.of(number);
                    }
                    return Optional.empty();
                case STRING:
                    return value instanceof String text && castTo == null ? Optional.of(text) : Optional.empty();
                case BOOLEAN:
                    return value instanceof Boolean flag ? Optional.of(flag) : Optional.empty();
                case DATE:
                    if (value instanceof String text && (castTo == null || castTo.equals("DATE"))) {
                        return Optional.of((int) LocalDate.parse(text).toEpochDay());
                    }
                    return Optional.empty();
                case TIMESTAMP:
                    if (((Types.TimestampType) type).shouldAdjustToUTC() || !(value instanceof String text)) {
                        return Optional.empty();
                    }
                    LocalDateTime time;
                    String trimmed = text.trim();
                    if ("DATE".equals(castTo)) {
                        time = LocalDate.parse(trimmed).atStartOfDay();
                    } else if (castTo == null || castTo.equals("TIMESTAMP")) {
                        // DuckDB reads '2024-06-01' as midnight when comparing with a timestamp.
                        time = trimmed.length() == 10 ? LocalDate.parse(trimmed).atStartOfDay()
                                : LocalDateTime.parse(trimmed.replace(' ', 'T'));
                    } else {
                        return Optional.empty();
                    }
                    return Optional.of(ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0),
                            time.atOffset(ZoneOffset.UTC).toLocalDateTime()));
                default:
                    return Optional.empty();
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
