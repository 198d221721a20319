package dev.northstar.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.contracts.ContractParser;
import dev.northstar.contracts.ContractVersion;
import dev.northstar.contracts.DataProduct;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.ingest.IngestSettings;
import dev.northstar.ingest.IngestStatus;
import dev.northstar.ingest.Ingestion;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.quality.CheckResult;
import dev.northstar.quality.MetricPoint;
import dev.northstar.quality.QualityConfig;
import dev.northstar.quality.QualityHistory;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.store.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds the demo products once, at the smallest scale, into a real lake and SQLite metadata store. */
class DemoProductsTest {
    private static final int ROWS = 500;

    @TempDir
    static Path home;

    private static Lakehouse lake;
    private static JdbcMetadataStore store;
    private static List<DemoProducts.DemoRun> runs;
    private static final List<DemoProducts.DemoRun> reported = new ArrayList<>();

    @BeforeAll
    static void build() {
        LakeConfig config = LakeConfig.embedded(home);
        lake = Lakehouse.open(config);
        store = JdbcMetadataStore.open(config);
        runs = DemoProducts.build(home, lake, store, IngestSettings.defaults(), QualityConfig.defaults(), ROWS,
                reported::add);
    }

    @AfterAll
    static void close() {
        store.close();
        lake.close();
    }

    @Test
    void appliesBothContractsAsDataProducts() {
        List<DataProduct> products = new ProductRegistry(store.database(), lake).products();

        assertThat(products).flatExtracting(DataProduct::contracts).flatExtracting(ContractVersion::tables)
                .contains(DemoProducts.ORDER_FEED, DemoProducts.CARD_AUTHORISATIONS);
        for (String name : DemoProducts.CONTRACTS) {
            Path file = home.resolve(DemoProducts.CONTRACTS_FOLDER).resolve(name);
            assertThat(file).isRegularFile();
            assertThat(ContractParser.parse(file).apiVersion()).isEqualTo("v3.1.0");
        }
    }

    @Test
    void ingestsThreeFilesPerProductEachAddingUp() {
        assertThat(runs).hasSize(6).isEqualTo(reported);
        assertThat(runs).extracting(DemoProducts.DemoRun::product).containsExactly(DemoProducts.ORDER_FEED,
                DemoProducts.CARD_AUTHORISATIONS, DemoProducts.ORDER_FEED, DemoProducts.CARD_AUTHORISATIONS,
                DemoProducts.ORDER_FEED, DemoProducts.CARD_AUTHORISATIONS);
        for (DemoProducts.DemoRun run : runs) {
            assertThat(run.file()).isRegularFile().startsWith(home.resolve(DemoProducts.INBOX_FOLDER));
            assertThat(run.ingest().status()).isEqualTo(IngestStatus.SUCCEEDED);
            assertThat(run.ingest().rowsIn()).as(run.file().toString()).isEqualTo(ROWS)
                    .isEqualTo(run.ingest().rowsValid() + run.ingest().rowsQuarantined());
            // One record in 67 is broken: 7 or 8 of 500.
            assertThat(run.ingest().rowsQuarantined()).isBetween(5L, 10L);
            assertThat(run.ingest().sampleReasons()).isNotEmpty();
        }
    }

    @Test
    void runRecordsAndTablesAgreeWithTheResults() {
        for (TableId product : List.of(DemoProducts.ORDER_FEED, DemoProducts.CARD_AUTHORISATIONS)) {
            List<DemoProducts.DemoRun> mine = runs.stream().filter(run -> run.product().equals(product)).toList();
            List<RunRecord> records = store.runs().forTarget(product.toString(), 10).stream()
                    .filter(run -> run.kind().equals(Ingestion.INGEST)).toList();
            assertThat(records).hasSize(3);
            for (RunRecord record : records) {
                Map<String, String> details = record.details();
                assertThat(Long.parseLong(details.get("rows_in"))).isEqualTo(Long.parseLong(
                        details.get("rows_valid")) + Long.parseLong(details.get("rows_quarantined")));
                assertThat(Long.parseLong(details.get("rows_quarantined"))).isPositive();
            }
            long valid = mine.stream().mapToLong(run -> run.ingest().rowsValid()).sum();
            assertThat(count("SELECT count(*) FROM " + product)).isEqualTo(valid);
            for (DemoProducts.DemoRun run : mine) {
                assertThat(count("SELECT count(*) FROM " + Ingestion.quarantineTable(product) + " WHERE _run_id = '"
                        + run.ingest().runId() + "' AND _reasons IS NOT NULL"))
                        .isEqualTo(run.ingest().rowsQuarantined());
            }
        }
    }

    @Test
    void quarantineHoldsEveryKindOfBreakageWithItsReason() {
        String orderReasons = reasons(DemoProducts.ORDER_FEED);
        assertThat(orderReasons).contains("order_feed.amount.type", "order_feed.amount.maximum",
                "order_feed.amount.minimum", "order_feed.status.valid_values", "order_feed.customer_email.pattern",
                "order_feed.ordered_at.required", "order_feed.country.required", "source.csv.");
        String cardReasons = reasons(DemoProducts.CARD_AUTHORISATIONS);
        assertThat(cardReasons).contains("card_authorisations.amount.type", "card_authorisations.amount.maximum",
                "card_authorisations.currency.valid_values", "card_authorisations.card_hash.pattern",
                "card_authorisations.merchant_name.required", "source.csv.too_many_columns");
    }

    @Test
    void missingEmailsOfTheLastDayFailTheWarningCheckAndOpenAnIncident() {
        DemoProducts.DemoRun firstOrders = runs.get(0);
        DemoProducts.DemoRun lastOrders = runs.get(4);
        DemoProducts.DemoRun lastCards = runs.get(5);

        assertThat(firstOrders.quality().run().failures()).isEmpty();
        assertThat(lastOrders.quality().run().failures()).extracting(CheckResult::checkId)
                .containsExactly("customer_email_missing");
        assertThat(lastOrders.quality().incidents()).extracting(incident -> incident.checkId())
                .contains("customer_email_missing");
        assertThat(lastCards.quality().run().failures()).isEmpty();
        assertThat(new QualityHistory(store.database()).history(DemoProducts.ORDER_FEED, "row_count",
                Instant.EPOCH)).extracting(MetricPoint::value).containsExactly(
                (double) runs.get(0).ingest().rowsValid(),
                (double) runs.get(0).ingest().rowsValid() + runs.get(2).ingest().rowsValid(),
                (double) runs.get(0).ingest().rowsValid() + runs.get(2).ingest().rowsValid()
                        + runs.get(4).ingest().rowsValid());
    }

    @Test
    void filesAreTheSameOnEveryRun(@TempDir Path directory) throws Exception {
        Path first = directory.resolve("first");
        Path second = directory.resolve("second");
        Path a = MessyFiles.orders(first, 1, DemoProducts.DAYS.get(1), 300, 1);
        Path b = MessyFiles.orders(second, 1, DemoProducts.DAYS.get(1), 300, 1);
        Path c = MessyFiles.authorisations(first, 2, DemoProducts.DAYS.get(2), 300);
        Path d = MessyFiles.authorisations(second, 2, DemoProducts.DAYS.get(2), 300);
        Path otherDay = MessyFiles.orders(first, 2, DemoProducts.DAYS.get(2), 300, 1);

        assertThat(a).isNotEqualTo(b);
        assertThat(Files.readAllBytes(otherDay)).isNotEqualTo(Files.readAllBytes(a));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(c)).isEqualTo(Files.readAllBytes(d));
        assertThat(Files.readAllLines(a)).hasSize(301).first().isEqualTo(
                "order_id,partner_id,customer_email,country,status,amount,quantity,ordered_at");
    }

    @Test
    void rowsPerFileScaleWithTheDemoWithinBounds() {
        assertThat(DemoProducts.rowsPerFile(1000)).isEqualTo(500);
        assertThat(DemoProducts.rowsPerFile(200_000)).isEqualTo(2000);
        assertThat(DemoProducts.rowsPerFile(1_000_000)).isEqualTo(10_000);
        assertThat(DemoProducts.rowsPerFile(50_000_000)).isEqualTo(10_000);
        assertThatThrownBy(() -> DemoProducts.build(home, lake, store, IngestSettings.defaults(),
                QualityConfig.defaults(), 0, run -> { }))
                .isInstanceOfSatisfying(NorthstarException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("rowsPerFile must be between 1 and 99999, got 0");
    }

    private long count(String sql) {
        return ((Number) lake.query(sql, QueryOptions.defaults()).rows().get(0).get(0)).longValue();
    }

    private String reasons(TableId product) {
        return lake.query("SELECT CAST(_reasons AS VARCHAR) FROM " + Ingestion.quarantineTable(product),
                QueryOptions.defaults().withMaxRows(Integer.MAX_VALUE)).rows().stream()
                .map(row -> String.valueOf(row.get(0))).collect(Collectors.joining("\n"));
    }
}
