package dev.northstar.ml.serving;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop load of scoring requests over HTTP: requests leave at a fixed rate whatever the answers do, and each
 * latency is measured from the moment its request was due, so a slow server is not hidden by a waiting client
 * (no coordinated omission). For {@code northstar bench scoring} and the scoring tests.
 */
public final class ScoringLoad {
    private ScoringLoad() {}

    /**
     * What a run measured; latencies in microseconds, from due time to the full answer.
     *
     * @param failed requests answered with a status other than 200, or not answered
     */
    public record Result(int ratePerSecond, double seconds, long sent, long succeeded, long failed,
            double achievedPerSecond, double p50Micros, double p99Micros, double p999Micros, double maxMicros) {
        /** One JSON line. */
        public String json() {
            return String.format(Locale.ROOT, "{\"benchmark\":\"scoring-http\",\"rate\":%d,\"seconds\":%.1f,"
                    + "\"sent\":%d,\"succeeded\":%d,\"failed\":%d,\"achieved_per_second\":%.1f,\"p50_us\":%.0f,"
                    + "\"p99_us\":%.0f,\"p999_us\":%.0f,\"max_us\":%.0f}", ratePerSecond, seconds, sent, succeeded,
                    failed, achievedPerSecond, p50Micros, p99Micros, p999Micros, maxMicros);
        }
    }

    /**
     * Posts {@code body.apply(i)} to {@code target} at {@code ratePerSecond} for {@code duration}, after a warm-up
     * at the same rate whose answers are not counted.
     *
     * @param token bearer token of a principal with the scorer role
     */
    public static Result run(URI target, String token, IntFunction<String> body, int ratePerSecond,
            Duration duration, Duration warmup) throws InterruptedException {
        requireNonNull(target, "target is null");
        requireNonNull(token, "token is null");
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 request per second");
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "scoring-load");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            if (!warmup.isZero()) {
                phase(client, target, token, body, ratePerSecond, warmup);
            }
            return phase(client, target, token, body, ratePerSecond, duration);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Runs a load from its own process, as {@code northstar bench scoring} does: {@code URL TOKEN BODIES RATE SECONDS
     * WARMUP_SECONDS}, where BODIES is a file of request bodies, one JSON object per line, sent in turn. Prints
     * {@link Result#json()} on standard output. The token is read from the environment variable
     * {@code NORTHSTAR_LOAD_TOKEN} when TOKEN is {@code -} (so it is not visible in the process list).
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: ScoringLoad URL TOKEN|- BODIES RATE SECONDS WARMUP_SECONDS");
            System.exit(2);
        }
        String token = args[1].equals("-") ? System.getenv("NORTHSTAR_LOAD_TOKEN") : args[1];
        java.util.List<String> bodies = java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[2]));
        Result result = run(URI.create(args[0]), token, index -> bodies.get(index % bodies.size()),
                Integer.parseInt(args[3]), Duration.ofSeconds(Long.parseLong(args[4])),
                Duration.ofSeconds(Long.parseLong(args[5])));
        System.out.println(result.json());
    }

    private static Result phase(HttpClient client, URI target, String token, IntFunction<String> body, int rate,
            Duration duration) throws InterruptedException {
        int count = (int) Math.max(1, duration.toMillis() * rate / 1000);
        long period = 1_000_000_000L / rate;
        long[] latencies = new long[count];
        Arrays.fill(latencies, -1);
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.apply(i))).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                latencies[index] = System.nanoTime() - due;
                if (error != null || response.statusCode() != 200) {
                    failed.incrementAndGet();
                }
                done.countDown();
            });
        }
        boolean finished = done.await(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] answered = Arrays.stream(latencies).filter(latency -> latency >= 0).sorted().toArray();
        long unanswered = finished ? 0 : count - answered.length;
        long failures = failed.get() + unanswered;
        return new Result(rate, seconds, count, count - failures, failures, count / seconds,
                percentile(answered, 0.50), percentile(answered, 0.99), percentile(answered, 0.999),
                answered.length == 0 ? Double.NaN : answered[answered.length - 1] / 1000.0);
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
