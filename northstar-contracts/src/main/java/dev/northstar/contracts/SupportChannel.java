package dev.northstar.contracts;

/**
 * An ODCS {@code support} entry: where consumers get help.
 *
 * @param channel channel name, e.g. {@code #product-help}
 * @param url link to the channel
 * @param tool slack, teams, email...
 * @param scope interactive, announcements, issues...
 * @param description for humans
 */
public record SupportChannel(String channel, String url, String tool, String scope, String description) {
    public SupportChannel {
        channel = ImmutableValues.text(channel);
        url = ImmutableValues.text(url);
        tool = ImmutableValues.text(tool);
        scope = ImmutableValues.text(scope);
        description = ImmutableValues.text(description);
    }
}
