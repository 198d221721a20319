package dev.northstar.spi.security;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;

/**
 * Who is acting: a user or service, with the attributes access policies read (roles, domains, purposes,
 * clearance, region...).
 *
 * @param name unique principal name
 * @param roles roles, e.g. {@code admin}, {@code engineer}, {@code analyst}, {@code steward}
 * @param attributes free attributes, e.g. {@code domains=retail,finance}, {@code clearance=confidential}
 */
public record Principal(String name, Set<String> roles, Map<String, String> attributes) {
    public Principal {
        requireNonNull(name, "name is null");
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
    }

    public static Principal of(String name, String... roles) {
        return new Principal(name, Set.of(roles), Map.of());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
