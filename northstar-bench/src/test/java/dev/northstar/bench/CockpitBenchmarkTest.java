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

/** The cockpit benchmark on a small month: views are built, count every read and are reported; the arithmetic. */
class CockpitBenchmarkTest {
    @TempDir
    Path directory;

    @Test
    void timesTheViewsAndTheCeiling() throws Exception {
        StringWriter progress = new StringWriter();
        CockpitBenchmarkResult result = new CockpitBenchmark(new CockpitBenchmark.Options(20_000, 2, directory),
                new PrintWriter(progress, true)).run();

        assertThat(progress.toString()).contains("appended 20,000 audited reads")
                .contains("first view (rolls up and walks the whole log)").contains("run 2: view after 1,000 new reads");
        assertThat(result.views()).hasSize(2);
        JsonNode json = new ObjectMapper().readTree(result.toJson());
        assertThat(json.get("bench").asText()).isEqualTo("cockpit");
        assertThat(json.get("reads").asLong()).isEqualTo(20_000);
        assertThat(json.get("view_ms").asDouble()).isPositive();
        assertThat(json.get("parse_every_read_ms").asDouble()).isPositive();
    }

    @Test
    void speedupIsTheCeilingOverTheMedianView() {
        CockpitBenchmarkResult result = new CockpitBenchmarkResult(1_000_000, 3, 1_000, 9_000_000_000L,
                List.of(80_000_000L, 100_000_000L, 120_000_000L), 5_000_000_000L);
        assertThat(result.speedup()).isEqualTo(50.0);
        assertThat(result.summary().get(0)).contains("median 100.0 ms").contains("first view 9000 ms")
                .contains("50x");
    }
}
