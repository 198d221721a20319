package dev.northstar.cockpit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.northstar.cockpit.finops.Budget;
import dev.northstar.cockpit.finops.Budgets;
import dev.northstar.cockpit.finops.CostAttribution;
import dev.northstar.cockpit.finops.PriceModels;
import dev.northstar.cockpit.finops.TelemetryPlatform;
import dev.northstar.cockpit.finops.UseCaseLinks;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.config.YamlProblem;
import dev.northstar.spi.error.NorthstarException;
import dev.northstar.spi.store.RunRecord;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert notifications end to end on real parts: a budget crossing its threshold on a real lake queues one notification
 * per recipient, delivered to a real SMTP server (GreenMail on a free port) and a real webhook (an HTTP server on port
 * 0); failures are retried with backoff and given up after {@link Notifier#MAX_ATTEMPTS}, with errors that never quote
 * a webhook's URL.
 */
class NotifierTest {
    private static final Instant MARCH = Instant.parse("2027-03-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRICES = """
            kind: PriceModel
            name: test
            currency: EUR
            storage_per_gb_month: 2
            compute_per_cpu_second: 0.5
            """;
    private static final String BUDGET = """
            kind: Budget
            name: finance-monthly
            scope: {domain: finance}
            amount: 6
            thresholds: [80, 100]
            notify: [cfo@example.org, "webhook:finops"]
            """;

    @TempDir
    Path directory;

    private TelemetryPlatform platform;
    private Budgets budgets;
    private Outbox outbox;
    private GreenMail smtp;
    private HttpServer hook;
    private final List<Map<String, String>> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Map<String, String> settings = new HashMap<>();

    @BeforeEach
    void open() throws Exception {
        platform = new TelemetryPlatform(directory, MARCH).loaded();
        PriceModels prices = new PriceModels(platform.store.database(), platform.clock);
        prices.apply(PriceModels.parse("prices.yaml", PRICES).orThrow(), PRICES, "cdo", false);
        budgets = new Budgets(platform.store.database(), new CostAttribution(platform.lake,
                platform.store.database(), prices, UseCaseLinks.NONE), platform.clock);
        budgets.apply(Budgets.parse("budget.yaml", BUDGET).orThrow(), BUDGET, "cdo", false);
        outbox = new Outbox(platform.store.database());

        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hooks/secret-token-123", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                posted.add(Map.of("body", new String(body, StandardCharsets.UTF_8),
                        "key", exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        "type", exchange.getRequestHeaders().getFirst("Content-Type")));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hook.start();
        settings.put("notify.smtp.host", "127.0.0.1");
        settings.put("notify.smtp.port", Integer.toString(smtp.getSmtp().getPort()));
        settings.put("notify.smtp.from", "northstar@example.org");
        settings.put("notify.webhooks.finops", "http://127.0.0.1:" + hook.getAddress().getPort()
                + "/hooks/secret-token-123");
    }

    @AfterEach
    void close() {
        if (hook != null) {
            hook.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
        platform.close();
    }

    private Notifier notifier() {
        return new Notifier(outbox, () -> Settings.of(directory, Map.copyOf(settings)), platform.clock);
    }

    /** 10 s of ingestion at 0.5 EUR a CPU second: 5 EUR, over 80 % of the 6 EUR budget. */
    private void crossEightyPercent() {
        Instant start = MARCH.plus(Duration.ofDays(2));
        platform.store.runs().save(new RunRecord("run-1", "ingest", "finance.ledger", RunRecord.SUCCEEDED, start,
                Optional.of(start.plusSeconds(10)), 1, 1, Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of()));
        platform.clock.advance(Duration.ofDays(10));
    }

    @Test
    void aBudgetAlertReachesItsMailboxAndWebhookOnce() throws Exception {
        crossEightyPercent();
        assertThat(budgets.evaluate().get(0).raised()).hasSize(1);
        List<Notification> queued = outbox.list(Optional.of(Notification.Status.PENDING), 10);
        assertThat(queued).extracting(Notification::recipient)
                .containsExactlyInAnyOrder("cfo@example.org", "webhook:finops");
        assertThat(queued).extracting(Notification::event).containsOnly("budget:finance-monthly:2027-03:80");

        assertThat(notifier().deliverDue()).isEqualTo(new Notifier.Round(2, 0, 0));

        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("cfo@example.org");
        assertThat(mails[0].getFrom()[0].toString()).isEqualTo("northstar@example.org");
        assertThat(mails[0].getSubject()).isEqualTo("Budget finance-monthly: 80% reached in 2027-03 (domain finance)");
        assertThat(((String) mails[0].getContent()).replace("\r\n", "\n"))
                .contains("The costs attributed to domain finance reached 5.")
                .contains("of the budget of 6.00 EUR (alert threshold 80%).\nForecast to the end of the month: ");

        assertThat(posted).hasSize(1);
        JsonNode payload = JSON.readTree(posted.get(0).get("body"));
        assertThat(posted.get(0).get("type")).isEqualTo("application/json");
        assertThat(payload.path("event").asText()).isEqualTo("budget:finance-monthly:2027-03:80");
        assertThat(payload.path("text").asText()).startsWith("Budget finance-monthly: 80% reached");
        assertThat(payload.path("details").path("threshold_percent").asInt()).isEqualTo(80);
        assertThat(payload.path("details").path("amount").asDouble()).isEqualTo(6.0);
        assertThat(payload.path("details").path("currency").asText()).isEqualTo("EUR");
        String webhookId = queued.stream().filter(n -> n.recipient().startsWith("webhook:")).findFirst()
                .orElseThrow().id();
        assertThat(posted.get(0).get("key")).isEqualTo(webhookId);

        // Evaluating and delivering again tells nobody anything new.
        assertThat(budgets.evaluate().get(0).raised()).isEmpty();
        assertThat(notifier().deliverDue()).isEqualTo(new Notifier.Round(0, 0, 0));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(posted).hasSize(1);
        assertThat(outbox.list(Optional.of(Notification.Status.DELIVERED), 10)).hasSize(2)
                .allSatisfy(n -> {
                    assertThat(n.attempts()).isEqualTo(1);
                    assertThat(n.deliveredAt()).contains(platform.clock.instant());
                });
    }

    @Test
    void failedDeliveriesAreRetriedWithBackoffAndGivenUpWithAReason() {
        failuresLeft.set(1);
        settings.remove("notify.smtp.host");
        crossEightyPercent();
        budgets.evaluate();

        // The webhook answers 503 once; no SMTP server is configured yet.
        assertThat(notifier().deliverDue()).isEqualTo(new Notifier.Round(0, 2, 0));
        Map<String, Notification> byRecipient = byRecipient();
        assertThat(byRecipient.get("webhook:finops").lastError()).contains("webhook 'finops' answered HTTP 503");
        assertThat(byRecipient.get("cfo@example.org").lastError()).contains("no SMTP server is configured: set"
                + " notify.smtp.host in northstar.yaml or NORTHSTAR_NOTIFY_SMTP_HOST");
        assertThat(byRecipient.values()).allSatisfy(n -> assertThat(n.nextAttemptAt())
                .isEqualTo(platform.clock.instant().plus(Duration.ofMinutes(1))));

        // Not due yet; a minute later the webhook takes it, and the mail waits for its server.
        assertThat(notifier().deliverDue()).isEqualTo(new Notifier.Round(0, 0, 0));
        platform.clock.advance(Duration.ofMinutes(1));
        assertThat(notifier().deliverDue()).isEqualTo(new Notifier.Round(1, 1, 0));
        assertThat(posted).hasSize(1);
        assertThat(byRecipient().get("cfo@example.org").nextAttemptAt())
                .isEqualTo(platform.clock.instant().plus(Duration.ofMinutes(2)));

        // Failing until the last attempt fails it for good, with its reason.
        for (int attempt = 3; attempt <= Notifier.MAX_ATTEMPTS; attempt++) {
            platform.clock.advance(Notifier.backoff(attempt - 1));
            Notifier.Round round = notifier().deliverDue();
            assertThat(round).isEqualTo(attempt < Notifier.MAX_ATTEMPTS ? new Notifier.Round(0, 1, 0)
                    : new Notifier.Round(0, 0, 1));
        }
        Notification failed = byRecipient().get("cfo@example.org");
        assertThat(failed.status()).isEqualTo(Notification.Status.FAILED);
        assertThat(failed.attempts()).isEqualTo(Notifier.MAX_ATTEMPTS);
        assertThat(failed.lastError()).get().asString().contains("notify.smtp.host");
        platform.clock.advance(Duration.ofDays(1));
        assertThat(notifier().deliverDue()).isEqualTo(new Notifier.Round(0, 0, 0));
    }

    @Test
    void anUnreachableWebhookIsReportedWithoutItsUrl() {
        settings.put("notify.webhooks.finops", "http://127.0.0.1:1/hooks/secret-token-123");
        crossEightyPercent();
        budgets.evaluate();
        notifier().deliverDue();
        Notification webhook = byRecipient().get("webhook:finops");
        assertThat(webhook.lastError()).get().asString().startsWith("webhook 'finops' could not be reached")
                .doesNotContain("secret-token").doesNotContain("127.0.0.1:1");

        settings.remove("notify.webhooks.finops");
        platform.clock.advance(Duration.ofMinutes(1));
        notifier().deliverDue();
        assertThat(byRecipient().get("webhook:finops").lastError()).contains("webhook 'finops' has no URL: set"
                + " notify.webhooks.finops in northstar.yaml or NORTHSTAR_NOTIFY_WEBHOOKS_FINOPS");
    }

    @Test
    void backoffDoublesFromOneMinuteToTwoHours() {
        assertThat(List.of(1, 2, 3, 4, 7, 8, 9, 40).stream().map(Notifier::backoff).map(Duration::toMinutes))
                .containsExactly(1L, 2L, 4L, 8L, 64L, 120L, 120L, 120L);
    }

    @Test
    void recipientsAreAddressesOrNamedWebhooks() {
        assertThat(Recipient.parse(" cdo@example.org ")).isEqualTo(new Recipient.Email("cdo@example.org"));
        assertThat(Recipient.parse("webhook:finops")).isEqualTo(new Recipient.Webhook("finops"));
        assertThatThrownBy(() -> Recipient.parse("https://hooks.example.org/T000/B000/XXXX"))
                .isInstanceOf(NorthstarException.class).hasMessage("A webhook URL is written in a definition");
        assertThatThrownBy(() -> Recipient.parse("the cfo")).hasMessage(
                "'the cfo' is neither an e-mail address nor a named webhook");
        assertThatThrownBy(() -> Recipient.parse("webhook:Fin Ops")).hasMessage("Invalid webhook name 'Fin Ops'");

        var parsed = Budget.parse("budget.yaml", BUDGET.replace("notify: [cfo@example.org, \"webhook:finops\"]",
                "notify: [cfo, \"https://hooks.example.org/T000/B000/XXXX\"]"));
        assertThat(parsed.definition()).isEmpty();
        assertThat(parsed.problems()).extracting(YamlProblem::toString).containsExactly(
                "budget.yaml:6:10: notify[0]: 'cfo' is neither an e-mail address nor a named webhook ("
                        + Recipient.HINT + ")",
                "budget.yaml:6:15: notify[1]: A webhook URL is written in a definition (Webhook URLs carry secrets:"
                        + " name the webhook (webhook:finops) and set its URL as notify.webhooks.finops in"
                        + " northstar.yaml or NORTHSTAR_NOTIFY_WEBHOOKS_FINOPS)");
    }

    @Test
    void aQualityIncidentReachesTheIssueChannelsOfItsProductsContract() throws Exception {
        Path contracts = java.nio.file.Files.createDirectories(directory.resolve("contracts-v2"));
        java.nio.file.Files.writeString(contracts.resolve("customers.yaml"), TelemetryPlatform.CUSTOMERS_CONTRACT
                .replace("version: 1.0.0", "version: 1.1.0") + """
                support:
                  - channel: "#FinOps"
                    tool: slack
                    scope: issues
                  - channel: data-quality
                    tool: email
                    url: mailto:quality@example.org
                    scope: issues
                  - channel: "#random"
                    tool: slack
                """);
        platform.registry.apply(contracts);
        dev.northstar.quality.IncidentStore store = new dev.northstar.quality.IncidentStore(platform.store.database(),
                platform.clock);
        dev.northstar.quality.Incident incident = store.raise(TelemetryPlatform.CUSTOMERS, "email_not_null",
                dev.northstar.quality.Incident.Kind.CHECK_FAILED, dev.northstar.quality.Severity.ERROR,
                "email missing", "3 of 20 rows have no email");
        IncidentAlerts alerts = new IncidentAlerts(platform.store.database(), platform.registry,
                () -> Settings.of(directory, Map.copyOf(settings)), platform.clock);

        assertThat(alerts.enqueueNew()).isEqualTo(2);
        assertThat(alerts.enqueueNew()).isZero();
        assertThat(byRecipient().keySet()).containsExactlyInAnyOrder("webhook:finops", "quality@example.org");
        assertThat(notifier().deliverDue()).isEqualTo(new Notifier.Round(2, 0, 0));
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[error] Quality incident on retail.customers: email missing");
        assertThat(((String) mail.getContent())).contains("3 of 20 rows have no email")
                .contains("Incident " + incident.id() + " (check email_not_null)").contains("retail-customers");
        JsonNode payload = JSON.readTree(posted.get(0).get("body"));
        assertThat(payload.path("event").asText()).isEqualTo("incident:" + incident.id());
        assertThat(payload.path("details").path("kind").asText()).isEqualTo("quality_incident");

        // A second occurrence of the same open incident is not a new notification; a resolved one is not told.
        store.raise(TelemetryPlatform.CUSTOMERS, "email_not_null", dev.northstar.quality.Incident.Kind.CHECK_FAILED,
                dev.northstar.quality.Severity.ERROR, "email missing", "4 of 20 rows have no email");
        assertThat(alerts.enqueueNew()).isZero();
        // Without the webhook configured, only the address is reachable.
        settings.remove("notify.webhooks.finops");
        store.resolve(incident.id(), "ada", Optional.of("fixed upstream"));
        store.raise(TelemetryPlatform.CUSTOMERS, "email_not_null", dev.northstar.quality.Incident.Kind.CHECK_FAILED,
                dev.northstar.quality.Severity.WARNING, "email missing again", "1 of 20 rows has no email");
        assertThat(alerts.enqueueNew()).isEqualTo(1);
    }

    private Map<String, Notification> byRecipient() {
        Map<String, Notification> byRecipient = new HashMap<>();
        outbox.list(Optional.empty(), 10).forEach(n -> byRecipient.put(n.recipient(), n));
        return byRecipient;
    }
}
