package dev.northstar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.ingest.plan.ColumnReference;
import dev.northstar.ingest.plan.OnViolation;
import dev.northstar.ingest.plan.ProductRules;
import dev.northstar.ingest.source.CsvOptions;
import dev.northstar.ingest.source.Source;
import dev.northstar.lake.SnapshotInfo;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.Column;
import dev.northstar.spi.schema.TableDefinition;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.schema.TableSchema;
import dev.northstar.spi.store.RunRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyAndReplayTest extends IngestTestBase {
    private static final String FILE = "id,name,amount\n1,a,10\n2,b,2000\n3,c,30\n";

    private Source csv(Path file) {
        return Source.file(file, Optional.empty(), CsvOptions.defaults());
    }

    @Test
    void reingestingTheSameSourceIsSkippedUnlessForced() throws IOException {
        Path file = write("orders.csv", FILE);
        IngestResult first = ingestion.ingest(IngestRequest.of(csv(file), orderRules()));
        IngestResult second = ingestion.ingest(IngestRequest.of(csv(file), orderRules()));

        assertThat(second.status()).isEqualTo(IngestStatus.SKIPPED);
        assertThat(second.runId()).isEqualTo(first.runId());
        assertThat(second.rowsIn()).isEqualTo(3);
        assertThat(count(ORDERS)).isEqualTo(2);
        RunRecord run = store.runs().find(first.runId()).orElseThrow();
        assertThat(run.status()).isEqualTo(RunRecord.SUCCEEDED);
        assertThat(run.details()).containsEntry("rows_in", "3").containsEntry("rows_valid", "2")
                .containsEntry("rows_quarantined", "1");
        assertThat(run.sourceFingerprint()).contains(csv(file).fingerprint());
        SnapshotInfo snapshot = lake.describe(ORDERS).currentSnapshot().orElseThrow();
        assertThat(snapshot.summary()).containsEntry(SnapshotInfo.RUN_ID, first.runId())
                .containsEntry(SnapshotInfo.SOURCE_FINGERPRINT, csv(file).fingerprint());
        assertThat(lake.describe(ORDERS_QUARANTINE).currentSnapshot().orElseThrow().summary())
                .containsEntry(SnapshotInfo.RUN_ID, first.runId());

        // Forced, the same ids are now duplicates of rows already in the product.
        IngestResult forced = ingestion.ingest(IngestRequest.of(csv(file), orderRules()).withForce(true));
        assertThat(forced.status()).isEqualTo(IngestStatus.SUCCEEDED);
        assertThat(forced.rowsValid()).isZero();
        assertThat(forced.sampleReasons()).anySatisfy(reason -> assertThat(reason)
                .contains("orders.id.unique_existing").contains("'1' is already in shop.orders"));
        assertThat(count(ORDERS)).isEqualTo(2);
        assertThat(count(ORDERS_QUARANTINE)).isEqualTo(4);
    }

    @Test
    void failPolicyCommitsNothing() throws IOException {
        Path file = write("orders.csv", FILE);
        IngestResult result = ingestion.ingest(IngestRequest.of(csv(file),
                orderRules().withOnViolation(OnViolation.FAIL)));

        assertThat(result.status()).isEqualTo(IngestStatus.FAILED);
        assertThat(result.failure()).get().asString().contains("1 of 3 rows break the contract of shop.orders")
                .contains("line 3: orders.amount.maximum");
        assertThat(count(ORDERS)).isZero();
        assertThat(count(ORDERS_QUARANTINE)).isZero();
        assertThat(store.runs().find(result.runId()).orElseThrow().status()).isEqualTo(RunRecord.FAILED);
        // A failed source is not "already ingested".
        assertThat(ingestion.ingest(IngestRequest.of(csv(file), orderRules())).status())
                .isEqualTo(IngestStatus.SUCCEEDED);
    }

    @Test
    void quarantineShareAboveTheMaximumFailsTheRun() throws IOException {
        Path file = write("orders.csv", FILE);
        IngestResult result = ingestion.ingest(IngestRequest.of(csv(file),
                orderRules().withMaxQuarantineShare(0.2)));

        assertThat(result.status()).isEqualTo(IngestStatus.FAILED);
        assertThat(result.failure()).get().asString()
                .contains("1 of 3 rows (33.3%) would be quarantined, above the maximum quarantine share 20.0%");
        assertThat(count(ORDERS)).isZero();
        assertThat(count(ORDERS_QUARANTINE)).isZero();
    }

    @Test
    void warnPolicyWritesTypedRowsAndRecordsWarnings() throws IOException {
        Path file = write("orders.csv", "id,name,amount\n1,a,10\n2,b,2000\n3,c,abc\n");
        IngestResult result = ingestion.ingest(IngestRequest.of(csv(file),
                orderRules().withOnViolation(OnViolation.WARN)));

        assertThat(result.rowsIn()).isEqualTo(3);
        assertThat(result.rowsValid()).isEqualTo(2);
        assertThat(result.rowsQuarantined()).isEqualTo(1);
        assertThat(result.rowsWarned()).isEqualTo(1);
        assertThat(rows("SELECT id FROM shop.orders ORDER BY id")).containsExactly(List.of(1L), List.of(2L));
        assertThat(rows("SELECT _line, _status FROM shop.orders__quarantine ORDER BY _line"))
                .containsExactly(List.of(3L, "warned"), List.of(4L, "quarantined"));
    }

    @Test
    void replayMovesRowsThatPassTheFixedRules() throws IOException {
        Path file = write("orders.csv", "id,name,amount\n1,a,10\n2,b,2000\n3,c,abc\n4,d,3000\n");
        IngestResult ingested = ingestion.ingest(IngestRequest.of(csv(file), orderRules()));
        assertThat(ingested.rowsQuarantined()).isEqualTo(3);

        ProductRules relaxed = orderRules().withColumns(List.of(column(orderRules(), "id").withUnique(true),
                column(orderRules(), "name"),
                column(orderRules(), "amount").withRange(Optional.empty(), Optional.of("2500"))));
        IngestResult replay = ingestion.replay(relaxed);

        assertThat(replay.status()).isEqualTo(IngestStatus.SUCCEEDED);
        assertThat(replay.rowsIn()).isEqualTo(3);
        assertThat(replay.rowsValid()).isEqualTo(1);
        assertThat(replay.rowsQuarantined()).isEqualTo(2);
        assertThat(rows("SELECT id, amount FROM shop.orders ORDER BY id")).extracting(row -> row.get(0))
                .containsExactly(1L, 2L);
        assertThat(rows("SELECT _line, _status FROM shop.orders__quarantine ORDER BY _line")).containsExactly(
                List.of(3L, "replayed"), List.of(4L, "quarantined"), List.of(5L, "quarantined"));
        assertThat(store.runs().find(replay.runId()).orElseThrow().kind()).isEqualTo(Ingestion.REPLAY);

        // Nothing left that passes: a second replay moves nothing.
        IngestResult again = ingestion.replay(relaxed);
        assertThat(again.rowsIn()).isEqualTo(2);
        assertThat(again.rowsValid()).isZero();
        assertThat(count(ORDERS)).isEqualTo(2);
    }

    @Test
    void referencesToAnotherProductAndValueRules() throws IOException {
        TableId customers = TableId.parse("shop.customers");
        lake.createTable(customers, TableDefinition.of(TableSchema.of(Column.parse("code:string"))));
        ingestion.ingest(IngestRequest.of(csv(write("customers.csv", "code\nC1\nC2\n")),
                ProductRules.fromTable(lake.describe(customers))));
        TableId invoices = TableId.parse("shop.invoices");
        lake.createTable(invoices, TableDefinition.of(TableSchema.of(Column.parse("customer:string"),
                Column.parse("status:string"), Column.parse("ref:string"))));
        ProductRules base = ProductRules.fromTable(lake.describe(invoices));
        ProductRules rules = base.withColumns(List.of(
                base.columns().get(0).withReference(new ColumnReference(customers, "code")),
                base.columns().get(1).withValidValues(List.of("open", "paid")),
                base.columns().get(2).withPattern("INV-[0-9]+").withLength(Optional.of(5), Optional.of(8))));
        Path file = write("invoices.csv", "customer,status,ref\nC1,open,INV-1\nC9,paid,INV-2\nC2,lost,INV-3\n"
                + "C1,open,X-1\nC2,paid,INV-123456\n");

        IngestResult result = ingestion.ingest(IngestRequest.of(csv(file), rules));

        assertThat(result.rowsValid()).isEqualTo(1);
        assertThat(result.sampleReasons()).containsExactly(
                "line 3: invoices.customer.reference (customer: 'C9' is not in shop.customers.code)",
                "line 4: invoices.status.valid_values (status: 'lost' is not one of open, paid)",
                "line 5: invoices.ref.min_length (ref: 'X-1' is shorter than 5 characters), invoices.ref.pattern"
                        + " (ref: 'X-1' does not match the pattern INV-[0-9]+)",
                "line 6: invoices.ref.max_length (ref: 'INV-123456' is longer than 8 characters)");
    }

    @Test
    void missingProductAndQuarantineNamesAreErrors() throws IOException {
        Path file = write("orders.csv", FILE);
        TableId missing = TableId.parse("shop.nothing");
        assertThatThrownBy(() -> ingestion.ingest(IngestRequest.of(csv(file),
                new ProductRules(missing, orderRules().columns(), OnViolation.QUARANTINE, 1))))
                .isInstanceOf(NorthstarException.class)
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
        assertThatThrownBy(() -> Ingestion.quarantineTable(ORDERS_QUARANTINE))
                .hasMessageContaining("is a quarantine table");
        assertThatThrownBy(() -> ingestion.ingest(IngestRequest.of(csv(home.resolve("absent.csv")), orderRules())))
                .extracting(e -> ((NorthstarException) e).code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
    }
}
