package dev.northstar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuarantineTableTest extends IngestTestBase {
    private IngestResult ingest(String name, String text) throws IOException {
        Path file = write(name, text);
        return ingestion.ingest(IngestRequest.of(Source.file(file, Optional.empty(), CsvOptions.defaults()),
                orderRules()));
    }

    @Test
    void aProductWithoutQuarantineTableHasNoRows() {
        assertThat(QuarantineTable.read(lake, ORDERS, QuarantineFilter.all(), 10)).isEmpty();
        assertThat(QuarantineTable.runs(lake, ORDERS)).isEmpty();
    }

    @Test
    void readsTypedRowsWithRawValuesPositionReasonsRunAndStatus() throws IOException {
        IngestResult first = ingest("first.csv", "id,name,amount\n1,a,10\n2,b,2000\n3,c,abc\n");

        List<QuarantinedRow> rows = QuarantineTable.read(lake, ORDERS, QuarantineFilter.all(), 10);

        assertThat(rows).hasSize(2);
        QuarantinedRow tooLarge = rows.get(0);
        assertThat(tooLarge.runId()).isEqualTo(first.runId());
        assertThat(tooLarge.status()).isEqualTo(QuarantineStatus.QUARANTINED);
        assertThat(tooLarge.source()).endsWith("first.csv");
        assertThat(tooLarge.line()).contains(3L);
        assertThat(tooLarge.record()).contains(2L);
        assertThat(tooLarge.rawValues()).contains("{\"id\":\"2\",\"name\":\"b\",\"amount\":\"2000\"}");
        assertThat(tooLarge.rawLine()).isEmpty();
        assertThat(tooLarge.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.rule()).isEqualTo("orders.amount.maximum");
            assertThat(reason.column()).isEqualTo("amount");
            assertThat(reason.message()).contains("2000");
        });
        assertThat(tooLarge.ingestedAt()).isPresent();
        assertThat(rows.get(1).line()).contains(4L);
        assertThat(rows.get(1).reasons()).extracting(QuarantineReason::column).containsExactly("amount");
    }

    @Test
    void filtersByRunAndStatusAndLimits() throws IOException {
        IngestResult first = ingest("first.csv", "id,name,amount\n1,a,10\n2,b,2000\n3,c,abc\n");
        IngestResult second = ingest("second.csv", "id,name,amount\n4,d,3000\n");
        ProductRules relaxed = orderRules().withColumns(List.of(column(orderRules(), "id").withUnique(true),
                column(orderRules(), "name"),
                column(orderRules(), "amount").withRange(Optional.empty(), Optional.of("2500"))));
        QuarantinedRow before = QuarantineTable.read(lake, ORDERS, QuarantineFilter.all().ofRun(first.runId()), 10)
                .get(1);
        ingestion.replay(relaxed);

        assertThat(QuarantineTable.read(lake, ORDERS, QuarantineFilter.all(), 10)).extracting(QuarantinedRow::line,
                QuarantinedRow::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Optional.of(3L), QuarantineStatus.REPLAYED),
                        org.assertj.core.groups.Tuple.tuple(Optional.of(4L), QuarantineStatus.QUARANTINED),
                        org.assertj.core.groups.Tuple.tuple(Optional.of(2L), QuarantineStatus.QUARANTINED));
        assertThat(QuarantineTable.read(lake, ORDERS, QuarantineFilter.quarantined(), 10))
                .extracting(QuarantinedRow::runId).containsExactly(first.runId(), second.runId());
        assertThat(QuarantineTable.read(lake, ORDERS, QuarantineFilter.quarantined().ofRun(second.runId()), 10))
                .singleElement().satisfies(row -> assertThat(row.rawValues()).get().asString().contains("3000"));
        assertThat(QuarantineTable.read(lake, ORDERS, new QuarantineFilter(Optional.empty(),
                EnumSet.of(QuarantineStatus.REPLAYED, QuarantineStatus.WARNED)), 10)).hasSize(1);
        assertThat(QuarantineTable.read(lake, ORDERS, QuarantineFilter.all(), 2)).hasSize(2);
        assertThat(QuarantineTable.read(lake, ORDERS, QuarantineFilter.all().ofRun("it's-no-run"), 10)).isEmpty();
        // The replay rewrote the table: a row still quarantined keeps its reasons, time and position.
        assertThat(QuarantineTable.read(lake, ORDERS, QuarantineFilter.all().ofRun(first.runId()), 10).get(1))
                .isEqualTo(before);

        assertThat(QuarantineTable.runs(lake, ORDERS)).extracting(QuarantineRun::runId, QuarantineRun::status,
                QuarantineRun::rows).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first.runId(), QuarantineStatus.QUARANTINED, 1L),
                        org.assertj.core.groups.Tuple.tuple(first.runId(), QuarantineStatus.REPLAYED, 1L),
                        org.assertj.core.groups.Tuple.tuple(second.runId(), QuarantineStatus.QUARANTINED, 1L));
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThatThrownBy(() -> QuarantineTable.read(lake, ORDERS, QuarantineFilter.all(), 0))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo("limit must be at least 1, got 0");
                });
        assertThatThrownBy(() -> QuarantineTable.read(lake, ORDERS_QUARANTINE, QuarantineFilter.all(), 1))
                .hasMessage("shop.orders__quarantine is a quarantine table, not a product");
        assertThatThrownBy(() -> QuarantineStatus.of("lost"))
                .hasMessage("Unknown quarantine status 'lost'");
        assertThat(QuarantineStatus.of(" Replayed")).isEqualTo(QuarantineStatus.REPLAYED);
    }
}
