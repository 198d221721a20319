package dev.northstar.features;

import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The local Redis of integration tests (127.0.0.1:6379). When it is unreachable, tests fail if the environment
 * variable {@code CI} is {@code true}, and are skipped with a loud notice otherwise.
 */
final class LocalRedis {
    static final String HOST = "127.0.0.1";
    static final int PORT = 6379;

    private LocalRedis() {}

    /** A store on the local Redis under a fresh key prefix. */
    static RedisOnlineStore store() {
        UnifiedJedis client = RedisClient.create(HOST, PORT);
        try {
            client.ping();
        } catch (RuntimeException e) {
            client.close();
            String notice = "Redis is not reachable at " + HOST + ":" + PORT + " (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(notice + "; CI=true requires it");
            }
            System.err.println("*** SKIPPED: " + notice + " — start Redis to run the Redis online store tests ***");
            Assumptions.abort(notice);
        }
        return new RedisOnlineStore(client, "northstar-test:" + UUID.randomUUID() + ":", true);
    }
}
