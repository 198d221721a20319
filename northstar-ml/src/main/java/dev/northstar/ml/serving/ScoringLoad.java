package dev.northstar.ml.serving;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * An open-loop load of scoring requests over HTTP: requests leave at a fixed rate whatever the answers do, and each
 * latency is measured from the moment its request was due, so a slow server is not hidden by a waiting client
 * (no coordinated omission): a request waiting for a free connection is late, and its wait counts. For
 * {@code northstar bench scoring} and the scoring tests.
 */
public final class ScoringLoad {
    private ScoringLoad() {}

    /**
     * What a run measured; latencies in microseconds, from due time to the full answer.
     *
     * @param cpuMicrosPerRequest CPU time the load's own process used per request during the phase
     * @param failed requests answered with a status other than 200, or not answered
     */
    public record Result(int ratePerSecond, double seconds, long sent, long succeeded, long failed,
            double achievedPerSecond, double p50Micros, double p99Micros, double p999Micros, double maxMicros,
            double cpuMicrosPerRequest) {
        /** One JSON line. */
        public String json() {
            return String.format(Locale.ROOT, "{\"benchmark\":\"scoring-http\",\"rate\":%d,\"seconds\":%.1f,"
                    + "\"sent\":%d,\"succeeded\":%d,\"failed\":%d,\"achieved_per_second\":%.1f,\"p50_us\":%.0f,"
                    + "\"p99_us\":%.0f,\"p999_us\":%.0f,\"max_us\":%.0f,\"client_cpu_us_per_request\":%.0f}",
                    ratePerSecond, seconds, sent, succeeded, failed, achievedPerSecond, p50Micros, p99Micros,
                    p999Micros, maxMicros, cpuMicrosPerRequest);
        }
    }

    /** Connections kept open to the server; a request waits for a free one, and that wait counts in its latency. */
    public static final int CONNECTIONS = 64;

    /**
     * Posts {@code body.apply(i)} to {@code target} at {@code ratePerSecond} for {@code duration}, after a warm-up
     * at the same rate whose answers are not counted. Requests go over {@link #CONNECTIONS} keep-alive connections
     * (as a service calling the scorer would hold them), one sending thread per connection.
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
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(CONNECTIONS).setMaxConnPerRoute(CONNECTIONS)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true)
                        .setSoTimeout(Timeout.ofSeconds(10)).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                        .build())
                .build();
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofSeconds(10)).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().build()) {
            if (!warmup.isZero()) {
                phase("Warm-up", client, target, token, body, ratePerSecond, warmup);
            }
            return phase("Measured", client, target, token, body, ratePerSecond, duration);
        } catch (IOException e) {
            throw new IllegalStateException("Could not close the load's HTTP client: " + e.getMessage(), e);
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

    /** A request due at {@code due} (nanoTime), or the end of the phase when {@code index} is negative. */
    private record Due(int index, long due) {}

    private static Result phase(String name, CloseableHttpClient client, URI target, String token,
            IntFunction<String> body, int rate, Duration duration) throws InterruptedException {
        int count = (int) Math.max(1, duration.toMillis() * rate / 1000);
        long period = 1_000_000_000L / rate;
        long[] latencies = new long[count];
        Arrays.fill(latencies, -1);
        byte[][] bodies = new byte[count][];
        for (int i = 0; i < count; i++) {
            bodies[i] = body.apply(i).getBytes(StandardCharsets.UTF_8);
        }
        BlockingQueue<Due> queue = new ArrayBlockingQueue<>(count + CONNECTIONS);
        Thread[] senders = new Thread[CONNECTIONS];
        for (int s = 0; s < senders.length; s++) {
            senders[s] = new Thread(() -> send(client, target, token, bodies, queue, latencies),
                    "scoring-load-" + s);
            senders[s].setDaemon(true);
            senders[s].start();
        }
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            queue.add(new Due(i, due));
        }
        for (int s = 0; s < senders.length; s++) {
            queue.add(new Due(-1, 0));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread sender : senders) {
            sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (processCpuNanos() - cpuStart) / 1000.0 / count;
        System.err.println(name + ": " + slowSeconds(latencies, rate));
        long[] answered = Arrays.stream(latencies).filter(latency -> latency >= 0).sorted().toArray();
        long failures = count - answered.length;
        return new Result(rate, seconds, count, count - failures, failures, count / seconds,
                percentile(answered, 0.50), percentile(answered, 0.99), percentile(answered, 0.999),
                answered.length == 0 ? Double.NaN : answered[answered.length - 1] / 1000.0, cpuMicros);
    }

    /** Answers slower than this are counted per second of the run, to show when the tail happened. */
    static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /**
     * The seconds of a run holding answers slower than {@link #SLOW_NANOS}, as {@code second:count/max ms}: a tail
     * spread evenly is the server's pace, a tail gathered in a few seconds is a pause (a commit, a collection).
     */
    static String slowSeconds(long[] latencies, int rate) {
        StringBuilder text = new StringBuilder("Seconds with answers over 5 ms (second:count/slowest ms):");
        int seconds = 0;
        for (int second = 0; (long) second * rate < latencies.length; second++) {
            int slow = 0;
            long slowest = 0;
            for (int i = second * rate; i < Math.min(latencies.length, (second + 1) * rate); i++) {
                if (latencies[i] > SLOW_NANOS) {
                    slow++;
                    slowest = Math.max(slowest, latencies[i]);
                }
            }
            if (slow > 0) {
                text.append(' ').append(second).append(':').append(slow).append('/')
                        .append(TimeUnit.NANOSECONDS.toMillis(slowest));
                seconds++;
            }
        }
        return seconds == 0 ? text.append(" none").toString() : text.toString();
    }

    /** CPU time used so far by this process, all threads (the load's own cost, to tell it from the server's). */
    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** One connection's sender: takes due requests in turn until the end marker; a failed request has no latency. */
    private static void send(CloseableHttpClient client, URI target, String token, byte[][] bodies,
            BlockingQueue<Due> queue, long[] latencies) {
        byte[] sink = new byte[8192];
        while (true) {
            Due next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next.index() < 0) {
                return;
            }
            HttpPost post = new HttpPost(target);
            post.setHeader("Authorization", "Bearer " + token);
            post.setEntity(new ByteArrayEntity(bodies[next.index()], ContentType.APPLICATION_JSON));
            try {
                int status = client.execute(post, response -> {
                    try (InputStream in = response.getEntity().getContent()) {
                        while (in.read(sink) >= 0) {
                            // The whole answer is read: the latency ends when the client has it.
                        }
                    }
                    return response.getCode();
                });
                if (status == 200) {
                    latencies[next.index()] = System.nanoTime() - next.due();
                }
            } catch (IOException | RuntimeException e) {
                // Counted as failed: it has no latency.
            }
        }
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
