package dev.northstar.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.govern.gateway.GovernedTable;
import dev.northstar.govern.gateway.SqlGateway;
import dev.northstar.govern.policy.PolicyStore;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.lake.QueryOptions;
import dev.northstar.lake.QueryResult;
import dev.northstar.lake.TableFromQuery;
import dev.northstar.lake.WriteOptions;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.schema.TableId;
import dev.northstar.spi.security.Principal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point-in-time correctness of training sets, on crafted events around a spine time T: an event at or after T never
 * counts, an event exactly {@code window} before T does, one a microsecond earlier does not; ties in time are all
 * excluded at T and broken by value for {@code last}.
 */
class PointInTimeTest {
    static final Instant T = Instant.parse("2026-03-10T12:00:00Z");
    private static final Duration MICRO = Duration.ofNanos(1000);
    private static final Principal MIA = new Principal("mia", Set.of("admin"), Map.of("domains", "ml"));

    @TempDir
    Path home;

    private Lakehouse lake;
    private JdbcMetadataStore store;
    private OfflineFeatures offline;
    private FeatureView view;

    @BeforeEach
    void open() {
        lake = Lakehouse.open(LakeConfig.embedded(home));
        store = JdbcMetadataStore.open(lake.config());
        offline = new OfflineFeatures(lake, SqlGateway.open(lake, store.database(), Settings.load(home)));
        view = FeatureViewParser.parse(FeatureViewParserTest.CARD_VELOCITY, "card_velocity.yaml");
        CardTransactions.create(lake);
        CardTransactions.write(lake, crafted());
    }

    @AfterEach
    void close() {
        store.close();
        lake.close();
    }

    /** The events of card c1 around T, each named by what it proves. */
    static List<CardTransactions.Row> crafted() {
        List<CardTransactions.Row> rows = new ArrayList<>();
        rows.add(row(T.minus(Duration.ofMinutes(10)), 1.0, "m1", "FR"));                 // 10m boundary: in
        rows.add(row(T.minus(Duration.ofMinutes(10)).minus(MICRO), 2.0, "m2", "DE"));   // 1 µs outside 10m
        rows.add(row(T, 100.0, "m3", "US"));                                               // at T: never counts
        rows.add(row(T.plusSeconds(1), 1000.0, "m9", "JP"));                               // future: never counts
        rows.add(row(T.minus(Duration.ofHours(1)), 4.0, "m1", "FR"));                     // 1h boundary: in
        rows.add(row(T.minus(Duration.ofHours(1)).minus(MICRO), 8.0, "m2", "FR"));       // 1 µs outside 1h
        rows.add(row(T.minus(Duration.ofDays(7)), 500.0, "m7", "FR"));                    // 7d boundary: in
        rows.add(row(T.minus(Duration.ofDays(7)).minus(MICRO), 0.1, "m8", "PT"));        // 1 µs outside 7d
        rows.add(row(Instant.parse("2026-03-08T03:00:00Z"), 0.5, "m4", "GB"));           // a night event
        rows.add(row(T.minus(Duration.ofMinutes(5)), 10.0, "m5", "ES"));                  // a tie at T-5m ...
        rows.add(row(T.minus(Duration.ofMinutes(5)), 20.0, null, "IT"));                  // ... broken by value
        rows.add(new CardTransactions.Row("c3", T.minus(Duration.ofMinutes(1)), null, "m1", null)); // NULL values
        return rows;
    }

    private static CardTransactions.Row row(Instant time, Double amount, String merchant, String country) {
        return new CardTransactions.Row("c1", time, amount, merchant, country);
    }

    /** The values expected for c1 at T (see {@link #crafted}). */
    static Map<String, Object> expectedAtT() {
        Map<String, Object> expected = new HashMap<>();
        expected.put("txn_count_10m", 3L);
        expected.put("amount_sum_1h", 37.0);
        expected.put("amount_avg_24h", 7.5);
        expected.put("amount_max_7d", 500.0);
        expected.put("amount_min_7d", 0.5);
        expected.put("merchants_24h", 3L);
        expected.put("last_country", "IT");
        expected.put("night_share_7d", 0.125);
        return expected;
    }

    /** The empty-window defaults. */
    static Map<String, Object> empty() {
        Map<String, Object> expected = new HashMap<>();
        expected.put("txn_count_10m", 0L);
        expected.put("amount_sum_1h", 0.0);
        expected.put("amount_avg_24h", null);
        expected.put("amount_max_7d", null);
        expected.put("amount_min_7d", null);
        expected.put("merchants_24h", 0L);
        expected.put("last_country", null);
        expected.put("night_share_7d", null);
        return expected;
    }

    @Test
    void noFutureValueLeaksIntoATrainingSet() {
        Spine spine = Spine.sql("SELECT * FROM (VALUES (1, 'c1', TIMESTAMP '" + CardTransactions.timestamp(T)
                + "'), (2, 'c2', TIMESTAMP '" + CardTransactions.timestamp(T) + "'), (3, 'c1', TIMESTAMP '"
                + CardTransactions.timestamp(T.minus(Duration.ofDays(7))) + "')) AS s(id, card_id, scored_at)",
                "scored_at");
        QueryResult result = offline.trainingSet(MIA, Optional.of("fraud-model"), spine, List.of(view),
                QueryOptions.defaults()).result();
        assertThat(result.columns()).extracting(QueryResult.Column::name).containsExactly("id", "card_id", "scored_at",
                "txn_count_10m", "amount_sum_1h", "amount_avg_24h", "amount_max_7d", "amount_min_7d",
                "merchants_24h", "last_country", "night_share_7d");
        Map<String, Map<String, Object>> rows = new HashMap<>();
        for (List<Object> row : result.rows()) {
            Map<String, Object> values = new HashMap<>();
            for (int c = 3; c < row.size(); c++) {
                values.put(result.columns().get(c).name(), row.get(c));
            }
            rows.put("row " + row.get(0), values);
        }
        assertThat(rows).hasSize(3);
        assertThat(rows.get("row 1")).isEqualTo(expectedAtT());
        assertThat(rows.get("row 2")).isEqualTo(empty());
        // At T - 7d only the event one microsecond earlier is history.
        Map<String, Object> weekBefore = empty();
        weekBefore.putAll(Map.of("txn_count_10m", 1L, "amount_sum_1h", 0.1, "amount_avg_24h", 0.1,
                "amount_max_7d", 0.1, "amount_min_7d", 0.1, "merchants_24h", 1L, "last_country", "PT",
                "night_share_7d", 0.0));
        assertThat(rows.get("row 3")).isEqualTo(weekBefore);
    }

    @Test
    void aTrainingSetIsWrittenThroughTheGatewayIntoTheReadersDomain() {
        Spine spine = Spine.sql("SELECT card_id, event_time AS scored_at, amount > 50 AS label FROM "
                + CardTransactions.TABLE, "scored_at");
        GovernedTable table = offline.createTrainingSet(MIA, Optional.of("fraud-model"), spine, List.of(view),
                TableId.parse("ml.card_training"), WriteOptions.append());
        assertThat(table.table().inputs()).containsExactly(CardTransactions.TABLE);
        assertThat(table.decisions()).isNotEmpty();
        List<Object> atT = lake.query("SELECT txn_count_10m, amount_sum_1h, merchants_24h, last_country FROM"
                + " ml.card_training WHERE card_id = 'c1' AND scored_at = TIMESTAMP '2026-03-10 12:00:00'",
                QueryOptions.defaults()).rows().get(0);
        assertThat(atT).containsExactly(3L, 37.0, 3L, "IT");

        Principal outsider = new Principal("eve", Set.of("analyst"), Map.of("domains", "ml"));
        assertThatThrownBy(() -> offline.createTrainingSet(outsider, Optional.empty(), spine, List.of(view),
                TableId.parse("ml.stolen"), WriteOptions.append()))
                .isInstanceOfSatisfying(NorthstarException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> offline.createTrainingSet(MIA, Optional.empty(), spine, List.of(view),
                TableId.parse("finance.copy"), WriteOptions.append()))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.getMessage()).contains("may not create finance.copy");
                });
    }

    @Test
    void trainingSetsReadTheSourceThroughTheReadersRowFiltersAndMasks() {
        new PolicyStore(store.database()).apply(List.of(new PolicyStore.Source("fraud.yaml", """
                kind: AccessPolicy
                name: fraud-analysts
                rules:
                  - effect: allow
                    subjects: {roles: [analyst, intern]}
                    resources: {domains: [finance]}
                  - effect: filter
                    subjects: {roles: [analyst]}
                    resources: {tables: [finance.card_transactions]}
                    filter: country = 'FR'
                  - effect: mask
                    subjects: {roles: [intern]}
                    resources: {columns: [amount]}
                    mask: keyed_hash
                """)), "sofia");
        OfflineFeatures governed = new OfflineFeatures(lake, SqlGateway.open(lake, store.database(),
                Settings.load(home)));
        Spine spine = Spine.sql("SELECT 'c1' AS card_id, TIMESTAMP '" + CardTransactions.timestamp(T)
                + "' AS scored_at", "scored_at");
        Principal analyst = new Principal("ana", Set.of("analyst"), Map.of("domains", "ml"));
        QueryResult filtered = offline(governed, analyst, spine);
        // Only the French events count: T-10m (1), T-1h (4), T-1h-1µs (8), T-7d (500).
        assertThat(filtered.rows().get(0).subList(2, 10)).containsExactly(1L, 5.0, 13.0 / 3, 500.0, 1.0, 2L, "FR",
                0.0);

        Principal intern = new Principal("ian", Set.of("intern"), Map.of("domains", "ml"));
        assertThatThrownBy(() -> offline(governed, intern, spine)).isInstanceOfSatisfying(NorthstarException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.getMessage()).contains("card_velocity.amount_sum_1h: sum needs numbers");
                });
    }

    private static QueryResult offline(OfflineFeatures features, Principal principal, Spine spine) {
        FeatureView view = FeatureViewParser.parse(FeatureViewParserTest.CARD_VELOCITY, "card_velocity.yaml");
        return features.trainingSet(principal, Optional.of("fraud-model"), spine, List.of(view),
                QueryOptions.defaults()).result();
    }

    @Test
    void materialisingGivesEachEventTheFeaturesOfItsOwnPast() {
        TableFromQuery table = offline.materialise(view, WriteOptions.append());
        assertThat(table.table().id()).isEqualTo(TableId.parse("features.card_velocity"));
        assertThat(table.write().rows()).isEqualTo(crafted().size());
        QueryResult atT = lake.query("SELECT * EXCLUDE (card_id, event_time) FROM features.card_velocity"
                + " WHERE card_id = 'c1' AND event_time = TIMESTAMP '2026-03-10 12:00:00'", QueryOptions.defaults());
        Map<String, Object> values = new HashMap<>();
        for (int c = 0; c < atT.columns().size(); c++) {
            values.put(atT.columns().get(c).name(), atT.rows().get(0).get(c));
        }
        assertThat(values).isEqualTo(expectedAtT());
        // Materialising again replaces the table.
        assertThat(offline.materialise(view, WriteOptions.append()).write().rows()).isEqualTo(crafted().size());
    }

    @Test
    void aSpineMustNameTheEntitiesAndItsTime() {
        assertThatThrownBy(() -> offline.trainingSet(MIA, Optional.empty(),
                Spine.sql("SELECT 'c1' AS card, TIMESTAMP '2026-01-01 00:00:00' AS scored_at", "scored_at"), List.of(view),
                QueryOptions.defaults())).isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo("The spine has no column 'card_id', the entity of feature"
                            + " view card_velocity");
                });
        assertThatThrownBy(() -> offline.trainingSet(MIA, Optional.empty(),
                Spine.sql("SELECT 'c1' AS card_id, 1 AS txn_count_10m, TIMESTAMP '2026-01-01 00:00:00' AS scored_at",
                        "scored_at"),
                List.of(view), QueryOptions.defaults()))
                .hasMessage("Column 'txn_count_10m' of feature view card_velocity collides with the spine");
    }
}
