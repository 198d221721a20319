package dev.northstar.cockpit.review;

import static java.util.Objects.requireNonNull;

/**
 * Where to see the facts behind a readiness item.
 *
 * @param label what the link shows
 * @param path a console or API path, e.g. {@code /console/policies}
 */
public record EvidenceLink(String label, String path) {
    public EvidenceLink {
        requireNonNull(label, "label is null");
        requireNonNull(path, "path is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Evidence path must start with '/': " + path);
        }
    }
}
