package dev.northstar.contracts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version {@code MAJOR.MINOR.PATCH[-pre][+build]} of a contract. Ordered by major, minor, patch, with a
 * pre-release before its release.
 */
public record SemanticVersion(int major, int minor, int patch, String preRelease) implements Comparable<SemanticVersion> {
    private static final Pattern SEMVER =
            Pattern.compile("v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    public SemanticVersion {
        preRelease = preRelease == null ? "" : preRelease;
    }

    /** Parses {@code 1.2.3}, {@code 1.2.3-rc.1}, {@code v1.2.3}; empty when the text is not a semantic version. */
    public static Optional<SemanticVersion> parse(String text) {
        Matcher matcher = SEMVER.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SemanticVersion(Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)), matcher.group(4)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int compared = Integer.compare(major, other.major);
        if (compared == 0) {
            compared = Integer.compare(minor, other.minor);
        }
        if (compared == 0) {
            compared = Integer.compare(patch, other.patch);
        }
        if (compared == 0 && !preRelease.equals(other.preRelease)) {
            if (preRelease.isEmpty()) {
                return 1;
            }
            if (other.preRelease.isEmpty()) {
                return -1;
            }
            compared = preRelease.compareTo(other.preRelease);
        }
        return compared;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
    }
}
