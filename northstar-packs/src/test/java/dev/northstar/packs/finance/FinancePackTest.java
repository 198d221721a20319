package dev.northstar.packs.finance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.northstar.ingest.IngestSettings;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.store.JdbcMetadataStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finance pack loads through its contracts with nothing quarantined, and its data has the properties the fraud
 * and credit models rely on: fraud patterns with their signatures, realistic noise, and a measurable historical bias.
 */
class FinancePackTest {
    @TempDir
    static Path home;

    private static Lakehouse lake;
    private static JdbcMetadataStore store;
    private static List<FinancePack.Loaded> loaded;

    @BeforeAll
    static void load() {
        lake = Lakehouse.open(LakeConfig.embedded(home.resolve("data")));
        store = JdbcMetadataStore.open(lake.config());
        loaded = FinancePack.load(lake, store, IngestSettings.defaults(), new FinanceData.Scale(60_000),
                home.resolve("pack"));
    }

    @AfterAll
    static void close() {
        store.close();
        lake.close();
    }

    private static List<Object> one(String sql) {
        return lake.query(sql, QueryOptions.defaults()).rows().get(0);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    @Test
    void everyTableLoadsThroughItsContractWithNothingQuarantined() {
        assertThat(loaded).extracting(FinancePack.Loaded::table).containsExactly(FinancePack.MERCHANTS,
                FinancePack.TRANSACTIONS, FinancePack.APPLICATIONS);
        assertThat(loaded).allSatisfy(table -> {
            assertThat(table.ingest().rowsQuarantined()).isZero();
            assertThat(table.ingest().rowsValid()).isEqualTo(table.ingest().rowsIn()).isPositive();
        });
        long transactions = loaded.get(1).ingest().rowsValid();
        assertThat(transactions).isBetween(55_000L, 65_000L);
        assertThat(one("SELECT count(DISTINCT txn_id) = count(*), min(txn_id), max(txn_id) FROM "
                + "banking.card_transactions")).containsExactly(true, 1L, transactions);
    }

    @Test
    void fraudIsRareAndEachPatternHasItsSignature() {
        List<Object> shares = one("SELECT avg(is_fraud::INTEGER), count(*) FILTER (WHERE fraud_pattern IS NOT NULL"
                + " AND NOT is_fraud), count(*) FILTER (WHERE fraud_pattern IS NULL AND is_fraud) FROM "
                + "banking.card_transactions");
        assertThat(number(shares.get(0))).isBetween(0.002, 0.006);
        assertThat(number(shares.get(1))).as("unreported fraud").isPositive();

        Map<String, List<Object>> patterns = new HashMap<>();
        for (List<Object> row : lake.query("SELECT fraud_pattern, count(*), median(amount), "
                + "avg((channel = 'online')::INTEGER), median(distance_from_home_km) FROM banking.card_transactions "
                + "WHERE fraud_pattern IS NOT NULL GROUP BY ALL", QueryOptions.defaults()).rows()) {
            patterns.put((String) row.get(0), row);
        }
        assertThat(patterns).containsOnlyKeys(FinanceData.PATTERNS);
        assertThat(number(patterns.get("card_testing").get(2))).as("tiny test payments").isLessThan(5);
        assertThat(number(patterns.get("card_testing").get(3))).isEqualTo(1.0);
        assertThat(number(patterns.get("account_takeover").get(2))).as("high value").isGreaterThan(150);
        assertThat(number(patterns.get("geo_velocity").get(3))).as("card present").isZero();
        assertThat(number(patterns.get("geo_velocity").get(4))).as("another continent").isGreaterThan(3_000);

        List<Object> genuine = one("SELECT median(amount), median(distance_from_home_km), "
                + "avg((distance_from_home_km > 300)::INTEGER) FROM banking.card_transactions "
                + "WHERE fraud_pattern IS NULL");
        assertThat(number(genuine.get(0))).isBetween(10.0, 60.0);
        assertThat(number(genuine.get(1))).as("spent near home").isLessThan(20);
        assertThat(number(genuine.get(2))).as("some genuine travel").isBetween(0.01, 0.10);

        // Card testing bursts: many payments of one card within ten minutes.
        List<Object> bursts = one("SELECT max(n) FROM (SELECT card_id, count(*) OVER (PARTITION BY card_id "
                + "ORDER BY event_time RANGE BETWEEN INTERVAL 10 MINUTE PRECEDING AND CURRENT ROW) AS n "
                + "FROM banking.card_transactions WHERE fraud_pattern = 'card_testing')");
        assertThat(number(bursts.get(0))).isGreaterThanOrEqualTo(8);
    }

    @Test
    void pastCreditDecisionsAreBiasedWhileTheRiskIsNot() {
        Map<String, List<Object>> byGender = new HashMap<>();
        for (List<Object> row : lake.query("SELECT gender, avg(approved::INTEGER), avg(debt_to_income), "
                + "avg(prior_defaults) FROM banking.credit_applications GROUP BY gender", QueryOptions.defaults())
                .rows()) {
            byGender.put((String) row.get(0), row);
        }
        double disparateImpact = number(byGender.get("F").get(1)) / number(byGender.get("M").get(1));
        assertThat(disparateImpact).as("women approved less often").isBetween(0.5, 0.85);
        assertThat(number(byGender.get("F").get(2))).isCloseTo(number(byGender.get("M").get(2)),
                org.assertj.core.data.Offset.offset(0.02));
        assertThat(one("SELECT count(*) FILTER (WHERE NOT approved AND defaulted IS NOT NULL), "
                + "avg(defaulted::INTEGER) FILTER (WHERE approved) FROM banking.credit_applications"))
                .satisfies(row -> {
                    assertThat(number(row.get(0))).isZero();
                    assertThat(number(row.get(1))).isBetween(0.03, 0.25);
                });
    }

    @Test
    void theSameScaleGivesTheSameRows() {
        Path again = home.resolve("again.parquet");
        FinancePack.generate(FinanceData.transactionsSelect(new FinanceData.Scale(60_000)), again);
        Object fingerprint = one("SELECT bit_xor(hash(txn_id, card_id, merchant_id, amount, event_time, is_fraud)) "
                + "FROM banking.card_transactions").get(0);
        try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT bit_xor(hash(txn_id, card_id, merchant_id, amount, "
                        + "event_time, is_fraud)) FROM '" + again + "'")) {
            rows.next();
            assertThat(rows.getObject(1).toString()).isEqualTo(fingerprint.toString());
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theFeatureViewsServeTheGeneratedPayments() throws Exception {
        Path folder = FinancePack.copyResources(home.resolve("features"), "features", FinancePack.FEATURE_VIEWS);
        // The busiest card just after its last payment: its velocity features see its history.
        List<Object> busiest = one("SELECT card_id, max(event_time) FROM banking.card_transactions "
                + "GROUP BY card_id ORDER BY count(*) DESC, card_id LIMIT 1");
        java.time.Instant now = ((java.time.OffsetDateTime) busiest.get(1)).toInstant().plusSeconds(1);
        try (var store = new dev.northstar.features.InMemoryOnlineStore();
                var online = new dev.northstar.features.OnlineFeatures(lake, store,
                        java.time.Clock.fixed(now, java.time.ZoneOffset.UTC), java.time.Duration.ZERO)) {
            for (String file : FinancePack.FEATURE_VIEWS) {
                online.register(dev.northstar.features.FeatureViewParser.parse(
                        java.nio.file.Files.readString(folder.resolve(file)), file));
                assertThat(online.load(file.replace(".yaml", ""))).isPositive();
            }
            var values = online.get("card_velocity", List.of(busiest.get(0)), now);
            assertThat(values.present()).isTrue();
            assertThat(number(values.value("txn_count_24h"))).isGreaterThanOrEqualTo(1);
            assertThat(values.value("amount_avg_7d")).isNotNull();
        }
    }
}
