package dev.northstar.cli.demo;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's card processor: while the demo server runs, it sends real payments of the finance pack to
 * {@code POST /api/v1/score/card-fraud} a few times a second, as a scorer, so the console's Serve stage shows live
 * decisions with their reasons. A request that fails is counted and logged once; the traffic never stops the demo.
 */
public final class DemoTraffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);

    private final ScheduledExecutorService sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private DemoTraffic(ScheduledExecutorService sender) {
        this.sender = sender;
    }

    /**
     * Starts sending.
     *
     * @param scoreUrl the model's scoring route
     * @param token a scorer's token
     * @param bodies the requests, sent in turn
     * @param every the pause between two requests
     */
    public static DemoTraffic start(String scoreUrl, String token, List<String> bodies, Duration every) {
        requireNonNull(scoreUrl, "scoreUrl is null");
        requireNonNull(token, "token is null");
        if (bodies.isEmpty()) {
            throw new IllegalArgumentException("no requests to send");
        }
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "northstar-demo-traffic");
            thread.setDaemon(true);
            return thread;
        });
        DemoTraffic traffic = new DemoTraffic(sender);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI target = URI.create(scoreUrl);
        sender.scheduleWithFixedDelay(() -> {
            String body = bodies.get((int) (traffic.sent.getAndIncrement() % bodies.size()));
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(target)
                        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 && traffic.failed.getAndIncrement() == 0) {
                    LOG.warn("The demo's scoring traffic got {}: {}", response.statusCode(), response.body());
                }
            } catch (java.io.IOException e) {
                if (traffic.failed.getAndIncrement() == 0) {
                    LOG.warn("The demo's scoring traffic could not reach {}: {}", target, e.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return traffic;
    }

    /** Requests sent so far. */
    public long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
