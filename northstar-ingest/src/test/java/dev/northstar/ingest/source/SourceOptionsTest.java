package dev.northstar.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceOptionsTest {

    @Test
    void formatFromExtensionOrOption() {
        CsvOptions csv = CsvOptions.defaults();
        assertThat(Source.file(Path.of("a.csv.gz"), Optional.empty(), csv)).isInstanceOf(CsvSource.class);
        assertThat(((CsvSource) Source.file(Path.of("a.tsv"), Optional.empty(), csv)).options().delimiter())
                .contains("\t");
        assertThat(Source.file(Path.of("a.jsonl"), Optional.empty(), csv))
                .isEqualTo(new JsonSource(Path.of("a.jsonl"), true));
        assertThat(Source.file(Path.of("a.json.gz"), Optional.empty(), csv))
                .isEqualTo(new JsonSource(Path.of("a.json.gz"), false));
        assertThat(Source.file(Path.of("a.bin"), Optional.of("PARQUET"), csv)).isInstanceOf(ParquetSource.class);
        assertThatThrownBy(() -> Source.file(Path.of("a.xlsx"), Optional.empty(), csv))
                .isInstanceOf(NorthstarException.class)
                .hasMessageContaining("Cannot tell the format of")
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThatThrownBy(() -> Source.file(Path.of("a.csv"), Optional.of("xml"), csv))
                .hasMessage("Format 'xml' is not supported");
    }

    @Test
    void csvOptionsAreValidated() {
        assertThat(CsvOptions.Encoding.parse("Latin-1")).isEqualTo(CsvOptions.Encoding.ISO_8859_1);
        assertThat(CsvOptions.Encoding.parse("cp1252")).isEqualTo(CsvOptions.Encoding.WINDOWS_1252);
        assertThatThrownBy(() -> CsvOptions.defaults().withDelimiter(";;"))
                .hasMessage("The CSV delimiter must be one character, got ';;'");
    }

    @Test
    void headerLinesAreSplitWithQuotesAndEscapes() {
        assertThat(CsvLine.split("a,\"b,c\",\"d\"\"e\",", ',', '"', '"')).containsExactly("a", "b,c", "d\"e", "");
        assertThat(CsvLine.split("'x\\'y'|z", '|', '\'', '\\')).containsExactly("x'y", "z");
    }

    @Test
    void jdbcSourcesHideCredentialsAndFingerprintTheirRange() {
        JdbcSource source = JdbcSource.snapshot("jdbc:postgresql://db:5432/shop?user=etl&password=secret",
                Optional.empty(), Optional.of("hidden"), "SELECT * FROM orders");
        assertThat(source.description()).isEqualTo(
                "jdbc:postgresql://db:5432/shop?user=etl&password=*** SELECT * FROM orders");
        assertThat(source.uri()).isEqualTo("postgresql://db:5432/shop");
        assertThat(source.fingerprint()).startsWith("jdbc-sha256:").doesNotContain("secret");
        JdbcSource incremental = source.withCursor("id");
        assertThat(incremental.fingerprint()).isNotEqualTo(source.fingerprint());
        assertThat(incremental.withAfter(Optional.of("5")).fingerprint()).isNotEqualTo(incremental.fingerprint());
        assertThat(JdbcSource.tableQuery("public.orders")).isEqualTo("SELECT * FROM public.orders");
        assertThatThrownBy(() -> JdbcSource.tableQuery("orders; DROP TABLE x"))
                .hasMessageContaining("Table name 'orders; DROP TABLE x' is invalid");
        assertThatThrownBy(() -> JdbcSource.snapshot("postgres://x", Optional.empty(), Optional.empty(), "SELECT 1"))
                .hasMessage("'postgres://x' is not a JDBC URL");
        assertThat(List.of(source.sizeBytes())).containsExactly(-1L);
    }
}
