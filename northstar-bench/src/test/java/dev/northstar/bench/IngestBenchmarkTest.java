package dev.northstar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.ContractParser;
import dev.northstar.contracts.DataContract;
import dev.northstar.ingest.plan.ColumnRules;
import dev.northstar.ingest.plan.ProductRules;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run on 20k rows: every row is accounted for, broken rows are quarantined, the JSON line has its fields. */
class IngestBenchmarkTest {
    @TempDir
    Path directory;

    @Test
    void ingestsTheGeneratedFileAndReportsTheContractFields() throws Exception {
        Path work = directory.resolve("work");
        StringWriter progress = new StringWriter();

        IngestBenchmarkResult result = new IngestBenchmark(new IngestBenchmark.Options(20_000, 1, work),
                new PrintWriter(progress, true)).run();

        assertThat(progress.toString()).contains("bench ingest: 20,000 rows").contains("20-rule contract")
                .contains("run 1: northstar");
        assertThat(work).doesNotExist();
        JsonNode json = new ObjectMapper().readTree(result.toJson());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).startsWith("bench", "rows", "rows_in", "rows_valid", "rows_quarantined",
                "northstar_rows_per_s", "duckdb_rows_per_s", "ratio");
        assertThat(json.get("bench").asText()).isEqualTo("ingest");
        assertThat(json.get("rows").asLong()).isEqualTo(20_000);
        assertThat(json.get("rows_in").asLong()).isEqualTo(20_000);
        assertThat(json.get("rows_valid").asLong() + json.get("rows_quarantined").asLong()).isEqualTo(20_000);
        // Every broken row breaks exactly one rule, and no valid row breaks any.
        assertThat(json.get("rows_quarantined").asLong()).isPositive().isEqualTo(result.brokenRows());
        assertThat(json.get("northstar_rows_per_s").asDouble()).isPositive();
        assertThat(json.get("duckdb_rows_per_s").asDouble()).isPositive();
        assertThat(json.get("ratio").asDouble()).isPositive();
        assertThat(json.get("rules").asInt()).isEqualTo(20);
        // The peer drops what it cannot read: ragged rows and unparseable numbers at least.
        assertThat(json.get("duckdb_rows_written").asLong()).isLessThan(20_000).isGreaterThan(19_000);
        List<String> phases = new ArrayList<>();
        json.get("phases_ms").fieldNames().forEachRemaining(phases::add);
        assertThat(phases).containsExactly("setup", "read", "validate", "stage", "commit");
    }

    @Test
    void generatedFileHasEveryKindOfBrokenRow() throws Exception {
        Path csv = directory.resolve("orders.csv");
        try (Connection duckdb = IngestBenchmark.rawDuckDb(1)) {
            IngestBenchmark.generate(duckdb, csv, 5_000);
        }
        List<String> lines = Files.readAllLines(csv);

        assertThat(lines).hasSize(5_001);
        assertThat(lines.get(0)).isEqualTo("order_id,customer_email,country,status,amount,quantity,ordered_at,sku,"
                + "discount,note");
        assertThat(lines.get(1)).startsWith("1,c").contains("@example.com,");
        assertThat(lines).anyMatch(line -> line.split(",", -1).length == 9); // ragged
        assertThat(lines).anyMatch(line -> line.contains(",abc,"));
        assertThat(lines).anyMatch(line -> line.contains(",XX,"));
        assertThat(lines).anyMatch(line -> line.contains(",5000,"));
        assertThat(lines).anyMatch(line -> line.matches("\\d+,,.*")); // missing e-mail
        assertThat(lines).anyMatch(line -> line.matches("\\d+,c\\d+\\.example\\.com,.*")); // malformed e-mail
        assertThat(lines).anyMatch(line -> line.endsWith("," + "x".repeat(60))); // too long
        assertThat(IngestBenchmark.linesQuery(5)).isEqualTo(IngestBenchmark.linesQuery(5)).doesNotContain("random");
    }

    @Test
    void contractHasTwentyRulesMappedToIngestionRules() {
        DataContract contract = ContractParser.parse(IngestBenchmark.readContract(), IngestBenchmark.CONTRACT);

        ProductRules rules = IngestBenchmark.rules(contract);

        assertThat(rules.product().toString()).isEqualTo("bench.orders");
        assertThat(IngestBenchmark.ruleCount(rules)).isEqualTo(20);
        assertThat(rules.maxQuarantineShare()).isEqualTo(0.05);
        ColumnRules country = rules.columns().get(2);
        assertThat(country.required()).isTrue();
        assertThat(country.validValues()).containsExactly("DE", "FR", "NL", "BE", "IT", "ES", "PL", "SE");
        ColumnRules amount = rules.columns().get(4);
        assertThat(amount.minimum()).contains("0");
        assertThat(amount.maximum()).contains("100000");
        assertThat(rules.columns().get(0).unique()).isTrue();
        assertThat(rules.columns().get(7).pattern()).contains("SKU-[0-9]{5}");
    }

    @Test
    void mediansRatioAndJson() {
        IngestBenchmarkResult result = new IngestBenchmarkResult(1_000_000, 10_000, 2, 20, List.of(
                new IngestBenchmarkResult.Run(500_000_000L, 400_000_000L, 1_000_000, 990_000, 10_000, 995_000,
                        Map.of("read", 300_000_000L)),
                new IngestBenchmarkResult.Run(1_000_000_000L, 250_000_000L, 1_000_000, 990_000, 10_000, 995_000,
                        Map.of("read", 700_000_000L)),
                new IngestBenchmarkResult.Run(800_000_000L, 500_000_000L, 1_000_000, 990_000, 10_000, 995_000,
                        Map.of("read", 500_000_000L))));

        assertThat(result.northstarRowsPerSecond()).isEqualTo(1_250_000.0);
        assertThat(result.ratio()).isEqualTo(2.0);
        assertThat(result.medianRun().phaseNanos()).containsEntry("read", 500_000_000L);
        assertThat(result.toJson()).startsWith("{\"bench\":\"ingest\",\"rows\":1000000,\"rows_in\":1000000,"
                + "\"rows_valid\":990000,\"rows_quarantined\":10000,\"northstar_rows_per_s\":1250000,"
                + "\"duckdb_rows_per_s\":2500000,\"ratio\":2.000,").endsWith("\"phases_ms\":{\"read\":500}}");
    }
}
