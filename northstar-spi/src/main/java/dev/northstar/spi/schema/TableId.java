package dev.northstar.spi.schema;

import static java.util.Objects.requireNonNull;

import dev.northstar.spi.error.NorthstarException;

/**
 * A table's identity: its domain (an Iceberg namespace) and its name.
 */
public record TableId(String domain, String name) {
    private static final String IDENTIFIER = "[a-z_][a-z0-9_]*";

    public TableId {
        requireValidDomain(domain);
        requireNonNull(name, "name is null");
        NorthstarException.checkArgument(name.matches(IDENTIFIER),
                "Table name '%s' is invalid: use lower-case letters, digits and underscores", name);
    }

    /** Checks a domain name: lower-case letters, digits and underscores, not starting with a digit. */
    public static String requireValidDomain(String domain) {
        requireNonNull(domain, "domain is null");
        NorthstarException.checkArgument(domain.matches(IDENTIFIER),
                "Domain '%s' is invalid: use lower-case letters, digits and underscores", domain);
        return domain;
    }

    /** Parses {@code domain.table}. */
    public static TableId parse(String text) {
        requireNonNull(text, "text is null");
        int dot = text.indexOf('.');
        NorthstarException.checkArgument(dot > 0 && dot == text.lastIndexOf('.'),
                "Table '%s' must be written domain.table, e.g. retail.orders", text);
        return new TableId(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return domain + "." + name;
    }
}
