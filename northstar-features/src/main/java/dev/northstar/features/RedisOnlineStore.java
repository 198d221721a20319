package dev.northstar.features;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis online store: each entity of a view is a sorted set {@code <prefix><view>:<entity>} of its events scored
 * by event time in microseconds (exact in a double until the year 2255). A lookup is one {@code ZRANGEBYSCORE} round
 * trip; an append is one pipeline per batch ({@code ZADD}, trimming with {@code ZREMRANGEBYSCORE}, and a
 * {@code PEXPIRE} so that idle entities disappear from Redis by themselves).
 *
 * <p>Members are compact binary encodings of an event (time, a unique sequence so that equal events are all kept,
 * and the inputs), decoded in Java.
 */
public final class RedisOnlineStore implements OnlineStore {
    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "northstar:features:";
    private static final byte NULL = 0;
    private static final byte DOUBLE = 1;
    private static final byte TEXT = 2;

    private final UnifiedJedis redis;
    private final String prefix;
    private final boolean owned;
    private final AtomicLong sequence = new AtomicLong(new SecureRandom().nextLong());

    /**
     * @param redis a client (for example {@code RedisClient.create("127.0.0.1", 6379)}); closed with this store when
     *     {@code owned}
     * @param prefix key prefix, e.g. {@value #DEFAULT_PREFIX}
     */
    public RedisOnlineStore(UnifiedJedis redis, String prefix, boolean owned) {
        this.redis = requireNonNull(redis, "redis is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.owned = owned;
    }

    /** A store on a Redis server, owning its client. */
    public static RedisOnlineStore connect(String host, int port) {
        return new RedisOnlineStore(RedisClient.create(host, port), DEFAULT_PREFIX, true);
    }

    @Override
    public void append(String view, List<OnlineEvent> events, Duration keep) {
        Map<String, List<OnlineEvent>> byEntity = new LinkedHashMap<>();
        for (OnlineEvent event : events) {
            byEntity.computeIfAbsent(event.entity(), key -> new ArrayList<>()).add(event);
        }
        long keepMicros = keep.toNanos() / 1000;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Map.Entry<String, List<OnlineEvent>> entry : byEntity.entrySet()) {
                byte[] key = key(view, entry.getKey());
                Map<byte[], Double> members = new IdentityHashMap<>();
                long latest = Long.MIN_VALUE;
                for (OnlineEvent event : entry.getValue()) {
                    members.put(encode(event), (double) event.timeMicros());
                    latest = Math.max(latest, event.timeMicros());
                }
                pipeline.zadd(key, members);
                pipeline.zremrangeByScore(key, bytes("-inf"), bytes("(" + (latest - keepMicros)));
                pipeline.pexpire(key, Math.max(1, keep.toMillis()));
            }
            pipeline.sync();
        } catch (JedisException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<OnlineEvent> events(String view, String entity, long fromMicros, long toMicros) {
        List<byte[]> members;
        try {
            members = redis.zrangeByScore(key(view, entity), bytes(Long.toString(fromMicros)),
                    bytes("(" + toMicros));
        } catch (JedisException e) {
            throw unavailable(e);
        }
        List<OnlineEvent> events = new ArrayList<>(members.size());
        for (byte[] member : members) {
            events.add(decode(entity, member));
        }
        return events;
    }

    @Override
    public void clear(String view) {
        ScanParams match = new ScanParams().match(bytes(prefix + view + ":*")).count(1000);
        byte[] cursor = bytes(ScanParams.SCAN_POINTER_START);
        try {
            do {
                ScanResult<byte[]> page = redis.scan(cursor, match);
                if (!page.getResult().isEmpty()) {
                    redis.del(page.getResult().toArray(new byte[0][]));
                }
                cursor = page.getCursorAsBytes();
            } while (!ScanParams.SCAN_POINTER_START.equals(new String(cursor, StandardCharsets.UTF_8)));
        } catch (JedisException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void close() {
        if (owned) {
            redis.close();
        }
    }

    private byte[] key(String view, String entity) {
        return bytes(prefix + view + ":" + entity);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] encode(OnlineEvent event) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeLong(event.timeMicros());
            out.writeLong(sequence.incrementAndGet());
            out.writeShort(event.inputs().size());
            for (Object input : event.inputs()) {
                if (input == null) {
                    out.writeByte(NULL);
                } else if (input instanceof Double number) {
                    out.writeByte(DOUBLE);
                    out.writeDouble(number);
                } else {
                    byte[] text = bytes((String) input);
                    out.writeByte(TEXT);
                    out.writeInt(text.length);
                    out.write(text);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return buffer.toByteArray();
    }

    private static OnlineEvent decode(String entity, byte[] member) {
        ByteBuffer in = ByteBuffer.wrap(member);
        long time = in.getLong();
        in.getLong();
        int count = in.getShort();
        Object[] inputs = new Object[count];
        for (int i = 0; i < count; i++) {
            byte tag = in.get();
            if (tag == DOUBLE) {
                inputs[i] = in.getDouble();
            } else if (tag == TEXT) {
                int length = in.getInt();
                inputs[i] = new String(member, in.position(), length, StandardCharsets.UTF_8);
                in.position(in.position() + length);
            }
        }
        return new OnlineEvent(entity, time, java.util.Arrays.asList(inputs));
    }

    private static NorthstarException unavailable(JedisException e) {
        return new NorthstarException(ErrorCode.UNAVAILABLE, "The Redis online store is unreachable: "
                + e.getMessage(), "Check that Redis runs at the configured host and port", e);
    }
}
