package dev.northstar.cockpit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.northstar.lake.LakeConfig;
import dev.northstar.lake.LocalPostgres;
import dev.northstar.lake.MutableClock;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.JdbcMetadataStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox on the local PostgreSQL server (a fresh schema): the cockpit's migration creates it, an event is queued
 * once per recipient, and delivery and retries are recorded. Skipped with a notice without a server, failed when
 * {@code CI=true}.
 */
class PostgresOutboxTest {
    private final LocalPostgres.Schemas schemas = new LocalPostgres.Schemas("PostgresOutboxTest");

    @TempDir
    Path directory;

    @AfterEach
    void drop() throws Exception {
        schemas.dropAll();
    }

    @Test
    void queuesOncePerRecipientAndRecordsDeliveries() throws Exception {
        LakeConfig config = schemas.fresh(LakeConfig.embedded(directory));
        AtomicInteger posts = new AtomicInteger();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(posts.incrementAndGet() == 1 ? 500 : 200, -1);
            exchange.close();
        });
        hook.start();
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            MutableClock clock = new MutableClock(Instant.parse("2027-03-01T08:00:00Z"));
            Outbox outbox = new Outbox(store.database());
            Outbox.Event event = new Outbox.Event("budget:ops:2027-03:80", "Budget ops: 80% reached", "Details.",
                    Map.of("threshold_percent", 80));
            List<Recipient> recipients = List.of(Recipient.parse("webhook:ops"), Recipient.parse("ops@example.org"));
            int queued = store.database().call("queue", handle -> handle.inTransaction(transaction ->
                    Outbox.enqueue(transaction, event, recipients, clock.instant())));
            int again = store.database().call("queue again", handle -> handle.inTransaction(transaction ->
                    Outbox.enqueue(transaction, event, recipients, clock.instant())));
            assertThat(queued).isEqualTo(2);
            assertThat(again).isZero();

            Notifier notifier = new Notifier(outbox, () -> Settings.of(directory, Map.of("notify.webhooks.ops",
                    "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook")), clock);
            assertThat(notifier.deliverDue()).isEqualTo(new Notifier.Round(0, 2, 0));
            clock.advance(Duration.ofMinutes(1));
            assertThat(notifier.deliverDue()).isEqualTo(new Notifier.Round(1, 1, 0));

            Notification delivered = outbox.list(Optional.of(Notification.Status.DELIVERED), 10).get(0);
            assertThat(delivered.recipient()).isEqualTo("webhook:ops");
            assertThat(delivered.attempts()).isEqualTo(2);
            assertThat(delivered.deliveredAt()).contains(clock.instant());
            assertThat(delivered.lastError()).isEmpty();
            Notification waiting = outbox.list(Optional.of(Notification.Status.PENDING), 10).get(0);
            assertThat(waiting.lastError()).get().asString().contains("notify.smtp.host");
            assertThat(outbox.due(clock.instant().plus(Duration.ofMinutes(2)), 10)).containsExactly(waiting);
        } finally {
            hook.stop(0);
        }
    }
}
