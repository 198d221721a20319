package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path directory;

    @Test
    void lastLineIsOneJsonObjectAndTheScratchDirectoryIsGone() throws Exception {
        CliRun run = CliRun.run(directory, "bench", "lake", "--rows", "10000", "--runs", "1", "--work-dir",
                "scratch");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(lines.size() - 3)).startsWith("write  northstar ");
        assertThat(lines.get(lines.size() - 2)).startsWith("query  northstar ");
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("bench").asText()).isEqualTo("lake");
        assertThat(json.get("rows").asLong()).isEqualTo(10_000);
        assertThat(json.has("write_ratio")).isTrue();
        try (Stream<Path> left = Files.list(directory.resolve("scratch"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void gatewayComparesBothPrincipalsWithDuckDbAndEndsWithJson() throws Exception {
        CliRun run = CliRun.run(directory, "bench", "gateway", "--rows", "10000", "--runs", "1", "--work-dir",
                "scratch");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(lines.size() - 4)).startsWith("unrestricted     gateway median ");
        assertThat(lines.get(lines.size() - 3)).startsWith("filtered+masked  gateway median ");
        assertThat(lines.get(lines.size() - 2)).startsWith("target: gateway <= 1.1 x duckdb + 2 ms: ");
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("bench").asText()).isEqualTo("gateway");
        assertThat(json.get("rows").asLong()).isEqualTo(10_000);
        assertThat(json.get("gateway_ms").asDouble()).isPositive();
        assertThat(json.get("governed_ratio").asDouble()).isPositive();
        assertThat(json.has("within_target")).isTrue();
        try (Stream<Path> left = Files.list(directory.resolve("scratch"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void featuresMeasuresEachStoreAndEndsWithTheTargets() throws Exception {
        CliRun run = CliRun.run(directory, "bench", "features", "--cards", "200", "--events", "5000", "--lookups",
                "2000");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("{\"bench\":\"features\",\"store\":"
                + "\"in-process\",\"lookups\":2000,"));
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("bench").asText()).isEqualTo("features-summary");
        assertThat(json.get("in_process_p99_us").asDouble()).isPositive();
        assertThat(json.has("within_target")).isTrue();
    }

    @Test
    void modelsTrainsSyntheticAndPackModelsAndEndsWithJson() throws Exception {
        CliRun run = CliRun.run(directory, "bench", "models", "--rows", "20000", "--transactions", "20000");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).startsWith("{\"bench\":\"training\",\"rows\":20000,");
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("bench").asText()).isEqualTo("models");
        assertThat(json.get("fraud_training_rows").asLong()).isPositive();
        assertThat(json.has("fraud_roc_auc")).isTrue();
    }

    @Test
    void scoringDrivesTheServerFromAnotherProcessAndEndsWithJson() throws Exception {
        CliRun run = CliRun.run(directory, "bench", "scoring", "--rate", "50", "--seconds", "2", "--warmup", "1",
                "--transactions", "60000");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.outLines();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("bench").asText()).isEqualTo("scoring");
        assertThat(json.get("errors").asLong()).as(run.toString()).isZero();
        assertThat(json.get("p99_ms").asDouble()).isPositive();
        assertThat(json.get("rps").asDouble()).isGreaterThan(10);
    }

    @Test
    void ingestEndsWithOneJsonLineAccountingForEveryRow() throws Exception {
        CliRun run = CliRun.run(directory, "bench", "ingest", "--rows", "20000", "--runs", "1", "--work-dir",
                "scratch");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).startsWith("bench ingest: 20,000 rows");
        assertThat(lines.get(lines.size() - 3)).startsWith("ingest northstar ");
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("bench").asText()).isEqualTo("ingest");
        assertThat(json.get("rows").asLong()).isEqualTo(20_000);
        assertThat(json.get("rows_in").asLong()).isEqualTo(20_000);
        assertThat(json.get("rows_valid").asLong() + json.get("rows_quarantined").asLong()).isEqualTo(20_000);
        assertThat(json.get("rows_quarantined").asLong()).isPositive();
        assertThat(json.get("ratio").asDouble()).isPositive();
        try (Stream<Path> left = Files.list(directory.resolve("scratch"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void qualityWithoutDeequMeasuresNorthstarAndSaysWhyThereIsNoSpeedup() throws Exception {
        CliRun run = CliRun.run(directory, "bench", "quality", "--rows", "20000", "--runs", "1", "--no-deequ",
                "--work-dir", "scratch");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).startsWith("bench quality: 20,000 rows");
        assertThat(lines.get(lines.size() - 3)).startsWith("quality 20 checks over 20,000 rows: northstar median ")
                .contains("deequ not measured");
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("bench").asText()).isEqualTo("quality");
        assertThat(json.get("northstar_s").asDouble()).isPositive();
        assertThat(json.get("speedup").isNull()).isTrue();
        try (Stream<Path> left = Files.list(directory.resolve("scratch"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void qualityWhoseDeequSideCannotBeBuiltFailsWithTheReasonAndNoNumber() throws Exception {
        Files.createDirectories(directory.resolve("not-a-repository/northstar-bench-deequ"));

        CliRun run = CliRun.run(directory, "bench", "quality", "--rows", "1000", "--runs", "1", "--repository",
                "not-a-repository");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        List<String> lines = run.outLines();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("deequ_s").isNull()).isTrue();
        assertThat(json.get("speedup").isNull()).isTrue();
        assertThat(json.get("deequ_error").asText()).contains("northstar-bench-deequ");
    }

    @Test
    void rejectsNonPositiveSizes() {
        CliRun run = CliRun.run(directory, "bench", "lake", "--rows", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rows and --runs must be at least 1");
        assertThat(CliRun.run(directory, "bench", "ingest", "--runs", "0").err())
                .contains("--rows and --runs must be at least 1");
    }
}
