package dev.northstar.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResultValuesTest {
    @Test
    void numbersStayNumbers() {
        assertThat(ResultValues.json(new BigDecimal("12.50"))).isEqualTo(new BigDecimal("12.50"));
        assertThat(ResultValues.json(7L)).isEqualTo(7L);
        assertThat(ResultValues.json(1.5d)).isEqualTo(1.5d);
    }

    @Test
    void valuesJsonCannotHoldBecomeStrings() {
        assertThat(ResultValues.json(Double.NaN)).isEqualTo("NaN");
        assertThat(ResultValues.json(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(ResultValues.json(new byte[] {1, 2, 3})).isEqualTo("AQID");
        assertThat(ResultValues.json(UUID.fromString("00000000-0000-0000-0000-000000000001")))
                .isEqualTo("00000000-0000-0000-0000-000000000001");
    }

    @Test
    void timesBecomeIsoStrings() {
        assertThat(ResultValues.json(LocalDate.of(2026, 1, 31))).isEqualTo("2026-01-31");
        assertThat(ResultValues.json(LocalDateTime.of(2026, 1, 31, 12, 30, 5))).isEqualTo("2026-01-31T12:30:05");
        assertThat(ResultValues.json(LocalDateTime.of(2026, 1, 31, 12, 0))).isEqualTo("2026-01-31T12:00:00");
        assertThat(ResultValues.json(LocalDateTime.of(2026, 1, 31, 12, 0, 0, 250_000_000)))
                .isEqualTo("2026-01-31T12:00:00.25");
        assertThat(ResultValues.json(OffsetDateTime.of(2026, 1, 31, 12, 0, 0, 0, ZoneOffset.UTC)))
                .isEqualTo("2026-01-31T12:00:00Z");
        assertThat(ResultValues.json(java.time.LocalTime.of(8, 0))).isEqualTo("08:00:00");
    }

    @Test
    void nestedValuesAreConverted() {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("at", LocalDate.of(2026, 1, 1));
        struct.put("tags", List.of("a", "b"));

        assertThat(ResultValues.json(struct)).isEqualTo(Map.of("at", "2026-01-01", "tags", List.of("a", "b")));
        assertThat(ResultValues.display(struct)).isEqualTo("{at: '2026-01-01', tags: ['a', 'b']}");
    }

    @Test
    void displayKeepsDecimalScaleAndMarksNull() {
        assertThat(ResultValues.display(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ResultValues.display(new BigDecimal("2.50"))).isEqualTo("2.50");
        assertThat(ResultValues.display(null)).isNull();
    }
}
