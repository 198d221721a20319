package dev.northstar.packs;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Deterministic random values in DuckDB SQL for data generators: every value derives from {@code hash(key, salt)}
 * of a row key (usually {@code range}) rather than from {@code random()}, so a generator gives the same rows on every
 * run and machine whatever DuckDB's thread interleaving.
 *
 * <p>The salt is added to the key rather than passed as a second argument: DuckDB's multi-argument hash keeps the low
 * bits of different salts correlated.
 */
public final class SqlRandom {
    private static final long MODULUS = 1_000_003;

    private final String key;

    private SqlRandom(String key) {
        this.key = key;
    }

    /** Values keyed on a SQL expression, e.g. {@code range} or {@code card_id * 1000 + step}. */
    public static SqlRandom of(String key) {
        return new SqlRandom(key);
    }

    /** A 64-bit hash of the key and a salt (a UBIGINT expression). */
    public String hash(int salt) {
        return "hash(" + key + " + " + salt * 1_000_000_007L + ")";
    }

    /** A uniform value in [0, 1). */
    public String uniform(int salt) {
        return "((" + hash(salt) + " % " + MODULUS + ")::DOUBLE / " + MODULUS + ")";
    }

    /** A uniform integer in [from, to], inclusive. */
    public String integer(int salt, long from, long to) {
        return "(" + from + " + (" + hash(salt) + " % " + (to - from + 1) + ")::BIGINT)";
    }

    /** A standard normal value (Box-Muller) from two salts. */
    public String normal(int salt, int otherSalt) {
        return "(sqrt(-2 * ln((" + hash(salt) + " % " + MODULUS + " + 1)::DOUBLE / " + (MODULUS + 1)
                + ")) * cos(2 * pi() * " + uniform(otherSalt) + "))";
    }

    /** Whether an event of probability {@code probability} (a SQL expression or number) happens. */
    public String chance(int salt, String probability) {
        return "(" + uniform(salt) + " < (" + probability + "))";
    }

    /** One of the values, uniformly. */
    public String pick(int salt, List<String> values) {
        return listLiteral(values) + "[1 + (" + hash(salt) + " % " + values.size() + ")::INTEGER]";
    }

    /** An index 0..weights.length-1 drawn with the given relative weights. */
    public String weighted(int salt, int[] weights) {
        List<String> indexes = new ArrayList<>();
        for (int index = 0; index < weights.length; index++) {
            for (int copy = 0; copy < weights[index]; copy++) {
                indexes.add(Integer.toString(index));
            }
        }
        return "[" + String.join(",", indexes) + "][1 + (" + hash(salt) + " % " + indexes.size() + ")::INTEGER]";
    }

    /** A SQL list of string literals. */
    public static String listLiteral(List<String> values) {
        return values.stream().map(SqlRandom::literal).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A SQL string literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
