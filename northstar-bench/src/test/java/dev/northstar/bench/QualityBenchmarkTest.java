package dev.northstar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Northstar side on 20k rows, its metrics checked against raw DuckDB; the Deequ side only when the
 * {@code northstar-bench-deequ} module is built (it is a benchmark peer, not a platform test).
 */
class QualityBenchmarkTest {
    @TempDir
    Path directory;

    @Test
    void northstarSideMeasuresTheTwentyMetricsAndExplainsTheMissingPeer() throws Exception {
        Path work = directory.resolve("work");
        StringWriter progress = new StringWriter();

        QualityBenchmarkResult result = new QualityBenchmark(new QualityBenchmark.Options(20_000, 2, work,
                Optional.empty()), new PrintWriter(progress, true)).run();

        assertThat(progress.toString()).contains("bench quality: 20,000 rows").contains("20 checks x 2 runs")
                .contains("northstar run 2:");
        assertThat(work).doesNotExist();
        assertThat(result.northstarMetrics()).hasSize(20).doesNotContainValue(null);
        Map<String, Double> metrics = result.northstarMetrics();
        try (Connection duckdb = IngestBenchmark.rawDuckDb(1); Statement statement = duckdb.createStatement();
                ResultSet expected = statement.executeQuery("SELECT count(*), count(*) FILTER (WHERE note IS NULL),"
                        + " count(*) FILTER (WHERE note IS NULL OR note IN ('', 'N/A')),"
                        + " count(*) FILTER (WHERE country NOT IN ('DE', 'FR', 'NL', 'BE', 'IT', 'ES', 'PL', 'SE')),"
                        + " count(*) FILTER (WHERE NOT regexp_full_match(sku, 'SKU-[0-9]{5}')),"
                        + " count(*) FILTER (WHERE discount < 0 OR discount > 1), count(sku) - count(DISTINCT sku),"
                        + " min(amount)::DOUBLE, max(discount) FROM (" + QualityBenchmark.rowsQuery(20_000) + ")")) {
            expected.next();
            assertThat(metrics.get("row_count")).isEqualTo(20_000.0);
            assertThat(metrics.get("null_values.note")).isEqualTo(expected.getLong(2)).isPositive();
            assertThat(metrics.get("missing_values.note")).isEqualTo(expected.getLong(3))
                    .isGreaterThan(metrics.get("null_values.note"));
            assertThat(metrics.get("invalid_values.country")).isEqualTo(expected.getLong(4)).isPositive();
            assertThat(metrics.get("invalid_values.sku")).isEqualTo(expected.getLong(5)).isPositive();
            assertThat(metrics.get("out_of_range.discount")).isEqualTo(expected.getLong(6)).isPositive();
            assertThat(metrics.get("duplicate_values.sku")).isEqualTo(expected.getLong(7)).isPositive();
            assertThat(metrics.get("duplicate_values.order_id")).isZero();
            assertThat(metrics.get("minimum.amount")).isEqualTo(expected.getDouble(8)).isEqualTo(-1.0);
            assertThat(metrics.get("maximum.discount")).isEqualTo(expected.getDouble(9)).isEqualTo(1.5);
        }
        JsonNode json = new ObjectMapper().readTree(result.toJson());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).startsWith("bench", "rows", "northstar_s", "deequ_s", "speedup");
        assertThat(json.get("bench").asText()).isEqualTo("quality");
        assertThat(json.get("northstar_s").asDouble()).isPositive();
        assertThat(json.get("deequ_s").isNull()).isTrue();
        assertThat(json.get("speedup").isNull()).isTrue();
        assertThat(json.get("deequ_error").asText()).contains("not run");
        assertThat(result.summary().get(0)).contains("deequ not measured: the Deequ side was not run");
    }

    @Test
    void deequSideAgreesWithNorthstarWhenTheModuleIsBuilt() throws Exception {
        Optional<DeequPeer> peer = DeequPeer.find(List.of(Path.of("").toAbsolutePath()));
        boolean built = peer.isPresent() && Files.isRegularFile(peer.get().moduleDirectory().resolve("target")
                .resolve("runtime-classpath.txt"));
        if (!built) {
            System.out.println("SKIPPED QualityBenchmarkTest.deequSideAgreesWithNorthstarWhenTheModuleIsBuilt: "
                    + DeequPeer.MODULE + " is not built; run mvn -Pdeequ -pl " + DeequPeer.MODULE
                    + " -am package -DskipTests to include the Deequ peer");
        }
        Assumptions.assumeTrue(built, DeequPeer.MODULE + " is not built (mvn -Pdeequ -pl " + DeequPeer.MODULE
                + " -am package -DskipTests)");
        Path work = directory.resolve("work");
        StringWriter progress = new StringWriter();

        QualityBenchmarkResult result = new QualityBenchmark(new QualityBenchmark.Options(20_000, 1, work, peer),
                new PrintWriter(progress, true)).run();

        assertThat(result.deequ().failure()).as(progress.toString()).isEmpty();
        assertThat(result.disagreements()).isEmpty();
        assertThat(result.deequ().metrics()).hasSize(20);
        assertThat(result.speedup()).hasValueSatisfying(speedup -> assertThat(speedup).isPositive());
        assertThat(result.deequ().status()).isEqualTo("Success");
        assertThat(new ObjectMapper().readTree(result.toJson()).get("metrics_agree").asBoolean()).isTrue();
    }

    @Test
    void deequOutputIsParsedAndGarbageIsAFailureNotANumber() {
        DeequPeer.Outcome outcome = DeequPeer.parse("spark says hi\n{\"deequ_s\":2.500,\"runs_s\":[2.500],"
                + "\"status\":\"Success\",\"metrics\":{\"row_count\":10,\"maximum.discount\":1.5}}\n",
                directory.resolve("log"));

        assertThat(outcome.medianSeconds()).contains(2.5);
        assertThat(outcome.metrics()).containsEntry("row_count", 10.0).containsEntry("maximum.discount", 1.5);
        assertThat(DeequPeer.parse("Exception in thread main\n", directory.resolve("log")).failure())
                .hasValueSatisfying(why -> assertThat(why).contains("printed no JSON result"));
    }

    @Test
    void disagreeingMetricsAreReportedAndSpeedupIsDeequOverNorthstar() throws Exception {
        DeequPeer.Outcome deequ = new DeequPeer.Outcome(Optional.of(4.0), List.of(4.0),
                Map.of("row_count", 10.0, "maximum.discount", 1.5000000001), "Success", Optional.empty());
        QualityBenchmarkResult agreeing = new QualityBenchmarkResult(10, 1, 2, 2, List.of(500_000_000L),
                Map.of("row_count", 10.0, "maximum.discount", 1.5), deequ);
        QualityBenchmarkResult disagreeing = new QualityBenchmarkResult(10, 1, 2, 2, List.of(500_000_000L),
                Map.of("row_count", 11.0, "maximum.discount", 1.5), deequ);

        assertThat(agreeing.disagreements()).isEmpty();
        assertThat(agreeing.speedup()).contains(8.0);
        assertThat(agreeing.toJson()).startsWith("{\"bench\":\"quality\",\"rows\":10,\"northstar_s\":0.500,"
                + "\"deequ_s\":4.000,\"speedup\":8.00,");
        assertThat(disagreeing.disagreements()).containsExactly("row_count: northstar 11.0, deequ 10.0");
        QualityBenchmarkResult failed = new QualityBenchmarkResult(10, 1, 2, 2, List.of(500_000_000L),
                Map.of("row_count", 10.0), DeequPeer.Outcome.failed("mvn said \"no\" \u001b[1m\nat line 2"));
        assertThat(failed.toJson()).contains("\"deequ_s\":null,\"speedup\":null");
        assertThat(new ObjectMapper().readTree(failed.toJson()).get("deequ_error").asText())
                .isEqualTo("mvn said \"no\" \u001b[1m\nat line 2");
        assertThatThrownBy(() -> new QualityBenchmark.Options(0, 1, directory, Optional.empty()))
                .hasMessageContaining("rows must be at least 1");
    }
}
