package dev.northstar.cli;

import dev.northstar.cockpit.notify.Notification;
import dev.northstar.cockpit.notify.Notifier;
import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code northstar notifications ...}: the outbox of alert notifications, and delivering it now. */
@Command(name = "notifications", description = "Alert notifications (e-mail and webhooks): what was queued, delivered"
        + " or failed, and delivering what is due now.",
        subcommands = {NotificationsCommand.ListCommand.class, NotificationsCommand.Deliver.class})
final class NotificationsCommand extends CommandGroup {

    NotificationsCommand() {
        super("Missing command: name one of list, deliver");
    }

    /** {@code northstar notifications list [--status pending]}. */
    @Command(name = "list", description = "Notifications, newest first.")
    static final class ListCommand extends GroupSubcommand {
        @Option(names = "--status", paramLabel = "STATUS", description = "pending, delivered or failed (default: all).")
        private String status;

        @Option(names = "--limit", paramLabel = "N", description = "At most N (default 50).")
        private int limit = 50;

        @Override
        public Integer call() {
            Optional<Notification.Status> wanted = Optional.ofNullable(status).map(NotificationsCommand::status);
            List<Notification> notifications = QualityCommand.withLakeAndStore(root(), (lake, store) ->
                    ReviewCommand.cockpit(root(), lake, store).outbox().list(wanted, Math.max(1, limit)));
            if (notifications.isEmpty()) {
                out().println("No notifications. Budgets with 'notify:' queue one per recipient when they raise an"
                        + " alert.");
                out().flush();
                return 0;
            }
            TextTable table = TextTable.withRightAligned(List.of("CREATED", "STATUS", "TRIES", "RECIPIENT",
                    "SUBJECT", "LAST ERROR"), 2);
            for (Notification notification : notifications) {
                table.add(notification.createdAt().toString(), notification.status().name().toLowerCase(Locale.ROOT),
                        Integer.toString(notification.attempts()), notification.recipient(), notification.subject(),
                        notification.lastError().orElse("-"));
            }
            table.print(out());
            out().flush();
            return 0;
        }
    }

    /** {@code northstar notifications deliver}. */
    @Command(name = "deliver", description = "Queue the open quality incidents for their contracts' support channels,"
            + " then deliver the notifications due now (a running server does both every 30 seconds); failures are"
            + " retried later with backoff.")
    static final class Deliver extends GroupSubcommand {
        @Override
        public Integer call() {
            Notifier.Round round = QualityCommand.withLakeAndStore(root(), (lake, store) -> {
                dev.northstar.cockpit.Cockpit cockpit = ReviewCommand.cockpit(root(), lake, store);
                cockpit.incidentAlerts().enqueueNew();
                return new Notifier(cockpit.outbox(), () -> root().settings(root().initializedHome()),
                        Clock.systemUTC()).deliverDue();
            });
            out().println(String.format(Locale.ROOT, "Delivered %d, retrying later %d, failed for good %d.",
                    round.delivered(), round.retrying(), round.failed()));
            if (round.retrying() + round.failed() > 0) {
                out().println("See why with 'northstar notifications list --status pending' (or failed).");
            }
            out().flush();
            return round.failed() > 0 ? 1 : 0;
        }
    }

    static Notification.Status status(String text) {
        try {
            return Notification.Status.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "--status '" + text + "' is not a status",
                    "Use pending, delivered or failed");
        }
    }
}
