package dev.northstar.cockpit.notify;

import static java.util.Objects.requireNonNull;

import dev.northstar.lake.config.Settings;
import dev.northstar.spi.error.NorthstarException;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's due notifications: e-mail through the configured SMTP server, webhooks by an HTTP POST of the
 * JSON payload (with {@code Idempotency-Key}: delivery is at least once). A failed attempt is retried with backoff
 * (1, 2, 4... minutes, at most 2 hours apart) until {@link #MAX_ATTEMPTS}, then the notification is failed and stays
 * listed with its last error. Errors never carry a webhook's URL or the SMTP password.
 *
 * <p>Configuration (read on each delivery, so a change needs no restart; each key also from the environment, e.g.
 * {@code NORTHSTAR_NOTIFY_SMTP_PASSWORD}):
 * <ul>
 *   <li>{@code notify.smtp.host}, {@code notify.smtp.port} (default 25), {@code notify.smtp.from} (default
 *       {@code northstar@localhost}), {@code notify.smtp.username}, {@code notify.smtp.password},
 *       {@code notify.smtp.starttls} ({@code optional} by default, {@code required} or {@code off});</li>
 *   <li>{@code notify.webhooks.<name>}: the URL of {@code webhook:<name>}.</li>
 * </ul>
 */
public final class Notifier {
    /** Attempts before a notification is failed for good. */
    public static final int MAX_ATTEMPTS = 10;
    /** Most notifications one {@link #deliverDue()} sends. */
    static final int BATCH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration LONGEST_RETRY = Duration.ofHours(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Outbox outbox;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final HttpClient http;

    /**
     * @param settings the configuration, asked again on each delivery
     */
    public Notifier(Outbox outbox, Supplier<Settings> settings, Clock clock) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * What one round of delivery did.
     *
     * @param delivered notifications sent
     * @param retrying notifications that failed and will be tried again
     * @param failed notifications that failed for the last time
     */
    public record Round(int delivered, int retrying, int failed) {}

    /** Sends every notification due now; safe to call concurrently with itself (one round at a time). */
    public synchronized Round deliverDue() {
        Settings configuration = settings.get();
        int delivered = 0;
        int retrying = 0;
        int failed = 0;
        for (Notification notification : outbox.due(clock.instant(), BATCH)) {
            try {
                send(notification, configuration);
                outbox.delivered(notification, clock.instant());
                delivered++;
            } catch (DeliveryException e) {
                int attempts = notification.attempts() + 1;
                Optional<Instant> retryAt = attempts >= MAX_ATTEMPTS ? Optional.empty()
                        : Optional.of(clock.instant().plus(backoff(attempts)));
                outbox.failed(notification, e.getMessage(), retryAt);
                if (retryAt.isPresent()) {
                    retrying++;
                    // Said once loudly; the retries' outcome stays in the outbox (notifications list).
                    if (attempts == 1) {
                        LOG.warn("Notification {} to {} not delivered, retrying with backoff: {}", notification.id(),
                                notification.recipient(), e.getMessage());
                    } else {
                        LOG.debug("Notification {} to {} not delivered (attempt {}), retrying at {}: {}",
                                notification.id(), notification.recipient(), attempts, retryAt.get(), e.getMessage());
                    }
                } else {
                    failed++;
                    LOG.error("Notification {} to {} failed after {} attempts: {}", notification.id(),
                            notification.recipient(), attempts, e.getMessage());
                }
            }
        }
        return new Round(delivered, retrying, failed);
    }

    /** The wait after the {@code attempts}-th failure: 1 minute doubled each time, at most 2 hours. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    private void send(Notification notification, Settings configuration) throws DeliveryException {
        Recipient recipient;
        try {
            recipient = Recipient.parse(notification.recipient());
        } catch (NorthstarException e) {
            throw new DeliveryException(e.getMessage());
        }
        if (recipient instanceof Recipient.Webhook webhook) {
            post(notification, webhook, configuration);
        } else {
            mail(notification, (Recipient.Email) recipient, configuration);
        }
    }

    private void post(Notification notification, Recipient.Webhook webhook, Settings configuration)
            throws DeliveryException {
        String named = "webhook '" + webhook.name() + "'";
        String url = configuration.value(webhook.settingKey()).map(String::trim).filter(text -> !text.isEmpty())
                .orElseThrow(() -> new DeliveryException(named + " has no URL: set " + webhook.settingKey()
                        + " in northstar.yaml or " + Settings.environmentVariable(webhook.settingKey())));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("the URL of " + named + " is not a valid URI: fix " + webhook.settingKey());
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new DeliveryException("the URL of " + named + " must be http or https: fix "
                    + webhook.settingKey());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", notification.id())
                .header("User-Agent", "Northstar")
                .POST(HttpRequest.BodyPublishers.ofString(notification.payload(), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new DeliveryException(named + " answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            // The exception's own message may quote the URL, which can hold a secret: only its kind is kept.
            throw new DeliveryException(named + " could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(named + ": delivery interrupted");
        }
    }

    private static void mail(Notification notification, Recipient.Email email, Settings configuration)
            throws DeliveryException {
        Optional<String> host = configuration.value("notify.smtp.host").map(String::trim)
                .filter(text -> !text.isEmpty());
        if (host.isEmpty()) {
            throw new DeliveryException("no SMTP server is configured: set notify.smtp.host in northstar.yaml or "
                    + Settings.environmentVariable("notify.smtp.host"));
        }
        int port;
        try {
            port = configuration.integer("notify.smtp.port", 25);
        } catch (NorthstarException e) {
            throw new DeliveryException(e.getMessage());
        }
        String starttls = configuration.string("notify.smtp.starttls", "optional").trim();
        if (!List.of("optional", "required", "off").contains(starttls)) {
            throw new DeliveryException("notify.smtp.starttls is '" + starttls + "': use optional, required or off");
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host.get());
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
        properties.put("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
        properties.put("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(!"off".equals(starttls)));
        properties.put("mail.smtp.starttls.required", Boolean.toString("required".equals(starttls)));
        Optional<String> username = configuration.value("notify.smtp.username").filter(text -> !text.isBlank());
        Authenticator authenticator = null;
        if (username.isPresent()) {
            properties.put("mail.smtp.auth", "true");
            String password = configuration.value("notify.smtp.password").orElse("");
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(username.get(), password);
                }
            };
        }
        Session session = Session.getInstance(properties, authenticator);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(configuration.string("notify.smtp.from", "northstar@localhost")));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.address()));
            message.setSubject(notification.subject(), StandardCharsets.UTF_8.name());
            message.setText(notification.body(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(notification.createdAt()));
            message.setHeader("X-Northstar-Notification", notification.id());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new DeliveryException("the SMTP server " + host.get() + ":" + port + " refused or failed: "
                    + firstLine(e));
        }
    }

    private static String firstLine(MessagingException e) {
        Throwable cause = e;
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            text.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage())
                    .append(')');
        }
        String line = text.toString().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** A delivery that did not happen, with a message safe to store and log. */
    private static final class DeliveryException extends Exception {
        DeliveryException(String message) {
            super(message, null, false, false);
        }
    }
}
