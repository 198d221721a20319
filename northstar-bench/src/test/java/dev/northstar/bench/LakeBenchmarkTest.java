package dev.northstar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run on tiny data: the benchmark completes, cleans up and reports the agreed JSON fields. */
class LakeBenchmarkTest {
    @TempDir
    Path directory;

    @Test
    void runsBothSidesAndReportsTheContractFields() throws Exception {
        Path work = directory.resolve("work");
        StringWriter progress = new StringWriter();

        LakeBenchmarkResult result = new LakeBenchmark(new LakeBenchmark.Options(10_000, 2, work),
                new PrintWriter(progress, true)).run();

        assertThat(progress.toString()).contains("bench lake: 10,000 rows x 2 runs").contains("run 2: write northstar");
        assertThat(result.northstarWrites()).hasSize(2);
        assertThat(work).doesNotExist();
        JsonNode json = new ObjectMapper().readTree(result.toJson());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).startsWith("bench", "rows", "northstar_rows_per_s", "duckdb_rows_per_s", "write_ratio",
                "query_ratio");
        assertThat(json.get("bench").asText()).isEqualTo("lake");
        assertThat(json.get("rows").asLong()).isEqualTo(10_000);
        assertThat(json.get("northstar_rows_per_s").asDouble()).isPositive();
        assertThat(json.get("duckdb_rows_per_s").asDouble()).isPositive();
        assertThat(json.get("write_ratio").asDouble()).isPositive();
        assertThat(json.get("query_ratio").asDouble()).isPositive();
    }

    @Test
    void mediansAndRatios() {
        LakeBenchmarkResult result = new LakeBenchmarkResult(1_000_000, 3, 2,
                List.of(500_000_000L, 400_000_000L, 600_000_000L), List.of(400_000_000L, 410_000_000L, 390_000_000L),
                List.of(30_000_000L, 20_000_000L, 10_000_000L), List.of(10_000_000L, 10_000_000L, 10_000_000L));

        assertThat(LakeBenchmarkResult.median(List.of(3L, 1L, 2L, 10L))).isEqualTo(2);
        assertThat(result.northstarRowsPerSecond()).isEqualTo(2_000_000.0);
        assertThat(result.writeRatio()).isEqualTo(500.0 / 400.0);
        assertThat(result.queryRatio()).isEqualTo(2.0);
        assertThat(result.toJson()).startsWith("{\"bench\":\"lake\",\"rows\":1000000,\"northstar_rows_per_s\":2000000,"
                + "\"duckdb_rows_per_s\":2500000,\"write_ratio\":1.250,\"query_ratio\":2.000,");
    }

    @Test
    void rowsQueryIsDeterministic() {
        assertThat(LakeBenchmark.rowsQuery(5)).isEqualTo(LakeBenchmark.rowsQuery(5)).contains("FROM range(5)")
                .doesNotContain("random()");
    }
}
