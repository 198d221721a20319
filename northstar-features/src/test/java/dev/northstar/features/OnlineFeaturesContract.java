package dev.northstar.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.Lakehouse;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link OnlineStore} must do behind {@link OnlineFeatures}: the crafted events of {@link PointInTimeTest}
 * give the same values online as offline, windows slide with time, the TTL makes idle entities absent, posted events
 * update the views reading their stream, and a reload from the source table restores the same state.
 */
abstract class OnlineFeaturesContract {
    static final Instant NOW = PointInTimeTest.T.plus(Duration.ofHours(1));

    @TempDir
    Path home;

    Lakehouse lake;
    OnlineStore store;
    OnlineFeatures online;
    FeatureView view;

    /** A fresh, empty store. */
    abstract OnlineStore newStore();

    @BeforeEach
    void open() {
        lake = Lakehouse.open(LakeConfig.embedded(home));
        CardTransactions.create(lake);
        CardTransactions.write(lake, PointInTimeTest.crafted());
        view = FeatureViewParser.parse(FeatureViewParserTest.CARD_VELOCITY, "card_velocity.yaml");
        store = newStore();
        online = new OnlineFeatures(lake, store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(30));
        online.register(view);
    }

    @AfterEach
    void close() {
        online.close();
        store.clear(view.name());
        store.close();
        lake.close();
    }

    @Test
    void loadedStateGivesTheOfflineValuesAsOfAnyTime() {
        assertThat(online.load(view.name())).isEqualTo(PointInTimeTest.crafted().size());
        FeatureValues atT = online.get(view.name(), List.of("c1"), PointInTimeTest.T);
        assertThat(atT.present()).isTrue();
        assertThat(atT.values()).isEqualTo(PointInTimeTest.expectedAtT());
        assertThat(new java.util.ArrayList<>(atT.values().keySet())).isEqualTo(view.featureNames());
        FeatureValues unseen = online.get(view.name(), List.of("c2"), PointInTimeTest.T);
        assertThat(unseen.present()).isFalse();
        assertThat(unseen.values()).isEqualTo(PointInTimeTest.empty());
    }

    @Test
    void windowsSlideWithTimeAndTheTtlMakesIdleEntitiesAbsent() {
        online.load(view.name());
        // At NOW = T + 1h: the last events are T (100) and T + 1s (1000); nothing in the last 10 minutes.
        FeatureValues now = online.get(view.name(), List.of("c1"));
        assertThat(now.asOf()).isEqualTo(NOW);
        assertThat(now.value("txn_count_10m")).isEqualTo(0L);
        assertThat(now.value("amount_sum_1h")).isEqualTo(1100.0);
        assertThat(now.value("last_country")).isEqualTo("JP");
        // Seven days after T + 1s, the last event has just left every window.
        Instant idle = PointInTimeTest.T.plusSeconds(1).plus(Duration.ofDays(7)).plusNanos(1000);
        FeatureValues absent = online.get(view.name(), List.of("c1"), idle);
        assertThat(absent.present()).isFalse();
        assertThat(absent.values()).isEqualTo(PointInTimeTest.empty());
        FeatureValues justBefore = online.get(view.name(), List.of("c1"), idle.minusNanos(1000));
        assertThat(justBefore.present()).isTrue();
        assertThat(justBefore.value("amount_max_7d")).isEqualTo(1000.0);
    }

    @Test
    void postedEventsUpdateTheViewsReadingTheStream() {
        online.load(view.name());
        Map<String, Object> first = event("c1", "2026-03-10T13:01:00Z", 7.25, "m1", "SE");
        Map<String, Object> second = event("c1", "2026-03-10T13:02:00", 2.75, "m6", "NO");
        assertThat(online.events("card-transactions", List.of(first, second))).isEqualTo(2);
        assertThat(online.events("other-stream", List.of(first))).isZero();
        FeatureValues after = online.get(view.name(), List.of("c1"), Instant.parse("2026-03-10T13:05:00Z"));
        assertThat(after.value("txn_count_10m")).isEqualTo(2L);
        assertThat(after.value("amount_sum_1h")).isEqualTo(10.0); // T and T + 1s left the hour at 13:00:01
        assertThat(after.value("last_country")).isEqualTo("NO");
        // Strictly before: at the second event's time, it is not yet history.
        FeatureValues at = online.get(view.name(), List.of("c1"), Instant.parse("2026-03-10T13:02:00Z"));
        assertThat(at.value("txn_count_10m")).isEqualTo(1L);
        assertThat(at.value("last_country")).isEqualTo("SE");
    }

    @Test
    void postedEventsMustCarryTheKeyAndTimeAndFitTheColumns() {
        Map<String, Object> noCard = event("c1", "2026-03-10T13:01:00Z", 1.0, "m1", "SE");
        noCard.remove("card_id");
        assertThatThrownBy(() -> online.events("card-transactions", List.of(event("c1", "2026-03-10T13:00:00Z", 1.0,
                "m1", "SE"), noCard))).isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).isEqualTo("Event 1 posted to stream card-transactions has no"
                            + " 'card_id', which feature view card_velocity needs");
                });
        Map<String, Object> badAmount = event("c1", "2026-03-10T13:01:00Z", 1.0, "m1", "SE");
        badAmount.put("amount", "lots");
        assertThatThrownBy(() -> online.events("card-transactions", List.of(badAmount)))
                .isInstanceOfSatisfying(NorthstarException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).startsWith("Events posted to stream card-transactions do not fit the"
                            + " columns of finance.card_transactions (feature view card_velocity)");
                });
        assertThatThrownBy(() -> online.get("nope", List.of("c1"))).isInstanceOfSatisfying(NorthstarException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
        assertThatThrownBy(() -> online.get(view.name(), List.of("c1", "extra")))
                .hasMessage("Feature view card_velocity is keyed by [card_id], got 2 key value(s)");
    }

    @Test
    void aReloadFromTheSourceTableServesTheSameValues() {
        online.load(view.name());
        List<Instant> times = List.of(PointInTimeTest.T, PointInTimeTest.T.minus(Duration.ofMinutes(7)),
                PointInTimeTest.T.minus(Duration.ofDays(2)), NOW);
        Map<Instant, Map<String, Object>> before = new HashMap<>();
        times.forEach(time -> before.put(time, online.get(view.name(), List.of("c1"), time).values()));
        // A restarted server: new online features over the same source, reloaded into an emptied store.
        store.clear(view.name());
        assertThat(online.get(view.name(), List.of("c1"), PointInTimeTest.T).present()).isFalse();
        try (OnlineFeatures restarted = new OnlineFeatures(lake, store, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofDays(30))) {
            restarted.register(view);
            restarted.load(view.name());
            times.forEach(time -> assertThat(restarted.get(view.name(), List.of("c1"), time).values())
                    .as(time.toString()).isEqualTo(before.get(time)));
        }
    }

    static Map<String, Object> event(String card, String time, Double amount, String merchant, String country) {
        Map<String, Object> event = new HashMap<>();
        event.put("card_id", card);
        event.put("event_time", time);
        event.put("amount", amount);
        event.put("merchant_id", merchant);
        event.put("country", country);
        return event;
    }
}
