package dev.northstar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit benchmark on a small log: both checks run, verify intact and are reported; the arithmetic. */
class AuditBenchmarkTest {
    @TempDir
    Path directory;

    @Test
    void timesTheFullWalkAndTheIncrementalCheck() throws Exception {
        StringWriter progress = new StringWriter();
        AuditBenchmarkResult result = new AuditBenchmark(new AuditBenchmark.Options(12_000, 2, directory),
                new PrintWriter(progress, true)).run();

        assertThat(progress.toString()).contains("appended 12,000 entries")
                .contains("run 2: full walk").contains("incremental after 1,000 new entries");
        assertThat(result.fullWalk()).hasSize(2).allSatisfy(nanos -> assertThat(nanos).isPositive());
        assertThat(result.incremental()).hasSize(2);
        JsonNode json = new ObjectMapper().readTree(result.toJson());
        assertThat(json.get("bench").asText()).isEqualTo("audit");
        assertThat(json.get("entries").asLong()).isEqualTo(12_000);
        assertThat(json.get("appended").asInt()).isEqualTo(AuditBenchmark.APPENDED);
        assertThat(json.get("full_walk_ms").asDouble()).isPositive();
        assertThat(json.get("speedup").asDouble()).isPositive();
    }

    @Test
    void speedupIsTheRatioOfMedians() {
        AuditBenchmarkResult result = new AuditBenchmarkResult(1_000_000, 3, 1_000,
                List.of(9_000_000_000L, 7_000_000_000L, 8_000_000_000L), List.of(40_000_000L, 50_000_000L, 60_000_000L));
        assertThat(result.speedup()).isEqualTo(160.0);
        assertThat(result.summary().get(0)).contains("median 8000.0 ms").contains("median 50.00 ms").contains("160x");
    }
}
