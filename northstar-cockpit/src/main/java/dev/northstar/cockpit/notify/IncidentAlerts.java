package dev.northstar.cockpit.notify;

import static java.util.Objects.requireNonNull;

import dev.northstar.contracts.ActiveContract;
import dev.northstar.contracts.DataContract;
import dev.northstar.contracts.ProductRegistry;
import dev.northstar.contracts.SupportChannel;
import dev.northstar.lake.config.Settings;
import dev.northstar.lake.store.MetadataDatabase;
import dev.northstar.quality.Incident;
import dev.northstar.quality.IncidentStore;
import dev.northstar.spi.error.NorthstarException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells a data product's owners of its quality incidents, through the {@code support} channels of the ODCS contract
 * governing the table: each open incident is queued once ({@code incident:<id>}) for every channel Northstar can
 * reach — a {@code mailto:} URL or an {@code email} channel that is an address, and a chat channel ({@code slack},
 * {@code teams}, {@code webhook}...) whose name has a webhook configured ({@code #retail-data} →
 * {@code notify.webhooks.retail_data}). Channels with {@code scope: issues} are preferred when a contract has some.
 */
public final class IncidentAlerts {
    private static final Set<String> EMAIL_TOOLS = Set.of("email", "mail");

    private final MetadataDatabase database;
    private final IncidentStore incidents;
    private final ProductRegistry registry;
    private final Supplier<Settings> settings;
    private final Clock clock;

    public IncidentAlerts(MetadataDatabase database, ProductRegistry registry, Supplier<Settings> settings,
            Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.incidents = new IncidentStore(database, clock);
    }

    /** Queues the open incidents not queued yet for their product's channels; how many notifications it queued. */
    public int enqueueNew() {
        Settings configuration = settings.get();
        int queued = 0;
        for (Incident incident : incidents.list(Optional.empty(), Optional.of(Incident.Status.OPEN))) {
            Optional<ActiveContract> governing = registry.activeContract(incident.table());
            if (governing.isEmpty()) {
                continue;
            }
            List<Recipient> recipients = recipients(governing.get().contract(), configuration);
            if (recipients.isEmpty()) {
                continue;
            }
            Outbox.Event event = event(incident, governing.get().contract());
            queued += database.call("queue the notifications of incident " + incident.id(), handle ->
                    handle.inTransaction(transaction -> Outbox.enqueue(transaction, event, recipients,
                            clock.instant())));
        }
        return queued;
    }

    /** The channels of a contract Northstar can deliver to, the {@code issues} ones when there are some. */
    static List<Recipient> recipients(DataContract contract, Settings configuration) {
        List<SupportChannel> channels = contract.support();
        List<SupportChannel> issues = channels.stream()
                .filter(channel -> "issues".equalsIgnoreCase(channel.scope())).toList();
        Set<Recipient> recipients = new LinkedHashSet<>();
        for (SupportChannel channel : issues.isEmpty() ? channels : issues) {
            reachable(channel, configuration).ifPresent(recipients::add);
        }
        return List.copyOf(recipients);
    }

    private static Optional<Recipient> reachable(SupportChannel channel, Settings configuration) {
        String url = channel.url().trim();
        if (url.regionMatches(true, 0, "mailto:", 0, "mailto:".length())) {
            return address(url.substring("mailto:".length()));
        }
        String tool = channel.tool().trim().toLowerCase(Locale.ROOT);
        if (EMAIL_TOOLS.contains(tool)) {
            return address(channel.channel());
        }
        String name = channel.channel().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_")
                .replaceAll("^_+|_+$", "");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            return Optional.empty();
        }
        try {
            Recipient.Webhook webhook = new Recipient.Webhook(name);
            return configuration.value(webhook.settingKey()).filter(value -> !value.isBlank()).map(value -> webhook);
        } catch (NorthstarException e) {
            return Optional.empty();
        }
    }

    private static Optional<Recipient> address(String text) {
        try {
            Recipient recipient = Recipient.parse(text);
            return recipient instanceof Recipient.Email ? Optional.of(recipient) : Optional.empty();
        } catch (NorthstarException e) {
            return Optional.empty();
        }
    }

    static Outbox.Event event(Incident incident, DataContract contract) {
        String subject = String.format(Locale.ROOT, "[%s] Quality incident on %s: %s",
                incident.severity().name().toLowerCase(Locale.ROOT), incident.table(), incident.title());
        String body = incident.detail() + String.format(Locale.ROOT, "%n%nIncident %s (check %s), opened %s, under"
                        + " contract %s.%nAcknowledge or resolve it: northstar quality incidents, or /console/quality.",
                incident.id(), incident.checkId(), incident.openedAt(), contract.id());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", "quality_incident");
        details.put("incident", incident.id());
        details.put("table", incident.table().toString());
        details.put("check", incident.checkId());
        details.put("severity", incident.severity().name().toLowerCase(Locale.ROOT));
        details.put("title", incident.title());
        details.put("opened_at", incident.openedAt().toString());
        details.put("contract", contract.id());
        return new Outbox.Event("incident:" + incident.id(), subject, body, details);
    }
}
