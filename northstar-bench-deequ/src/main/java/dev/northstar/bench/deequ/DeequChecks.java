package dev.northstar.bench.deequ;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The Deequ side of {@code northstar bench quality}: the benchmark's 20 metric checks as one Deequ
 * {@code VerificationSuite} on Spark {@code local[2]}, over the Parquet data files of the Northstar table.
 *
 * <p>Arguments: {@code <runs> <file.parquet>...}. Each run reads the files and runs the suite; the last stdout line
 * is one JSON object: {@code {"deequ_s": <median seconds>, "runs_s": [...], "status": "...", "metrics": {...}}}, the
 * metrics named and counted as Northstar's quality engine names and counts them ({@code null_values.note} in rows,
 * {@code minimum.amount}...), so that the benchmark can check that both sides measured the same values.
 *
 * <p>Counts come from Deequ's ratios times the row count: completeness for null values, compliance of a SQL
 * predicate for missing, invalid and out-of-range values, distinctness for duplicates (the benchmark's duplicate
 * checks are on columns without nulls, where Deequ and Northstar count over the same rows).
 */
public final class DeequChecks {
    private static final String VALID_COUNTRIES = "'DE', 'FR', 'NL', 'BE', 'IT', 'ES', 'PL', 'SE'";
    private static final String VALID_STATUSES = "'placed', 'paid', 'shipped', 'delivered', 'returned'";
    private static final String EMAIL = "^[a-z0-9.]+@[a-z0-9]+[.][a-z]+$";
    private static final String SKU = "^SKU-[0-9]{5}$";

    /** Metric keys of Northstar, by Deequ compliance constraint, in the order of the checks. */
    private static final Map<String, String> COMPLIANCE = new LinkedHashMap<>();

    static {
        COMPLIANCE.put("missing_values.note", "note IS NULL OR note IN ('', 'N/A')");
        COMPLIANCE.put("missing_values.customer_email", "customer_email IS NULL OR customer_email IN ('')");
        COMPLIANCE.put("invalid_values.country", "country IS NOT NULL AND country NOT IN (" + VALID_COUNTRIES + ")");
        COMPLIANCE.put("invalid_values.status", "status IS NOT NULL AND status NOT IN (" + VALID_STATUSES + ")");
        COMPLIANCE.put("invalid_values.customer_email",
                "customer_email IS NOT NULL AND NOT (customer_email RLIKE '" + EMAIL + "')");
        COMPLIANCE.put("invalid_values.sku", "sku IS NOT NULL AND NOT (sku RLIKE '" + SKU + "')");
        COMPLIANCE.put("out_of_range.amount", "amount IS NOT NULL AND (amount < 0 OR amount > 100000)");
        COMPLIANCE.put("out_of_range.quantity", "quantity IS NOT NULL AND (quantity < 1 OR quantity > 1000)");
        COMPLIANCE.put("out_of_range.discount", "discount IS NOT NULL AND (discount < 0 OR discount > 1)");
    }

    private static final List<String> NULL_CHECKED = List.of("customer_email", "country", "discount", "note", "sku");
    private static final List<String> DUPLICATE_CHECKED = List.of("order_id", "sku");

    private DeequChecks() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: DeequChecks <runs> <file.parquet>...");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[0]);
        String[] files = Arrays.copyOfRange(args, 1, args.length);
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("northstar-bench-deequ")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        List<Double> seconds = new ArrayList<>();
        VerificationResult result = null;
        // One untimed warm-up run, as on the Northstar side: class loading and JIT are not billed to run 1.
        for (int run = 0; run <= runs; run++) {
            long start = System.nanoTime();
            Dataset<Row> data = spark.read().parquet(files);
            result = new VerificationSuite().onData(data).addCheck(checks()).run();
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (run > 0) {
                seconds.add(elapsed);
                System.err.printf(Locale.ROOT, "deequ run %d: %.3f s%n", run, elapsed);
            }
        }
        Map<String, Double> metrics = metrics(result);
        spark.stop();
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        String metricsJson = metrics.entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "\"%s\":%s", entry.getKey(), number(entry.getValue())))
                .collect(Collectors.joining(",", "{", "}"));
        System.out.printf(Locale.ROOT, "{\"deequ_s\":%.3f,\"runs_s\":%s,\"status\":\"%s\",\"metrics\":%s}%n", median,
                seconds.stream().map(value -> String.format(Locale.ROOT, "%.3f", value))
                        .collect(Collectors.joining(",", "[", "]")), result.status(), metricsJson);
    }

    /** The 20 checks; thresholds mirror the Northstar side's (they decide pass/fail, not the metrics compared). */
    static Check checks() {
        Check check = new Check(CheckLevel.Error(), "northstar bench quality",
                JavaConverters.asScalaBuffer(new ArrayList<com.amazon.deequ.constraints.Constraint>()).toSeq());
        check = check.hasSize(assertion(size -> ((Number) size).longValue() > 0), Option.empty());
        for (String column : NULL_CHECKED) {
            check = check.hasCompleteness(column, assertion(value -> ((Number) value).doubleValue() >= 0.5),
                    Option.empty(), Option.empty());
        }
        for (Map.Entry<String, String> entry : COMPLIANCE.entrySet()) {
            check = check.satisfies(entry.getValue(), entry.getKey(),
                    assertion(value -> ((Number) value).doubleValue() <= 0.5), Option.empty(),
                    JavaConverters.asScalaBuffer(new ArrayList<String>()).toList(), Option.empty());
        }
        for (String column : DUPLICATE_CHECKED) {
            check = check.hasDistinctness(JavaConverters.asScalaBuffer(List.of(column)).toSeq(),
                    assertion(value -> ((Number) value).doubleValue() > 0), Option.empty());
        }
        check = check.hasMin("amount", assertion(value -> ((Number) value).doubleValue() >= -1e9), Option.empty(),
                Option.empty());
        check = check.hasMax("amount", assertion(value -> ((Number) value).doubleValue() <= 1e9), Option.empty(),
                Option.empty());
        check = check.hasMax("discount", assertion(value -> ((Number) value).doubleValue() <= 1e9), Option.empty(),
                Option.empty());
        return check;
    }

    /** Deequ's metrics as Northstar's counts and values, keyed like Northstar's metrics. */
    static Map<String, Double> metrics(VerificationResult result) {
        Map<String, Double> byName = new LinkedHashMap<>();
        for (Metric<?> metric : JavaConverters.mapAsJavaMap(result.metrics()).values()) {
            if (metric instanceof DoubleMetric doubleMetric && doubleMetric.value().isSuccess()) {
                byName.put(doubleMetric.name() + "|" + doubleMetric.instance(),
                        ((Number) doubleMetric.value().get()).doubleValue());
            } else {
                throw new IllegalStateException("Deequ could not compute " + metric);
            }
        }
        double rows = require(byName, "Size|*");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("row_count", rows);
        for (String column : NULL_CHECKED) {
            metrics.put("null_values." + column, (double) Math.round(rows * (1 - require(byName, "Completeness|"
                    + column))));
        }
        for (String key : COMPLIANCE.keySet()) {
            metrics.put(key, (double) Math.round(rows * require(byName, "Compliance|" + key)));
        }
        for (String column : DUPLICATE_CHECKED) {
            metrics.put("duplicate_values." + column, (double) Math.round(rows * (1 - require(byName,
                    "Distinctness|" + column))));
        }
        metrics.put("minimum.amount", require(byName, "Minimum|amount"));
        metrics.put("maximum.amount", require(byName, "Maximum|amount"));
        metrics.put("maximum.discount", require(byName, "Maximum|discount"));
        return metrics;
    }

    private static double require(Map<String, Double> metrics, String key) {
        Double value = metrics.get(key);
        if (value == null) {
            throw new IllegalStateException("Deequ computed no metric " + key + "; it computed " + metrics.keySet());
        }
        return value;
    }

    private static Function1<Object, Object> assertion(java.util.function.Predicate<Object> test) {
        return value -> test.test(value);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value);
    }
}
