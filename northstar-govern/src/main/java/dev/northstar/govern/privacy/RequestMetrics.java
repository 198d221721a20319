package dev.northstar.govern.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The data-subject requests' service level.
 *
 * @param open requests not yet answered
 * @param overdue open requests past their legal deadline
 * @param completed answered requests
 * @param medianResponseMillis median response time of answered requests, 0 when none
 * @param maximumResponseMillis longest response time, 0 when none
 */
public record RequestMetrics(long open, long overdue, long completed, long medianResponseMillis,
        long maximumResponseMillis) {
    static RequestMetrics of(List<PrivacyRequest> requests, Instant now) {
        long open = requests.stream().filter(request -> request.status() != PrivacyRequest.Status.COMPLETED).count();
        long overdue = requests.stream().filter(request -> request.overdue(now)).count();
        List<Long> times = requests.stream().flatMap(request -> request.responseTime().stream())
                .map(Duration::toMillis).sorted().toList();
        return new RequestMetrics(open, overdue, times.size(), times.isEmpty() ? 0 : times.get(times.size() / 2),
                times.isEmpty() ? 0 : times.get(times.size() - 1));
    }
}
