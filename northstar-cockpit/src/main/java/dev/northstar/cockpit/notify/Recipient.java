package dev.northstar.cockpit.notify;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.regex.Pattern;

/**
 * Who is told of an alert: an e-mail address, or a webhook named in the configuration. A webhook's URL usually holds
 * a secret (Slack, Teams and PagerDuty put one in the path), so definitions name it ({@code webhook:finops}) and the
 * URL stays in {@code northstar.yaml} or the environment ({@code NORTHSTAR_NOTIFY_WEBHOOKS_FINOPS}), never in a
 * definition, the outbox or a log.
 */
public sealed interface Recipient permits Recipient.Email, Recipient.Webhook {
    /** The prefix of a named webhook. */
    String WEBHOOK_PREFIX = "webhook:";

    /** How to write a recipient, for error messages. */
    String HINT = "Write an e-mail address (cdo@example.org) or a named webhook (webhook:finops) whose URL is set as"
            + " notify.webhooks.finops in northstar.yaml or NORTHSTAR_NOTIFY_WEBHOOKS_FINOPS";

    /** As written in a definition and stored in the outbox. */
    String text();

    /** An e-mail address. */
    record Email(String address) implements Recipient {
        public Email {
            requireNonNull(address, "address is null");
        }

        @Override
        public String text() {
            return address;
        }
    }

    /** A webhook named in the configuration ({@code notify.webhooks.<name>}). */
    record Webhook(String name) implements Recipient {
        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

        public Webhook {
            requireNonNull(name, "name is null");
            if (!NAME.matcher(name).matches()) {
                throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Invalid webhook name '" + name + "'",
                        "Name a webhook with lower-case letters, digits and underscores, starting with a letter"
                                + " (webhook:finops)");
            }
        }

        @Override
        public String text() {
            return WEBHOOK_PREFIX + name;
        }

        /** The configuration key holding the URL. */
        public String settingKey() {
            return "notify.webhooks." + name;
        }
    }

    /** Reads a recipient as written in a definition; a clear error says how to write one otherwise. */
    static Recipient parse(String text) {
        requireNonNull(text, "text is null");
        String trimmed = text.trim();
        if (trimmed.startsWith(WEBHOOK_PREFIX)) {
            return new Webhook(trimmed.substring(WEBHOOK_PREFIX.length()));
        }
        if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "A webhook URL is written in a definition",
                    "Webhook URLs carry secrets: name the webhook (webhook:finops) and set its URL as"
                            + " notify.webhooks.finops in northstar.yaml or NORTHSTAR_NOTIFY_WEBHOOKS_FINOPS");
        }
        try {
            InternetAddress address = new InternetAddress(trimmed, true);
            address.validate();
            if (address.getPersonal() != null || !address.getAddress().contains("@")
                    || !address.getAddress().substring(address.getAddress().indexOf('@') + 1).contains(".")) {
                throw new AddressException("not a plain address with a domain");
            }
            return new Email(address.getAddress());
        } catch (AddressException e) {
            throw new NorthstarException(ErrorCode.INVALID_ARGUMENT, "'" + trimmed + "' is neither an e-mail address"
                    + " nor a named webhook", HINT);
        }
    }
}
