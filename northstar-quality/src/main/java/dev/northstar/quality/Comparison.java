package dev.northstar.quality;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.util.List;
import java.util.Locale;

/**
 * What a measured value must satisfy, with the operators of the Open Data Contract Standard v3 quality rules.
 *
 * @param operator the comparison
 * @param values one bound, or two (lower, upper) for {@link Operator#MUST_BE_BETWEEN} and
 *     {@link Operator#MUST_NOT_BE_BETWEEN}; both bounds are inclusive
 */
public record Comparison(Operator operator, List<Double> values) {
    /** The ODCS comparison operators. */
    public enum Operator {
        MUST_BE("mustBe", "=", 1),
        MUST_NOT_BE("mustNotBe", "!=", 1),
        MUST_BE_GREATER_THAN("mustBeGreaterThan", ">", 1),
        MUST_BE_GREATER_OR_EQUAL_TO("mustBeGreaterOrEqualTo", ">=", 1),
        MUST_BE_LESS_THAN("mustBeLessThan", "<", 1),
        MUST_BE_LESS_OR_EQUAL_TO("mustBeLessOrEqualTo", "<=", 1),
        MUST_BE_BETWEEN("mustBeBetween", "between", 2),
        MUST_NOT_BE_BETWEEN("mustNotBeBetween", "not between", 2);

        private final String contractName;
        private final String symbol;
        private final int arity;

        Operator(String contractName, String symbol, int arity) {
            this.contractName = contractName;
            this.symbol = symbol;
            this.arity = arity;
        }

        /** The key in an ODCS quality rule, e.g. {@code mustBeGreaterThan}. */
        public String contractName() {
            return contractName;
        }

        /** How many values the operator takes. */
        public int arity() {
            return arity;
        }

        /**
         * The operator of an ODCS key, case-insensitive.
         *
         * @throws NorthstarException {@code INVALID_ARGUMENT} naming the key and the known ones
         */
        public static Operator fromContractName(String name) {
            for (Operator operator : values()) {
                if (operator.contractName.equalsIgnoreCase(name)) {
                    return operator;
                }
            }
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Unknown comparison '" + name + "'",
                    "Use one of mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan,"
                            + " mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween");
        }
    }

    public Comparison {
        requireNonNull(operator, "operator is null");
        values = List.copyOf(requireNonNull(values, "values is null"));
        if (values.size() != operator.arity) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    operator.contractName + " takes " + operator.arity + " value(s), got " + values,
                    operator.arity == 2 ? "Write the bounds as a list, e.g. " + operator.contractName + ": [10, 20]"
                            : "Write one number, e.g. " + operator.contractName + ": 0");
        }
        if (operator.arity == 2 && values.get(0) > values.get(1)) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT,
                    operator.contractName + " bounds " + values + " are in the wrong order",
                    "Write the lower bound first");
        }
    }

    public static Comparison mustBe(double value) {
        return new Comparison(Operator.MUST_BE, List.of(value));
    }

    public static Comparison mustBeGreaterThan(double value) {
        return new Comparison(Operator.MUST_BE_GREATER_THAN, List.of(value));
    }

    public static Comparison mustBeLessOrEqualTo(double value) {
        return new Comparison(Operator.MUST_BE_LESS_OR_EQUAL_TO, List.of(value));
    }

    public static Comparison mustBeBetween(double lower, double upper) {
        return new Comparison(Operator.MUST_BE_BETWEEN, List.of(lower, upper));
    }

    /** Whether {@code measured} satisfies the comparison. */
    public boolean test(double measured) {
        double first = values.get(0);
        return switch (operator) {
            case MUST_BE -> measured == first;
            case MUST_NOT_BE -> measured != first;
            case MUST_BE_GREATER_THAN -> measured > first;
            case MUST_BE_GREATER_OR_EQUAL_TO -> measured >= first;
            case MUST_BE_LESS_THAN -> measured < first;
            case MUST_BE_LESS_OR_EQUAL_TO -> measured <= first;
            case MUST_BE_BETWEEN -> measured >= first && measured <= values.get(1);
            case MUST_NOT_BE_BETWEEN -> measured < first || measured > values.get(1);
        };
    }

    /** The expectation as people read it, e.g. {@code > 100} or {@code between 1 and 5}. */
    public String text() {
        if (operator.arity == 2) {
            return operator.symbol + " " + number(values.get(0)) + " and " + number(values.get(1));
        }
        return operator.symbol + " " + number(values.get(0));
    }

    /** A number without a useless {@code .0}. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    @Override
    public String toString() {
        return text();
    }
}
