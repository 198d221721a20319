package dev.northstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.lake.QueryResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultFormatTest {
    private static final QueryResult RESULT = new QueryResult(
            List.of(new QueryResult.Column("name", "VARCHAR"), new QueryResult.Column("amount", "DECIMAL(12,2)"),
                    new QueryResult.Column("score", "DOUBLE"), new QueryResult.Column("at", "TIMESTAMP WITH TIME ZONE"),
                    new QueryResult.Column("tags", "VARCHAR[]")),
            List.of(Arrays.asList("a \"quoted\", name", new BigDecimal("1234.50"), 12345678.9,
                            OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), List.of("x", "y")),
                    Arrays.asList("line\nbreak", null, null, null, null)),
            false, 1, 1, Map.of(), 3);

    private static String print(ResultFormat format) {
        StringWriter text = new StringWriter();
        format.print(RESULT, new PrintWriter(text, true));
        return text.toString();
    }

    @Test
    void tableAlignsNumbersRightAndEscapesLineBreaks() {
        assertThat(print(ResultFormat.TABLE).lines().toList()).containsExactly(
                " name             | amount  | score      | at                     | tags",
                "------------------+---------+------------+------------------------+-----------",
                " a \"quoted\", name | 1234.50 | 12345678.9 | 2026-01-02 03:04:05+00 | [\"x\",\"y\"]",
                " line\\nbreak      |    NULL |       NULL | NULL                   | NULL");
    }

    @Test
    void csvQuotesWhatNeedsQuoting() {
        assertThat(print(ResultFormat.CSV)).isEqualTo("name,amount,score,at,tags\n"
                + "\"a \"\"quoted\"\", name\",1234.50,12345678.9,2026-01-02 03:04:05+00,\"[\"\"x\"\",\"\"y\"\"]\"\n"
                + "\"line\nbreak\",,,,\n");
    }

    @Test
    void jsonKeepsNumbersAndNulls() {
        assertThat(print(ResultFormat.JSON)).isEqualTo("[\n"
                + "{\"name\":\"a \\\"quoted\\\", name\",\"amount\":1234.50,\"score\":12345678.9,"
                + "\"at\":\"2026-01-02 03:04:05+00\",\"tags\":[\"x\",\"y\"]},\n"
                + "{\"name\":\"line\\nbreak\",\"amount\":null,\"score\":null,\"at\":null,\"tags\":null}\n"
                + "]\n");
    }

    @Test
    void wholeDoublesKeepTheirFraction() {
        assertThat(ValueText.text(3.0, "NULL")).isEqualTo("3.0");
        assertThat(ValueText.text(1.0e7, "NULL")).isEqualTo("10000000.0");
        assertThat(ValueText.text(0.1, "NULL")).isEqualTo("0.1");
    }

    @Test
    void localTimestampsPrintWithoutTheT() {
        assertThat(ValueText.text(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 120_000_000), "NULL"))
                .isEqualTo("2026-01-02 03:04:05.12");
    }
}
