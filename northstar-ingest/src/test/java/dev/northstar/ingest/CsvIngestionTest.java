package dev.northstar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvIngestionTest extends IngestTestBase {

    private Source csv(Path file) {
        return Source.file(file, Optional.empty(), CsvOptions.defaults());
    }

    @Test
    void messyFileIsSplitIntoValidAndQuarantinedRowsWithLinesAndReasons() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("id,name,amount\n"
                + "1,apple,10.50\n"     // line 2: duplicate id with line 6
                + "2,pear\n"            // line 3: ragged
                + "3,plum,abc\n"        // line 4: not a decimal
                + "4,fig,2000\n"        // line 5: above the maximum
                + "1,dup,5\n"           // line 6: duplicate id
                + ",empty,1\n"          // line 7: id missing
                + "5,caf").getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9);               // line 8: invalid UTF-8
        bytes.writeBytes((",3\n"
                + "6,lime,7\n"          // line 9: valid
                + "7,\"open,8\n"      // line 10: unterminated quote, which swallows line 11
                + "8,end,1\n").getBytes(StandardCharsets.UTF_8));
        Path file = write("messy.csv", bytes.toByteArray());

        IngestResult result = ingestion.ingest(IngestRequest.of(csv(file), orderRules()));

        assertThat(result.status()).isEqualTo(IngestStatus.SUCCEEDED);
        assertThat(result.rowsIn()).isEqualTo(9);
        assertThat(result.rowsValid()).isEqualTo(1);
        assertThat(result.rowsQuarantined()).isEqualTo(8);
        assertThat(result.rowsIn()).isEqualTo(result.rowsValid() + result.rowsQuarantined());
        assertThat(rows("SELECT id, name, amount FROM shop.orders"))
                .containsExactly(List.of(6L, "lime", new java.math.BigDecimal("7.00")));
        List<List<Object>> quarantined = rows("SELECT _line, _reasons, _raw_values, _raw_line, _status, _run_id"
                + " FROM shop.orders__quarantine ORDER BY _line");
        assertThat(quarantined).extracting(row -> row.get(0)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 10L);
        assertThat(quarantined).allSatisfy(row -> {
            assertThat(row.get(4)).isEqualTo("quarantined");
            assertThat(row.get(5)).isEqualTo(result.runId());
        });
        assertThat((String) quarantined.get(0).get(1)).contains("orders.id.unique").contains("'1' appears 2 times");
        assertThat((String) quarantined.get(1).get(1)).contains("source.csv.missing_columns").contains("Line 3");
        assertThat((String) quarantined.get(1).get(3)).isEqualTo("2,pear");
        assertThat((String) quarantined.get(2).get(1)).contains("orders.amount.type")
                .contains("amount: 'abc' is not a valid decimal(10,2)");
        assertThat((String) quarantined.get(2).get(2)).isEqualTo("{\"id\":\"3\",\"name\":\"plum\",\"amount\":\"abc\"}");
        assertThat((String) quarantined.get(3).get(1)).contains("orders.amount.maximum")
                .contains("'2000' is above the maximum 1000");
        assertThat((String) quarantined.get(5).get(1)).contains("orders.id.required");
        assertThat((String) quarantined.get(6).get(1)).contains("source.csv.invalid_encoding");
        assertThat((String) quarantined.get(7).get(1)).contains("source.csv.unquoted_value");
        assertThat((String) quarantined.get(7).get(3)).contains("7,\"open,8").contains("8,end,1");
        assertThat(result.sampleReasons()).hasSize(5).first().asString().startsWith("line 2: orders.id.unique");
    }

    @Test
    void encodingsBomAndCompressionAreRead() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
        utf8.writeBytes(bom);
        utf8.writeBytes("id,name,amount\n1,café,1\n".getBytes(StandardCharsets.UTF_8));
        Path withBom = write("bom.csv", utf8.toByteArray());
        Path latin1 = write("latin1.csv", "id,name,amount\n2,crème,2\n".getBytes(StandardCharsets.ISO_8859_1));
        Path windows = write("windows.csv", "id,name,amount\n3,5 € – “ok”,3\n".getBytes("windows-1252"));
        Path gzip = home.resolve("gzip.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gzip))) {
            out.write("id;name;amount\n4;gz;4\n".getBytes(StandardCharsets.UTF_8));
        }
        Path zstd = home.resolve("zstd.csv.zst");
        try (var duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                var statement = duck.createStatement()) {
            statement.execute("COPY (SELECT 5 AS id, 'zst' AS name, 5 AS amount) TO '" + zstd
                    + "' (FORMAT csv, HEADER true, COMPRESSION zstd)");
        }

        ingestion.ingest(IngestRequest.of(csv(withBom), orderRules()));
        ingestion.ingest(IngestRequest.of(Source.file(latin1, Optional.empty(),
                CsvOptions.defaults().withEncoding(CsvOptions.Encoding.ISO_8859_1)), orderRules()));
        ingestion.ingest(IngestRequest.of(Source.file(windows, Optional.empty(),
                CsvOptions.defaults().withEncoding(CsvOptions.Encoding.parse("windows-1252"))), orderRules()));
        ingestion.ingest(IngestRequest.of(Source.file(gzip, Optional.empty(), CsvOptions.defaults().withDelimiter(";")),
                orderRules()));
        ingestion.ingest(IngestRequest.of(csv(zstd), orderRules()));

        assertThat(rows("SELECT id, name FROM shop.orders ORDER BY id")).containsExactly(
                List.of(1L, "café"), List.of(2L, "crème"), List.of(3L, "5 € – “ok”"), List.of(4L, "gz"),
                List.of(5L, "zst"));
        assertThat(count(ORDERS_QUARANTINE)).isZero();
    }

    @Test
    void quoteEscapeAndNoHeaderOptions() throws IOException {
        Path file = write("custom.csv", "1|'a|b'|1\n2|'it\\'s'|2\n");
        CsvOptions options = CsvOptions.defaults().withHeader(false).withDelimiter("|").withQuote("'")
                .withEscape("\\");
        // Without a header, columns are named column0, column1...: the rules match the product columns by name,
        // so a headerless file is read into a product with those names.
        lake.createTable(dev.northstar.spi.schema.TableId.parse("shop.plain"),
                dev.northstar.spi.schema.TableDefinition.of(dev.northstar.spi.schema.TableSchema.of(
                        dev.northstar.spi.schema.Column.parse("column0:long"),
                        dev.northstar.spi.schema.Column.parse("column1:string"),
                        dev.northstar.spi.schema.Column.parse("column2:int"))));
        IngestResult result = ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(), options),
                dev.northstar.ingest.plan.ProductRules.fromTable(
                        lake.describe(dev.northstar.spi.schema.TableId.parse("shop.plain")))));
        assertThat(result.rowsValid()).isEqualTo(2);
        assertThat(rows("SELECT column1 FROM shop.plain ORDER BY column0"))
                .containsExactly(List.of("a|b"), List.of("it's"));
    }

    @Test
    void outOfRangeValueDeepInALargeFileIsQuarantinedWithItsLine() throws IOException {
        int rows = 3_000_001;
        StringBuilder text = new StringBuilder(rows * 16).append("id,name,amount\n");
        for (int i = 1; i < rows; i++) {
            text.append(i).append(",n,").append(i % 1000).append('\n');
        }
        text.append(rows).append(",last,99999\n");
        Path file = write("large.csv", text.toString());

        IngestResult result = ingestion.ingest(IngestRequest.of(csv(file), orderRules()));

        assertThat(result.rowsIn()).isEqualTo(rows);
        assertThat(result.rowsValid()).isEqualTo(rows - 1);
        assertThat(result.rowsQuarantined()).isEqualTo(1);
        assertThat(rows("SELECT _line, _record, _reasons FROM shop.orders__quarantine")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get(0)).isEqualTo((long) rows + 1);
                    assertThat(row.get(1)).isEqualTo((long) rows);
                    assertThat((String) row.get(2)).contains("orders.amount.maximum").contains("'99999'");
                });
        assertThat(count(ORDERS)).isEqualTo(rows - 1);
    }

    @Test
    void aHeaderOnlyFileIsAnEmptySuccessfulRunAndAMissingColumnIsMissingInEveryRow() throws IOException {
        IngestResult empty = ingestion.ingest(IngestRequest.of(csv(write("empty.csv", "id,name,amount\n")),
                orderRules()));
        assertThat(empty.status()).isEqualTo(IngestStatus.SUCCEEDED);
        assertThat(empty.rowsIn()).isZero();
        assertThat(count(ORDERS)).isZero();

        IngestResult noId = ingestion.ingest(IngestRequest.of(csv(write("no-id.csv", "name,amount\na,1\nb,2\n")),
                orderRules()));
        assertThat(noId.rowsQuarantined()).isEqualTo(2);
        assertThat(noId.sampleReasons()).containsExactly("line 2: orders.id.required (id: a value is required)",
                "line 3: orders.id.required (id: a value is required)");
    }
}
