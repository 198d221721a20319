package dev.northstar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class JsonAndParquetTest extends IngestTestBase {

    @Test
    void ndjsonMalformedLinesAreQuarantinedWithTheirLineNumbers() throws Exception {
        Path file = write("orders.ndjson", "{\"id\": 1, \"name\": \"a\", \"amount\": 10}\n"
                + "{\"id\": 2, \"name\": \n"
                + "\n"
                + "{\"id\": 3, \"name\": \"c\", \"amount\": 5000}\n"
                + "[1, 2]\n"
                + "{\"id\": 4, \"name\": \"d\", \"amount\": 4.5, \"extra\": true}\n");

        IngestResult result = ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(),
                CsvOptions.defaults()), orderRules()));

        assertThat(result.rowsIn()).isEqualTo(5);
        assertThat(result.rowsValid()).isEqualTo(2);
        assertThat(result.rowsQuarantined()).isEqualTo(3);
        assertThat(rows("SELECT _line, _raw_line, _reasons FROM shop.orders__quarantine ORDER BY _line"))
                .satisfiesExactly(
                        row -> {
                            assertThat(row.get(0)).isEqualTo(2L);
                            assertThat(row.get(1)).isEqualTo("{\"id\": 2, \"name\": ");
                            assertThat((String) row.get(2)).contains("source.json.syntax").contains("Line 2");
                        },
                        row -> assertThat((String) row.get(2)).contains("orders.amount.maximum"),
                        row -> assertThat((String) row.get(2)).contains("source.json.not_an_object")
                                .contains("Line 5"));
        assertThat(rows("SELECT _line FROM shop.orders__quarantine ORDER BY _line")).extracting(row -> row.get(0))
                .containsExactly(2L, 4L, 5L);
    }

    @Test
    void ndjsonLineWithInvalidUtf8IsQuarantinedNotMangled() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes("{\"id\": 1, \"name\": \"caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9);
        bytes.writeBytes("\", \"amount\": 1}\r\n{\"id\": 2, \"name\": \"été\", \"amount\": 2}\r\n"
                .getBytes(StandardCharsets.UTF_8));
        Path file = write("latin.ndjson", bytes.toByteArray());

        IngestResult result = ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(),
                CsvOptions.defaults()), orderRules()));

        assertThat(result.rowsIn()).isEqualTo(2);
        assertThat(rows("SELECT name FROM shop.orders")).containsExactly(List.of("été"));
        assertThat(rows("SELECT _line, _reasons FROM shop.orders__quarantine")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get(0)).isEqualTo(1L);
                    assertThat((String) row.get(1)).contains("source.json.invalid_encoding").contains("Line 1");
                });
    }

    @Test
    void gzippedJsonArrayWithABrokenTail() throws Exception {
        Path file = home.resolve("orders.json.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(("[\n{\"id\": 1, \"name\": \"a\", \"amount\": 1},\n\"text\",\n"
                    + "{\"id\": 2, \"name\": \"b\", \"amount\": 2},\n{\"id\": 3, oops}\n]").getBytes(StandardCharsets.UTF_8));
        }
        IngestResult result = ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(),
                CsvOptions.defaults()), orderRules()));

        assertThat(result.rowsIn()).isEqualTo(4);
        assertThat(result.rowsValid()).isEqualTo(2);
        assertThat(rows("SELECT _line, _reasons FROM shop.orders__quarantine ORDER BY _line"))
                .satisfiesExactly(
                        row -> assertThat((String) row.get(1)).contains("array element 2 is not a JSON object"),
                        row -> {
                            assertThat(row.get(0)).isEqualTo(5L);
                            assertThat((String) row.get(1)).contains("the rest of the array could not be read");
                        });
    }

    @Test
    void parquetValuesAreCheckedAsText() throws Exception {
        Path file = home.resolve("orders.parquet");
        try (var duck = DriverManager.getConnection("jdbc:duckdb:"); var statement = duck.createStatement()) {
            statement.execute("COPY (SELECT range AS id, 'n' || range AS name, range * 100 AS amount FROM range(1, 21))"
                    + " TO '" + file + "' (FORMAT parquet)");
        }
        IngestResult result = ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(),
                CsvOptions.defaults()), orderRules()));

        assertThat(result.rowsIn()).isEqualTo(20);
        assertThat(result.rowsValid()).isEqualTo(10);
        assertThat(rows("SELECT min(_record), max(_record) FROM shop.orders__quarantine"))
                .containsExactly(List.of(11L, 20L));
    }

    @Test
    void progressIsReportedPerBatchWithTheShareOfTheFileRead() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 5_000; i++) {
            text.append("{\"id\": ").append(i).append(", \"name\": \"n\", \"amount\": 1}\n");
        }
        Path file = write("many.ndjson", text.toString());
        List<ProgressListener.Progress> seen = new java.util.ArrayList<>();

        IngestResult result = ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(),
                CsvOptions.defaults()), orderRules()).withListener(seen::add));

        assertThat(result.rowsValid()).isEqualTo(5_000);
        assertThat(seen).extracting(ProgressListener.Progress::phase)
                .containsSubsequence("read", "read", "validate", "stage", "commit", "done");
        assertThat(seen).filteredOn(progress -> progress.phase().equals("read") && progress.rows() == 2_000)
                .singleElement().satisfies(progress -> assertThat(progress.fractionDone()).isGreaterThan(0)
                        .isLessThan(0.6));
        // Bytes are counted as the reader buffers them (64 KiB ahead): the share only grows, and reaches the end.
        assertThat(seen).extracting(ProgressListener.Progress::fractionDone).isSorted();
        assertThat(seen.get(seen.size() - 1).fractionDone()).isEqualTo(1.0);
        assertThat(seen.get(seen.size() - 1).rows()).isEqualTo(5_000);
    }
}
