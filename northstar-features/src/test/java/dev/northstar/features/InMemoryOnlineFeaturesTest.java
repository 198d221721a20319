package dev.northstar.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The online contract on the embedded in-process store, and the lookup benchmark's percentiles on it. */
class InMemoryOnlineFeaturesTest extends OnlineFeaturesContract {
    @Override
    OnlineStore newStore() {
        return new InMemoryOnlineStore();
    }

    @Test
    void theLookupBenchmarkReportsOrderedPercentiles() {
        online.load(view.name());
        Random random = new Random(3);
        FeatureLookupBenchmark.Percentiles result = FeatureLookupBenchmark.measure("in-process", online, view.name(),
                () -> List.of(random.nextBoolean() ? "c1" : "c2"), 1_000, 2_000);
        assertThat(result.lookups()).isEqualTo(2_000);
        assertThat(result.p50Micros()).isPositive().isLessThanOrEqualTo(result.p90Micros());
        assertThat(result.p90Micros()).isLessThanOrEqualTo(result.p99Micros());
        assertThat(result.p99Micros()).isLessThanOrEqualTo(result.p999Micros());
        assertThat(result.p999Micros()).isLessThanOrEqualTo(result.maxMicros());
        assertThat(result.json()).startsWith("{\"bench\":\"features\",\"store\":\"in-process\",\"lookups\":2000,");
    }
}
