package dev.northstar.ml.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScoringLoadTest {
    @Test
    void slowAnswersAreCountedPerSecondOfTheRun() {
        long fast = TimeUnit.MICROSECONDS.toNanos(500);
        long[] latencies = new long[30];
        Arrays.fill(latencies, fast);
        latencies[11] = TimeUnit.MILLISECONDS.toNanos(12);
        latencies[12] = TimeUnit.MILLISECONDS.toNanos(7);
        latencies[29] = ScoringLoad.SLOW_NANOS; // not over the bar
        latencies[25] = -1; // failed: no latency

        assertThat(ScoringLoad.slowSeconds(latencies, 10))
                .isEqualTo("Seconds with answers over 5 ms (second:count/slowest ms): 1:2/12");
        Arrays.fill(latencies, fast);
        assertThat(ScoringLoad.slowSeconds(latencies, 10)).endsWith(": none");
    }
}
